// Cold-start benchmark: a first visit in a fresh browser context with empty
// caches, for an empty board and a 1,000-item board, next to a baseline of
// the same index.html with JavaScript off, so a slow figure can be told
// apart from a slow machine.
//
//   node tests/bench/coldstart.mjs [--quick]
//
// Every run is a NEW browser context (empty HTTP cache, empty storage; the
// server also sends `cache-control: no-store`). The board is put in
// localStorage before any app code runs (lib.mjs seedBoard), as for a
// returning user, so it is not part of the transfer. "Empty board" is one
// blank board with no items; "1,000 items" is lib.mjs makeBoardDocument(1000).
// "Embed, 200-item link" is what a wiki page's iframe opens: `?embed` and a
// share link of makeBoardDocument(200) in the fragment (about 20,000
// characters), no storage at all.
// Per run, in the page, from navigation start (performance.now()):
// - first contentful paint (the `first-contentful-paint` paint entry);
// - wasm compile + instantiate: WebAssembly.instantiateStreaming /
//   instantiate / compileStreaming / compile are wrapped by an init script
//   and timed from call to settle (Trunk's loader calls instantiateStreaming,
//   which compiles while the bytes stream in; index.html preloads the wasm,
//   so by the call the bytes are usually all in, and "of which after last
//   wasm byte" — the part after the wasm's Resource Timing responseEnd —
//   shows how much of it is compile + instantiate alone);
// - app start: how long the app's start (wasm main: reading storage, or
//   for the embed the browser unpacking the link, and building the page)
//   takes, from the app's own `vf:start` measure; a duration, not a time
//   from navigation start;
// - wheel in DOM: a MutationObserver sees `#phase-purpose` appear;
// - interactive: in the first task after the wheel appeared, a click is
//   dispatched on phase II (`#phase-landscape`) and the time its
//   aria-pressed turns "true" is taken. (Phase I is selected at start, so a
//   click on it changes nothing to observe.) Then Playwright clicks
//   `#phase-purpose` like a user and checks it becomes aria-pressed="true";
//   if not, the script fails.
// - transferred bytes per response by type (html, js, css, wasm, other),
//   from Playwright's request.sizes() (body bytes as received: the test
//   server sends chunked bodies, about 12 bytes more than the file per
//   response; headers, ~230 bytes each, are not counted). The server sends no
//   compression, so the gzip -9 and brotli -11 bytes of the same files (from
//   size.mjs) are shown too: what a compressing host would send.
// Baseline: a fresh context with JavaScript disabled opening the same
// index.html: the HTML + CSS paint cost; its FCP divides the app's FCP and
// time to interactive. (The app's FCP is that same page's "Loading the
// flywheel…" text, so its ratio stays near 1; the ratio of time to
// interactive is the one that says what the wasm app costs. Even with
// JavaScript off the browser fetches the preloaded wasm, so the baseline's
// bytes include it.) One untimed warm-up run of each scenario comes first
// (the browser's own start-up); then RUNS runs (10, or 2 with --quick),
// scenarios interleaved, medians and p95 (nearest rank).
// Budget: the cold start's total transfer ≤ 150 KB brotli (1 KB = 1,024
// bytes), from size.mjs's figures for the files the page actually fetched.
// Prints tables and writes the same figures to target/bench/coldstart.json.
// Exits non-zero only when the benchmark itself breaks, never over a time or
// a size.
import {
  MEASURE_TIMEOUT_MS, QUICK, RUNS, makeBoardDocument, makeEmptyDocument, median, p95, passCell,
  printTable, round, seedBoard, writeReport, runBench,
} from "./lib.mjs";
import { BUDGETS, kb, kindOf, sizes } from "./size.mjs";
import { deflateSync } from "node:zlib";

const VIEWPORT = { width: 1600, height: 1000 };
const BOARD_ID = "bench-coldstart";
const WARMUP = 1;
const KINDS_SHOWN = ["html", "js", "css", "wasm", "other"];
const SCENARIOS = [
  { key: "baseline", label: "baseline: index.html, JS off", javaScript: false, document: null },
  { key: "empty", label: "empty board", javaScript: true, document: () => makeEmptyDocument("Empty board") },
  { key: "items1000", label: "1,000 items", javaScript: true, document: () => makeBoardDocument(1000) },
  // A wiki's iframe: the board travels in the link (share codec "1", zlib
  // and base64url), which the browser unpacks before the app mounts.
  {
    key: "embed200", label: "embed, 200-item link", javaScript: true, document: null,
    path: () => `?embed#board=1${deflateSync(Buffer.from(makeBoardDocument(200))).toString("base64url")}`,
  },
];

/**
 * Runs in every frame before any of the page's scripts: times the wasm
 * entry points and watches for the wheel, then clicks phase II as soon as
 * the page can take a task.
 */
function probe() {
  const cold = { wasm: [], appearedAt: null, clickAt: null, handledAt: null };
  window.benchCold = cold;
  for (const name of ["instantiateStreaming", "instantiate", "compileStreaming", "compile"]) {
    const original = WebAssembly[name];
    if (typeof original !== "function") continue;
    WebAssembly[name] = function (...args) {
      const entry = { name, start: performance.now(), end: null, failed: false };
      cold.wasm.push(entry);
      const result = original.apply(this, args);
      result.then(
        () => { entry.end = performance.now(); },
        () => { entry.end = performance.now(); entry.failed = true; },
      );
      return result;
    };
  }
  const handled = (target) => {
    if (cold.handledAt === null && target.getAttribute("aria-pressed") === "true") cold.handledAt = performance.now();
    return cold.handledAt !== null;
  };
  const observer = new MutationObserver(() => {
    const purpose = document.getElementById("phase-purpose");
    const landscape = document.getElementById("phase-landscape");
    if (!purpose || !landscape) return;
    observer.disconnect();
    cold.appearedAt = performance.now();
    // A task, as a user's click would be: it runs once the work that put
    // the wheel in the page has let go of the main thread.
    setTimeout(() => {
      const watch = new MutationObserver(() => handled(landscape) && watch.disconnect());
      watch.observe(landscape, { attributes: true, attributeFilter: ["aria-pressed"] });
      cold.clickAt = performance.now();
      landscape.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, composed: true, view: window }));
      if (handled(landscape)) watch.disconnect();
    }, 0);
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Polls `fn` in the page from Node until it returns something other than
 * null. Not page.waitForFunction: its polling runs on the page's timers,
 * which do not run in a context with JavaScript disabled (the baseline).
 */
async function pollPage(page, fn, failure) {
  const deadline = Date.now() + MEASURE_TIMEOUT_MS;
  for (;;) {
    const value = await page.evaluate(fn);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function typeOf(url, contentType) {
  const path = new URL(url).pathname;
  const kind = kindOf(path.endsWith("/") ? "index.html" : path);
  if (kind !== "other" && kind !== "icon") return kind;
  if (/wasm/.test(contentType)) return "wasm";
  if (/javascript/.test(contentType)) return "js";
  if (/css/.test(contentType)) return "css";
  if (/html/.test(contentType)) return "html";
  return "other";
}

async function coldRun(browser, url, scenario, text, compressed) {
  const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: scenario.javaScript });
  try {
    await context.addInitScript(probe);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const responses = [];
    page.on("response", (response) => responses.push(response));
    if (text) await seedBoard(page, BOARD_ID, text);
    await page.goto(url + (scenario.path?.() ?? ""), { waitUntil: "load" });

    const fcp = await pollPage(
      page, () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null, `${scenario.label}: no first contentful paint`,
    );

    const run = { fcp_ms: fcp };
    if (scenario.javaScript) {
      const cold = await page
        .waitForFunction(
          () => window.benchCold.handledAt !== null && window.benchCold.wasm.every((w) => w.end !== null) && window.benchCold,
          null,
          { timeout: 60_000, polling: 50 },
        )
        .then((h) => h.jsonValue())
        .catch(async (error) => {
          const state = await page.evaluate(() => window.benchCold).catch(() => null);
          throw new Error(
            `${scenario.label}: the wheel never took a click (${JSON.stringify(state)}; errors: ${errors.join(" ") || "none"})`,
            { cause: error },
          );
        });
      if (!cold.wasm.length) throw new Error(`${scenario.label}: no WebAssembly instantiate/compile call was seen`);
      if (cold.wasm.some((w) => w.failed)) throw new Error(`${scenario.label}: a wasm call failed: ${JSON.stringify(cold.wasm)}`);
      const first = Math.min(...cold.wasm.map((w) => w.start));
      const last = Math.max(...cold.wasm.map((w) => w.end));
      const wasmResource = await page.evaluate(() => {
        const entry = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
        return entry ? { startTime: entry.startTime, responseEnd: entry.responseEnd } : null;
      });
      Object.assign(run, {
        wasm_ms: last - first,
        wasm_calls: cold.wasm.map((w) => w.name),
        wasm_start_ms: first,
        wasm_end_ms: last,
        // The compile that remains once the last byte is in.
        wasm_after_download_ms: wasmResource ? Math.max(0, last - Math.max(first, wasmResource.responseEnd)) : null,
        wasm_response_end_ms: wasmResource?.responseEnd ?? null,
        // The app's own measure of its start (building the page).
        start_ms: await page.evaluate(() => performance.getEntriesByName("vf:start")[0]?.duration ?? null),
        wheel_ms: cold.appearedAt,
        click_dispatched_ms: cold.clickAt,
        interactive_ms: cold.handledAt,
      });
      // A user's click on phase I must select it (the probe selected II).
      // On its label: on a big board the chips cover the middle of the segment.
      await page.locator("#phase-purpose .phase-label").click({ timeout: MEASURE_TIMEOUT_MS });
      await page
        .locator("#phase-purpose[aria-pressed=true]")
        .waitFor({ state: "attached", timeout: MEASURE_TIMEOUT_MS })
        .catch((error) => { throw new Error(`${scenario.label}: a click on #phase-purpose did not select it`, { cause: error }); });
      if (errors.length) throw new Error(`${scenario.label}: page errors: ${errors.join(" ")}`);
    }

    // Late requests (the favicon comes after the load event) must be in
    // before the bytes are counted; the timings above are already taken.
    await page.waitForLoadState("networkidle");
    const bytes = Object.fromEntries(KINDS_SHOWN.map((k) => [k, 0]));
    const files = [];
    let gzip = 0;
    let brotli = 0;
    for (const response of responses) {
      const sizes = await response.request().sizes();
      const type = typeOf(response.url(), response.headers()["content-type"] ?? "");
      const kind = KINDS_SHOWN.includes(type) ? type : "other";
      bytes[kind] += sizes.responseBodySize;
      const name = new URL(response.url()).pathname.split("/").pop() || "index.html";
      const known = compressed.get(name);
      gzip += known?.gzip ?? sizes.responseBodySize;
      brotli += known?.brotli ?? sizes.responseBodySize;
      files.push({ name, kind, status: response.status(), body_bytes: sizes.responseBodySize, header_bytes: sizes.responseHeadersSize });
    }
    run.bytes = bytes;
    run.total_bytes = Object.values(bytes).reduce((a, b) => a + b, 0);
    run.gzip_bytes = gzip;
    run.brotli_bytes = brotli;
    run.files = files;
    return run;
  } finally {
    await context.close();
  }
}

const stat = (runs, key) => {
  const values = runs.map((r) => r[key]).filter((v) => typeof v === "number");
  return values.length ? { median: median(values), p95: p95(values), samples: values.map(round) } : null;
};

runBench(async ({ browser, url }) => {
  const { files: sizeFiles, total: distTotal } = sizes();
  const compressed = new Map(sizeFiles.map((f) => [f.name, f]));
  const texts = new Map(SCENARIOS.map((s) => [s.key, s.document?.() ?? null]));
  const runs = new Map(SCENARIOS.map((s) => [s.key, []]));
  for (let run = 0; run < WARMUP + RUNS; run++) {
    console.error(run < WARMUP ? "warm-up run…" : `run ${run - WARMUP + 1} of ${RUNS}…`);
    for (const scenario of SCENARIOS) {
      const result = await coldRun(browser, url, scenario, texts.get(scenario.key), compressed);
      if (run >= WARMUP) runs.get(scenario.key).push(result);
    }
  }

  const baselineFcp = median(runs.get("baseline").map((r) => r.fcp_ms));
  const MEASURES = [
    ["fcp_ms", "first contentful paint"],
    ["wasm_ms", "wasm compile + instantiate"],
    ["wasm_after_download_ms", "  of which after last wasm byte"],
    ["start_ms", "app start: its duration (vf:start)"],
    ["wheel_ms", "wheel in DOM (#phase-purpose)"],
    ["interactive_ms", "interactive (first click handled)"],
  ];
  const timing = [];
  for (const scenario of SCENARIOS) {
    for (const [key, label] of MEASURES) {
      const s = stat(runs.get(scenario.key), key);
      if (!s) continue;
      const ratio = key === "fcp_ms" || key === "interactive_ms" ? round(s.median / baselineFcp) : null;
      timing.push({
        scenario: scenario.key, label: scenario.label, measure: key, measure_label: label,
        median_ms: round(s.median), p95_ms: round(s.p95), ratio_to_baseline_fcp: ratio, samples_ms: s.samples,
      });
    }
  }
  printTable(
    ["scenario", "measure (from navigation start)", "median ms", "p95 ms", "÷ baseline FCP"],
    timing.map((t) => [
      t.label, t.measure_label, t.median_ms.toFixed(1), t.p95_ms.toFixed(1),
      t.ratio_to_baseline_fcp === null ? "-" : `${t.ratio_to_baseline_fcp.toFixed(2)}×`,
    ]),
  );
  console.log(
    "(the app's first contentful paint is index.html's \"Loading the flywheel…\" text, as in the baseline; " +
      "the wheel comes at \"wheel in DOM\")",
  );
  console.log("");

  // Bytes do not vary between runs; the median run's figures are shown.
  const transfer = SCENARIOS.map((scenario) => {
    const list = runs.get(scenario.key);
    const pick = (key) => median(list.map((r) => r[key]));
    const bytes = Object.fromEntries(KINDS_SHOWN.map((k) => [k, median(list.map((r) => r.bytes[k]))]));
    return {
      scenario: scenario.key, label: scenario.label, bytes, total_bytes: pick("total_bytes"),
      gzip_bytes: pick("gzip_bytes"), brotli_bytes: pick("brotli_bytes"), requests: list[0].files,
    };
  });
  const n = (v) => Math.round(v).toLocaleString("en-US");
  printTable(
    ["scenario", ...KINDS_SHOWN.map((k) => `${k} bytes`), "total as served", "same files gzip -9", "same files brotli -11"],
    transfer.map((t) => [
      t.label, ...KINDS_SHOWN.map((k) => n(t.bytes[k])), n(t.total_bytes), n(t.gzip_bytes), n(t.brotli_bytes),
    ]),
  );
  console.log("(the test server sends no compression; gzip/brotli are size.mjs's figures for the files fetched)");
  console.log("");

  const budgets = transfer
    .filter((t) => t.scenario !== "baseline")
    .map((t) => ({
      scenario: t.scenario, label: t.label, brotli_bytes: t.brotli_bytes, budget_bytes: BUDGETS.brotli,
      pass: t.brotli_bytes <= BUDGETS.brotli,
    }));
  printTable(
    ["budget", "total transfer, brotli", "budget", "result"],
    budgets.map((b) => [
      `cold start, ${b.label}`, `${kb(b.brotli_bytes)} KB`, `≤ ${kb(b.budget_bytes)} KB`, passCell(b.pass),
    ]),
  );

  writeReport("coldstart.json", {
    date: new Date().toISOString(), browser: `Chromium ${browser.version()}`, runs: RUNS, warmup: WARMUP, quick: QUICK,
    viewport: VIEWPORT, baseline_fcp_median_ms: round(baselineFcp),
    documents: Object.fromEntries([...texts].map(([k, t]) => [k, t === null ? null : Buffer.byteLength(t)])),
    timing, transfer, budgets,
    dist: { files: sizeFiles, total: distTotal },
    raw_runs: Object.fromEntries([...runs].map(([k, list]) => [k, list.map(({ files, ...rest }) => rest)])),
  });
});
