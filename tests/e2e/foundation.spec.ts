// The foundation journey: a first start shows the example board; a user
// starts blank, adds one item of each kind through the accessible names,
// reloads, and finds everything still there.
import { test, expect, openApp, screenshot, axeViolations, PHASES, clickPhase, newBoard, openCard, quoted } from "./fixtures";

test("a first start shows the seed article's example board on the wheel", async ({ page }) => {
  await openApp(page);
  await expect(page.getByLabel("Board title")).toHaveValue("Data factory to data mesh");
  for (const phase of PHASES) {
    await expect(page.getByRole("button", { name: phase.name })).toBeVisible();
  }
  // The wheel shows the phases' names as real text, and the hub the title.
  const wheel = page.getByRole("group", { name: "Value flywheel" });
  await expect(wheel).toContainText("I · Clarity of Purpose");
  await expect(wheel).toContainText("IV · Long-Term Value");
  await expect(wheel).toContainText("Data factory to data mesh");
  await expect(wheel).toContainText("Domains own their data products");
  // Phase I is open with its guidance from the seed article.
  await expect(page.getByRole("heading", { name: "Phase I: Clarity of Purpose" })).toBeVisible();
  await expect(page.getByText("Leadership, executive sponsors and domain experts")).toBeVisible();
  await screenshot(page, "wheel-1920x1080");
});

test("one item of each kind added through the UI survives a reload", async ({ page }) => {
  await openApp(page);
  await newBoard(page);
  await expect(page.getByRole("status")).toContainText(`Started a new board from the ${quoted("Blank")} template`);
  await expect(page.getByLabel("Board title")).toHaveValue("Untitled flywheel");

  await page.getByLabel("Board title").fill("Growth board");
  await page.getByLabel("North star").fill("Every team ships value weekly");

  const titles = ["Win the mid-market", "Slow release train", "Automate the deploy", "Lead time"];
  for (const [index, phase] of PHASES.entries()) {
    await clickPhase(page, phase.name);
    await expect(page.getByRole("heading", { name: phase.name })).toBeVisible();
    await page.getByRole("button", { name: `Add ${phase.kind}`, exact: true }).click();
    // The new item's title field has focus, so the user can type at once.
    await page.keyboard.type(titles[index]);
    await openCard(page, titles[index]);
    await page.getByLabel("Owner", { exact: true }).fill(`Owner ${index + 1}`);
  }
  const wheel = page.getByRole("group", { name: "Value flywheel" });
  for (const title of titles) await expect(wheel).toContainText(title);
  await expect(page.locator(".save-status")).toHaveText("Saved");

  await page.reload();
  await expect(page.getByLabel("Board title")).toHaveValue("Growth board");
  await expect(page.getByLabel("North star")).toHaveValue("Every team ships value weekly");
  for (const title of titles) await expect(wheel).toContainText(title);
  for (const [index, phase] of PHASES.entries()) {
    await clickPhase(page, phase.name);
    const label = phase.kind[0].toUpperCase() + phase.kind.slice(1);
    await expect(page.getByLabel(`${label} title`)).toHaveValue(titles[index]);
    // A closed card sums itself up; opened, it shows the owner's field.
    await expect(page.locator(".card-summary:visible")).toHaveText(`open · Owner ${index + 1} · no links`
      + (phase.kind === "value metric" ? " · no samples yet" : ""));
    await openCard(page, titles[index]);
    await expect(page.getByLabel("Owner")).toHaveValue(`Owner ${index + 1}`);
  }
});

test("axe-core finds no accessibility violations on the editor", async ({ page }) => {
  await openApp(page);
  expect(await axeViolations(page)).toEqual([]);
  // Also with the guidance form open, a fresh item in the list and a card open.
  await clickPhase(page, PHASES[2].name);
  await page.getByRole("button", { name: "Edit guidance" }).click();
  await page.getByRole("button", { name: "Add action", exact: true }).click();
  expect(await axeViolations(page)).toEqual([]);
  // And with a card open, its editors on show.
  await page.locator(".panel").getByRole("button", { name: /^Details: / }).first().click();
  await expect(page.locator(".card-details")).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);
});
