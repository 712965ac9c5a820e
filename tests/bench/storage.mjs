// Storage benchmark: how long the app's main-thread work on big boards takes
// (autosave and import), next to what the browser's own JSON and
// localStorage cost for the same bytes, so a slow figure can be told apart
// from a slow machine.
//
//   node tests/bench/storage.mjs [--quick]
//
// Runs the release build in dist/ in Debian's Chromium, headless. Prints a
// table and writes the same figures to target/bench/storage.json. Exits
// non-zero only when the benchmark itself breaks, never over a budget: the
// figures vary too much between machines to gate CI on them.
import {
  KEYS, KINDS, MEASURE_TIMEOUT_MS, OWNERS, QUICK, RUNS, median, nextMeasure, openApp, p95, pageNow,
  random, round, seedBoard, sentence, writeReport, printTimingRows, runBench,
} from "./lib.mjs";

const BASELINE_PAUSE_MS = 300;
const MB = 1024 * 1024;
// Only the ~1 MB board has budgets; the other sizes show how the cost grows.
const SIZES = [
  { label: "0.1 MB", bytes: 0.1 * MB, budgets: {} },
  { label: "1 MB", bytes: 1 * MB, budgets: { autosave: 50, import: 100 } },
  { label: "2 MB", bytes: 2 * MB, budgets: {} },
];
const BOARD_ID = "bench-board";

// ---------------------------------------------------------------- documents

/** A valid current-version document of at least `bytes` UTF-8 bytes. */
function makeDocument(bytes, title) {
  const next = random(42);
  const items = [];
  const board = { title, north_star: sentence(next), guidance: {}, items, next_id: 1 };
  let size = Buffer.byteLength(JSON.stringify({ format: "value-flywheel", version: 3, board }));
  while (size < bytes) {
    const id = items.length + 1;
    const item = {
      id,
      kind: KINDS[id % KINDS.length],
      title: sentence(next).slice(0, 60),
      description: Array.from({ length: 1 + Math.floor(next() * 4) }, () => sentence(next)).join(" "),
      owner: OWNERS[Math.floor(next() * OWNERS.length)],
    };
    items.push(item);
    size += Buffer.byteLength(JSON.stringify(item)) + 1;
  }
  board.next_id = items.length + 1;
  return JSON.stringify({ format: "value-flywheel", version: 3, board });
}

// -------------------------------------------------------------- the browser

async function measureAutosave(page, title) {
  const before = await title.inputValue();
  await title.focus();
  await page.keyboard.press("End");
  const durations = [];
  for (let i = 0; i < RUNS; i += 1) {
    const since = await pageNow(page);
    await page.keyboard.press("x");
    durations.push(await nextMeasure(page, "vf:autosave", since));
  }
  // Every keystroke must have been an edit, or some saves were not measured.
  const after = await title.inputValue();
  if (after !== before + "x".repeat(RUNS)) throw new Error(`the title did not take the keystrokes: "${after}"`);
  return durations;
}

async function measureImport(page, text, size) {
  const buffer = Buffer.from(text);
  const durations = [];
  for (let i = 0; i < RUNS; i += 1) {
    // A fresh file name per run, so the status of the previous import
    // cannot be taken for this one.
    const name = `bench-${size.label.replace(/\W+/g, "")}-${i}.json`;
    const since = await pageNow(page);
    await page.locator("input[type=file]").setInputFiles({ name, mimeType: "application/json", buffer });
    durations.push(await nextMeasure(page, "vf:import", since));
    try {
      await page
        .locator("[role=status]", { hasText: `from ${name} as a new board` })
        .waitFor({ timeout: MEASURE_TIMEOUT_MS });
    } catch {
      const alert = await page.locator("[role=alert]").allInnerTexts().catch(() => []);
      throw new Error(`import of ${name} did not report success; alert: ${alert.join(" ") || "none"}`);
    }
    // Every import stores another copy of the board; two 2 MB copies plus the
    // baseline's write would overrun the ~5 MB quota, so forget all but the
    // seeded board (the app reads the list from storage on its next write).
    await page.evaluate(
      ([keys, keep]) => {
        const stored = JSON.parse(localStorage.getItem(keys.library));
        for (const entry of stored.library.boards) {
          if (entry.id === keep) continue;
          localStorage.removeItem(keys.board + entry.id);
          localStorage.removeItem(keys.revision + entry.id);
        }
        stored.library.boards = stored.library.boards.filter((entry) => entry.id === keep);
        stored.library.last_open = keep;
        localStorage.setItem(keys.library, JSON.stringify(stored));
      },
      [KEYS, BOARD_ID],
    );
  }
  return durations;
}

// The same bytes through the browser's own JSON and localStorage, in the
// same page, so the ratio cancels out the machine and the browser build.
// The autosave baseline leaves parsing out: the app serializes a board it
// already holds in memory, it never parses on save. Runs are spaced like the
// app's debounced saves: back to back, 1–2 MB writes measured up to twice as
// slow and made the baseline look slower than the app itself.
function measureBaseline(page, text, runs) {
  return page.evaluate(
    async ([text, runs, pause]) => {
      const parse = [];
      const setItem = [];
      const stringifySetItem = [];
      for (let i = 0; i < runs; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, pause));
        let start = performance.now();
        const value = JSON.parse(text);
        parse.push(performance.now() - start);
        start = performance.now();
        localStorage.setItem("bench-baseline", text);
        setItem.push(performance.now() - start);
        localStorage.removeItem("bench-baseline");
        start = performance.now();
        localStorage.setItem("bench-baseline", JSON.stringify(value));
        stringifySetItem.push(performance.now() - start);
        localStorage.removeItem("bench-baseline");
      }
      return { parse, setItem, stringifySetItem };
    },
    [text, runs, BASELINE_PAUSE_MS],
  );
}

async function benchSize(browser, baseUrl, size, problems) {
  const text = makeDocument(size.bytes, `Bench board ${size.label}`);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`${size.label} console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`${size.label} pageerror: ${e.message}`));
  await seedBoard(page, BOARD_ID, text);
  const started = Date.now();
  const progress = (what) => console.error(`  ${size.label}: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await openApp(page, baseUrl);
  // Resolved once: on a 20,000-element page Playwright takes up to seconds of
  // main-thread time to match a label, so the keystrokes go by handle.
  const title = await page.locator(".field-title input").elementHandle();
  const shown = await title.inputValue();
  if (shown !== `Bench board ${size.label}`) {
    throw new Error(`the app did not open the seeded board (title shown: "${shown}")`);
  }

  progress(`opened, ${JSON.parse(text).board.items.length} items`);
  const autosave = await measureAutosave(page, title);
  progress("autosave measured");
  const imported = await measureImport(page, text, size);
  progress("import measured");
  const baseline = await measureBaseline(page, text, RUNS);
  progress("baseline measured");
  await context.close();

  const row = (scenario, samples, base) => {
    const budget = size.budgets[scenario] ?? null;
    const med = median(samples);
    return {
      size: size.label, bytes: Buffer.byteLength(text), scenario,
      median_ms: round(med), p95_ms: round(p95(samples)), baseline_median_ms: round(median(base)),
      ratio: round(med / median(base)), budget_ms: budget, pass: budget === null ? null : med <= budget,
      samples_ms: samples.map(round), baseline_samples_ms: base.map(round),
    };
  };
  return {
    rows: [row("autosave", autosave, baseline.stringifySetItem), row("import", imported, baseline.parse)],
    // Each part of the baselines on its own, to see where a ratio comes from.
    baseline: {
      size: size.label, parse_median_ms: round(median(baseline.parse)),
      set_item_median_ms: round(median(baseline.setItem)),
      stringify_set_item_median_ms: round(median(baseline.stringifySetItem)),
    },
  };
}

// ------------------------------------------------------------------- report

runBench(async ({ browser, url }) => {
  const problems = [];
  const rows = [];
  const baselines = [];
  for (const size of SIZES) {
    console.error(`measuring ${size.label} (${RUNS} runs each)…`);
    const result = await benchSize(browser, url, size, problems);
    rows.push(...result.rows);
    baselines.push(result.baseline);
  }
  printTimingRows("size", (r) => r.size, rows);
  for (const problem of problems) console.log(`note: ${problem}`);

  writeReport("storage.json", {
    date: new Date().toISOString(), browser: `Chromium ${browser.version()}`,
    runs: RUNS, quick: QUICK, rows, baselines, page_errors: problems,
  });
});
