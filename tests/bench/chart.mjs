// Chart benchmark: how long the value metric's chart takes to draw with
// many samples, and how long editing one sample takes until the chart shows
// it, next to a plain canvas path through the same points drawn in the same
// page, so a slow figure can be told apart from a slow machine.
//
//   node tests/bench/chart.mjs [--quick]      (npm run bench:chart)
//
// Runs the release build in dist/ in Debian's Chromium, headless. Prints a
// table and writes the same figures to target/bench/chart.json. Exits
// non-zero only when the benchmark itself breaks, never over a budget: the
// figures vary too much between machines to gate CI on them.
import {
  MEASURE_TIMEOUT_MS, QUICK, RUNS, median, nextMeasureEntry, openApp, p95, pageNow, printTable,
  random, round, seedBoard, writeReport, printTimingRows, runBench,
} from "./lib.mjs";

// Only 10,000 samples has budgets: a frame's worth for an edit, a few
// frames for a full redraw. 1,000 shows how the cost grows.
const SIZES = [
  { samples: 1_000, budgets: {} },
  { samples: 10_000, budgets: { "chart render": 50, "edit + redraw": 16 } },
];
// The panel is clamp(20rem, 30vw, 34rem) wide: at 1600 px 30vw is inside the
// clamp, so a viewport a few pixels wider makes the canvas wider and its
// ResizeObserver redraws the chart. (At the e2e tests' 1920 px the panel
// sits at its 34rem cap and a resize would not reach the canvas.)
const VIEWPORT = { width: 1600, height: 1000 };
const RESIZE_STEP_PX = 12;
// Not counted: the first draw and edit of a page run code that is not yet
// compiled by the wasm tiers and fill caches (fonts, glyphs).
const WARMUP = 1;
// Time for a stray second redraw or a deferred task to land before the next
// run, so runs do not overlap.
const SETTLE_MS = 150;
const BASELINE_PAUSE_MS = 50;
// Busy time before a diagnosis edit, so its frame passes the 50 ms after
// which the browser reports it as a Long Animation Frame.
const DIAGNOSIS_PAD_MS = 55;
const BOARD_ID = "bench-chart";
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- documents

/**
 * A current-version (v3) board with one value metric of `count` daily
 * samples from 2000-01-01: a noisy lead time drifting around 8 days, so the
 * line zigzags over the whole height as real data does (a straight line
 * would be cheaper to stroke than anything people chart).
 */
function makeDocument(count) {
  const next = random(7);
  const start = Date.UTC(2000, 0, 1);
  const samples = [];
  let value = 12.5;
  for (let i = 0; i < count; i += 1) {
    value = Math.max(0.5, value + (next() - 0.5) * 1.5 - (value - 8) * 0.02);
    samples.push({ date: new Date(start + i * DAY_MS).toISOString().slice(0, 10), value: Math.round(value * 10) / 10 });
  }
  const metric = { unit: "days", direction: "lower_is_better", target: 5, period: "monthly", samples };
  const board = {
    title: "Bench",
    items: [{ id: 1, kind: "value_metric", title: "Lead time", metric }],
    links: [],
    spins: [],
    next_id: 2,
  };
  return { text: JSON.stringify({ format: "value-flywheel", version: 3, board }), samples };
}

// -------------------------------------------------------------- the browser

// Long Animation Frames with the scripts that ran in them: the only
// DevTools-free view of work outside the app's own measures (forced and
// regular style and layout, the rendering step). Installed before the app
// starts.
function observeLongFrames() {
  window.__benchFrames = [];
  try {
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries()) window.__benchFrames.push(frame.toJSON());
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch {
    // Not in this browser: the diagnosis then has no figures, nothing breaks.
  }
}

/**
 * Where an edit's frame spent its time, from the long animation frame that
 * holds `start` (page time), all relative to `start`; null when there is
 * none. Scripts under 5 ms are not listed by the browser.
 */
function frameOf(page, start) {
  return page.evaluate((start) => {
    const frame = window.__benchFrames.find((f) => f.startTime <= start && start <= f.startTime + f.duration);
    if (!frame) return null;
    const script = frame.scripts.find((s) => s.startTime <= start && start <= s.startTime + s.duration);
    return {
      // The edit's task, with its microtasks, where the app's effects run.
      task_end_ms: script ? script.startTime + script.duration - start : null,
      forced_style_layout_ms: script ? script.forcedStyleAndLayoutDuration : null,
      // Between the task and the rendering step no script runs: in this
      // headless software-rendered Chromium that is where the canvas's
      // recorded commands are rasterized. (Checked once by reading a pixel
      // of the chart right after its draw, which moved this time into the
      // task and closed the gap; the bench itself never reads the chart.)
      before_render_ms: script && frame.renderStart ? frame.renderStart - (script.startTime + script.duration) : null,
      // The frame's rendering step: rAF, ResizeObserver, style, layout, paint.
      render_start_ms: frame.renderStart ? frame.renderStart - start : null,
      render_ms: frame.renderStart ? frame.startTime + frame.duration - frame.renderStart : null,
      frame_end_ms: frame.startTime + frame.duration - start,
      other_scripts: frame.scripts.filter((s) => s !== script)
        .map((s) => ({ invoker: s.invoker, start_ms: s.startTime - start, duration_ms: s.duration })),
    };
  }, start);
}

async function chartState(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector("canvas.metric-chart");
    return canvas && {
      width: canvas.width, height: canvas.height, label: canvas.getAttribute("aria-label"),
      ratio: window.devicePixelRatio,
    };
  });
}

/**
 * Selects phase IV as a keyboard user does, opens the metric's card (a
 * closed card has no chart) and waits for the first chart.
 */
async function openPhaseIV(page, count) {
  const phase = page.locator("#phase-value");
  await phase.focus();
  await page.keyboard.press("Enter");
  const since = await pageNow(page);
  await page.locator(".panel .card-toggle").first().click();
  await page.locator("canvas.metric-chart").waitFor({ state: "visible", timeout: MEASURE_TIMEOUT_MS });
  await nextMeasureEntry(page, "vf:chart", since);
  const chart = await chartState(page);
  // The label says how many samples the app read: anything else means the
  // seeded board was not opened as written, and the figures would be wrong.
  if (!chart.label?.includes(` ${count} samples `)) {
    throw new Error(`the chart does not show the seeded ${count} samples (label: "${chart.label}")`);
  }
  return chart;
}

const pause = (page, ms) => page.waitForTimeout(ms);

/**
 * Full redraws at this size: each viewport step resizes the canvas, whose
 * ResizeObserver redraws the whole chart. Returns the `vf:chart` durations.
 */
async function measureRender(page) {
  const durations = [];
  const sizes = [];
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    const since = await pageNow(page);
    // Alternates wide and back, so the canvas keeps within a few pixels of
    // the size the edits and the baseline are measured at.
    const width = VIEWPORT.width + (i % 2 === 0 ? RESIZE_STEP_PX : 0);
    await page.setViewportSize({ width, height: VIEWPORT.height });
    const { duration } = await nextMeasureEntry(page, "vf:chart", since);
    if (i >= WARMUP) {
      durations.push(duration);
      sizes.push((await chartState(page)).width);
    }
    await pause(page, SETTLE_MS);
  }
  // Back to the size the edits and the baseline are measured at.
  if (page.viewportSize().width !== VIEWPORT.width) {
    const since = await pageNow(page);
    await page.setViewportSize(VIEWPORT);
    await nextMeasureEntry(page, "vf:chart", since);
    await pause(page, SETTLE_MS);
  }
  return { durations, canvasWidths: sizes };
}

/**
 * Edits one sample's value per run, as the browser does when the user
 * leaves the field: a `change` event, in a task of its own. Times, in the
 * page, from just before the event to the end of the redraw it causes, and
 * to the next task (everything the edit did in its own task, and a
 * rendering update if the browser slotted one in before it).
 *
 * With `padMs`, the task first idles busily for that long, before the clock
 * starts: the frame then passes the 50 ms a Long Animation Frame needs to be
 * reported, which is what tells the edit's own task from the rendering
 * after it. Those runs are a diagnosis only; the padding makes the rendering
 * follow at once, where a real edit may wait for the next frame.
 */
async function measureEdit(page, padMs = 0) {
  // The table lists the newest 12 samples; the runs go round them. Editing a
  // value keeps its date, so these labels stay valid for the whole loop.
  const labels = await page.evaluate(() =>
    [...document.querySelectorAll('input[aria-label^="Value on "]')].map((input) => input.getAttribute("aria-label")),
  );
  if (labels.length === 0) throw new Error("the samples table lists no values to edit");
  const runs = [];
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    const label = labels[i % labels.length];
    const edit = await page.evaluate(
      ([label, padMs]) =>
        new Promise((resolve, reject) => {
          // A task of its own, like a real change event: the app's effects run
          // in the microtasks after it, which must not be mixed with
          // Playwright's evaluation.
          setTimeout(() => {
            const input = document.querySelector(`input[aria-label="${label}"]`);
            if (!input) {
              reject(new Error(`no input labelled "${label}"`));
              return;
            }
            const padUntil = performance.now() + padMs;
            while (performance.now() < padUntil);
            // A new value every run (shown with up to 3 decimals), or the app
            // would see no change and draw nothing.
            const value = String(Number(input.value) + 0.5);
            input.value = value;
            const start = performance.now();
            input.dispatchEvent(new Event("change", { bubbles: true }));
            const handler = performance.now();
            // Runs once this task and its microtasks are done.
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve({ start, handler, nextTask: performance.now(), value });
            channel.port2.postMessage(null);
          }, 0);
        }),
      [label, padMs],
    );
    const chart = await nextMeasureEntry(page, "vf:chart", edit.start);
    // Waiting for the debounced autosave keeps its task out of the next run.
    const autosave = await nextMeasureEntry(page, "vf:autosave", edit.start);
    // The row is rebuilt with the new value: proof the app took the edit.
    const shown = await page.evaluate((label) => document.querySelector(`input[aria-label="${label}"]`)?.value, label);
    if (Number(shown) !== Number(edit.value)) {
      throw new Error(`the edit of "${label}" to ${edit.value} did not take (shows "${shown}")`);
    }
    await pause(page, SETTLE_MS);
    if (i < WARMUP) continue;
    const chartEnd = chart.startTime + chart.duration;
    runs.push({
      label,
      edit_redraw_ms: chartEnd - edit.start,
      chart_ms: chart.duration,
      next_task_ms: edit.nextTask - edit.start,
      // Where the edit's time goes, in order.
      handler_ms: edit.handler - edit.start,
      before_draw_ms: chart.startTime - edit.start,
      after_draw_ms: edit.nextTask - chartEnd,
      redraw_in_same_task: chartEnd <= edit.nextTask,
      autosave_ms: autosave.duration,
      autosave_delay_ms: autosave.startTime - edit.start,
      ...(padMs ? { frame: await frameOf(page, edit.start) } : {}),
    });
  }
  return runs;
}

/**
 * The same points as one plain canvas path (beginPath, moveTo, lineTo per
 * point, stroke), scaled to fit a canvas of the chart canvas's pixel size,
 * with the chart line's width and colour, in the same page.
 *
 * Chrome records 2D canvas commands and rasterizes them later (when the
 * canvas is painted or read), so like the app's `vf:chart` this times the
 * commands, not the pixels. A second figure reads one pixel back to force
 * the rasterization, to show what neither measure contains.
 */
function measureBaseline(page, samples, runs) {
  const days = samples.map((s) => Date.parse(s.date) / DAY_MS);
  const values = samples.map((s) => s.value);
  return page.evaluate(
    async ([days, values, runs, pauseMs]) => {
      const chart = document.querySelector("canvas.metric-chart");
      const ratio = Math.max(1, window.devicePixelRatio);
      // The chart's line: plotters' stroke width of round(2.5 × ratio) pixels.
      const lineWidth = Math.round(2.5 * ratio);
      const [x0, x1] = [Math.min(...days), Math.max(...days)];
      const [y0, y1] = [Math.min(...values), Math.max(...values)];
      const draw = (canvas, readBack) => {
        const context = canvas.getContext("2d");
        const { width, height } = canvas;
        const sx = (width - 1) / (x1 - x0 || 1);
        const sy = (height - 1) / (y1 - y0 || 1);
        context.clearRect(0, 0, width, height);
        const start = performance.now();
        context.strokeStyle = "rgba(143,63,108,1)";
        context.lineWidth = lineWidth;
        context.beginPath();
        context.moveTo((days[0] - x0) * sx, height - 1 - (values[0] - y0) * sy);
        for (let i = 1; i < days.length; i += 1) {
          context.lineTo((days[i] - x0) * sx, height - 1 - (values[i] - y0) * sy);
        }
        context.stroke();
        if (readBack) context.getImageData(0, 0, 1, 1);
        return performance.now() - start;
      };
      const make = () => {
        const canvas = document.createElement("canvas");
        canvas.width = chart.width;
        canvas.height = chart.height;
        return canvas;
      };
      // Separate canvases: reading pixels back can change how Chrome backs a
      // canvas, which must not leak into the plain figure.
      const [plain, flushed] = [make(), make()];
      const path = [];
      const rasterized = [];
      for (let i = 0; i < runs + 1; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
        const a = draw(plain, false);
        const b = draw(flushed, true);
        // The first run warms up, as for the app.
        if (i > 0) {
          path.push(a);
          rasterized.push(b);
        }
      }
      // A page that is not cross-origin isolated gets a coarsened clock
      // (0.1 ms in Chromium): figures under a millisecond are only roughly
      // right, and the report says how rough.
      let resolution = Infinity;
      for (let i = 0; i < 200; i += 1) {
        const a = performance.now();
        let b = a;
        while (b === a) b = performance.now();
        resolution = Math.min(resolution, b - a);
      }
      return { path, rasterized, width: chart.width, height: chart.height, lineWidth, resolution };
    },
    [days, values, runs, BASELINE_PAUSE_MS],
  );
}

async function benchSize(browser, baseUrl, size, problems) {
  const label = size.samples.toLocaleString("en-US");
  const { text, samples } = makeDocument(size.samples);
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`${label} console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`${label} pageerror: ${e.message}`));
  await page.addInitScript(observeLongFrames);
  await seedBoard(page, BOARD_ID, text);
  const started = Date.now();
  const progress = (what) => console.error(`  ${label}: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await openApp(page, baseUrl);
  const opened = await openPhaseIV(page, size.samples);
  progress(`phase IV open, canvas ${opened.width}×${opened.height} at ratio ${opened.ratio}`);
  const render = await measureRender(page);
  progress("render measured");
  const edits = await measureEdit(page);
  progress("edit measured");
  const diagnosis = await measureEdit(page, DIAGNOSIS_PAD_MS);
  progress("edit diagnosed");
  const baseline = await measureBaseline(page, samples, RUNS);
  progress("baseline measured");
  await context.close();

  const row = (scenario, values) => {
    const budget = size.budgets[scenario] ?? null;
    const med = median(values);
    const base = median(baseline.path);
    return {
      samples: size.samples, scenario,
      median_ms: round(med), p95_ms: round(p95(values)), baseline_median_ms: round(base),
      ratio: round(med / base), budget_ms: budget, pass: budget === null ? null : med <= budget,
      samples_ms: values.map(round), baseline_samples_ms: baseline.path.map(round),
    };
  };
  const pick = (key, runs = edits) => runs.map((run) => run[key]);
  const medianOf = (key, runs = edits) => round(median(pick(key, runs)));
  const frames = diagnosis.map((run) => run.frame).filter(Boolean);
  const frameMedian = (key) => {
    const values = frames.map((frame) => frame[key]).filter((value) => value !== null);
    return values.length ? round(median(values)) : null;
  };
  const rounded = (runs) => runs.map((run) => Object.fromEntries(
    Object.entries(run).map(([key, value]) => [key, typeof value === "number" ? round(value) : value]),
  ));
  return {
    rows: [
      row("chart render", render.durations),
      row("edit + redraw", pick("edit_redraw_ms")),
      row("edit: chart draw", pick("chart_ms")),
    ],
    detail: {
      samples: size.samples,
      canvas: { width: baseline.width, height: baseline.height, device_pixel_ratio: opened.ratio,
        widths_during_render_runs: render.canvasWidths },
      timer_resolution_ms: round(baseline.resolution),
      baseline: {
        line_width_px: baseline.lineWidth,
        path_median_ms: round(median(baseline.path)),
        path_and_raster_median_ms: round(median(baseline.rasterized)),
        path_and_raster_samples_ms: baseline.rasterized.map(round),
      },
      // Medians of each part of an edit, in the measured runs, all from the
      // moment the change event is dispatched.
      edit_medians: {
        handler_ms: medianOf("handler_ms"), draw_start_ms: medianOf("before_draw_ms"),
        chart_ms: medianOf("chart_ms"), draw_end_ms: medianOf("edit_redraw_ms"), next_task_ms: medianOf("next_task_ms"),
        autosave_ms: medianOf("autosave_ms"), autosave_delay_ms: medianOf("autosave_delay_ms"),
      },
      // The same from the padded runs, with the Long Animation Frame's view.
      diagnosis_medians: {
        runs: diagnosis.length, frames_found: frames.length, pad_ms: DIAGNOSIS_PAD_MS,
        draw_start_ms: medianOf("before_draw_ms", diagnosis), chart_ms: medianOf("chart_ms", diagnosis),
        draw_end_ms: medianOf("edit_redraw_ms", diagnosis),
        forced_style_layout_ms: frameMedian("forced_style_layout_ms"), task_end_ms: frameMedian("task_end_ms"),
        before_render_ms: frameMedian("before_render_ms"),
        render_start_ms: frameMedian("render_start_ms"), render_ms: frameMedian("render_ms"),
        frame_end_ms: frameMedian("frame_end_ms"), next_task_ms: medianOf("next_task_ms", diagnosis),
      },
      edits: rounded(edits),
      diagnosis_edits: rounded(diagnosis),
    },
  };
}

// ------------------------------------------------------------------- report

// A few lines per size saying where an edit's time went, so a failed
// budget can be read without opening the JSON.
function printBreakdown(details) {
  const ms = (value) => (value === null ? "?" : `${value} ms`);
  for (const d of details) {
    const e = d.edit_medians;
    const g = d.diagnosis_medians;
    console.log(`\n${d.samples.toLocaleString("en-US")} samples, canvas ${d.canvas.width}×${d.canvas.height} px:`);
    console.log(
      `  edit (medians from the change event): handler done ${ms(e.handler_ms)}, draw ${ms(e.draw_start_ms)} → ` +
        `${ms(e.draw_end_ms)} (${ms(e.chart_ms)}), next task ${ms(e.next_task_ms)}; ` +
        `autosave ${ms(e.autosave_ms)}, ${ms(e.autosave_delay_ms)} later`,
    );
    console.log(
      g.frames_found
        ? `  long-frame view (${g.frames_found}/${g.runs} padded edits): forced style+layout in the task ` +
            `${ms(g.forced_style_layout_ms)}, draw ${ms(g.draw_start_ms)} → ${ms(g.draw_end_ms)}, ` +
            `task ends ${ms(g.task_end_ms)}, then ${ms(g.before_render_ms)} without script (canvas rasterization), ` +
            `rendering ${ms(g.render_start_ms)} → ${ms(g.frame_end_ms)} ` +
            `(${ms(g.render_ms)}), next task ${ms(g.next_task_ms)}`
        : "  long-frame view: no Long Animation Frames reported",
    );
    console.log(
      `  baseline path ${ms(d.baseline.path_median_ms)}; with the pixels rasterized ` +
        `${ms(d.baseline.path_and_raster_median_ms)} (no chart measure includes rasterization); ` +
        `page clock resolution ${ms(d.timer_resolution_ms)}`,
    );
  }
}

runBench(async ({ browser, url }) => {
  const problems = [];
  const rows = [];
  const details = [];
  for (const size of SIZES) {
    console.error(`measuring ${size.samples} samples (${RUNS} runs each)…`);
    const result = await benchSize(browser, url, size, problems);
    rows.push(...result.rows);
    details.push(result.detail);
  }
  printTimingRows("samples", (r) => r.samples.toLocaleString("en-US"), rows);
  printBreakdown(details);
  for (const problem of problems) console.log(`note: ${problem}`);

  writeReport("chart.json", {
    date: new Date().toISOString(), browser: `Chromium ${browser.version()}`,
    runs: RUNS, warmup_runs: WARMUP, quick: QUICK, viewport: VIEWPORT, rows, details, page_errors: problems,
  });
});
