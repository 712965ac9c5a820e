// What the benchmark scripts share: the run count, the static server, the
// browser, storage seeding, reading the app's User Timing measures, the
// statistics and the report. Each script (storage.mjs, chart.mjs, …) only adds
// its own scenarios and baselines.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

// Paths from the repository root, so the scripts work from any folder.
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const QUICK = process.argv.includes("--quick");
// --quick only proves a script still works end to end (CI), so two runs.
export const RUNS = QUICK ? 2 : 10;
// The one failure the scripts report as such: a measure that never comes
// means the app, or the script, no longer does what the scenario assumes.
export const MEASURE_TIMEOUT_MS = 20_000;
// The same flags as the e2e tests (playwright.config.ts).
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
// The app's storage keys; board and revision keys end in the board id.
export const KEYS = { library: "value-flywheel/library", board: "value-flywheel/board/", revision: "value-flywheel/revision/" };

// A seeded generator, so every run (and every machine) measures the same data.
export function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- documents

const WORDS = `data platform team customer value metric insight pipeline quality trust product
domain ownership latency cost revenue churn retention onboarding dashboard report analyst
engineer governance catalog lineage schema contract self-service adoption release weekly
monthly quarter baseline target reduce increase improve measure automate migrate legacy
warehouse mesh stream batch freshness accuracy coverage backlog roadmap stakeholder decision
experiment feedback loop signal outcome capability friction handoff incident review`.split(/\s+/);
export const OWNERS = ["Platform team", "Data office", "Architects", "Finance", "Product", "Sales ops"];
export const KINDS = ["goal", "challenge", "action", "value_metric"];

// Varied sentences with some typographic punctuation, as people write them:
// pure ASCII would keep V8's strings one byte per character and make every
// storage write cheaper than a real board's.
export function sentence(next) {
  const words = Array.from({ length: 6 + Math.floor(next() * 12) }, () =>
    WORDS[Math.floor(next() * WORDS.length)],
  );
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return words.join(" ") + (next() < 0.15 ? " — “weekly”." : ".");
}

/**
 * A realistic current-version (v3) board of `count` items (docs/format.md):
 * every kind in turn, owners, one to three sentences of description, links
 * from each challenge, action and metric to a goal, and a year of monthly
 * samples on every value metric. Seeded by `count`, so the same count gives
 * the same bytes on every run and machine (exports.mjs, coldstart.mjs,
 * memory.mjs).
 */
export function makeBoardDocument(count) {
  const next = random(count);
  const items = [];
  const links = [];
  const goals = [];
  for (let id = 1; id <= count; id++) {
    const kind = KINDS[(id - 1) % KINDS.length];
    const item = {
      id,
      kind,
      title: sentence(next).slice(0, 60),
      description: Array.from({ length: 1 + Math.floor(next() * 3) }, () => sentence(next)).join(" "),
      owner: OWNERS[Math.floor(next() * OWNERS.length)],
    };
    if (kind === "goal") goals.push(id);
    else if (goals.length) links.push({ from: id, to: goals[Math.floor(next() * goals.length)] });
    if (kind === "value_metric") {
      item.metric = {
        unit: "%", direction: "higher_is_better", baseline: 10, target: 80,
        samples: Array.from({ length: 12 }, (_, m) => ({
          date: `2026-${String(m + 1).padStart(2, "0")}-01`, value: Math.round(10 + m * 5 + next() * 10),
        })),
      };
    }
    items.push(item);
  }
  const board = { title: `Bench board of ${count}`, north_star: sentence(next), items, links, next_id: count + 1 };
  return JSON.stringify({ format: "value-flywheel", version: 3, board });
}

/** A v3 board with no items: what a user sees after "New board" → Blank. */
export function makeEmptyDocument(title = "Empty board") {
  const board = { title, north_star: "", items: [], links: [], spins: [], next_id: 1 };
  return JSON.stringify({ format: "value-flywheel", version: 3, board });
}

// ------------------------------------------------------------------ numbers

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Nearest rank: with few samples p95 is simply the slowest, which is honest.
export function p95(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
}

export const round = (ms) => Math.round(ms * 100) / 100;

// ------------------------------------------------------------------- server

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Reuses the e2e server, so the bench serves dist/ exactly as the tests do
// (or the folder in BENCH_DIST, to compare two builds in one session).
// A free ephemeral port, so it never collides with the e2e tests' 4173/4174.
export async function startServer() {
  const port = await freePort();
  const child = spawn(process.execPath, ["tests/e2e/serve.mjs", process.env.BENCH_DIST ?? "dist", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the static server did not start")), 10_000);
    child.once("exit", (code) => reject(new Error(`the static server exited (${code})`)));
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("serving")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, url: `http://127.0.0.1:${port}/` };
}

// -------------------------------------------------------------- the browser

/**
 * Launches Debian's Chromium, headless, with the e2e tests' flags. `args`
 * adds flags for one script (memory.mjs: `--js-flags=--expose-gc`); callers
 * that pass nothing get exactly the flags they always had.
 */
export function launchBrowser({ args = [] } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
  });
}

/**
 * Runs a benchmark: serves dist/ and starts Chromium, calls
 * `body({ browser, url })`, and closes both whatever happens. A script that
 * breaks prints why and exits non-zero; figures never fail it.
 */
export function runBench(body, launchOptions) {
  (async () => {
    const server = await startServer();
    let browser;
    try {
      browser = await launchBrowser(launchOptions);
      await body({ browser, url: server.url });
    } finally {
      await browser?.close();
      server.child.kill();
    }
  })().catch((error) => {
    console.error(`bench failed: ${error.stack ?? error}`);
    process.exitCode = 1;
  });
}

/**
 * Puts one board in storage before any app code runs, so the app opens it
 * at start as it would for a returning user. Only once per tab: a reload
 * must not undo what the app saved since.
 */
export function seedBoard(page, id, text) {
  return page.addInitScript(
    ([keys, id, text]) => {
      if (sessionStorage.getItem("bench-seeded")) return;
      sessionStorage.setItem("bench-seeded", "1");
      localStorage.clear();
      const entry = { id, title: "Bench", updated_ms: Date.now(), deleted_ms: null };
      const library = { format: "value-flywheel-library", version: 1, library: { boards: [entry], last_open: id } };
      localStorage.setItem(keys.library, JSON.stringify(library));
      localStorage.setItem(keys.board + id, text);
      localStorage.setItem(keys.revision + id, "1");
    },
    [KEYS, id, text],
  );
}

/** Opens the app and waits until it can be used. */
export async function openApp(page, url) {
  await page.goto(url);
  // A CSS id, not a role query: on a big board Playwright's accessible-name
  // computation takes seconds and would be measured as the app's time.
  await page.locator("#phase-purpose").waitFor({ state: "visible", timeout: 60_000 });
}

/**
 * The first `name` measure that started at or after `since`, as
 * { startTime, duration }. Goes by start time, not by count: the app clears
 * a name's measures past 200. Returns the entry rather than its duration, as
 * a duration of 0 would read as "not yet" and be waited for in vain.
 */
export async function nextMeasureEntry(page, name, since) {
  const handle = await page
    .waitForFunction(
      ([name, since]) => {
        const entry = performance.getEntriesByName(name).find((e) => e.startTime >= since);
        return entry && { startTime: entry.startTime, duration: entry.duration };
      },
      [name, since],
      { timeout: MEASURE_TIMEOUT_MS, polling: 20 },
    )
    .catch((error) => {
      throw new Error(`no new "${name}" measure within ${MEASURE_TIMEOUT_MS / 1000} s`, { cause: error });
    });
  return handle.jsonValue();
}

export async function nextMeasure(page, name, since) {
  return (await nextMeasureEntry(page, name, since)).duration;
}

export const pageNow = (page) => page.evaluate(() => performance.now());

// ------------------------------------------------------------------- report

/** Prints rows of strings as a table with aligned columns. */
export function printTable(header, lines) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(" | ");
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const line of lines) console.log(format(line));
}

export const budgetCell = (budget) => (budget === null ? "-" : `≤ ${budget} ms`);
export const passCell = (pass) => (pass === null ? "-" : pass ? "pass" : "FAIL");

/**
 * Prints timing rows (median, p95, the same-page baseline, their ratio,
 * budget and pass/fail) after a first column of the caller's: its header
 * and how a row shows in it.
 */
export function printTimingRows(firstHeader, firstCell, rows) {
  const header = [firstHeader, "scenario", "median ms", "p95 ms", "baseline median ms", "ratio", "budget", "pass/fail"];
  printTable(header, rows.map((r) => [
    firstCell(r),
    r.scenario,
    r.median_ms.toFixed(2),
    r.p95_ms.toFixed(2),
    r.baseline_median_ms.toFixed(2),
    r.ratio.toFixed(2),
    budgetCell(r.budget_ms),
    passCell(r.pass),
  ]));
}

/** Writes a report to target/bench/<file> and says so. */
export function writeReport(file, report) {
  mkdirSync(`${ROOT}target/bench`, { recursive: true });
  writeFileSync(`${ROOT}target/bench/${file}`, JSON.stringify(report, null, 2) + "\n");
  console.log(`wrote target/bench/${file}`);
}
