// Editing on the wheel and in the phase panel: keyboard selection of phases,
// reordering, deleting with undo, guidance edits, long titles, and layouts
// from a phone to a 4K screen.
import { test, expect, openApp, screenshot, PHASES, clickPhase, openCard, quoted, newBoard } from "./fixtures";
import type { Page } from "@playwright/test";

test("phases are selected by keyboard: Tab to the wheel, Enter, then arrows", async ({ page }) => {
  await openApp(page);
  const first = page.getByRole("button", { name: PHASES[0].name });
  await first.focus();
  await page.keyboard.press("ArrowRight");
  const second = page.getByRole("button", { name: PHASES[1].name });
  await expect(second).toBeFocused();
  await expect(second).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("heading", { name: PHASES[1].name })).toBeVisible();
  // Left from I wraps round to IV, as the wheel does.
  await first.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("button", { name: PHASES[3].name })).toBeFocused();
  await expect(page.getByRole("heading", { name: PHASES[3].name })).toBeVisible();
  // Enter selects the focused phase.
  await page.getByRole("button", { name: PHASES[2].name }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: PHASES[2].name })).toBeVisible();
  await expect(first).toHaveAttribute("aria-pressed", "false");
});

test("items reorder within their phase, and the order survives a reload", async ({ page }) => {
  await openApp(page);
  await clickPhase(page, PHASES[1].name);
  const titles = page.getByLabel("Challenge title");
  await expect(titles).toHaveCount(3);
  const before = await titles.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  await openCard(page, before[0]);
  await page.getByRole("button", { name: `Move challenge down: ${before[0]}` }).click();
  await expect(titles.nth(0)).toHaveValue(before[1]);
  await expect(titles.nth(1)).toHaveValue(before[0]);
  await openCard(page, before[2]);
  await page.getByRole("button", { name: `Move challenge up: ${before[2]}` }).click();
  const expected = [before[1], before[2], before[0]];
  for (const [i, t] of expected.entries()) await expect(titles.nth(i)).toHaveValue(t);
  // The first item cannot move up and the last cannot move down.
  await openCard(page, expected[0]);
  await expect(page.getByRole("button", { name: `Move challenge up: ${expected[0]}` })).toBeDisabled();
  await openCard(page, expected[2]);
  await expect(page.getByRole("button", { name: `Move challenge down: ${expected[2]}` })).toBeDisabled();
  await expect(page.locator(".save-status")).toHaveText("Saved");
  await page.reload();
  await clickPhase(page, PHASES[1].name);
  for (const [i, t] of expected.entries()) await expect(titles.nth(i)).toHaveValue(t);
});

test("deleting an item can be undone from the message it leaves", async ({ page }) => {
  await openApp(page);
  await clickPhase(page, PHASES[2].name);
  const titles = page.getByLabel("Action title");
  await expect(titles).toHaveCount(2);
  const first = await titles.first().inputValue();
  const second = await titles.nth(1).inputValue();
  await openCard(page, first);
  await page.getByRole("button", { name: `Delete action: ${first}` }).click();
  await expect(titles).toHaveCount(1);
  // Focus moves to the neighbour's card, so keyboard users keep their place.
  await expect(page.locator(".item-card:visible").first()).toBeFocused();
  await expect(page.getByRole("status")).toContainText(`Deleted action ${quoted(first)}`);
  const wheel = page.getByRole("group", { name: "Value flywheel" });
  await expect(wheel).not.toContainText(first.slice(0, 12));
  await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
  await expect(titles).toHaveCount(2);
  await expect(titles.first()).toHaveValue(first);
  await expect(titles.nth(1)).toHaveValue(second);
  await expect(wheel).toContainText(first.slice(0, 12));
});

test("the same words twice are spoken twice: a second goal added, a second undo", async ({ page }) => {
  await openApp(page);
  await clickPhase(page, PHASES[0].name);
  const announcer = page.locator("#announcer");
  const said: string[] = [];
  for (let i = 0; i < 2; i++) {
    await page.getByRole("button", { name: "Add goal", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(announcer).toContainText("Goal added.");
    said.push((await announcer.textContent())!);
  }
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press("Control+z");
    // An undo says what it took back.
    await expect(announcer).toContainText("Undone: goal added.");
    said.push((await announcer.textContent())!);
  }
  // Each differs from the one before, so the live region changes and a
  // screen reader speaks it (the same text again was silent).
  for (let i = 1; i < said.length; i++) expect(said[i]).not.toBe(said[i - 1]);
  expect(said.map((text) => text.trim())).toEqual(["Goal added.", "Goal added.", "Undone: goal added.", "Undone: goal added."]);
  // So does a redo.
  await page.keyboard.press("Control+Shift+z");
  await expect(announcer).toHaveText("Redone: goal added.");
});

test("guidance is editable per board and persists", async ({ page }) => {
  await openApp(page);
  await clickPhase(page, PHASES[3].name);
  await page.getByRole("button", { name: "Edit guidance" }).click();
  await page.getByLabel("People in charge").fill("The platform guild");
  await page.getByLabel("Key tenets (one per line)").fill("Measure what matters\nPrevent problems early");
  // Escape leaves a guidance field for its Done button, as in every other
  // field (it did nothing here); the form stays open.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Done editing guidance" })).toBeFocused();
  await expect(page.getByLabel("People in charge")).toBeVisible();
  await page.getByRole("button", { name: "Done editing guidance" }).click();
  const guidance = page.locator(".guidance:visible");
  await expect(guidance).toContainText("The platform guild");
  await expect(guidance.getByRole("listitem")).toHaveText(["Measure what matters", "Prevent problems early"]);
  await expect(page.locator(".save-status")).toHaveText("Saved");
  await page.reload();
  await clickPhase(page, PHASES[3].name);
  await expect(guidance).toContainText("The platform guild");
  // Other phases keep the seed article's guidance.
  await clickPhase(page, PHASES[0].name);
  await expect(guidance).toContainText("Leadership, executive sponsors and domain experts");

  // Only what a phase has is listed; with nothing, a hint says what could be.
  await page.getByRole("button", { name: "Edit guidance" }).click();
  await page.getByLabel("Key tenets (one per line)").fill("");
  await page.getByLabel("People in charge").fill("");
  await page.getByRole("button", { name: "Done editing guidance" }).click();
  await expect(guidance.locator("dt")).toHaveText(["Goal of this phase"]);
  await page.getByRole("button", { name: "Edit guidance" }).click();
  await page.getByLabel("Goal of this phase").fill("  ");
  await page.getByRole("button", { name: "Done editing guidance" }).click();
  await expect(guidance.locator("dt")).toHaveCount(0);
  await expect(guidance).toContainText("No guidance for this phase yet");
});

test("a very long title is cut on the wheel and never spills out of its phase", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Add goal", exact: true }).click();
  const long = "An extraordinarily long goal title that keeps going ".repeat(4).trim();
  await page.keyboard.type(long);
  const chip = page.locator(".phase-purpose .chip").filter({ hasText: "An extraordinarily" });
  await expect(chip).toHaveCount(1);
  await expect(chip.locator("text").first()).toHaveText(/…$/);
  // The full title is kept as the chip's tooltip.
  await expect(chip.locator("title")).toHaveText(long);
  const inside = await chip.evaluate((g) => {
    const text = g.querySelector("text")!.getBBox();
    const rect = g.querySelector("rect")!.getBBox();
    return text.x >= rect.x && text.x + text.width <= rect.x + rect.width;
  });
  expect(inside, "the chip text stays inside its chip").toBe(true);
});

test("a word longer than its line breaks in the panel and never pushes a list past its edge", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page);
  await newBoard(page);
  // A challenge with one unbroken word, addressed by nothing: its card and
  // the Health tab both show a gap note quoting it.
  await clickPhase(page, "Phase II: Challenge and Landscape");
  await page.getByRole("button", { name: "Add challenge", exact: true }).click();
  await page.keyboard.type("Datawarehousemodernisationprogrammeblockedbylegacyetl_jobs_and_contracts_v2_final");
  await page.keyboard.press("Escape");
  const spills = () =>
    page.evaluate(() => {
      const panel = document.querySelector(".panel")!.getBoundingClientRect();
      return [...document.querySelectorAll(".panel *")]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 0 && box.right > panel.right + 1;
        })
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    });
  await expect(page.locator(".phase-pane:not([hidden]) .gap-note")).toContainText("not addressed by any action");
  expect(await spills()).toEqual([]);
  await page.getByRole("tab", { name: /^Health/ }).click();
  await expect(page.locator(".gap-list")).toContainText("Datawarehouse");
  expect(await spills()).toEqual([]);
});

test("a right-to-left title is shown from its start in its field", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Add goal", exact: true }).click();
  const arabic = "تمكين كل فريق من امتلاك بيانات موثوقة ونشرها كمنتج بيانات موثق قبل نهاية الربع";
  await page.keyboard.type(arabic);
  // dir="auto": the field runs right to left, so its start (the first
  // words) is what shows, not its end.
  const field = page.locator("input.item-title:visible").last();
  expect(await field.evaluate((input) => getComputedStyle(input).direction)).toBe("rtl");
  await expect(page.locator(".phase-purpose .chip").filter({ hasText: "تمكين" })).toHaveCount(1);
});

for (const size of [
  { width: 360, height: 740, name: "phone-360x740" },
  { width: 390, height: 844, name: "phone-390x844" },
  { width: 1366, height: 768, name: "laptop-1366x768" },
  { width: 1024, height: 768, name: "projector-1024x768" },
  { width: 3840, height: 2160, name: "4k-3840x2160" },
]) {
  test(`at ${size.width}×${size.height} the whole wheel is visible with no sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openApp(page);
    const wheel = page.getByRole("group", { name: "Value flywheel" });
    const box = (await wheel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width + 0.5);
    expect(box.width).toBeGreaterThan(Math.min(size.width, size.height) * 0.5);
    // In the first screen, without scrolling: on a phone the top bar packs
    // into a few rows (its captions took 505 px of 844, the wheel ran off
    // the bottom).
    expect(box.y + box.height, "the wheel's bottom in the first screen").toBeLessThanOrEqual(size.height);
    if (size.width <= 480) {
      // Its buttons wrap one by one: at 360x740 five rows, not seven.
      const bar = (await page.locator(".topbar").boundingBox())!;
      expect(bar.height, "the top bar's height on a phone").toBeLessThanOrEqual(0.3 * size.height);
    }
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, "no horizontal scrolling").toBeLessThanOrEqual(size.width);
    for (const phase of PHASES) await expect(page.getByRole("button", { name: phase.name })).toBeVisible();
    // No tab label of the panel breaks over two lines ("Phase / I").
    const broken = await page.locator(".tab").evaluateAll((tabs) =>
      tabs.filter((tab) => {
        const range = document.createRange();
        range.selectNodeContents(tab);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
      }).length,
    );
    expect(broken, "tab labels on one line each").toBe(0);
    await screenshot(page, `wheel-${size.name}`);
  });
}

/** Opens the app and imports a board of 30 goals, "Goal number 1" to 30. */
async function openManyGoals(page: Page) {
  await openApp(page);
  const items = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, kind: "goal", title: `Goal number ${i + 1}` }));
  const text = JSON.stringify({ format: "value-flywheel", version: 3, board: { title: "Many goals", items, next_id: 31 } });
  await page.locator("input[type=file]").setInputFiles({ name: "many.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.getByLabel("Board title")).toHaveValue("Many goals");
}

test("a card moved past the end of its page follows to the next page, with the focus", async ({ page }) => {
  await openManyGoals(page);
  await openCard(page, "Goal number 12");
  await page.getByRole("button", { name: "Move goal down: Goal number 12" }).focus();
  await page.keyboard.press("Enter");
  // It is 13th now, the first card of the second page, and has the focus.
  await expect(page.locator(".page-info:visible")).toHaveText("13–24 of 30");
  await expect(page.locator(".item-card:focus")).toContainText("Goal number 12");
  await expect(page.getByLabel("Goal title").first()).toHaveValue("Goal number 12");
});

test("a long phase shows its cards a page at a time, and an item asked for brings its page", async ({ page }) => {
  await openManyGoals(page);
  const titles = page.getByLabel("Goal title");
  await expect(titles).toHaveCount(12);
  await expect(titles.first()).toHaveValue("Goal number 1");
  await expect(page.getByRole("heading", { name: "Goals (30)" })).toBeVisible();
  await expect(page.locator(".page-info:visible")).toHaveText("1–12 of 30");

  await page.getByRole("button", { name: "Show the next 12 goals" }).click();
  await expect(titles.first()).toHaveValue("Goal number 13");
  await page.getByRole("button", { name: "Show the next 6 goals" }).click();
  await expect(titles).toHaveCount(6);
  await expect(titles.last()).toHaveValue("Goal number 30");
  await page.getByRole("button", { name: "Show the previous 12 goals" }).click();
  await expect(titles.first()).toHaveValue("Goal number 13");

  // Another phase hides this one, cards and all, and coming back finds it
  // on the page it was left on.
  await page.keyboard.press("2");
  await expect(page.getByRole("button", { name: "Add challenge", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add goal", exact: true })).toHaveCount(0);
  await expect(titles.first()).toBeHidden();
  await page.keyboard.press("1");
  await expect(page.locator(".page-info:visible")).toHaveText("13–24 of 30");
  await expect(titles.first()).toHaveValue("Goal number 13");
  await expect(titles.first()).toBeVisible();

  // A goal added on an earlier page joins that page, below its cards and
  // numbered where it stands; going to another page lets it go.
  await page.getByRole("button", { name: "Show the previous 12 goals" }).click();
  await expect(titles.first()).toHaveValue("Goal number 1");
  const cards = page.locator(".item-card:visible");
  await page.getByRole("button", { name: "Add goal", exact: true }).click();
  await expect(page.locator(".page-info:visible")).toHaveText("1–12 of 31, and 1 just added");
  await expect(titles).toHaveCount(13);
  await expect(titles.last()).toBeFocused();
  await expect(cards.last()).toHaveAttribute("value", "31");
  await expect(cards.first()).toHaveAttribute("value", "1");
  await page.keyboard.type("The newest goal");
  await page.keyboard.press("Escape");
  await page.keyboard.press("n");
  await expect(titles).toHaveCount(14);
  await expect(titles.last()).toBeFocused();
  await expect(cards.last()).toHaveAttribute("value", "32");
  await expect(titles.nth(12)).toHaveValue("The newest goal");
  await expect(page.locator(".page-info:visible")).toHaveText("1–12 of 32, and 2 just added");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Show the next 12 goals" }).click();
  await expect(page.locator(".page-info:visible")).toHaveText("13–24 of 32");
  await expect(titles).toHaveCount(12);

  // Walking to an item with the arrow keys brings its card's page into view.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Goals (32)" })).toBeVisible();
  await page.keyboard.press("1");
  for (let i = 0; i < 13; i++) await page.keyboard.press("ArrowDown");
  await expect(page.locator(".item-card:focus .item-title")).toHaveValue("Goal number 13");
  await expect(page.locator(".page-info:visible")).toHaveText("13–24 of 32");
  for (let i = 0; i < 18; i++) await page.keyboard.press("ArrowDown");
  await expect(page.locator(".item-card:focus .item-title")).toHaveValue("The newest goal");
  await expect(page.locator(".page-info:visible")).toHaveText("25–32 of 32");
});

test("an item found in search opens in its kept phase, on its page, with its card focused", async ({ page }) => {
  await openManyGoals(page);
  const titles = page.getByLabel("Goal title");
  await expect(titles.first()).toHaveValue("Goal number 1");
  // Phase I's cards are built; phase II hides them.
  await page.keyboard.press("2");
  await expect(titles.first()).toBeHidden();
  await page.keyboard.press("/");
  await page.keyboard.type("Goal number 20");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: PHASES[0].name })).toBeVisible();
  await expect(page.locator(".page-info:visible")).toHaveText("13–24 of 30");
  await expect(page.locator(".item-card:focus .item-title")).toHaveValue("Goal number 20");
  await expect(page.getByRole("button", { name: "Details: Goal number 20" })).toHaveAttribute("aria-expanded", "true");
  // Hidden, the open card drops its editors; shown again, it is open again.
  await page.locator("body").focus();
  await page.keyboard.press("2");
  await expect(page.locator(".card-details")).toHaveCount(0);
  await page.keyboard.press("1");
  await expect(page.getByRole("button", { name: "Details: Goal number 20" })).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(".card-details")).toHaveCount(1);
});

test("a hidden phase follows what changed while it was hidden", async ({ page }) => {
  await openManyGoals(page);
  const titles = page.getByLabel("Goal title");
  await titles.first().fill("Goal number 1, edited");
  await page.keyboard.press("Escape");
  await expect(page.locator(".save-status")).toHaveText("Saved");
  // In phase II, undo takes back the edit of a goal in phase I, hidden
  // then: phase I must show it once it is back, and the redo after it.
  await page.keyboard.press("2");
  await expect(titles.first()).toBeHidden();
  await page.keyboard.press("Control+z");
  await page.keyboard.press("1");
  await expect(titles.first()).toHaveValue("Goal number 1");
  await expect(page.getByRole("heading", { name: "Goals (30)" })).toBeVisible();
  await page.keyboard.press("2");
  await page.keyboard.press("Control+y");
  await page.keyboard.press("1");
  await expect(titles.first()).toHaveValue("Goal number 1, edited");
});

test("a hidden phase's cards are out of reach: no Tab stop, no accessible node, no height", async ({ page }) => {
  await openManyGoals(page);
  await page.keyboard.press("2");
  await page.getByRole("button", { name: "Add challenge", exact: true }).click();
  const challenge = page.getByLabel("Challenge title");
  await expect(challenge).toBeFocused();
  // Backwards from the new challenge, through the panel and up the page:
  // focus never lands in phase I's kept pane, which comes first in the DOM.
  const inHiddenPane = () => page.evaluate(() => document.activeElement?.closest(".phase-pane[hidden]") !== null);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await inHiddenPane(), `Shift+Tab ${i + 1} left the focus in a hidden pane`).toBe(false);
  }
  // The browser's own accessibility tree has the challenge's title field
  // and none of the goals' (the wheel's chips name the goals, as text).
  const cdp = await page.context().newCDPSession(page);
  type Node = { ignored?: boolean; role?: { value?: string }; name?: { value?: string } };
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: Node[] };
  const fields = nodes
    .filter((node) => !node.ignored && node.role?.value === "textbox")
    .map((node) => String(node.name?.value ?? ""));
  expect(fields).toContain("Challenge title");
  expect(fields.filter((name) => name.startsWith("Goal"))).toEqual([]);
  // Nothing of it shows: the pane has no height.
  const pane = page.locator(".phase-pane[hidden]").first();
  await expect(pane).toBeAttached();
  expect((await pane.boundingBox())?.height ?? 0).toBe(0);
  await expect(page.getByLabel("Goal title").first()).toBeHidden();
  // Back in phase I, its cards are where they were, and take the focus.
  await page.keyboard.press("1");
  const goal = page.getByLabel("Goal title").first();
  await expect(goal).toBeVisible();
  await goal.focus();
  await expect(goal).toBeFocused();
  await expect(goal).toHaveValue("Goal number 1");
});

test("a new item counted in “+N more” lights that chip instead of dimming its whole phase", async ({ page }) => {
  await openManyGoals(page);
  const wheel = page.locator("svg.wheel");
  const more = wheel.locator(".phase-purpose .chip.chip-more");
  await expect(more).toContainText("more");
  await expect(more).not.toHaveClass(/is-related|is-dimmed/);

  // The new goal is lit; it has no chip of its own, so "+N more" shows it.
  await page.getByRole("button", { name: "Add goal", exact: true }).click();
  await expect(wheel).not.toHaveAttribute("aria-busy", "true");
  await expect(more).toHaveClass(/is-related/);
  await expect(more).not.toHaveClass(/is-dimmed/);
  await expect(wheel.locator(".phase-purpose .chip:not(.chip-more).is-dimmed").first()).toBeVisible();

  // Pointing at a goal that has its own chip lights that chip, not "+N more".
  await wheel.locator(".chip", { hasText: "Goal number 1" }).first().hover();
  await expect(wheel.locator(".chip.is-related")).toHaveCount(1);
  await expect(more).toHaveClass(/is-dimmed/);
});
