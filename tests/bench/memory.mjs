// Memory benchmark: does the app give back what a big board took? Five
// cycles of loading and clearing a 1,000-item board, each through the UI as
// a user would, with the JS heap and the wasm memory read after each.
//
//   node tests/bench/memory.mjs [--quick]
//
// Chromium runs with `--js-flags=--expose-gc` (so the script can collect
// garbage before reading) and `--enable-precise-memory-info` (so
// performance.memory is exact, not bucketed). The app starts on a small
// board (12 items, seeded in storage). One cycle:
//   1. import a 1,000-item board file (lib.mjs makeBoardDocument(1000))
//      through the app's hidden file input; the app opens it as a new board
//      and says "Opened “…” from <file> as a new board.". The file is
//      handed over from disk (setInputFiles(path), a temporary folder
//      removed at the end), as a file picker does: setInputFiles with an
//      in-memory buffer sends the bytes through the page's JS heap, where
//      Playwright keeps about 0.6 MB per call for a 0.47 MB file, which
//      measured as a leak of the app's (it grew the same with a bare
//      <input type=file> of the script's own, with no app code involved);
//   2. wait until the wheel shows it (250 items in phase I, its title in
//      the hub);
//   3. clear it: "Boards" → "Delete board: …" (the app moves it to the trash
//      and goes back to the small board) → "Delete forever: …" → "Yes,
//      delete forever: …" → close the dialog; wait until the wheel shows
//      the small board again;
//   4. let the page settle (1 s), call gc(), wait 500 ms, gc() again, wait
//      200 ms, then read performance.memory.usedJSHeapSize and
//      window.wasmBindings.vf_wasm_memory_bytes() (the size of the wasm
//      linear memory, which only grows).
// The same reading is taken once before the first cycle ("start").
// Steady state, the rule: cycle 1 is warm-up (first-use caches, the wasm
// memory growing to its high-water mark), cycle 2 is the reference; PASS
// when the total (JS heap + wasm memory) after cycle 5 exceeds the total
// after cycle 2 by less than 2 % of it or by less than 1 MB (1 MB =
// 1,048,576 bytes), whichever is larger. Otherwise FAIL: something the big
// board left behind survives garbage collection.
// --quick runs the same five cycles (fewer would not show a trend), with a
// shorter settle time. Prints a table and writes the same figures to
// target/bench/memory.json. Exits non-zero only when the benchmark itself
// breaks, never over a figure.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  MEASURE_TIMEOUT_MS, QUICK, makeBoardDocument, openApp, passCell, printTable, round, seedBoard,
  writeReport, runBench,
} from "./lib.mjs";

const CYCLES = 5;
const WARMUP_CYCLES = 1;
const REFERENCE_CYCLE = WARMUP_CYCLES + 1;
const BIG_ITEMS = 1000;
const SMALL_ITEMS = 12;
const MB = 1024 * 1024;
const LIMIT_SHARE = 0.02;
const LIMIT_BYTES = 1 * MB;
const SETTLE_MS = QUICK ? 300 : 1000;
const GC_PAUSE_MS = 500;
const BOARD_ID = "bench-memory-home";
const VIEWPORT = { width: 1600, height: 1000 };

const titleOf = (text) => JSON.parse(text).board.title;

/** Waits until the wheel shows the board of that title with `perPhase` items in phase I. */
async function waitForWheel(page, title, perPhase, what) {
  await page
    .waitForFunction(
      ([title, perPhase]) => {
        const count = document.querySelector(".phase-purpose .phase-count-number")?.textContent.trim();
        // The hub sets the title in tspans, one per line, with no spaces between.
        const hub = document.querySelector(".hub-regular .hub-title")?.textContent.replace(/\s+/g, "");
        return count === String(perPhase) && hub === title.replace(/\s+/g, "");
      },
      [title, perPhase],
      { timeout: MEASURE_TIMEOUT_MS, polling: 50 },
    )
    .catch((error) => {
      throw new Error(`the wheel did not show ${what} (“${title}”, ${perPhase} in phase I)`, { cause: error });
    });
}

async function readMemory(page) {
  await page.waitForTimeout(SETTLE_MS);
  return page.evaluate(async (pause) => {
    window.gc();
    await new Promise((resolve) => setTimeout(resolve, pause));
    window.gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
    return {
      js_heap_bytes: performance.memory.usedJSHeapSize,
      wasm_bytes: window.wasmBindings.vf_wasm_memory_bytes(),
      dom_nodes: document.getElementsByTagName("*").length,
      boards_stored: Object.keys(localStorage).filter((k) => k.startsWith("value-flywheel/board/")).length,
    };
  }, GC_PAUSE_MS);
}

async function cycle(page, n, bigText, smallTitle, folder) {
  const bigTitle = titleOf(bigText);
  // A fresh file name per cycle, so the previous cycle's status cannot be
  // taken for this one.
  const name = `memory-cycle-${n}.json`;
  const path = join(folder, name);
  writeFileSync(path, bigText);
  // 1. Import, as the "Import" button's file picker would hand it over.
  await page.locator("input[type=file]").setInputFiles(path);
  await page
    .locator("[role=status]", { hasText: `from ${name} as a new board` })
    .waitFor({ timeout: MEASURE_TIMEOUT_MS })
    .catch(async (error) => {
      const alert = await page.locator("[role=alert]").allInnerTexts().catch(() => []);
      throw new Error(`cycle ${n}: the import did not report success; alert: ${alert.join(" ") || "none"}`, { cause: error });
    });
  // 2. The wheel shows it.
  await waitForWheel(page, bigTitle, BIG_ITEMS / 4, `the imported board (cycle ${n})`);
  // 3. Clear it through the Boards dialog: to the trash, then for good.
  await page.locator(".topbar-actions button", { hasText: /^Boards\b/ }).click();
  const dialog = page.locator("dialog.boards-dialog[open]");
  await dialog.waitFor({ timeout: MEASURE_TIMEOUT_MS });
  await dialog.getByRole("button", { name: `Delete board: ${bigTitle}`, exact: true }).click();
  await dialog.getByRole("button", { name: `Delete forever: ${bigTitle}`, exact: true }).click();
  await dialog.getByRole("button", { name: `Yes, delete forever: ${bigTitle}`, exact: true }).click();
  await dialog.getByRole("button", { name: `Delete forever: ${bigTitle}`, exact: true }).waitFor({ state: "detached" });
  await dialog.getByRole("button", { name: "Close boards", exact: true }).click();
  await page.locator("dialog.boards-dialog[open]").waitFor({ state: "detached", timeout: MEASURE_TIMEOUT_MS });
  await waitForWheel(page, smallTitle, SMALL_ITEMS / 4, `the small board after clearing (cycle ${n})`);
  // 4. Collect and read.
  return readMemory(page);
}

runBench(async ({ browser, url }) => {
  const bigText = makeBoardDocument(BIG_ITEMS);
  const smallText = makeBoardDocument(SMALL_ITEMS);
  const smallTitle = titleOf(smallText);
  const folder = mkdtempSync(join(tmpdir(), "vf-bench-memory-"));
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await seedBoard(page, BOARD_ID, smallText);
    await openApp(page, url);
    await waitForWheel(page, smallTitle, SMALL_ITEMS / 4, "the seeded small board");
    const hasGc = await page.evaluate(() => typeof window.gc === "function" && typeof window.wasmBindings?.vf_wasm_memory_bytes === "function");
    if (!hasGc) throw new Error("window.gc or window.wasmBindings.vf_wasm_memory_bytes is missing");

    const readings = [{ cycle: "start", ...(await readMemory(page)) }];
    for (let n = 1; n <= CYCLES; n++) {
      const started = Date.now();
      readings.push({ cycle: n, ...(await cycle(page, n, bigText, smallTitle, folder)) });
      console.error(`cycle ${n} of ${CYCLES} done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    if (errors.length) throw new Error(`page errors: ${errors.join(" ")}`);
    await context.close();

    const rows = readings.map((r, i) => {
      const total = r.js_heap_bytes + r.wasm_bytes;
      const previous = i > 0 ? readings[i - 1].js_heap_bytes + readings[i - 1].wasm_bytes : null;
      return {
        cycle: r.cycle, role: r.cycle === "start" ? "before any cycle" : r.cycle <= WARMUP_CYCLES ? "warm-up" :
          r.cycle === REFERENCE_CYCLE ? "reference" : "measured",
        js_heap_bytes: r.js_heap_bytes, wasm_bytes: r.wasm_bytes, total_bytes: total,
        delta_bytes: previous === null ? null : total - previous, dom_nodes: r.dom_nodes, boards_stored: r.boards_stored,
      };
    });
    const mb = (bytes) => (bytes / MB).toFixed(2);
    const signed = (bytes) => (bytes === null ? "-" : `${bytes >= 0 ? "+" : "−"}${mb(Math.abs(bytes))}`);
    printTable(
      ["cycle", "role", "JS heap MB", "wasm MB", "total MB", "Δ previous MB", "DOM elements", "boards stored"],
      rows.map((r) => [
        String(r.cycle), r.role, mb(r.js_heap_bytes), mb(r.wasm_bytes), mb(r.total_bytes), signed(r.delta_bytes),
        String(r.dom_nodes), String(r.boards_stored),
      ]),
    );
    console.log("");

    const reference = rows.find((r) => r.cycle === REFERENCE_CYCLE);
    const last = rows.find((r) => r.cycle === CYCLES);
    const growth = last.total_bytes - reference.total_bytes;
    const limit = Math.max(LIMIT_SHARE * reference.total_bytes, LIMIT_BYTES);
    const verdict = {
      rule: `total after cycle ${CYCLES} − total after cycle ${REFERENCE_CYCLE} < max(${LIMIT_SHARE * 100} % of cycle ${REFERENCE_CYCLE}, 1 MB)`,
      reference_cycle: REFERENCE_CYCLE, reference_bytes: reference.total_bytes, last_bytes: last.total_bytes,
      growth_bytes: growth, growth_share: round(growth / reference.total_bytes), limit_bytes: Math.round(limit),
      js_heap_growth_bytes: last.js_heap_bytes - reference.js_heap_bytes, wasm_growth_bytes: last.wasm_bytes - reference.wasm_bytes,
      pass: growth < limit,
    };
    printTable(
      ["steady state (cycles 3–5 over cycle 2)", "growth MB", "JS heap MB", "wasm MB", "limit MB", "result"],
      [[
        verdict.rule, `${signed(growth)} (${(100 * verdict.growth_share).toFixed(1)} %)`, signed(verdict.js_heap_growth_bytes),
        signed(verdict.wasm_growth_bytes), mb(limit), passCell(verdict.pass),
      ]],
    );

    writeReport("memory.json", {
      date: new Date().toISOString(), browser: `Chromium ${browser.version()}`, quick: QUICK, cycles: CYCLES,
      warmup_cycles: WARMUP_CYCLES, settle_ms: SETTLE_MS, big_document_bytes: Buffer.byteLength(bigText),
      small_document_bytes: Buffer.byteLength(smallText), rows, verdict,
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, { args: ["--js-flags=--expose-gc", "--enable-precise-memory-info"] });
