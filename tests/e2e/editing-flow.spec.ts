// Editing that flows: a whole journey by keyboard alone, drag and drop on
// the wheel, the outline view, and accessibility checks of every dialog.
import type { Page } from "@playwright/test";
import { test, expect, openApp, screenshot, axeViolations, PHASES, quoted } from "./fixtures";

/** Counts pointer presses, to prove a journey used no mouse at all. */
async function countPresses(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { __presses: number }).__presses = 0;
    for (const type of ["mousedown", "pointerdown", "touchstart"]) {
      window.addEventListener(type, () => ((window as unknown as { __presses: number }).__presses += 1), true);
    }
  });
}

const presses = (page: Page) => page.evaluate(() => (window as unknown as { __presses: number }).__presses);

/** Types into the field that has focus, then leaves it for its item's card. */
async function typeAndLeave(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press("Escape");
}

test("a whole journey by keyboard alone: template, items, links, reorder, delete, undo, redo, search, reload", async ({
  page,
}) => {
  await countPresses(page);
  await openApp(page);

  // A new board from the Value Flywheel template.
  await page.getByRole("button", { name: "New board", exact: true }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New board" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: /^Value Flywheel/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText(`from the ${quoted("Value Flywheel")} template`);
  await expect(page.locator(".guidance:visible")).toContainText("CEO");
  await page.locator("body").focus();

  // One item of each kind: a digit picks the phase, N adds, Esc leaves the title.
  const titles = ["Grow revenue", "Slow releases", "Automate deploys", "Deploy frequency"];
  for (const [index, title] of titles.entries()) {
    await page.keyboard.press(String(index + 1));
    await expect(page.getByRole("heading", { name: PHASES[index].name })).toBeVisible();
    await page.keyboard.press("n");
    await expect(page.locator("input.item-title:visible").last()).toBeFocused();
    await typeAndLeave(page, title);
    await expect(page.locator(".item-card:visible").last()).toBeFocused();
  }
  const wheel = page.getByRole("group", { name: "Value flywheel" });
  for (const title of titles) await expect(wheel).toContainText(title);

  // Link the action to the challenge it addresses: L opens the picker.
  await page.keyboard.press("3");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator(".item-card:visible").first()).toBeFocused();
  await page.keyboard.press("l");
  const actionPicker = page.getByLabel("Link Automate deploys to");
  await expect(actionPicker).toBeFocused();
  await page.keyboard.type("Slow");
  await expect(actionPicker).toHaveValue(/\d+/);
  // Enter in the picker adds the link chosen by typing.
  await page.keyboard.press("Enter");
  await expect(page.locator(".link-row")).toContainText("addresses");
  await expect(page.locator(".link-row")).toContainText("Slow releases");

  // Link the challenge to the goal it blocks, with the Add link button.
  await page.locator("body").focus();
  await page.keyboard.press("2");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("l");
  await expect(page.getByLabel("Link Slow releases to")).toBeFocused();
  await page.keyboard.type("Grow");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Add link" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator(".link-row", { hasText: "blocks" })).toContainText("Grow revenue");

  // A second goal, moved above the first with Alt+↑.
  await page.locator("body").focus();
  await page.keyboard.press("1");
  await page.keyboard.press("n");
  await typeAndLeave(page, "Cut costs");
  const goalTitles = page.getByLabel("Goal title");
  await expect(goalTitles).toHaveCount(2);
  await page.keyboard.press("Alt+ArrowUp");
  await expect(goalTitles.nth(0)).toHaveValue("Cut costs");
  await expect(goalTitles.nth(1)).toHaveValue("Grow revenue");
  await expect(page.locator(".item-card:visible").first()).toBeFocused();

  // Delete it; focus moves to its neighbour. Undo, redo, undo.
  await page.keyboard.press("Delete");
  await expect(goalTitles).toHaveCount(1);
  await expect(page.locator(".item-card:visible").first()).toBeFocused();
  await page.keyboard.press("Control+z");
  await expect(goalTitles).toHaveCount(2);
  await expect(goalTitles.nth(0)).toHaveValue("Cut costs");
  await page.keyboard.press("Control+Shift+z");
  await expect(goalTitles).toHaveCount(1);
  await page.keyboard.press("Control+y");
  await expect(page.locator("#announcer")).toContainText("Nothing to redo");
  await page.keyboard.press("Control+z");
  await expect(goalTitles).toHaveCount(2);

  // Typing is one undo step per run, not one per letter.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(goalTitles.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.type(" fast");
  await page.keyboard.press("Escape");
  await expect(goalTitles.nth(1)).toHaveValue("Grow revenue fast");
  await page.keyboard.press("Control+z");
  await expect(goalTitles.nth(1)).toHaveValue("Grow revenue");

  // Search: / focuses the box; matches light up on the wheel.
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search")).toBeFocused();
  await page.keyboard.type("deploy");
  await expect(page.locator(".search-count")).toHaveText("2 items match.");
  await expect(wheel.locator(".chip.is-related")).toHaveCount(2);
  await expect(wheel.locator(".chip.is-dimmed")).toHaveCount(3);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: PHASES[2].name })).toBeVisible();
  await page.locator("body").focus();
  await page.keyboard.press("Escape");
  await expect(wheel.locator(".chip.is-dimmed")).toHaveCount(0);

  // The help overlay says how to start, then lists the shortcuts; Esc closes it.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Help and keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByRole("heading", { name: "Getting started" })).toBeVisible();
  await expect(help.getByRole("listitem").filter({ hasText: "Link the items" })).toContainText("Health lists what is missing.");
  await expect(help).toContainText("Alt + ↑ / Alt + ↓");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // Everything survives a reload, and undo still works.
  await expect(page.locator(".save-status")).toHaveText("Saved");
  await page.reload();
  await page.locator("body").focus();
  for (const title of [...titles, "Cut costs"]) await expect(wheel).toContainText(title);
  await expect(page.getByRole("button", { name: "Undo" })).toBeEnabled();
  await page.keyboard.press("1");
  await expect(goalTitles.nth(0)).toHaveValue("Cut costs");
  // The newest step left is the move of "Cut costs" above "Grow revenue".
  await page.keyboard.press("Control+z");
  await expect(goalTitles.nth(0)).toHaveValue("Grow revenue");
  await expect(goalTitles.nth(1)).toHaveValue("Cut costs");
  // After the reload the cards are closed; D opens the selected one.
  await page.keyboard.press("2");
  await expect(page.locator(".link-row")).toHaveCount(0);
  await expect(page.locator(".card-summary:visible")).toHaveText("open · 2 links");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("d");
  await expect(page.getByRole("button", { name: "Details: Slow releases" })).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(".link-row", { hasText: "blocks" })).toContainText("Grow revenue");
  await page.keyboard.press("d");
  await expect(page.locator(".link-row")).toHaveCount(0);

  expect(await presses(page), "no mouse, pen or touch was used").toBe(0);
});

/** The centre of a chip on the wheel, found by its text. */
async function chipCentre(page: Page, text: string) {
  // The wheel's chips follow an edit once the board settles (aria-busy
  // until then): measure where they will stay, not where they were.
  await expect(page.locator("svg.wheel")).not.toHaveAttribute("aria-busy", "true");
  const box = (await page.locator(".chip", { hasText: text }).locator("rect").boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function drag(page: Page, from: string, to: string) {
  const start = await chipCentre(page, from);
  const end = await chipCentre(page, to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 10, start.y + 10, { steps: 3 });
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

test("no keyboard action drops the focus to the page: moves, links, phase keys, the Boards dialog, leaving a presentation", async ({
  page,
}) => {
  await openApp(page);
  // Blank template: a board of our own, with two goals and a challenge.
  await page.getByRole("button", { name: "New board", exact: true }).click();
  await page.getByRole("dialog", { name: "New board" }).getByRole("button", { name: /^Blank/ }).click();
  await page.locator("body").focus();
  for (const [phase, title] of [["1", "First goal"], ["1", "Second goal"], ["2", "A challenge"]]) {
    await page.keyboard.press(phase);
    await page.keyboard.press("n");
    await typeAndLeave(page, title);
  }
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName);

  // A phase key pressed on a card of another phase: focus goes to the new
  // phase's "Add …" button, not to the page.
  await expect(page.locator(".item-card:visible", { hasText: "" }).last()).toBeFocused();
  await page.keyboard.press("1");
  await expect(page.getByRole("button", { name: "Add goal", exact: true })).toBeFocused();

  // "Move down" on the first goal: the card moves, then the button is at
  // its end (disabled), so focus goes to the moved card.
  await page.locator(".item-card:visible").first().focus();
  await page.keyboard.press("d");
  const down = page.getByRole("button", { name: "Move goal down: First goal" });
  await down.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Goal title").nth(1)).toHaveValue("First goal");
  await expect(page.locator(".item-card:visible").nth(1)).toBeFocused();
  // "Move up" stays on its button while it can go on.
  await page.getByRole("button", { name: "Move goal up: First goal" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Goal title").nth(0)).toHaveValue("First goal");
  expect(await focused()).not.toBe("BODY");

  // The link picker: Esc, Add link and removing the link each leave the
  // focus on "Link to…".
  const card = page.locator(".item-card:visible", { has: page.getByRole("button", { name: "Move goal up: First goal" }) });
  const linkTo = card.getByRole("button", { name: "Link to…" });
  await linkTo.focus();
  await page.keyboard.press("Enter");
  await expect(card.getByLabel("Link First goal to")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(linkTo).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.type("A chall");
  await page.keyboard.press("Enter");
  await expect(card.locator(".link-row")).toContainText("A challenge");
  await expect(linkTo).toBeFocused();
  await card.getByRole("button", { name: /^Remove link: / }).focus();
  await page.keyboard.press("Enter");
  await expect(card.locator(".link-row")).toHaveCount(0);
  await expect(linkTo).toBeFocused();

  // The Boards dialog: renaming and deleting keep the focus in the dialog.
  await page.getByRole("button", { name: /^Boards/ }).click();
  const boards = page.getByRole("dialog", { name: "Boards" });
  // Escape in the name field gives up the rename, and the focus goes back
  // to Rename (it fell to the page).
  await boards.getByRole("button", { name: /^Rename board: Untitled/ }).click();
  await page.keyboard.press("Escape");
  await expect(boards.getByRole("button", { name: /^Rename board: Untitled/ })).toBeFocused();
  await expect(boards).toBeVisible();
  await boards.getByRole("button", { name: /^Rename board: Untitled/ }).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("Renamed");
  await page.keyboard.press("Enter");
  await expect(boards.getByRole("button", { name: "Open board: Renamed" })).toBeFocused();
  await boards.getByRole("button", { name: "Delete board: Data factory to data mesh" }).focus();
  await page.keyboard.press("Enter");
  await expect(boards.getByRole("button", { name: "Open board: Renamed" })).toBeFocused();
  await page.keyboard.press("Escape");

  // Leaving a presentation with Esc: focus goes to "Present".
  await page.locator("body").focus();
  await page.keyboard.press("p");
  await expect(page.getByRole("region", { name: "Presentation" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Present" })).toBeFocused();
});

test("Esc, Enter, D, undo and redo leave the focus where the keys work on: never on the page", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "New board", exact: true }).click();
  await page.getByRole("dialog", { name: "New board" }).getByRole("button", { name: /^Blank/ }).click();
  await page.locator("body").focus();
  const onPage = () => page.evaluate(() => document.activeElement === document.body);
  const cards = page.locator(".item-card:visible");

  // Enter in a new item's title leaves it for its card, like Esc.
  for (const title of ["First", "Second", "Third"]) {
    await page.keyboard.press("n");
    await page.keyboard.type(title);
    await page.keyboard.press("Enter");
    await expect(cards.last()).toBeFocused();
  }
  await expect(page.getByLabel("Goal title")).toHaveCount(3);

  // Esc on a selected card clears the selection and keeps the card focused.
  await page.keyboard.press("ArrowUp");
  await expect(cards.nth(1)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.locator(".item-card.highlighted")).toHaveCount(0);
  await expect(cards.nth(1)).toBeFocused();

  // Delete, undo, redo: the focus stays on a card each time.
  await page.keyboard.press("ArrowDown");
  await expect(cards.nth(2)).toBeFocused();
  await page.keyboard.press("Delete");
  await expect(page.getByLabel("Goal title")).toHaveCount(2);
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("Goal title")).toHaveCount(3);
  await expect(cards.nth(2)).toBeFocused();
  await page.keyboard.press("Control+Shift+z");
  await expect(page.getByLabel("Goal title")).toHaveCount(2);
  await expect(cards.nth(1)).toBeFocused();
  expect(await onPage()).toBe(false);
  // Undoing an add takes away the focused card: its neighbour takes it.
  await page.keyboard.press("n");
  await page.keyboard.type("Temporary");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("Goal title")).toHaveCount(2);
  await expect(cards.nth(1)).toBeFocused();

  // D from a control inside the details closes them and focuses the card.
  await page.keyboard.press("d");
  const toggle = page.getByRole("button", { name: "Details: Second" });
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await cards.nth(1).getByRole("button", { name: "Link to…" }).focus();
  await page.keyboard.press("d");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(cards.nth(1)).toBeFocused();

  // Search: the first Esc clears it, the next leaves the field for the
  // selected item; keys then act again ("o" switches to the outline).
  await page.keyboard.press("/");
  await expect(page.locator("#search")).toBeFocused();
  await page.keyboard.type("Fir");
  await page.keyboard.press("Escape");
  await expect(page.locator("#search")).toHaveValue("");
  await expect(page.locator("#search")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(cards.nth(1)).toBeFocused();
  // The board's title: Enter leaves it too, with nothing selected for the
  // selected phase on the wheel.
  await page.keyboard.press("Escape");
  await page.getByLabel("Board title").focus();
  await page.keyboard.press("End");
  await page.keyboard.type(" plan");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Phase I: Clarity of Purpose" })).toBeFocused();
  await expect(page.getByLabel("Board title")).toHaveValue("Untitled flywheel plan");
  await page.keyboard.press("o");
  await expect(page.locator(".outline")).toBeVisible();
});

test("Esc from a button in a card goes back to the card, and ↑/↓ reach the items from a card's buttons and the top bar", async ({
  page,
}) => {
  await openApp(page);
  await page.locator("body").focus();
  await page.keyboard.press("1");
  await page.keyboard.press("ArrowDown");
  const cards = page.locator(".item-card:visible");
  await expect(cards.nth(0)).toBeFocused();
  await page.keyboard.press("d");
  const linkTo = cards.nth(0).getByRole("button", { name: "Link to…" });
  await linkTo.focus();
  await page.keyboard.press("Escape");
  await expect(cards.nth(0)).toBeFocused();
  await linkTo.focus();
  await page.keyboard.press("ArrowDown");
  await expect(cards.nth(1)).toBeFocused();
  // From the top bar, where a closed dialog leaves the focus.
  await page.getByRole("button", { name: "Export", exact: true }).focus();
  await page.keyboard.press("ArrowUp");
  await expect(cards.nth(0)).toBeFocused();
});

test("after Esc lets go of the selection, the keys still act on the card the focus is on; O keeps the focus in the view", async ({
  page,
}) => {
  await openApp(page);
  await page.locator("body").focus();
  await page.keyboard.press("2");
  await page.keyboard.press("ArrowDown");
  const card = page.locator(".item-card:visible").first();
  await expect(card).toBeFocused();
  const title = await card.locator("input.item-title").inputValue();
  await page.keyboard.press("Escape");
  await expect(page.locator(".item-card.highlighted")).toHaveCount(0);
  await expect(card).toBeFocused();
  // D opens its details, E goes straight into its title, Delete deletes it:
  // each of these did nothing once Esc had cleared the selection.
  await page.keyboard.press("d");
  await expect(card.getByRole("button", { name: "Link to…" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.keyboard.press("e");
  await expect(card.locator("input.item-title")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(card).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Delete");
  await expect(page.getByRole("status").filter({ hasText: "Deleted challenge" })).toContainText(title.slice(0, 20));
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);

  // The pointer resting on another card lights that one up; Delete still
  // deletes the card with the focus (it deleted the one under the pointer).
  const focused = page.locator(".item-card:focus");
  await expect(focused).toHaveCount(1);
  const kept = await focused.locator("input.item-title").inputValue();
  const cards = page.locator(".item-card:visible");
  const titles = await cards.locator("input.item-title").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const other = titles.findIndex((t) => t !== kept);
  const hovered = titles[other];
  await cards.nth(other).locator(".card-summary").hover();
  await expect(page.locator(".item-card.highlighted")).toHaveCount(1);
  await page.keyboard.press("Delete");
  await expect(page.getByRole("status").filter({ hasText: "Deleted challenge" })).toContainText(kept.slice(0, 20));
  await expect(page.locator("input.item-title:visible")).not.toHaveValue(kept);
  expect(await page.locator("input.item-title:visible").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toContain(hovered);

  // O from a phase on the wheel: the wheel goes, and the focus goes to the
  // Outline button (it fell to the page), where O brings the wheel back.
  await page.locator("#phase-landscape").focus();
  await page.keyboard.press("o");
  const outlineButton = page.getByRole("button", { name: "Outline", exact: true });
  await expect(outlineButton).toBeFocused();
  await page.keyboard.press("o");
  await expect(page.locator("#phase-landscape")).toBeVisible();
  await expect(outlineButton).toBeFocused();
});

test("Enter in a new sample's value adds the sample", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "New board", exact: true }).click();
  await page.getByRole("dialog", { name: "New board" }).getByRole("button", { name: /^Blank/ }).click();
  await page.locator("body").focus();
  await page.keyboard.press("4");
  await page.keyboard.press("n");
  await page.keyboard.type("Lead time");
  await page.keyboard.press("Escape");
  await page.keyboard.press("d");
  const value = page.getByLabel("Value of the new sample");
  await value.fill("28.5");
  await value.press("Enter");
  await expect(page.locator(".samples caption")).toHaveText("Samples (1)");
  await expect(value).toHaveValue("");

  // Back-filling month by month: after each sample the date moves on a
  // month (never past today), so Enter after Enter never replaces the one
  // just added (it did, and lost its note).
  const date = page.getByLabel("Date of the new sample");
  await date.fill("2025-01-31");
  await value.fill("10");
  await page.getByLabel("Note of the new sample").fill("kick-off");
  await value.press("Enter");
  await expect(date).toHaveValue("2025-02-28");
  await value.fill("12");
  await value.press("Enter");
  await expect(page.locator(".samples caption")).toHaveText("Samples (3)");
  await expect(page.getByLabel("Value on 2025-01-31")).toHaveValue("10");
  await expect(page.getByLabel("Note on 2025-01-31")).toHaveValue("kick-off");
  await expect(page.getByLabel("Value on 2025-02-28")).toHaveValue("12");
  await expect(date).toHaveValue("2025-03-28");
});

test("dragging on the wheel reorders within a phase and links across phases", async ({ page }) => {
  await openApp(page);
  // Reorder: the third challenge onto the first.
  await drag(page, "Technical debt", "Data is managed");
  await page.getByRole("button", { name: PHASES[1].name }).focus();
  await page.keyboard.press("Enter");
  const challengeTitles = page.getByLabel("Challenge title");
  await expect(challengeTitles.nth(0)).toHaveValue("Technical debt in the central pipelines");
  await expect(challengeTitles.nth(1)).toHaveValue("Data is managed in silos, apart from business teams");

  // Link: an action dropped on a challenge addresses it; its gap closes.
  await expect(page.locator(".gap-note:visible")).toContainText(`${quoted("Data is managed in silos, apart from business teams")} is not addressed`);
  await drag(page, "Offer self-service", "Data is managed");
  await expect(page.getByRole("status")).toContainText(
    `Linked: ${quoted("Offer self-service, scalable infrastructure")} addresses ${quoted("Data is managed in silos, apart from business teams")}.`,
  );
  await expect(page.locator(".gap-note:visible")).toHaveCount(0);

  // A pair the flywheel does not allow is refused with the reason.
  await drag(page, "Domains running their own", "Gaps in domain-level");
  await expect(page.getByRole("alert")).toContainText("A value metric cannot be linked to a challenge. Drop it on a goal instead.");

  // The link, like every edit, can be undone.
  await page.locator("body").focus();
  await page.keyboard.press("Control+z");
  await expect(page.locator(".gap-note:visible")).toContainText("is not addressed");
});

test("the outline shows the same board as headings and lists", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Outline" }).click();
  const outline = page.getByRole("article", { name: "Outline of the board" });
  await expect(outline.getByRole("heading", { level: 3 })).toHaveText(PHASES.map((p) => p.name));
  await expect(outline).toContainText("Domains own their data products");
  await expect(outline).toContainText("measured by Domains running their own data products");
  await expect(outline).toContainText("in progress");
  await screenshot(page, "outline");
  expect(await axeViolations(page)).toEqual([]);
  await page.locator("body").focus();
  await page.keyboard.press("o");
  await expect(page.getByRole("group", { name: "Value flywheel" })).toBeVisible();
});

test("axe-core finds no violations in the help overlay, the dialogs (export included) and an open link picker", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Help and keyboard shortcuts" }).click();
  await expect(page.getByRole("dialog", { name: "Help and keyboard shortcuts" })).toBeVisible();
  await screenshot(page, "help-overlay");
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "New board", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "New board" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: /^Boards/ }).click();
  await expect(page.getByRole("dialog", { name: "Boards" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Export and share" })).toBeVisible();
  // Checked once the browser has compressed the link, so always in the same state.
  await expect(page.getByRole("textbox", { name: "Share link" })).toHaveValue(/#board=1\w/);
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: /^Details: / }).first().click();
  await page.getByRole("button", { name: "Link to…" }).first().click();
  await page.getByLabel("Search").fill("domain");
  expect(await axeViolations(page)).toEqual([]);
});

test.describe("on a touch screen", () => {
  test.use({ hasTouch: true, viewport: { width: 1280, height: 900 } });

  test("a finger drags a chip to reorder it", async ({ page }) => {
    await openApp(page);
    const start = await chipCentre(page, "Time from business");
    const end = await chipCentre(page, "Domains running their own");
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: string, x: number, y: number) =>
      cdp.send("Input.dispatchTouchEvent", {
        type,
        touchPoints: type === "touchEnd" ? [] : [{ x, y, id: 1 }],
      });
    await touch("touchStart", start.x, start.y);
    for (let step = 1; step <= 8; step += 1) {
      await touch("touchMove", start.x + ((end.x - start.x) * step) / 8, start.y + ((end.y - start.y) * step) / 8);
    }
    await touch("touchEnd", end.x, end.y);
    await page.getByRole("button", { name: PHASES[3].name }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("Value metric title").nth(0)).toHaveValue("Time from business question to insight");
  });
});
