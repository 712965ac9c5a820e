// Data you can trust: export and import, many boards, safe autosave, and
// every storage fault ending with a clear message and no lost work.
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect, openApp, screenshot, PHASES, clickPhase, newBoard, quoted } from "./fixtures";
import { hostPort } from "../../playwright.config";

const LIBRARY = "value-flywheel/library";

type Library = { boards: { id: string; title: string; deleted_ms: number | null }[]; last_open: string | null };

async function library(page: Page): Promise<Library> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null").library, LIBRARY);
}

async function openBoardId(page: Page): Promise<string> {
  const lib = await library(page);
  return lib.last_open!;
}

async function storedDocument(page: Page, id: string) {
  return page.evaluate((key) => localStorage.getItem(key), `value-flywheel/board/${id}`);
}

async function saved(page: Page) {
  await expect(page.locator(".save-status")).toHaveText("Saved");
}

/** Fills the origin's storage almost to the brim, under keys "filler-N". */
async function fillStorage(page: Page) {
  await page.evaluate(() => {
    let size = 1 << 20;
    let n = 0;
    while (size >= 256) {
      try {
        localStorage.setItem(`filler-${n++}`, "x".repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
}

function file(name: string, text: string) {
  return { name, mimeType: "application/json", buffer: Buffer.from(text) };
}

test("export then import gives back an identical board, opened as a new board with an undo", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("Board title").fill("Round trip ✓");
  await saved(page);
  const original = await openBoardId(page);

  await page.getByRole("button", { name: "Export", exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("dialog", { name: "Export and share" }).getByRole("button", { name: /^Board file/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("round-trip.json");
  await page.keyboard.press("Escape");
  const exported = readFileSync(await download.path(), "utf8");
  const document = JSON.parse(exported);
  expect(document.format).toBe("value-flywheel");
  expect(document.version).toBe(3);

  await page.locator("input[type=file]").setInputFiles(file("round-trip.json", exported));
  await expect(page.getByRole("status")).toContainText(`Opened ${quoted("Round trip ✓")} from round-trip.json as a new board`);
  const imported = await openBoardId(page);
  expect(imported).not.toBe(original);
  await saved(page);
  // The imported board is identical to the exported one, and the original is untouched.
  expect(JSON.parse((await storedDocument(page, imported))!).board).toEqual(document.board);
  expect(JSON.parse((await storedDocument(page, original))!).board).toEqual(document.board);
  expect((await library(page)).boards.filter((b) => !b.deleted_ms)).toHaveLength(2);

  await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
  expect(await openBoardId(page)).toBe(original);
  expect(await storedDocument(page, imported)).toBeNull();
  expect((await library(page)).boards).toHaveLength(1);

  // Imported again and edited: the message no longer offers to undo the
  // import, which would now delete the edit with the board. Ctrl+Z takes
  // back the edit only.
  await page.locator("input[type=file]").setInputFiles(file("round-trip.json", exported));
  await expect(page.getByRole("status").getByRole("button", { name: "Undo" })).toBeVisible();
  const again = await openBoardId(page);
  await page.getByLabel("Board title").fill("Imported, then edited");
  await expect(page.getByRole("status").getByRole("button", { name: "Undo" })).toHaveCount(0);
  await saved(page);
  expect(JSON.parse((await storedDocument(page, again))!).board.title).toBe("Imported, then edited");
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("Board title")).toHaveValue("Round trip ✓");
  expect(await openBoardId(page)).toBe(again);
});

test("a board file dropped on the page opens as a new board", async ({ page }) => {
  await openApp(page);
  const text = JSON.stringify({
    format: "value-flywheel",
    version: 2,
    board: { title: "Dropped board", items: [{ id: 1, kind: "goal", title: "From a drop" }], next_id: 2 },
  });
  const transfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "dropped.json", { type: "application/json" }));
    return transfer;
  }, text);
  await page.dispatchEvent("main", "dragover", { dataTransfer: transfer });
  await expect(page.getByText("Drop a board file to open it as a new board")).toBeVisible();
  await page.dispatchEvent("main", "drop", { dataTransfer: transfer });
  await expect(page.getByRole("status")).toContainText(`Opened ${quoted("Dropped board")} from dropped.json`);
  await expect(page.getByLabel("Board title")).toHaveValue("Dropped board");
  await expect(page.getByRole("group", { name: "Value flywheel" })).toContainText("From a drop");
});

test("a malformed file is refused with its line and column, and nothing changes", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("Board title").fill("Keep me");
  await saved(page);
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const bad = '{\n  "format": "value-flywheel",\n  "version": 2,\n  "board": { "title": "x" oops }\n}';
  await page.locator("input[type=file]").setInputFiles(file("broken.json", bad));
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("broken.json was not opened");
  await expect(alert).toContainText("line 4, column 27");
  await expect(alert).toContainText("Your boards are unchanged");
  await expect(page.getByLabel("Board title")).toHaveValue("Keep me");
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(before);
});

test("a file from a newer version is refused, never half-loaded", async ({ page }) => {
  await openApp(page);
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const newer = JSON.stringify({ format: "value-flywheel", version: 99, board: { title: "Future" } });
  await page.locator("input[type=file]").setInputFiles(file("future.json", newer));
  await expect(page.getByRole("alert")).toContainText("saved by a newer version of the app (format version 99");
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(before);
  await expect(page.getByLabel("Board title")).not.toHaveValue("Future");
});

test("an unreadable sample or link costs only itself: the metric, its other samples and links are kept", async ({ page }) => {
  await openApp(page);
  const text = JSON.stringify({
    format: "value-flywheel",
    version: 3,
    board: {
      title: "Mostly fine",
      items: [
        { id: 1, kind: "goal", title: "Ship faster" },
        {
          id: 2,
          kind: "value_metric",
          title: "Lead time",
          metric: { samples: [{ date: "2026-01-01", value: 10 }, { date: "2026-02-01", value: "x" }, { date: "2026-03-01", value: 12 }] },
        },
      ],
      links: [{ from: 2, to: 1 }, { from: "a", to: 1 }],
      next_id: -5,
    },
  });
  await page.locator("input[type=file]").setInputFiles(file("mostly-fine.json", text));
  await expect(page.getByRole("status")).toContainText("Item 2: 1 of its metric's samples could not be read");
  await expect(page.getByRole("status")).toContainText("A link could not be read and was left out");
  await expect(page.getByLabel("Board title")).toHaveValue("Mostly fine");
  await clickPhase(page, PHASES[3].name);
  await page.getByRole("button", { name: "Details: Lead time" }).click();
  await expect(page.locator(".samples caption")).toHaveText("Samples (2)");
  // Its link to the goal is kept: the card lists it.
  await expect(page.locator(".phase-pane:not([hidden]) .item-card").first()).toContainText("measuresShip faster");
});

test("a board field of the wrong type costs only itself, named in the message, and the rest is kept through a reload", async ({ page }) => {
  await openApp(page);
  const text = JSON.stringify({
    format: "value-flywheel",
    version: 3,
    board: {
      title: 42,
      north_star: "Ship what customers use",
      guidance: { next_best_action: "not guidance" },
      items: [{ id: 1, kind: "goal", title: "Ship faster" }],
      spins: [{ number: 1, name: "Q1", date: "2026-01-05" }, { number: "two" }],
      next_id: 2,
    },
  });
  await page.locator("input[type=file]").setInputFiles(file("wrong-types.json", text));
  const status = page.getByRole("status");
  await expect(status).toContainText('The board\'s "title" could not be read and was left at its default');
  await expect(status).toContainText('The board\'s "guidance.next_best_action" could not be read');
  await expect(status).toContainText("Spin 2 of the file could not be read and was left out");
  await expect(page.getByLabel("North star")).toHaveValue("Ship what customers use");
  await expect(page.getByRole("button", { name: "Details: Ship faster" })).toBeVisible();
  await expect(page.locator(".save-status")).toHaveText("Saved");
  await page.reload();
  await expect(page.getByLabel("North star")).toHaveValue("Ship what customers use");
  await expect(page.getByRole("button", { name: "Details: Ship faster" })).toBeVisible();
});

test("a board too large for the browser's storage is refused with its size, and nothing changes", async ({ page }) => {
  await openApp(page);
  const title = await page.getByLabel("Board title").inputValue();
  const items = Array.from({ length: 5200 }, (_, i) => ({ id: i + 1, kind: "goal", title: `Goal ${i} `.padEnd(960, "x") }));
  const text = JSON.stringify({ format: "value-flywheel", version: 3, board: { title: "Huge", items, next_id: 5201 } });
  expect(text.length).toBeGreaterThan(5_000_000);
  await page.locator("input[type=file]").setInputFiles(file("huge.json", text));
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("A new board could not be stored: the browser's storage for this site is full.");
  await expect(alert).toContainText(/This board alone is 5\.\d MB, more than the about 5 MB this browser keeps for a site/);
  await expect(page.getByLabel("Board title")).toHaveValue(title);
});

test("a file over 10 MB is refused before it is read", async ({ page }) => {
  await openApp(page);
  const huge = { name: "huge.json", mimeType: "application/json", buffer: Buffer.alloc(11 * 1024 * 1024, 32) };
  await page.locator("input[type=file]").setInputFiles(huge);
  await expect(page.getByRole("alert")).toContainText("the largest board the app opens is 10 MB");
});

test("markup in every field of an imported board is shown as text and runs nothing", async ({ page }) => {
  await openApp(page);
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  const payloads = ['<img src=x onerror="window.__xss=1">', '"><svg onload="window.__xss=2">'];
  const text = (i: number) => `${payloads[i % 2]} ${i}`;
  const guidance = { tenets: [text(0), text(1)], people: text(2), goal: text(3) };
  const document = {
    format: "value-flywheel",
    version: 2,
    board: {
      title: text(4),
      north_star: text(5),
      guidance: {
        clarity_of_purpose: guidance,
        challenge_and_landscape: guidance,
        next_best_action: guidance,
        long_term_value: guidance,
      },
      items: ["goal", "challenge", "action", "value_metric"].map((kind, i) => ({
        id: i + 1,
        kind,
        title: text(6 + i),
        description: text(10 + i),
        owner: text(14 + i),
      })),
      next_id: 5,
    },
  };
  await page.locator("input[type=file]").setInputFiles(file("payload.json", JSON.stringify(document)));
  await expect(page.getByRole("status")).toContainText("as a new board");
  await expect(page.getByLabel("Board title")).toHaveValue(text(4));
  await expect(page.getByLabel("North star")).toHaveValue(text(5));
  const wheel = page.getByRole("group", { name: "Value flywheel" });
  for (const [index, phase] of PHASES.entries()) {
    await clickPhase(page, phase.name);
    const panel = page.locator(".panel");
    await expect(panel.getByRole("listitem").first()).toHaveText(text(0));
    await expect(panel).toContainText(text(2));
    await expect(panel).toContainText(text(3));
    await expect(panel.locator("input.item-title:visible")).toHaveValue(text(6 + index));
    await expect(panel.locator(".card-summary:visible")).toContainText(text(14 + index));
    await panel.getByRole("button", { name: /^Details: / }).click();
    await expect(panel.getByLabel("Description")).toHaveValue(text(10 + index));
  }
  // The wheel holds the text as text: no element was made from it.
  await expect(wheel.locator("img, foreignObject, script")).toHaveCount(0);
  await expect(wheel.locator("svg svg")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator("body img").count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("many boards: create, rename, duplicate, switch, delete with undo, each under its own key", async ({ page }) => {
  await openApp(page);
  const example = await openBoardId(page);
  await newBoard(page);
  await page.getByLabel("Board title").fill("Second board");
  await saved(page);
  const second = await openBoardId(page);
  expect(second).not.toBe(example);

  await page.getByRole("button", { name: /^Boards/ }).click();
  const dialog = page.getByRole("dialog", { name: "Boards" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: /^Open board:/ })).toHaveCount(2);
  await screenshot(page, "boards-dialog");

  // Rename the example board without opening it.
  await dialog.getByRole("button", { name: "Rename board: Data factory to data mesh" }).click();
  await dialog.getByLabel("New name for Data factory to data mesh").fill("Mesh journey");
  await dialog.getByRole("button", { name: "Save name" }).click();
  await expect(dialog.getByRole("button", { name: "Open board: Mesh journey" })).toBeVisible();
  expect(JSON.parse((await storedDocument(page, example))!).board.title).toBe("Mesh journey");

  // Duplicate it: the copy opens.
  await dialog.getByRole("button", { name: "Duplicate board: Mesh journey" }).click();
  await expect(page.getByLabel("Board title")).toHaveValue("Copy of Mesh journey");
  const copy = await openBoardId(page);

  // Switch back to the second board.
  await page.getByRole("button", { name: /^Boards/ }).click();
  await dialog.getByRole("button", { name: "Open board: Second board" }).click();
  await expect(page.getByLabel("Board title")).toHaveValue("Second board");

  // Each board has a key of its own.
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  for (const id of [example, second, copy]) expect(keys).toContain(`value-flywheel/board/${id}`);

  // Delete the open board: it goes to the trash, another opens, and Undo brings it back.
  await page.getByRole("button", { name: /^Boards/ }).click();
  await dialog.getByRole("button", { name: "Delete board: Second board" }).click();
  // The page behind a modal dialog is inert, so screen readers do not read
  // its messages: the notice shows (and is read out) in the dialog too.
  await expect(dialog.getByRole("status")).toContainText(`Moved ${quoted("Second board")} to the trash`);
  await expect(dialog.getByRole("status").getByRole("button", { name: "Undo" })).toBeVisible();
  await expect(page.getByLabel("Board title")).not.toHaveValue("Second board");
  await expect(dialog.getByRole("button", { name: "Restore board: Second board" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close boards" }).click();
  await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
  await expect(page.getByLabel("Board title")).toHaveValue("Second board");

  // Trash it again and delete it forever: that asks first, and Keep (where
  // the focus goes) keeps it.
  await page.getByRole("button", { name: /^Boards/ }).click();
  await dialog.getByRole("button", { name: "Delete board: Second board" }).click();
  await dialog.getByRole("button", { name: "Delete forever: Second board" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "for good?" })).toContainText(`Delete ${quoted("Second board")} for good? This cannot be undone.`);
  await expect(dialog.getByRole("button", { name: "Keep" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Delete forever: Second board" })).toBeFocused();
  expect(await storedDocument(page, second)).not.toBeNull();
  await dialog.getByRole("button", { name: "Delete forever: Second board" }).click();
  await dialog.getByRole("button", { name: "Yes, delete forever: Second board" }).click();
  await expect(dialog.getByText("Second board")).toHaveCount(0);
  await expect(dialog.getByRole("status")).toContainText("Deleted for good.");
  expect(await storedDocument(page, second)).toBeNull();
  // The trash notice no longer offers an Undo that could only fail.
  await dialog.getByRole("button", { name: "Close boards" }).click();
  await expect(page.getByRole("status")).toContainText("Deleted for good.");
  await expect(page.getByRole("status").getByRole("button", { name: "Undo" })).toHaveCount(0);
  // Nor does Ctrl+Z: it said the board "could not be opened".
  await page.keyboard.press("Control+z");
  await expect(page.getByRole("alert").filter({ hasText: "could not be opened" })).toHaveCount(0);

  // After a reload the same boards are listed.
  await page.reload();
  await page.getByRole("button", { name: /^Boards/ }).click();
  await expect(dialog.getByRole("button", { name: /^Open board:/ })).toHaveCount(2);
});

test("autosave waits for a pause in typing (at most 2 s), and flushes when the page goes", async ({ page }) => {
  await page.addInitScript(() => {
    const original = Storage.prototype.setItem;
    (window as unknown as { __writes: number }).__writes = 0;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith("value-flywheel/board/")) (window as unknown as { __writes: number }).__writes += 1;
      return original.call(this, key, value);
    };
  });
  await openApp(page);
  await saved(page);
  // The first start stores the example board; opening it again writes nothing.
  await page.reload();
  await expect(page.getByRole("button", { name: "Phase I: Clarity of Purpose" })).toBeVisible();
  await page.waitForTimeout(500);
  const startWrites = await page.evaluate(() => (window as unknown as { __writes: number }).__writes);
  expect(startWrites, "opening a saved board writes nothing").toBe(0);
  const title = page.getByLabel("Board title");
  await title.fill("");
  const started = Date.now();
  await title.pressSequentially("typing quickly here", { delay: 30 });
  const elapsed = Date.now() - started;
  await saved(page);
  const writes = await page.evaluate(() => (window as unknown as { __writes: number }).__writes);
  expect(writes).toBeGreaterThanOrEqual(1);
  // One write after the burst, plus at most one for every 2 s it lasted.
  expect(writes).toBeLessThanOrEqual(Math.floor(elapsed / 2000) + 1);

  // A burst longer than 2 s is still written while it goes on.
  const before = await page.evaluate(() => (window as unknown as { __writes: number }).__writes);
  await title.press("End");
  const burst = Date.now();
  while (Date.now() - burst < 2600) await title.press("x", { delay: 20 });
  const during = await page.evaluate(() => (window as unknown as { __writes: number }).__writes);
  expect(during - before, "a write within the longest wait, mid-burst").toBeGreaterThanOrEqual(1);
  await title.fill("typing quickly here");
  await saved(page);

  // A change made just before the page goes is still saved.
  await title.press("End");
  await title.pressSequentially("!");
  await page.reload();
  await expect(page.getByLabel("Board title")).toHaveValue("typing quickly here!");
});

test("storage blocked in a sandboxed cross-origin iframe: the app works in memory and says so", async ({ page }) => {
  const app = "http://127.0.0.1:4173/";
  await page.goto(
    `http://127.0.0.1:${hostPort}/frame.html?sandbox=allow-scripts&src=${encodeURIComponent(app)}`,
  );
  const frame = page.frameLocator("iframe");
  await expect(frame.getByRole("button", { name: "Phase I: Clarity of Purpose" })).toBeVisible();
  const alert = frame.getByRole("alert");
  await expect(alert).toContainText("not letting the app save");
  await expect(alert.getByRole("button", { name: "Export or share" })).toBeVisible();
  await expect(frame.locator(".save-status")).toHaveText("Not saved");
  await screenshot(page, "sandboxed-iframe");
  // Work goes on in memory.
  await frame.getByRole("button", { name: "Add goal", exact: true }).click();
  await page.keyboard.type("Works without storage");
  await expect(frame.getByRole("group", { name: "Value flywheel" })).toContainText("Works without storage");
  await newBoard(frame);
  await frame.getByRole("button", { name: /^Boards/ }).click();
  await expect(frame.getByRole("button", { name: /^Open board:/ })).toHaveCount(2);
  // Nothing reached the app origin's real storage.
  const appPage = await page.context().newPage();
  await appPage.goto(`${app}favicon.svg`).catch(() => undefined);
  await appPage.goto(app);
  await expect(appPage.getByRole("button", { name: "Phase I: Clarity of Purpose" })).toBeVisible();
  const titles = await appPage.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("value-flywheel/board/")).length,
  );
  expect(titles, "only the fresh page's own example board").toBe(1);
  await appPage.close();
});

test("full storage: the banner offers export, the last save stays intact, and saving resumes once space is freed", async ({
  page,
}) => {
  await openApp(page);
  await page.getByLabel("Board title").fill("Before the quota");
  await saved(page);
  const id = await openBoardId(page);
  const lastGood = await storedDocument(page, id);
  await fillStorage(page);
  await clickPhase(page, PHASES[0].name);
  await page.locator(".panel").getByRole("button", { name: /^Details: / }).first().click();
  await page.locator(".panel textarea").first().fill("A long description ".repeat(2000));
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Your latest changes are not saved: the browser's storage for this site is full");
  await expect(alert).toContainText("Your previous save is intact");
  await expect(alert.getByRole("button", { name: "Export board" })).toBeVisible();
  await expect(page.locator(".save-status")).toHaveText("Not saved");
  await screenshot(page, "banner-storage-full");
  expect(await storedDocument(page, id)).toBe(lastGood);
  // Another board may not open in its place: the work exists only on screen.
  await newBoard(page);
  await expect(alert).toContainText("opening another board now would lose them");
  await expect(page.getByRole("dialog", { name: "New board" })).toBeHidden();
  await page.getByRole("button", { name: /^Boards/ }).click();
  await expect(page.getByRole("button", { name: /^Open board:/ })).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(page.locator(".panel textarea").first()).toHaveValue(/^A long description/);
  await alert.getByRole("button", { name: "Dismiss" }).click();
  // The work on screen is still there, and export still works.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    alert.getByRole("button", { name: "Export board" }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
  expect(exported.board.items[0].description).toContain("A long description");
  // Free space: asking for another board now writes the work first (no
  // edit needed), and the other board opens.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith("filler-")) localStorage.removeItem(key);
  });
  await newBoard(page);
  await expect(page.getByLabel("Board title")).toHaveValue("Untitled flywheel");
  await expect(alert).not.toContainText("not saved");
  expect(JSON.parse((await storedDocument(page, id))!).board.items[0].description).toContain("A long description");
  await page.getByLabel("Board title").fill("After the quota");
  await saved(page);
});

test("full storage: the unsaved changes can be discarded, with an undo, so another board opens", async ({ page }) => {
  await openApp(page);
  const example = await openBoardId(page);
  await newBoard(page);
  await page.getByLabel("Board title").fill("Work in progress");
  await saved(page);
  const current = await openBoardId(page);
  const lastGood = await storedDocument(page, current);
  await fillStorage(page);
  await page.getByLabel("North star").fill("A north star too long to store ".repeat(3000));
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Your latest changes are not saved");
  // Opening the example board is refused: the work exists only on screen.
  await page.getByRole("button", { name: /^Boards/ }).click();
  await page.getByRole("button", { name: "Open board: Data factory to data mesh" }).click();
  await expect(alert).toContainText("or discard the unsaved changes, first");
  await expect(page.getByLabel("Board title")).toHaveValue("Work in progress");
  await screenshot(page, "banner-discard-unsaved");

  // Discard: the board is as last saved, and says so, with an undo.
  await alert.getByRole("button", { name: "Discard unsaved changes" }).click();
  await expect(page.getByLabel("North star")).toHaveValue("");
  await expect(page.getByLabel("Board title")).toHaveValue("Work in progress");
  await expect(alert).not.toContainText("not saved");
  await saved(page);
  const status = page.getByRole("status");
  await expect(status).toContainText("Discarded the unsaved changes");
  // Undo puts the work back on screen (and it still cannot be saved).
  await status.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByLabel("North star")).toHaveValue(/^A north star too long/);
  await expect(alert).toContainText("Your latest changes are not saved");
  expect(await storedDocument(page, current)).toBe(lastGood);
  // With the history that made it: Ctrl+Z takes the north star back out,
  // and that board, as small as the last save, is written again.
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("North star")).toHaveValue("");
  await saved(page);
  await page.keyboard.press("Control+Shift+z");
  await expect(page.getByLabel("North star")).toHaveValue(/^A north star too long/);
  await expect(alert).toContainText("Your latest changes are not saved");

  // Discard again, and now the example board opens; nothing stored changed.
  await alert.getByRole("button", { name: "Discard unsaved changes" }).click();
  await page.getByRole("button", { name: /^Boards/ }).click();
  await page.getByRole("button", { name: "Open board: Data factory to data mesh" }).click();
  await expect(page.getByLabel("Board title")).toHaveValue("Data factory to data mesh");
  expect(await openBoardId(page)).toBe(example);
  expect(await storedDocument(page, current)).toBe(lastGood);
  await expect(alert).not.toContainText("not saved");
});

test("storage that refuses every write from the first start: the example board in memory, said so, and closing asks first", async ({
  page,
}) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await openApp(page);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("full or refusing writes");
  await expect(alert.getByRole("button", { name: "Export board" })).toBeVisible();
  await expect(page.getByLabel("Board title")).toHaveValue("Data factory to data mesh");
  await expect(page.locator(".save-status")).toHaveText("Not saved");
  await page.getByRole("button", { name: "Add goal", exact: true }).click();
  await page.keyboard.type("Kept in memory");
  await expect(page.getByRole("group", { name: "Value flywheel" })).toContainText("Kept in memory");
  await expect(page.locator(".save-status")).toHaveText("Not saved");
  // Closing the page would lose it: the browser asks first.
  const asked = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.accept();
});

test("storage full at the first start: once space is freed, Try saving again stores the work, undo included, and a reload finds it", async ({
  page,
}) => {
  // Full until the test frees it, and only before anything is stored.
  await page.addInitScript(() => {
    if (localStorage.getItem("value-flywheel/library") !== null) return;
    const setItem = Storage.prototype.setItem;
    (window as unknown as { freeSpace: () => void }).freeSpace = () => {
      Storage.prototype.setItem = setItem;
    };
    Storage.prototype.setItem = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await openApp(page);
  const alert = page.getByRole("alert").filter({ hasText: "full or refusing writes" });
  await expect(alert).toContainText("kept in this tab only");
  await page.getByRole("button", { name: "Add goal", exact: true }).click();
  await page.keyboard.type("Kept in memory");
  await page.keyboard.press("Escape");
  // Still full: trying again says so and changes nothing.
  await alert.getByRole("button", { name: "Try saving again" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "still refuses" })).toBeVisible();
  await expect(page.locator(".save-status")).toHaveText("Not saved");
  await expect(page.getByRole("group", { name: "Value flywheel" })).toContainText("Kept in memory");

  await page.evaluate(() => (window as unknown as { freeSpace: () => void }).freeSpace());
  await alert.getByRole("button", { name: "Try saving again" }).click();
  await expect(page.getByRole("status")).toContainText("stored in this browser again");
  await expect(alert).toHaveCount(0);
  await expect(page.locator(".save-status")).toHaveText("Saved");
  // The undo history came along, and saving goes on.
  await page.keyboard.press("Control+z");
  await expect(page.getByRole("group", { name: "Value flywheel" })).not.toContainText("Kept in memory");
  await page.keyboard.press("Control+Shift+z");
  await expect(page.getByRole("group", { name: "Value flywheel" })).toContainText("Kept in memory");
  await expect(page.locator(".save-status")).toHaveText("Saved");
  await page.reload();
  await expect(page.getByRole("group", { name: "Value flywheel" })).toContainText("Kept in memory");
  await expect(page.getByRole("alert").filter({ hasText: "full or refusing" })).toHaveCount(0);
});

test("a number typed into a metric is kept when the page closes with the cursor still in it", async ({ page }) => {
  await openApp(page);
  await clickPhase(page, PHASES[3].name);
  const card = page.locator(".item-card:visible").first();
  await card.getByRole("button", { name: /^Details: / }).click();
  const target = card.getByLabel("Target", { exact: true });
  await target.fill("9");
  await expect(target).toBeFocused();
  await page.reload();
  await clickPhase(page, PHASES[3].name);
  const again = page.locator(".item-card:visible").first();
  const details = again.getByRole("button", { name: /^Details: / });
  if ((await details.getAttribute("aria-expanded")) !== "true") await details.click();
  await expect(again.getByLabel("Target", { exact: true })).toHaveValue("9");
});

test("a sample's date is typed part by part without the row being redrawn under the cursor, and a taken date is refused", async ({
  page,
}) => {
  await openApp(page);
  await clickPhase(page, PHASES[3].name);
  const card = page.locator(".item-card:visible").first();
  await card.getByRole("button", { name: /^Details: / }).click();
  const dates = card.locator('input[aria-label^="Date of the sample of"]');
  expect(await dates.count()).toBeGreaterThanOrEqual(2);
  const [first, second] = [await dates.nth(0).inputValue(), await dates.nth(1).inputValue()];
  // Month, day and year typed in turn: none of the digits reaches the
  // shortcuts (2 and 4 would switch phases), and the date is taken on Tab.
  // The day after the newest sample, so it stays at the top of the list.
  const next = new Date(`${first}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const iso = next.toISOString().slice(0, 10);
  const [year, month, day] = iso.split("-");
  await dates.nth(0).focus();
  await page.keyboard.type(`${month}${day}${year}`);
  await expect(dates.nth(0)).toBeFocused();
  // Tab goes through the field's parts before it leaves the field.
  const label = `Date of the sample of ${first}`;
  for (let i = 0; i < 4 && (await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))) === label; i++) {
    await page.keyboard.press("Tab");
  }
  await expect(page.getByRole("button", { name: PHASES[3].name })).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByLabel(`Date of the sample of ${iso}`)).toHaveValue(iso);
  await expect(card.getByLabel(`Date of the sample of ${first}`)).toHaveCount(0);
  // Another sample's date is refused, and the field shows its own again.
  const field = card.getByLabel(`Date of the sample of ${second}`);
  await field.fill(iso);
  await field.blur();
  await expect(page.getByRole("alert")).toContainText(`there is already a sample on ${iso}`);
  await expect(field).toHaveValue(second);
});

test("a corrupt save is moved to a backup, reported, downloadable, and never overwritten", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("Board title").fill("Soon corrupt");
  await saved(page);
  const id = await openBoardId(page);
  await page.evaluate((key) => localStorage.setItem(key, '{"format":"value-flywheel","version":2,"board":'), `value-flywheel/board/${id}`);
  await page.reload();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(`${quoted("Soon corrupt")} could not be opened`);
  await expect(alert).toContainText("The unreadable save was kept as a backup");
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("value-flywheel/backup/")));
  expect(backups).toHaveLength(1);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    alert.getByRole("button", { name: "Download the unreadable save" }).click(),
  ]);
  expect(readFileSync(await download.path(), "utf8")).toBe('{"format":"value-flywheel","version":2,"board":');
  // Editing the board that opened instead never touches the backup.
  await page.getByLabel("Board title").fill("Something else");
  await saved(page);
  expect(await page.evaluate((key) => localStorage.getItem(key), backups[0])).toBe(
    '{"format":"value-flywheel","version":2,"board":',
  );
  // The backup is listed in the board list too.
  await page.getByRole("button", { name: /^Boards/ }).click();
  await expect(page.getByRole("dialog").getByText(/^Backup from/)).toBeVisible();
});

test("a board saved by the first release is carried over", async ({ page }) => {
  const legacy = JSON.stringify({
    format: "value-flywheel",
    version: 1,
    board: { title: "From the first release", items: [{ id: 1, kind: "goal", title: "Old goal" }], next_id: 2 },
  });
  await page.addInitScript((legacy) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("value-flywheel/board", legacy);
      sessionStorage.setItem("seeded", "1");
    }
  }, legacy);
  await openApp(page);
  await expect(page.getByLabel("Board title")).toHaveValue("From the first release");
  expect(await page.evaluate(() => localStorage.getItem("value-flywheel/board"))).toBeNull();
  await page.reload();
  await expect(page.getByLabel("Board title")).toHaveValue("From the first release");
});

/** Two tabs of one context on the same board, titled `title`, saved. */
async function twoTabs(context: BrowserContext, title: string) {
  const first = await context.newPage();
  await openApp(first);
  await first.getByLabel("Board title").fill(title);
  await saved(first);
  const id = await openBoardId(first);
  const second = await context.newPage();
  await openApp(second);
  await expect(second.getByLabel("Board title")).toHaveValue(title);
  return { first, second, id };
}

/** Holds a tab's saves back: its timers fire 5 s late, so an edit stays unsaved. */
async function holdSaves(page: Page) {
  await page.evaluate(() => {
    const real = window.setTimeout.bind(window);
    (window as unknown as { __setTimeout: typeof real }).__setTimeout = real;
    window.setTimeout = ((handler: TimerHandler, ms?: number) => real(handler, (ms ?? 0) + 5_000)) as typeof setTimeout;
  });
}

test("two tabs: the board on screen sent to the trash in the other tab says so, with an undo", async ({ context }) => {
  const { first, second, id } = await twoTabs(context, "Trashed elsewhere");

  await first.getByRole("button", { name: /^Boards/ }).click();
  await first.getByRole("dialog", { name: "Boards" }).getByRole("button", { name: "Delete board: Trashed elsewhere" }).click();
  const status = second.getByRole("status");
  await expect(status).toContainText(`${quoted("Trashed elsewhere")} was moved to the trash in another tab`);
  expect((await library(second)).boards.find((b) => b.id === id)?.deleted_ms).toBeTruthy();
  // The work goes on being saved, and the offer stays through edits (it
  // costs no work); Undo takes the board out of the trash.
  await second.getByLabel("North star").fill("Still here");
  await saved(second);
  expect(JSON.parse((await storedDocument(second, id))!).board.north_star).toBe("Still here");
  await status.getByRole("button", { name: "Undo" }).click();
  await expect(status).toContainText("The board is back from the trash.");
  expect((await library(second)).boards.find((b) => b.id === id)?.deleted_ms).toBeFalsy();
  await expect(second.getByLabel("North star")).toHaveValue("Still here");
  await first.getByRole("button", { name: "Close boards" }).click();
  await first.getByRole("button", { name: /^Boards/ }).click();
  await expect(first.getByRole("dialog", { name: "Boards" }).getByRole("button", { name: "Open board: Trashed elsewhere" })).toBeVisible();
});

test("two tabs in conflict: the tab that closes keeps its version as a backup", async ({ context }) => {
  const { first, second, id } = await twoTabs(context, "Contested");
  await holdSaves(second);
  await second.getByLabel("North star").fill("The second tab's version");
  await first.getByLabel("North star").fill("The first tab's version");
  await saved(first);
  await expect(second.getByRole("alert")).toContainText("changed in another tab or window");
  const backups = () =>
    first.evaluate((id) => {
      const keys = Object.keys(localStorage).filter((key) => key.startsWith(`value-flywheel/backup/${id}/`));
      return keys.map((key) => JSON.parse(localStorage.getItem(key)!).board.north_star);
    }, id);
  // The page goes into the back-forward cache and comes back, twice, with
  // more work in between: one backup, kept up to date (one was added at
  // every pagehide).
  for (const words of ["The second tab's version", "The second tab's later version"]) {
    await second.getByLabel("North star").fill(words);
    await second.getByLabel("North star").press("Escape");
    await second.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true })));
    await expect.poll(backups).toEqual([words]);
  }
  // Closing asks first ("Leave site?"); leaving anyway keeps the work aside.
  await second.getByLabel("North star").fill("The second tab's last version");
  second.on("dialog", (dialog) => dialog.accept());
  await second.close({ runBeforeUnload: true });
  await expect.poll(backups).toEqual(["The second tab's last version"]);
  expect(JSON.parse((await storedDocument(first, id))!).board.north_star).toBe("The first tab's version");
});

test("two tabs: an edit in one appears in the other, and a stale tab never overwrites", async ({ context }) => {
  const { first, second, id } = await twoTabs(context, "Shared board");

  await first.getByLabel("Board title").fill("Edited in the first tab");
  await saved(first);
  await expect(second.getByLabel("Board title")).toHaveValue("Edited in the first tab");

  // Hold the second tab's saves back, so it has an unsaved change when the
  // first tab saves.
  await holdSaves(second);
  await second.getByLabel("North star").fill("Second tab's north star");
  await first.getByLabel("North star").fill("First tab's north star");
  await saved(first);
  const alert = second.getByRole("alert");
  await expect(alert).toContainText("changed in another tab or window");
  await expect(alert).toContainText("Nothing was overwritten");
  await screenshot(second, "banner-two-tabs");

  // With its timers back to normal, the stale tab still writes nothing.
  await second.evaluate(() => {
    window.setTimeout = (window as unknown as { __setTimeout: typeof setTimeout }).__setTimeout;
  });
  await second.getByLabel("North star").press("End");
  await second.getByLabel("North star").pressSequentially("!");
  await second.waitForTimeout(800);
  expect(JSON.parse((await storedDocument(first, id))!).board.north_star).toBe("First tab's north star");
  await expect(alert).toContainText("changed in another tab or window");
  await expect(second.getByLabel("North star")).toHaveValue("Second tab's north star!");

  // The second tab keeps its work as a new board; the first tab's save stays.
  await second.getByRole("button", { name: "Keep mine as a new board" }).click();
  await expect(second.getByLabel("Board title")).toHaveValue("Edited in the first tab (my copy)");
  await expect(second.getByLabel("North star")).toHaveValue("Second tab's north star!");
  await expect(alert).not.toContainText("changed in another tab");
  const copy = await openBoardId(second);
  expect(copy).not.toBe(id);
  expect(JSON.parse((await storedDocument(second, copy))!).board.north_star).toBe("Second tab's north star!");
  expect(JSON.parse((await storedDocument(first, id))!).board.north_star).toBe("First tab's north star");
  // The first tab hears about the new board in its list.
  await first.getByRole("button", { name: /^Boards/ }).click();
  await expect(first.getByRole("button", { name: "Open board: Edited in the first tab (my copy)" })).toBeVisible();
});

test("a board deleted forever in another tab while this tab edits it: 'Load the other version' keeps this tab's work as a copy", async ({
  context,
}) => {
  const first = await context.newPage();
  await openApp(first);
  await newBoard(first);
  await first.getByLabel("Board title").fill("Doomed board");
  await saved(first);
  const second = await context.newPage();
  await openApp(second);
  await expect(second.getByLabel("Board title")).toHaveValue("Doomed board");
  // The second tab opens the other board, then deletes this one forever.
  await second.getByRole("button", { name: /^Boards/ }).click();
  const boards = second.getByRole("dialog", { name: "Boards" });
  await boards.getByRole("button", { name: "Delete board: Doomed board" }).click();
  await boards.getByRole("button", { name: "Delete forever: Doomed board" }).click();
  await boards.getByRole("button", { name: "Yes, delete forever: Doomed board" }).click();
  await expect(boards.getByRole("button", { name: "Delete forever: Doomed board" })).toHaveCount(0);
  // The first tab goes on editing it: the save finds the board gone.
  await first.getByLabel("North star").fill("An important idea");
  const alert = first.getByRole("alert");
  await expect(alert).toContainText("changed in another tab or window");
  await alert.getByRole("button", { name: "Load the other version" }).click();
  await expect(first.getByLabel("Board title")).toHaveValue("Doomed board (my copy)");
  await expect(first.getByLabel("North star")).toHaveValue("An important idea");
  await expect(first.getByRole("status")).toContainText("The other tab deleted this board");
  await expect(alert).not.toContainText("changed in another tab");
  await saved(first);
  const stored = await first.evaluate(() =>
    Object.entries(localStorage).filter(([key, value]) => key.startsWith("value-flywheel/board/") && value.includes("An important idea")).length,
  );
  expect(stored).toBe(1);
});

test("a panic shows an error screen with the last good save to download", async ({ page, pageErrors }) => {
  pageErrors.allow(/simulated panic|unreachable|RuntimeError/);
  await openApp(page);
  await page.getByLabel("Board title").fill("Survives a crash");
  await saved(page);
  const id = await openBoardId(page);
  const lastGood = await storedDocument(page, id);
  await page.evaluate(() => {
    try {
      (window as unknown as { wasmBindings: { simulatePanic: () => void } }).wasmBindings.simulatePanic();
    } catch {
      // The panic surfaces as a JavaScript exception after the hook has run.
    }
  });
  const crash = page.locator("#crash");
  await expect(crash).toHaveAttribute("role", "alert");
  await expect(crash.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
  await screenshot(page, "crash-screen");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    crash.getByRole("link", { name: "Download your board" }).click(),
  ]);
  const recovered = JSON.parse(readFileSync(await download.path(), "utf8"));
  expect(recovered.board.title).toBe("Survives a crash");
  expect(await storedDocument(page, id)).toBe(lastGood);
  await crash.getByRole("link", { name: "Reload the app" }).click();
  await expect(page.getByLabel("Board title")).toHaveValue("Survives a crash");
});

test("Ctrl+Z takes back an import and a board sent to the trash", async ({ page }) => {
  await openApp(page);
  await saved(page);
  const original = await openBoardId(page);
  const text = JSON.stringify({ format: "value-flywheel", version: 3, board: { title: "Imported" } });
  await page.locator("input[type=file]").setInputFiles(file("imported.json", text));
  await expect(page.getByLabel("Board title")).toHaveValue("Imported");
  const imported = await openBoardId(page);
  await page.locator("body").focus();
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("Board title")).toHaveValue("Data factory to data mesh");
  expect(await openBoardId(page)).toBe(original);
  expect(await storedDocument(page, imported)).toBeNull();

  await page.getByRole("button", { name: /^Boards/ }).click();
  await page.getByRole("button", { name: "Delete board: Data factory to data mesh" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("Board title")).not.toHaveValue("Data factory to data mesh");
  await page.locator("body").focus();
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("Board title")).toHaveValue("Data factory to data mesh");
  expect((await library(page)).boards.find((b) => b.id === original)?.deleted_ms).toBeNull();
});
