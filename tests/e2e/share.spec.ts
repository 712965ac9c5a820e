// Share and embed: share links that open read-only in a fresh browser,
// embeds in a sandboxed iframe on another origin, a build hosted under a
// sub-path, and exports that import back as the same board.
import { readFileSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";
import type { Download, Page } from "@playwright/test";
import { test, expect, openApp, screenshot, newBoard, axeViolations, quoted, clickPhase } from "./fixtures";
import { hostPort, subPathPort } from "../../playwright.config";

const APP = "http://127.0.0.1:4173/";

async function saved(page: Page) {
  await expect(page.locator(".save-status")).toHaveText("Saved");
}

function exportDialog(page: Page) {
  return page.getByRole("dialog", { name: "Export and share" });
}

async function openExport(page: Page) {
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(exportDialog(page)).toBeVisible();
  // The browser compresses the board, so the link comes a moment after the dialog.
  await expect(exportDialog(page).getByRole("textbox", { name: "Share link" })).toHaveValue(/#board=1\w/);
}

/** Downloads the board in one format through the Export dialog. */
async function exportAs(page: Page, label: RegExp): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    exportDialog(page).getByRole("button", { name: label }).click(),
  ]);
  return { download, bytes: readFileSync((await download.path())!) };
}

async function storedBoards(page: Page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith("value-flywheel/board/"))
      .map((key) => JSON.parse(localStorage.getItem(key)!).board),
  );
}

async function openBoard(page: Page) {
  return page.evaluate(() => {
    const library = JSON.parse(localStorage.getItem("value-flywheel/library")!).library;
    return JSON.parse(localStorage.getItem(`value-flywheel/board/${library.last_open}`)!).board;
  });
}

/** The share link the Export dialog shows for the board on screen. */
async function shareLink(page: Page) {
  await openExport(page);
  const link = await exportDialog(page).getByRole("textbox", { name: "Share link" }).inputValue();
  await expect(exportDialog(page).locator(".link-length")).toHaveText(
    `${link.length.toLocaleString("en-US")} characters`,
  );
  await page.keyboard.press("Escape");
  return link;
}

/** A board with something in every phase, a link and a metric with samples. */
async function makeBoard(page: Page, title: string) {
  await openApp(page);
  await newBoard(page, "Value Flywheel");
  await page.getByLabel("Board title").fill(title);
  await saved(page);
}

test("JSON, SVG and PNG exports each import back as an identical board", async ({ page }) => {
  await openApp(page);
  // The example board has items in every phase, links, metrics and a spin.
  await page.getByLabel("Board title").fill("Round trip <b>ü</b> & ]]>");
  await saved(page);
  const original = await openBoard(page);

  await openExport(page);
  const json = await exportAs(page, /^Board file/);
  const svg = await exportAs(page, /^Image \(\.svg\)/);
  const png = await exportAs(page, /^Picture \(\.png\)/);
  await page.keyboard.press("Escape");
  expect(json.download.suggestedFilename()).toMatch(/\.json$/);
  expect(svg.download.suggestedFilename()).toMatch(/\.svg$/);
  expect(png.download.suggestedFilename()).toMatch(/\.png$/);
  expect(JSON.parse(json.bytes.toString("utf8")).board).toEqual(original);

  // The SVG is real text, no foreignObject, no script, the board in its metadata.
  const svgText = svg.bytes.toString("utf8");
  expect(svgText).toContain("<text");
  expect(svgText).toContain("<metadata");
  expect(svgText).not.toMatch(/foreignObject|<script|@import|url\(http/i);
  expect(svgText).toContain("Round trip &lt;b&gt;ü&lt;/b&gt; &amp; ]]&gt;");
  // The PNG is the wheel at twice its size.
  expect(png.bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  expect(width).toBe(2000);
  expect(height).toBeGreaterThanOrEqual(2000);

  for (const [name, bytes, type] of [
    ["board.json", json.bytes, "application/json"],
    ["wheel.svg", svg.bytes, "image/svg+xml"],
    ["wheel.png", png.bytes, "image/png"],
  ] as const) {
    await page.locator("input[type=file]").setInputFiles({ name, mimeType: type, buffer: bytes });
    await expect(page.getByRole("status")).toContainText(`from ${name} as a new board`);
    await saved(page);
    expect(await openBoard(page), `${name} gives back the same board`).toEqual(original);
  }
});

test("the SVG export opens on its own, drawn by the browser without the app", async ({ page }) => {
  await openApp(page);
  await openExport(page);
  const svg = await exportAs(page, /^Image \(\.svg\)/);
  // As an <img>, the browser draws it with scripts off and no network, the
  // way other tools do. Ink must land in every quarter of the wheel.
  const inked = await page.evaluate(async (text) => {
    const image = new Image();
    image.src = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = 400;
    canvas.height = 400;
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0, 400, 400);
    const quarters = [[250, 100], [300, 250], [150, 300], [100, 150]].map(([x, y]) => {
      const pixels = context.getImageData(x - 40, y - 40, 80, 80).data;
      let ink = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && pixels[i] + pixels[i + 1] + pixels[i + 2] < 700) ink++;
      return ink;
    });
    return { width: image.naturalWidth, quarters };
  }, svg.bytes.toString("utf8"));
  expect(inked.width).toBeGreaterThan(0);
  for (const ink of inked.quarters) expect(ink).toBeGreaterThan(100);
  await page.goto(`data:image/svg+xml;base64,${svg.bytes.toString("base64")}`);
  await screenshot(page, "export-svg-standalone");
});

test("Markdown, CSV and JSON Canvas exports escape user text and follow their formats", async ({ page }) => {
  await openApp(page);
  await newBoard(page, "Blank");
  await page.getByLabel("Board title").fill("<script>alert(1)</script>");
  await page.getByRole("button", { name: "Add goal", exact: true }).click();
  await page.keyboard.type('=HYPERLINK("http://x","y")');
  await page.getByRole("button", { name: "Phase II: Challenge and Landscape" }).click();
  await page.getByRole("button", { name: "Add challenge", exact: true }).click();
  await page.keyboard.type("<img src=x onerror=alert(2)> | *bold*");
  await saved(page);

  await openExport(page);
  const markdown = (await exportAs(page, /^Markdown/)).bytes.toString("utf8");
  const csv = (await exportAs(page, /^Spreadsheet/)).bytes.toString("utf8");
  const canvas = JSON.parse((await exportAs(page, /^JSON Canvas/)).bytes.toString("utf8"));
  const svgText = (await exportAs(page, /^Image \(\.svg\)/)).bytes.toString("utf8");

  expect(markdown).toContain("&lt;script&gt;");
  expect(markdown).not.toMatch(/<script|<img/);
  expect(markdown).toContain("&lt;img src=x onerror=alert\\(2\\)&gt;");
  expect(markdown).toMatch(/Clarity of Purpose/);
  // Markup arrives as text: no element of it, no attribute that runs code.
  expect(svgText).not.toMatch(/<script|<img|<[^>]*\sonerror=/i);
  expect(svgText).toContain("&lt;img src=x onerror=alert(2)&gt;");
  expect(csv).toContain(`'=HYPERLINK(""http://x"",""y"")`);
  expect(csv.split("\r\n").some((line) => /(^|,)"?=/.test(line))).toBe(false);

  const ids = new Set(canvas.nodes.map((node: { id: string }) => node.id));
  expect(ids.size).toBe(canvas.nodes.length);
  for (const edge of canvas.edges) {
    expect(ids.has(edge.fromNode)).toBe(true);
    expect(ids.has(edge.toNode)).toBe(true);
  }
  expect(canvas.nodes.filter((node: { type: string }) => node.type === "group")).toHaveLength(4);
  expect(JSON.stringify(canvas)).not.toMatch(/<script|<img/);
});

test("a share link opens read-only in a fresh browser, Make a copy keeps it, and a tampered link changes nothing", async ({
  page,
  browser,
}) => {
  await makeBoard(page, "Shared plan");
  await page.getByRole("button", { name: "Add goal", exact: true }).click();
  await page.keyboard.type("Travels in the link");
  await saved(page);
  const sent = await openBoard(page);
  const link = await shareLink(page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4173\/#board=1[A-Za-z0-9_-]+$/);

  const context = await browser.newContext();
  const friend = await context.newPage();
  const errors: string[] = [];
  friend.on("pageerror", (error) => errors.push(error.message));
  await friend.goto(link);
  const banner = friend.getByRole("region", { name: "Shared board" });
  await expect(banner).toContainText("A shared board, read-only");
  await expect(friend.getByLabel("Board title")).toHaveValue("Shared plan");
  await expect(friend.getByLabel("Board title")).toHaveAttribute("readonly", "");
  await expect(friend.getByRole("group", { name: "Value flywheel" })).toContainText("Travels in the link");
  await expect(friend.getByRole("button", { name: "Add goal", exact: true })).toHaveCount(0);
  // Nothing was stored: not the shared board, not even an example board.
  expect(await storedBoards(friend)).toEqual([]);
  await screenshot(friend, "shared-link-read-only");
  expect(await axeViolations(friend)).toEqual([]);

  await banner.getByRole("button", { name: "Make a copy" }).click();
  await expect(friend.getByRole("status")).toContainText(`${quoted("Shared plan")} is now one of your boards`);
  await expect(banner).toHaveCount(0);
  expect(new URL(friend.url()).hash).toBe("");
  await saved(friend);
  expect(await storedBoards(friend)).toEqual([sent]);
  await friend.reload();
  await expect(friend.getByLabel("Board title")).toHaveValue("Shared plan");
  await expect(friend.getByLabel("Board title")).not.toHaveAttribute("readonly", "");

  // A tampered link (characters cut out of the middle) is refused with a
  // message, and the friend's boards stay exactly as they were.
  const before = await friend.evaluate(() => JSON.stringify(localStorage));
  const payload = link.split("#board=")[1];
  const tampered = `${APP}#board=${payload.slice(0, 40)}${payload.slice(60)}`;
  await friend.goto("about:blank");
  await friend.goto(tampered);
  await expect(friend.getByRole("alert")).toContainText("share link");
  await expect(friend.getByRole("alert")).toContainText("Your boards are unchanged");
  await expect(friend.getByLabel("Board title")).toHaveValue("Shared plan");
  expect(await friend.evaluate(() => JSON.stringify(localStorage))).toBe(before);

  // A decompression bomb: 20 MB of spaces squeezed into a short link.
  const bomb = deflateSync(Buffer.alloc(20 * 1024 * 1024, " "), { level: 9 }).toString("base64url");
  await friend.goto("about:blank");
  await friend.goto(`${APP}#board=1${bomb}`);
  await expect(friend.getByRole("alert")).toContainText("10 MB");
  expect(await friend.evaluate(() => JSON.stringify(localStorage))).toBe(before);
  expect(errors).toEqual([]);
  await context.close();
});

test("a shared board's reader sees each phase's guidance, the items' descriptions and links, and a metric's chart", async ({
  page,
  browser,
}) => {
  // The example board: guidance, descriptions, links, metrics with samples.
  await openApp(page);
  const link = await shareLink(page);

  const context = await browser.newContext();
  const friend = await context.newPage();
  await friend.goto(link);
  await expect(friend.getByRole("region", { name: "Shared board" })).toContainText("read-only");
  const panel = friend.locator(".panel");
  const guidance = panel.getByRole("region", { name: "Guidance" });
  await expect(guidance).toContainText("Alignment on business goals");
  await expect(guidance).toContainText("Leadership, executive sponsors and domain experts");
  const goal = panel.getByRole("listitem").filter({ hasText: "Align data initiatives with business outcomes" });
  await expect(goal).toContainText("owner Executive sponsor");
  await expect(goal.locator(".line-description")).toHaveText("Every data initiative names the business outcome it serves.");

  await clickPhase(friend, "Phase IV: Long-Term Value");
  await expect(guidance).toContainText("Architect the system to work at scale");
  const metric = panel.getByRole("listitem").filter({ hasText: "Domains running their own data products" }).first();
  await expect(metric.locator(".line-description")).toHaveText("Counted each quarter.");
  await expect(metric).toContainText("measures Domains own their data products");
  // The chart is one click away, drawn when opened.
  await expect(metric.getByRole("img")).toHaveCount(0);
  await metric.getByText("Chart", { exact: true }).click();
  const chart = metric.getByRole("img", { name: /^Chart of Domains running their own data products/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("data-x-labels", /2026/);
  await screenshot(friend, "shared-link-phase-iv");
  expect(await axeViolations(friend)).toEqual([]);

  // The outline carries the descriptions too.
  await friend.getByRole("button", { name: "Outline", exact: true }).click();
  await expect(friend.getByRole("article", { name: "Outline of the board" })).toContainText("Counted each quarter.");
  await context.close();
});

test("a share link opened in the same tab, then Back, shows the user's own board again", async ({ page }) => {
  await makeBoard(page, "Sent away");
  await saved(page);
  const link = await shareLink(page);
  await page.getByLabel("Board title").fill("My own, renamed");
  await saved(page);
  // Only the fragment changes: the app starts again on the shared board.
  await page.goto(link);
  await expect(page.getByRole("region", { name: "Shared board" })).toContainText("A shared board, read-only");
  await expect(page.getByLabel("Board title")).toHaveValue("Sent away");
  await page.goBack();
  expect(new URL(page.url()).hash).toBe("");
  await expect(page.getByLabel("Board title")).toHaveValue("My own, renamed");
  await expect(page.getByRole("region", { name: "Shared board" })).toHaveCount(0);
  await expect(page.getByLabel("Board title")).not.toHaveAttribute("readonly", "");
});

test("a link too long to send safely is flagged, with a file export offered instead", async ({ page }) => {
  await openApp(page);
  // 300 items of random words do not compress much.
  let seed = 7;
  const word = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed.toString(36);
  };
  const items = Array.from({ length: 300 }, (_, i) => ({
    id: i + 1,
    kind: ["goal", "challenge", "action", "value_metric"][i % 4],
    title: `${word()} ${word()} ${word()}`,
    description: `${word()} ${word()} ${word()} ${word()} ${word()}`,
  }));
  const text = JSON.stringify({ format: "value-flywheel", version: 3, board: { title: "Big board", items, next_id: 301 } });
  await page.locator("input[type=file]").setInputFiles({ name: "big.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.getByLabel("Board title")).toHaveValue("Big board");
  await openExport(page);
  const warning = exportDialog(page).getByRole("status").filter({ hasText: "Chat tools" });
  await expect(warning).toContainText("Chat tools, email and wikis often cut links longer than 8,000");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    warning.getByRole("button", { name: "Export board file instead" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("big-board.json");
  await screenshot(page, "share-link-too-long");
});

test("an embed from the Export dialog runs in a sandboxed iframe on another origin, read-only, without storage", async ({
  page,
  pageErrors,
}) => {
  await makeBoard(page, "Embedded plan");
  await openExport(page);
  const dialog = exportDialog(page);
  await dialog.getByLabel("Theme").selectOption("dark");
  await dialog.getByLabel("Phase").selectOption("2");
  const code = await dialog.getByLabel("Embed code").inputValue();
  await screenshot(page, "export-dialog");
  await page.keyboard.press("Escape");
  expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:4173\/\?embed&amp;theme=dark&amp;phase=2#board=1[\w-]+" /);
  expect(code).toContain('sandbox="allow-scripts');
  expect(code).toContain('title="Value flywheel: Embedded plan"');
  const src = code.match(/src="([^"]+)"/)![1].replaceAll("&amp;", "&");

  // A wiki page on another origin, its iframe sandboxed to scripts only:
  // storage throws there, and the embed must not even try it.
  expect(code).toContain('width="960" height="720"');
  for (const [width, height] of [[400, 300], [960, 720], [1600, 900]]) {
    await page.setViewportSize({ width, height });
    await page.goto(`http://127.0.0.1:${hostPort}/frame.html?sandbox=allow-scripts&src=${encodeURIComponent(src)}`);
    const frame = page.frameLocator("iframe");
    const wheel = frame.getByRole("group", { name: "Value flywheel" });
    await expect(wheel).toContainText("Embedded plan");
    await expect(frame.getByRole("button", { name: "Phase II: Challenge and Landscape" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expect(frame.locator("html")).toHaveAttribute("data-theme", "dark");
    // The wheel and nothing else: no editing, no dialogs, one small link.
    await expect(frame.getByLabel("Board title")).toHaveCount(0);
    await expect(frame.locator("dialog")).toHaveCount(0);
    await expect(frame.getByRole("link", { name: "Open full view ↗" })).toHaveAttribute("href", /#board=1/);
    // It fits its frame.
    const box = (await wheel.boundingBox())!;
    expect(box.width).toBeGreaterThan(Math.min(width, height) * 0.8);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width + 1);
    expect(box.y + box.height).toBeLessThanOrEqual(height + 1);
    // At the size the embed code asks for, the wheel has room for its items.
    if (width >= 960) await expect(frame.locator(".wheel-area")).not.toHaveClass(/is-compact/);
    else await expect(frame.locator(".wheel-area")).toHaveClass(/is-compact/);
    await screenshot(page, `embed-${width}x${height}`);
  }
  expect(pageErrors.messages).toEqual([]);

  // The same embed as a page of the app's own origin, where storage works:
  // it still reads and writes nothing.
  const context = await page.context().browser()!.newContext();
  const own = await context.newPage();
  await own.goto(src.replace("theme=dark", "theme=light").replace("phase=2", "present"));
  await expect(own.getByRole("group", { name: "Value flywheel" })).toContainText("Embedded plan");
  await expect(own.locator(".slide")).toBeVisible();
  // The link names no phase, so none is selected until the reader steps
  // or picks one; the arrow keys step the slides, as in the app.
  const first = own.getByRole("button", { name: "Phase I: Clarity of Purpose" });
  await expect(first).toHaveAttribute("aria-pressed", "false");
  await expect(own.locator(".slide-position")).toHaveText("1 / 5");
  await own.keyboard.press("ArrowRight");
  await expect(own.locator(".slide-position")).toHaveText("2 / 5");
  await expect(first).toHaveAttribute("aria-pressed", "true");
  await own.keyboard.press("PageDown");
  await expect(own.locator(".slide-position")).toHaveText("3 / 5");
  // An embed presents for as long as it is on its page.
  await own.keyboard.press("Escape");
  await expect(own.locator(".slide")).toBeVisible();
  await expect(own.getByRole("button", { name: "Exit presentation" })).toHaveCount(0);
  await own.getByRole("button", { name: "Phase III: Next Best Action" }).click();
  expect(await axeViolations(own)).toEqual([]);
  expect(await own.evaluate(() => localStorage.length)).toBe(0);
  await context.close();
});

test("an embed without a board, or with a damaged one, says so in the frame", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${hostPort}/frame.html?sandbox=allow-scripts&src=${encodeURIComponent(`${APP}?embed`)}`);
  await expect(page.frameLocator("iframe").getByRole("alert")).toContainText("This embed holds no board");
  await page.goto(
    `http://127.0.0.1:${hostPort}/frame.html?sandbox=allow-scripts&src=${encodeURIComponent(`${APP}?embed#board=1AAAA`)}`,
  );
  await expect(page.frameLocator("iframe").getByRole("alert")).toContainText("could not be shown");
});

test("inside a sandboxed frame the app says where downloads and new windows are blocked, and offers the share link", async ({
  page,
  pageErrors,
}) => {
  // What the browser itself logs when the sandbox refuses.
  pageErrors.allow(/Blocked opening .* 'allow-popups' permission is not set/);
  pageErrors.allow(/Download is disallowed/);
  // The full app in a wiki's frame with scripts only: no storage, no
  // downloads, no new windows, and the browser tells the page nothing.
  await page.goto(`http://127.0.0.1:${hostPort}/frame.html?sandbox=allow-scripts&src=${encodeURIComponent(APP)}`);
  const app = page.frameLocator("iframe");
  const banner = app.getByRole("alert").filter({ hasText: "not letting the app save" });
  await expect(banner).toContainText("copy its share link");
  await banner.getByRole("button", { name: "Export or share" }).click();
  const dialog = app.getByRole("dialog", { name: "Export and share" });
  await expect(dialog.getByText("If no file arrives, the page around this app blocks downloads")).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "Share link" })).toHaveValue(/#board=1/);
  await dialog.getByRole("button", { name: /^Board file/ }).click();
  await expect(app.locator(".messages [role=status]")).toContainText("If no file arrives");

  // An embed in a frame without allow-popups: "Open full view" cannot open
  // a window, so it shows the address to copy.
  const src = `${APP}?embed${(await dialog.getByRole("textbox", { name: "Share link" }).inputValue()).replace(/^[^#]*/, "")}`;
  await page.goto(`http://127.0.0.1:${hostPort}/frame.html?sandbox=allow-scripts&src=${encodeURIComponent(src)}`);
  const embed = page.frameLocator("iframe");
  await embed.getByRole("link", { name: "Open full view ↗" }).click();
  const refused = embed.getByRole("alert");
  await expect(refused).toContainText("does not let the embed open a window");
  await expect(refused.getByRole("textbox", { name: "Full view address" })).toHaveValue(/#board=1/);
  expect(page.context().pages()).toHaveLength(1);

  // Where windows may open, the link opens the full view and no message shows.
  await page.goto(
    `http://127.0.0.1:${hostPort}/frame.html?sandbox=${encodeURIComponent("allow-scripts allow-popups allow-popups-to-escape-sandbox")}&src=${encodeURIComponent(src)}`,
  );
  const [opened] = await Promise.all([
    page.context().waitForEvent("page"),
    page.frameLocator("iframe").getByRole("link", { name: "Open full view ↗" }).click(),
  ]);
  await expect(opened).toHaveURL(/#board=1/);
  await expect(page.frameLocator("iframe").getByRole("alert")).toHaveCount(0);
  await opened.close();
});

test("the full app in a small wiki frame packs its top bar, so the wheel fills most of the first screen", async ({
  page,
}) => {
  // A wiki's usual frame: 700 by 450, scripts only (so the storage banner shows too).
  await page.setViewportSize({ width: 700, height: 450 });
  await page.goto(`http://127.0.0.1:${hostPort}/frame.html?sandbox=allow-scripts&src=${encodeURIComponent(APP)}`);
  const app = page.frameLocator("iframe");
  const banner = app.getByRole("alert").filter({ hasText: "not letting the app save" });
  await expect(banner.getByText("Not saved in this frame: changes are lost when the page closes.")).toBeVisible();
  await expect(banner.getByRole("button", { name: "Export or share" })).toBeInViewport();
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (!frame) throw new Error("no frame");
  const sizes = await frame.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    return {
      topbar: box(".topbar").height,
      messages: box(".messages").height,
      wheelTop: box("svg.wheel").top,
      wheelHeight: box("svg.wheel").height,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
  // Was 282 px of top bar and 145 of banner, the wheel's top at 434 px of 450.
  expect(sizes.topbar).toBeLessThanOrEqual(0.3 * 450);
  // The storage banner is its gist on one line (its whole text is still read out).
  expect(sizes.messages).toBeLessThanOrEqual(60);
  expect(sizes.topbar + sizes.messages).toBeLessThanOrEqual(0.45 * 450);
  expect(sizes.wheelTop).toBeLessThan(0.6 * 450);
  // The whole wheel is in the frame (it ran past the bottom), and large.
  expect(sizes.wheelTop + sizes.wheelHeight).toBeLessThanOrEqual(450);
  expect(sizes.wheelHeight).toBeGreaterThan(0.55 * 450);
  expect(sizes.overflow).toBeLessThanOrEqual(0);
  // Every control is still there and named, though the captions are not shown.
  for (const name of ["Board title", "North star", "Search", "Theme"]) {
    await expect(app.getByLabel(name, { exact: name !== "Theme" })).toBeVisible();
  }
  await expect(app.getByText("Board title", { exact: true })).toHaveCSS("position", "absolute");
  for (const name of ["Boards", "New board", "Import", "Export", "Present", "A+ Larger text", "Undo"]) {
    await expect(app.getByRole("button", { name, exact: name !== "Boards" })).toBeInViewport();
  }
  await app.getByLabel("Board title", { exact: true }).fill("Wiki board");
  await expect(app.locator("svg.wheel")).toContainText("Wiki board");

  // A smaller frame, 600 by 400: the buttons wrap beside the display
  // controls (the top bar was four rows, 156 px), the whole wheel is still
  // in view, and the panel is below it, reached by scrolling or Tab.
  await page.setViewportSize({ width: 600, height: 400 });
  await expect
    .poll(() => frame.evaluate(() => document.querySelector(".topbar")!.getBoundingClientRect().height))
    .toBeLessThanOrEqual(125);
  const wheel = await frame.evaluate(() => document.querySelector("svg.wheel")!.getBoundingClientRect().toJSON());
  expect(wheel.bottom).toBeLessThanOrEqual(400);
  // What is left under the top bar and the storage banner (two lines here).
  expect(wheel.height).toBeGreaterThan(0.45 * 400);
  for (const name of ["Boards", "New board", "Import", "Export", "Present", "A+ Larger text", "Undo"]) {
    await expect(app.getByRole("button", { name, exact: name !== "Boards" })).toBeInViewport();
  }
  const card = app.locator(".item-card .item-title").first();
  await expect(card).not.toBeInViewport();
  await card.focus();
  await expect(card).toBeInViewport();
});

test("the build works hosted under a sub-path, share links included", async ({ page, browser }) => {
  const base = `http://127.0.0.1:${subPathPort}/tools/flywheel/`;
  await openApp(page, base);
  await page.getByLabel("Board title").fill("Under a sub-path");
  await saved(page);
  const link = await shareLink(page);
  expect(link.startsWith(`${base}#board=`)).toBe(true);
  const context = await browser.newContext();
  const friend = await context.newPage();
  await friend.goto(link);
  await expect(friend.getByLabel("Board title")).toHaveValue("Under a sub-path");
  await context.close();
});

test("Copy link puts the link on the clipboard, and where copying is refused the link is selected instead", async ({
  browser,
}) => {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await openApp(page);
  await openExport(page);
  const dialog = exportDialog(page);
  const link = await dialog.getByRole("textbox", { name: "Share link" }).inputValue();
  await dialog.getByRole("button", { name: "Copy link" }).click();
  await expect(dialog.getByRole("button", { name: "Copied ✓" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole("button", { name: "Copy embed code" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^<iframe src="[^"]+#board=1/);
  await context.close();

  // A frame or browser that refuses the clipboard: the link is selected for
  // Ctrl+C and the app says so.
  const refusing = await browser.newContext();
  const other = await refusing.newPage();
  await other.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) },
    });
  });
  await openApp(other);
  await openExport(other);
  const field = exportDialog(other).getByRole("textbox", { name: "Share link" });
  await exportDialog(other).getByRole("button", { name: "Copy link" }).click();
  await expect(other.locator("#announcer")).toContainText("press Ctrl+C");
  // Said on screen too, beside the button.
  await expect(exportDialog(other).getByText("This page does not let the app copy.")).toBeVisible();
  await expect(field).toBeFocused();
  const selected = await field.evaluate((input: HTMLInputElement) => input.selectionEnd! - input.selectionStart!);
  expect(selected).toBe((await field.inputValue()).length);
  await refusing.close();
});

test("a browser that cannot compress says so in place of the link and the picture, and the board is untouched", async ({
  page,
}) => {
  // Browsers before 2023 have no CompressionStream, which makes share links and PNGs.
  await page.addInitScript(() => {
    delete (window as { CompressionStream?: unknown }).CompressionStream;
  });
  await makeBoard(page, "Kept plan");
  const before = await openBoard(page);
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = exportDialog(page);
  await expect(dialog.getByRole("alert").filter({ hasText: "could not be made" })).toContainText(
    "The link could not be made: this browser cannot compress (it is older than 2023). Send the board file instead.",
  );
  await expect(dialog.getByRole("textbox", { name: "Share link" })).toHaveValue("");
  await expect(dialog.getByRole("button", { name: "Copy link" })).toBeDisabled();
  await expect(dialog.getByRole("button", { name: "Copy embed code" })).toBeDisabled();
  await expect(dialog.getByLabel("Embed code")).toHaveValue("");
  await expect(dialog.locator(".link-length")).toHaveText("");
  await screenshot(page, "export-cannot-compress");
  // The file the message offers still downloads.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Export board file" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("kept-plan.json");
  // The PNG cannot carry its board here, and says so instead of downloading.
  await dialog.getByRole("button", { name: /^Picture \(\.png\)/ }).click();
  // Said in the dialog, where it was asked for.
  await expect(dialog.getByRole("alert").filter({ hasText: "The picture could not be made" })).toContainText(
    "The picture could not be made: this browser cannot compress (it is older than 2023).",
  );
  await page.keyboard.press("Escape");
  expect(await openBoard(page)).toEqual(before);
  await expect(page.getByLabel("Board title")).toHaveValue("Kept plan");
});

test("the browser's own zlib refuses a damaged link or picture with the reason, and a browser without it says so", async ({
  page,
  browser,
}) => {
  const document = Buffer.from(
    JSON.stringify({ format: "value-flywheel", version: 3, board: { title: "Sent intact", items: [], next_id: 1 } }),
  );
  const zlib = deflateSync(document);
  const link = (stream: Buffer) => `${APP}#board=1${stream.toString("base64url")}`;
  await openApp(page);
  await page.getByLabel("Board title").fill("Mine");
  await saved(page);
  const before = await page.evaluate(() => JSON.stringify(localStorage));

  // The intact link opens; the same link with a changed checksum, or cut
  // short, is refused with its reason, and nothing is stored.
  await page.goto("about:blank");
  await page.goto(link(zlib));
  await expect(page.getByLabel("Board title")).toHaveValue("Sent intact");
  const wrongSum = Buffer.from(zlib);
  wrongSum[wrongSum.length - 1] ^= 1;
  for (const [stream, reason] of [
    [wrongSum, "its contents do not match their checksum"],
    [zlib.subarray(0, zlib.length - 8), "it was cut short"],
  ] as const) {
    await page.goto("about:blank");
    await page.goto(link(stream));
    await expect(page.getByRole("alert")).toContainText(`This share link is incomplete or damaged: ${reason}.`);
    await expect(page.getByLabel("Board title")).toHaveValue("Mine");
    expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(before);
  }

  // A PNG whose board chunk fails its checksum is refused, boards unchanged.
  const chunk = (kind: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(kind, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", header),
    chunk("iTXt", Buffer.concat([Buffer.from("value-flywheel\0\x01\0\0\0", "latin1"), wrongSum])),
    chunk("IDAT", deflateSync(Buffer.from([0, 0, 0, 0, 255]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  await page.goto(APP);
  await page.locator("input[type=file]").setInputFiles({ name: "wheel.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("alert")).toContainText("its board does not match its checksum");
  await expect(page.getByRole("alert")).toContainText("Your boards are unchanged");
  await expect(page.getByLabel("Board title")).toHaveValue("Mine");
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(before);

  // A browser without DecompressionStream (before 2023) says so, and the
  // user's boards are untouched there too.
  const context = await browser.newContext();
  const old = await context.newPage();
  await old.addInitScript(() => {
    delete (window as { DecompressionStream?: unknown }).DecompressionStream;
  });
  await old.goto(link(zlib));
  await expect(old.getByRole("alert")).toContainText(
    "This share link cannot be opened in this browser, which is older than 2023.",
  );
  await expect(old.getByRole("alert")).toContainText("Your boards are unchanged");
  await context.close();
});
