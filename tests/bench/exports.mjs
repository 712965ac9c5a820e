// Share and export benchmark: how long a share link is for boards of 10, 50
// and 200 items, and how long each export of a 200-item board takes on the
// main thread, next to JSON.stringify of the same board in the same page
// (the baseline: the least any export must do is walk the board once).
//
//   node tests/bench/exports.mjs [--quick]
//
// Runs the release build in dist/ in Debian's Chromium, headless, clicking
// the Export dialog as a user would and reading the app's User Timing
// measures (vf:export:<format>, vf:export:link). The link is compressed by
// the browser's CompressionStream, in tasks of its own, so "link ready ms"
// is the wall time from the dialog asking for it until it is made, waits
// between those tasks included, not main-thread time alone. Prints a table and writes
// the same figures to target/bench/exports.json. Exits non-zero only when
// the benchmark itself breaks, never over a time.
import {
  QUICK, RUNS, makeBoardDocument, median, nextMeasure, openApp, p95, pageNow, printTable,
  round, seedBoard, writeReport, runBench,
} from "./lib.mjs";

const SIZES = [10, 50, 200];
const TIMED_SIZE = 200;
const LINK_LIMIT = 8000;
const FORMATS = [
  { label: /^Board file/, measure: "vf:export:json" },
  { label: /^Image \(\.svg\)/, measure: "vf:export:svg" },
  { label: /^Picture \(\.png\)/, measure: "vf:export:png" },
  { label: /^Markdown/, measure: "vf:export:md" },
  { label: /^Spreadsheet/, measure: "vf:export:csv" },
  { label: /^JSON Canvas/, measure: "vf:export:canvas" },
];

// A realistic board of `count` items (lib.mjs): every kind, owners,
// descriptions, links to goals, a year of samples on every value metric.
const makeDocument = makeBoardDocument;

async function openExport(page) {
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await page.locator(".share-link").waitFor({ state: "visible" });
}

async function closeExport(page) {
  await page.keyboard.press("Escape");
  await page.locator(".share-link").waitFor({ state: "detached" });
}

async function benchSize(browser, url, count) {
  const text = makeDocument(count);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await seedBoard(page, "bench-board", text);
  // Chromium stops a page that starts many downloads in quick succession, so
  // the bench keeps the file the app hands to its download link instead.
  await page.addInitScript(() => {
    window.benchDownloads = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.download) window.benchDownloads.push(this.href);
      else click.call(this);
    };
  });
  await openApp(page, url);

  const since = await pageNow(page);
  await openExport(page);
  const linkMs = await nextMeasure(page, "vf:export:link", since);
  await page.waitForFunction(() => document.querySelector(".share-link")?.value.includes("#board="));
  const link = await page.locator(".share-link").inputValue();
  const row = {
    items: count, document_bytes: Buffer.byteLength(text), link_chars: link.length,
    link_ms: round(linkMs), over_limit: link.length > LINK_LIMIT, exports: [],
  };
  if (count === TIMED_SIZE) {
    for (const format of FORMATS) {
      const times = [];
      let bytes = 0;
      for (let run = 0; run < RUNS; run++) {
        const start = await pageNow(page);
        const count = await page.evaluate(() => window.benchDownloads.length);
        await page.locator(".export-list").getByRole("button", { name: format.label }).click();
        times.push(await nextMeasure(page, format.measure, start));
        await page.waitForFunction((count) => window.benchDownloads.length > count, count);
        bytes = await page.evaluate(async () => (await (await fetch(window.benchDownloads.at(-1))).blob()).size);
      }
      row.exports.push({ format: format.measure.replace("vf:export:", ""), times, bytes });
    }
    // The baseline, in the same page: JSON.stringify of the same board.
    row.baseline = await page.evaluate(([text, runs]) => {
      const board = JSON.parse(text);
      const times = [];
      for (let run = 0; run < runs * 5; run++) {
        const start = performance.now();
        JSON.stringify(board);
        times.push(performance.now() - start);
      }
      return times;
    }, [text, RUNS]);
  }
  await closeExport(page);
  await context.close();
  return row;
}

runBench(async ({ browser, url }) => {
  const rows = [];
  for (const count of SIZES) {
    console.error(`measuring a board of ${count} items…`);
    rows.push(await benchSize(browser, url, count));
  }
  printTable(
    ["items", "document bytes", "share link chars", "link ready ms", `over ${LINK_LIMIT.toLocaleString("en-US")}`],
    rows.map((r) => [
      String(r.items), r.document_bytes.toLocaleString("en-US"), r.link_chars.toLocaleString("en-US"),
      r.link_ms.toFixed(2), r.over_limit ? "yes (file offered)" : "no",
    ]),
  );
  console.log("");
  const timed = rows.find((r) => r.items === TIMED_SIZE);
  const baseline = median(timed.baseline);
  const exportRows = timed.exports.map((e) => ({
    format: e.format, median_ms: round(median(e.times)), p95_ms: round(p95(e.times)), bytes: e.bytes,
    baseline_median_ms: round(baseline), ratio: round(median(e.times) / Math.max(baseline, 0.01)),
  }));
  printTable(
    ["export (200 items)", "median ms", "p95 ms", "file bytes", "baseline ms (JSON.stringify)", "ratio"],
    exportRows.map((r) => [
      r.format, r.median_ms.toFixed(2), r.p95_ms.toFixed(2), r.bytes.toLocaleString("en-US"),
      r.baseline_median_ms.toFixed(2), r.ratio.toFixed(1),
    ]),
  );
  writeReport("exports.json", {
    date: new Date().toISOString(), browser: `Chromium ${browser.version()}`, runs: RUNS, quick: QUICK,
    links: rows.map(({ exports, baseline, ...rest }) => rest), exports: exportRows,
  });
});
