// The flywheel's own logic, as a user meets it: a value metric with
// samples and a chart, a link to its goal that closes a gap, tracing a goal
// to what is linked to it, and recording and comparing spins.
import type { Page } from "@playwright/test";
import { test, expect, openApp, clickPhase, screenshot, axeViolations, PHASES, newBoard, openCard, quoted } from "./fixtures";

// Two device pixels per CSS pixel, as on a projector or a high-DPI laptop.
test.use({ deviceScaleFactor: 2 });

/** The date `days` days before today, as YYYY-MM-DD, in the browser's time zone. */
function daysAgo(days: number) {
  const date = new Date();
  date.setDate(date.getDate() - days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** How many pixels of a canvas differ from its top-left (background) pixel. */
async function inkedPixels(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext("2d")!;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) inked += 1;
    }
    return { inked, total: data.length / 4, width: canvas.width, cssWidth: canvas.clientWidth };
  });
}

/** A new board with one value metric, its card open at "Paste samples". */
async function newMetricCard(page: Page, title: string) {
  await openApp(page);
  await newBoard(page);
  await clickPhase(page, PHASES[3].name);
  await page.getByRole("button", { name: "Add value metric", exact: true }).click();
  await page.keyboard.type(title);
  await openCard(page, title);
  const card = page.locator(".item-card", { has: page.getByLabel("Value metric title") });
  await card.getByText("Paste samples").click();
  return card;
}

test("numbers as spreadsheets write them: digit groups are read, an ambiguous comma is refused, big and small values read plainly", async ({
  page,
}) => {
  const card = await newMetricCard(page, "Revenue");
  const [d1, d2, d3, d4] = [daysAgo(40), daysAgo(30), daysAgo(20), daysAgo(10)];
  // "2,500" was read as 2.5 and "1,000" as 1; a note lost its quote marks.
  await card
    .getByLabel("Samples to paste")
    .fill(`${d1}\t2,500\n${d2}\t1,000,000\n${d3}\t7\n${d3}\t1,250.75\t"Quoted" start, and "end"`);
  await card.getByRole("button", { name: "Add pasted samples" }).click();
  await expect(card.getByRole("alert")).toContainText(
    `Line 1: ${quoted("2,500")} could mean 2500 or 2.500: type it without the comma, or with a dot`,
  );
  await expect(page.getByRole("status")).toContainText(
    "Added 2 samples. 1 line replaced the sample of a day that already had one. 1 line could not be read; it is left in the box.",
  );
  await expect(card.getByLabel(`Value on ${d2}`)).toHaveValue("1000000");
  await expect(card.getByLabel(`Value on ${d3}`)).toHaveValue("1250.75");
  await expect(card.getByLabel(`Note on ${d3}`)).toHaveValue('"Quoted" start, and "end"');

  // A mistyped value is refused; once it is put right, the error goes.
  await card.getByLabel(`Value on ${d3}`).fill("2O");
  await card.getByLabel(`Value on ${d3}`).press("Tab");
  await expect(page.getByRole("alert").filter({ hasText: "is not a number" })).toBeVisible();
  await card.getByLabel(`Value on ${d3}`).fill("20.5");
  await card.getByLabel(`Value on ${d3}`).press("Tab");
  await expect(page.getByRole("alert").filter({ hasText: "is not a number" })).toHaveCount(0);

  // Big and small values: whole in the field, short on the wheel, never in e-notation.
  await card.getByLabel("Date of the new sample").fill(d4);
  await card.getByLabel("Value of the new sample").fill("1500000000000");
  await card.getByRole("button", { name: "Add sample" }).click();
  await expect(card.getByLabel(`Value on ${d4}`)).toHaveValue("1500000000000");
  await expect(page.locator(".phase-value .chip", { hasText: "Revenue" })).toContainText("1.5T");
  await card.getByLabel(`Value on ${d4}`).fill("0.00025");
  await card.getByLabel(`Value on ${d4}`).press("Tab");
  await expect(card.getByLabel(`Value on ${d4}`)).toHaveValue("0.00025");
  await expect(page.locator(".phase-value .chip", { hasText: "Revenue" })).toContainText("0.00025");
  await expect(page.locator(".phase-value .chip", { hasText: "Revenue" })).not.toContainText("e-");
  await page.reload();
  await clickPhase(page, PHASES[3].name);
  await openCard(page, "Revenue");
  await expect(card.getByLabel(`Value on ${d2}`)).toHaveValue("1000000");
  await expect(card.getByLabel(`Value on ${d4}`)).toHaveValue("0.00025");
  await screenshot(page, "metric-big-and-small");
});

test("a metric with samples is charted, linked to its goal, traced on the wheel and recorded in a spin", async ({
  page,
}) => {
  await openApp(page);
  await newBoard(page);
  await page.getByLabel("Board title").fill("Delivery flywheel");

  // A goal, which has a gap: nothing measures it yet.
  await clickPhase(page, PHASES[0].name);
  await page.getByRole("button", { name: "Add goal", exact: true }).click();
  await page.keyboard.type("Cut lead time");
  await expect(page.locator(".gap-note:visible")).toContainText(`Goal ${quoted("Cut lead time")} has no value metric measuring it.`);
  const goalChip = page.locator(".phase-purpose .chip", { hasText: "Cut lead time" });
  await expect(goalChip).toHaveClass(/has-gap/);

  // A value metric with a unit, a direction and a target.
  await clickPhase(page, PHASES[3].name);
  await page.getByRole("button", { name: "Add value metric", exact: true }).click();
  await page.keyboard.type("Lead time");
  await openCard(page, "Lead time");
  const card = page.locator(".item-card", { has: page.getByLabel("Value metric title") });
  await card.getByLabel("Unit").fill("days");
  await card.getByLabel("Better when").selectOption("lower");
  await card.getByLabel("Target", { exact: true }).fill("5");
  await card.getByLabel("Target", { exact: true }).press("Tab");

  // Samples pasted from a spreadsheet; the unreadable line is reported.
  await card.getByText("Paste samples").click();
  // Dates relative to today, so the metric is never stale whenever this runs.
  const [d1, d2, d3, d4] = [daysAgo(80), daysAgo(50), daysAgo(20), daysAgo(5)];
  await card.getByLabel("Samples to paste").fill(`${d1}\t20\n${d2}\t15\nnot a date\t3\n${d3},12`);
  await card.getByRole("button", { name: "Add pasted samples" }).click();
  await expect(card.getByRole("alert")).toContainText(`Line 3: ${quoted("not a date")} is not a date`);
  await expect(page.getByRole("status")).toContainText("Added 3 samples");
  await expect(card.getByLabel("Samples to paste")).toHaveValue("not a date\t3");
  await expect(card.locator("table.samples tbody tr")).toHaveCount(4); // three samples and the "new" row
  // One more, by hand.
  await card.getByLabel("Date of the new sample").fill(d4);
  await card.getByLabel("Value of the new sample").fill("9,5");
  await card.getByRole("button", { name: "Add sample" }).click();
  await expect(card.getByLabel(`Value on ${d4}`)).toHaveValue("9.5");

  // The chart is drawn, at the device pixel ratio, and says what it shows.
  const chart = card.locator("canvas.metric-chart");
  await expect(chart).toHaveAttribute(
    "aria-label",
    `Chart of Lead time: 4 samples from ${d1} to ${d4}, latest 9.5 days, target 5 days.`,
  );
  await expect.poll(async () => (await inkedPixels(page, "canvas.metric-chart")).inked).toBeGreaterThan(2_000);
  const pixels = await inkedPixels(page, "canvas.metric-chart");
  expect(pixels.width).toBe(pixels.cssWidth * 2);
  // On the wheel, the metric's chip shows its trend and latest value.
  const metricChip = page.locator(".phase-value .chip", { hasText: "Lead time" });
  await expect(metricChip).toContainText("↘ 9.5 days · target 5");
  await screenshot(page, "metric-editor");

  // Linking the metric to the goal closes the goal's gap.
  await card.getByRole("button", { name: "Link to…" }).click();
  await expect(card.getByLabel("Link Lead time to")).toBeFocused();
  await card.getByLabel("Link Lead time to").selectOption({ label: "Cut lead time" });
  await card.getByRole("button", { name: "Add link" }).click();
  await expect(card.locator(".link-row")).toContainText("measures");
  await expect(card.locator(".link-row")).toContainText("Cut lead time");
  await expect(goalChip).not.toHaveClass(/has-gap/);
  await page.getByRole("tab", { name: /^Health/ }).click();
  await expect(page.locator(".health")).toContainText("No gaps: every part of the wheel is connected.");
  await expect(page.locator(".momentum-value")).toHaveText("100%");
  await expect(page.getByText("How momentum is worked out")).toBeVisible();

  // Selecting the goal lights up its metric across the wheel.
  await goalChip.click();
  await expect(page.getByRole("heading", { name: PHASES[0].name })).toBeVisible();
  // Its card opens, with its editors; the other cards stay closed.
  await expect(page.getByRole("button", { name: "Details: Cut lead time" })).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(".panel .card-details")).toHaveCount(1);
  await expect(goalChip).toHaveClass(/is-focus/);
  await expect(metricChip).toHaveClass(/is-related/);
  await expect(page.locator(".phase-landscape .chip.is-related")).toHaveCount(0);
  await screenshot(page, "trace-goal");

  // A spin records the board, and shows up in the history.
  await page.getByRole("tab", { name: /^Spins/ }).click();
  await page.getByLabel("Spin name").fill("Q4 kick-off");
  await page.getByLabel("Spin note").fill("First turn of the wheel");
  // A look at another tab loses nothing typed.
  await page.getByRole("tab", { name: /^Phase/ }).click();
  await page.getByRole("tab", { name: /^Spins/ }).click();
  await expect(page.getByLabel("Spin name")).toHaveValue("Q4 kick-off");
  await expect(page.getByLabel("Spin note")).toHaveValue("First turn of the wheel");
  await page.getByRole("button", { name: "Complete spin" }).click();
  const history = page.locator(".spin-list");
  await expect(history).toContainText("Q4 kick-off");
  await expect(history).toContainText("First turn of the wheel");
  await expect(page.getByRole("tab", { name: "Spins (1)" })).toBeVisible();

  // After the spin the metric improves today (the new sample's date is
  // today by default); comparing shows the delta.
  await clickPhase(page, PHASES[3].name);
  await openCard(page, "Lead time");
  await card.getByLabel("Value of the new sample").fill("6");
  await card.getByRole("button", { name: "Add sample" }).click();
  await page.getByRole("tab", { name: /^Spins/ }).click();
  await page.getByLabel(/^From/).selectOption("1"); // spin number 1
  const diff = page.locator(".diff");
  await expect(diff).toContainText("From Q4 kick-off to Now");
  await expect(diff.locator("table.deltas tbody tr")).toHaveText(/Lead time\s*9\.5 days\s*6 days\s*-3\.5 days/);
  // A unit changed since the spin: each figure keeps its own unit, and
  // 9.5 days and 6 hours are not subtracted.
  await clickPhase(page, PHASES[3].name);
  await card.getByLabel("Unit").fill("hours");
  await card.getByLabel("Unit").press("Tab");
  await page.getByRole("tab", { name: /^Spins/ }).click();
  await page.getByLabel(/^From/).selectOption("1");
  await expect(diff.locator("table.deltas tbody tr")).toHaveText(/Lead time\s*9\.5 days\s*6 hours\s*unit changed/);
  await expect(diff.getByRole("listitem").filter({ hasText: "Value metric: Lead time" })).toHaveText(
    `Value metric: Lead time (unit ${quoted("days")} → ${quoted("hours")})`,
  );
  await clickPhase(page, PHASES[3].name);
  await card.getByLabel("Unit").fill("days");
  await card.getByLabel("Unit").press("Tab");
  await page.getByRole("tab", { name: /^Spins/ }).click();
  await page.getByLabel(/^From/).selectOption("1");
  await expect(diff.locator("table.deltas tbody tr")).toHaveText(/-3\.5 days/);

  // A past spin can be shown on the wheel, read-only. A notice's Undo,
  // which would act on the board out of sight, goes when it shows.
  await clickPhase(page, PHASES[3].name);
  await card.getByLabel("Value of the new sample").fill("6");
  await card.getByRole("button", { name: "Add sample" }).click();
  await expect(page.getByRole("status").getByRole("button", { name: "Undo" })).toBeVisible();
  await page.getByRole("tab", { name: /^Spins/ }).click();
  await page.getByRole("button", { name: "View on wheel: Q4 kick-off" }).click();
  await expect(page.getByRole("status").filter({ hasText: "read-only" })).toContainText("Showing Q4 kick-off");
  await expect(page.locator(".messages").getByRole("button", { name: "Undo" })).toHaveCount(0);
  // Nor can the top bar's Undo change the board out of sight.
  await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeDisabled();
  await expect(metricChip).toContainText("9.5 days");
  await screenshot(page, "spin-view");
  expect(await axeViolations(page)).toEqual([]);
  // The phase keys look around the spin; keys that edit do nothing.
  await page.locator("body").focus();
  await page.keyboard.press("1");
  await expect(page.getByRole("heading", { name: PHASES[0].name })).toBeVisible();
  await page.keyboard.press("n");
  await page.keyboard.press("4");
  await expect(page.getByRole("heading", { name: PHASES[3].name })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "read-only" })).toContainText("Showing Q4 kick-off");
  await page.getByRole("button", { name: "Back to now" }).first().click();
  await expect(metricChip).toContainText("6 days");
  await expect(page.locator(".phase-purpose .chip")).toHaveCount(1);
  // The focus goes to the tab on show, not to the page.
  await expect(page.getByRole("tab", { selected: true })).toBeFocused();

  // Everything survives a reload.
  await page.reload();
  await page.getByRole("tab", { name: "Spins (1)" }).click();
  await expect(page.locator(".spin-list")).toContainText("Q4 kick-off");
  await clickPhase(page, PHASES[3].name);
  await openCard(page, "Lead time");
  await expect(card.locator(".link-row")).toContainText("Cut lead time");
  await expect(card.getByLabel(`Value on ${d1}`)).toHaveValue("20");
});

// Audit: a year of monthly samples showed one x label, a date after the
// data; at 200 % text the editor spilled past its card and the table's
// "Value" and "Note" headings touched.
test("a year of monthly samples is labelled by month, and the metric editor fits its card at 200 % text", async ({
  page,
}) => {
  const card = await newMetricCard(page, "Lead time");
  const months = Array.from({ length: 12 }, (_, m) => `2025-${String(m + 1).padStart(2, "0")}-01\t${20 + 3 * m}`);
  await card.getByLabel("Samples to paste").fill(months.join("\n"));
  await card.getByRole("button", { name: "Add pasted samples" }).click();
  await expect(page.getByRole("status")).toContainText("Added 12 samples");

  const chart = card.locator("canvas.metric-chart");
  const labels = async () => ((await chart.getAttribute("data-x-labels")) ?? "").split("|").filter(Boolean);
  const monthOf2025 = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 2025$/;
  await expect.poll(async () => (await labels()).length).toBeGreaterThanOrEqual(3);
  const normal = await labels();
  for (const label of normal) expect(label).toMatch(monthOf2025);

  // 200 % text: the chart redraws with larger (so fewer) labels, still
  // months of the data, and nothing in the editor passes its right edge.
  const larger = page.getByRole("button", { name: "Larger text" });
  while ((await page.locator(".text-size").textContent())?.includes("200%") !== true) await larger.click();
  await expect.poll(async () => (await labels()).length).toBeLessThan(normal.length);
  const large = await labels();
  expect(large.length).toBeGreaterThanOrEqual(2);
  for (const label of large) expect(label).toMatch(monthOf2025);
  await chart.scrollIntoViewIfNeeded();
  const layout = await card.locator(".metric-editor").evaluate((editor) => {
    const right = (element: Element) => element.getBoundingClientRect().right;
    const headings = [...editor.querySelectorAll(".samples th")].map((th) => {
      const range = document.createRange();
      range.selectNodeContents(th);
      const box = range.getBoundingClientRect();
      return { left: box.left, right: box.right, top: box.top };
    });
    const [, value, note] = headings;
    return {
      overflow: editor.scrollWidth - editor.clientWidth,
      spill: Math.max(...[...editor.querySelectorAll("*")].map(right)) - right(editor),
      cardSpill: right(editor) - right(editor.closest(".item-card")!),
      headingGap: value.top === note.top ? note.left - value.right : Infinity,
    };
  });
  expect(layout.overflow).toBeLessThanOrEqual(0);
  expect(layout.spill).toBeLessThanOrEqual(0.5);
  expect(layout.cardSpill).toBeLessThanOrEqual(0);
  expect(layout.headingGap).toBeGreaterThanOrEqual(4);
  await screenshot(page, "metric-editor-200");
});

test("removing a link brings the gap back, and undo puts the link back", async ({ page }) => {
  await openApp(page);
  // The example board links "Time from business question to insight" to its goal.
  await clickPhase(page, PHASES[3].name);
  await openCard(page, "Time from business question to insight");
  await page.getByRole("button", { name: "Remove link: measures Align data initiatives with business outcomes" }).click();
  await expect(page.getByRole("status")).toContainText("Link removed");
  await page.getByRole("tab", { name: /^Health/ }).click();
  await expect(page.locator(".gap-list")).toContainText(
    `Goal ${quoted("Align data initiatives with business outcomes")} has no value metric measuring it.`,
  );
  await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
  await expect(page.locator(".health")).not.toContainText("Align data initiatives");
});
