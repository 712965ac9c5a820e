// Size benchmark: how many bytes a cold start transfers, from the release
// build in dist/ alone (no browser, no server), so the figures are exactly
// the same on every machine and run. For each file the first visit loads
// (index.html, then whatever it references: the JS loader, the _bg.wasm,
// the CSS and the favicon) it prints the raw bytes and what a server that
// compresses would send: gzip at level 9 and brotli at quality 11
// (node:zlib), per file and in total, against the budget:
//
//   total ≤ 150 KB brotli   (a host that serves brotli)
//   total ≤ 180 KB gzip     (a host that serves only gzip)
//
// with 1 KB = 1,024 bytes. Prints a table and writes the same figures to
// target/bench/size.json.
//
//   node tests/bench/size.mjs [--quick] [--enforce <bytes>]
//
// Without --enforce it never fails over a size (FAIL in the table is
// information). `--enforce <bytes>` is a ratchet for CI: exit 1 when the
// total brotli size is above that ceiling, so the download never grows
// without someone raising the number on purpose. It also checks that each
// integrity hash in index.html matches its file (the JS glue is minified
// after Trunk hashed it, by scripts/minify-glue.mjs), and exits 1 if not.
// --quick changes nothing
// here (the figures are deterministic); it is accepted like the other
// scripts. Exits 2 when the script itself breaks (no dist/, a bad argument).
//
// coldstart.mjs imports distFiles() and sizes() from here, so the
// compression is written once.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { extname } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { QUICK, ROOT, passCell, printTable, writeReport } from "./lib.mjs";

export const DIST = `${ROOT}dist/`;
export const KB = 1024;
/** The budget on the total a cold start transfers, by encoding. */
export const BUDGETS = { brotli: 150 * KB, gzip: 180 * KB };

/** A file's kind, by its name, as the tables group them. */
export function kindOf(name) {
  if (name.endsWith("_bg.wasm") || name.endsWith(".wasm")) return "wasm";
  const ext = extname(name).slice(1);
  if (ext === "js" || ext === "mjs") return "js";
  if (ext === "css") return "css";
  if (ext === "html") return "html";
  if (ext === "svg" || ext === "ico" || ext === "png") return "icon";
  return "other";
}

/**
 * The files of dist/ a cold start loads, in the order the table lists them:
 * index.html and every file of dist/ it references (href, src, import or
 * module_or_path), so a stale file left from an older build is not counted.
 * Each is { name, kind, path }.
 */
export function distFiles(dist = DIST) {
  const present = new Set(readdirSync(dist));
  if (!present.has("index.html")) throw new Error(`no index.html in ${dist}: run \`trunk build --release\``);
  const html = readFileSync(`${dist}index.html`, "utf8");
  const referenced = new Set();
  // Quoted, or (in minified HTML) an unquoted attribute value.
  for (const match of html.matchAll(/["'=](?:\.\/)?([^"'\s/?#=>]+\.(?:js|mjs|wasm|css|svg|ico|png))(?=["'\s>])/g)) {
    if (present.has(match[1])) referenced.add(match[1]);
  }
  const order = ["html", "js", "wasm", "css", "icon", "other"];
  const names = ["index.html", ...[...referenced].sort((a, b) => order.indexOf(kindOf(a)) - order.indexOf(kindOf(b)))];
  return names.map((name) => ({ name, kind: kindOf(name), path: `${dist}${name}` }));
}

/**
 * Every element of index.html with an integrity hash, and whether the file
 * it names has that hash: [{ name, pass }].
 */
export function integrityChecks(dist = DIST) {
  const html = readFileSync(`${dist}index.html`, "utf8");
  const checks = [];
  for (const [tag] of html.matchAll(/<(?:link|script)\b[^>]*\bintegrity=["']?sha(?:256|384|512)-[^>]*>/g)) {
    const [, bits, hash] = tag.match(/integrity=["']?sha(256|384|512)-([^"'\s>]+)/);
    const name = tag.match(/(?:href|src)=["']?(?:\.\/)?([^"'\s>]+)/)?.[1];
    const actual = name && createHash(`sha${bits}`).update(readFileSync(`${dist}${name}`)).digest("base64");
    checks.push({ name, pass: actual === hash });
  }
  return checks;
}

/** Raw, gzip (level 9) and brotli (quality 11) bytes of one buffer. */
export function compressedSizes(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/**
 * The sizes of the cold-start files: { files: [{ name, kind, raw, gzip,
 * brotli }], total: { raw, gzip, brotli } }.
 */
export function sizes(dist = DIST) {
  const files = distFiles(dist).map(({ name, kind, path }) => ({ name, kind, ...compressedSizes(readFileSync(path)) }));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) for (const key of Object.keys(total)) total[key] += file[key];
  return { files, total };
}

const SECTION_NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start",
  "element", "code", "data", "data count", "tag"];

/**
 * The sections of a wasm binary with their raw sizes, biggest first, so a
 * size over budget can be traced (code vs data vs names): [{ section, bytes }].
 */
export function wasmSections(buffer) {
  const sections = new Map();
  let at = 8; // magic and version
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = buffer[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  while (at < buffer.length) {
    const id = buffer[at++];
    const size = leb();
    const start = at;
    let name = SECTION_NAMES[id] ?? `id ${id}`;
    if (id === 0) {
      const length = leb();
      name = `custom "${buffer.subarray(at, at + length).toString()}"`;
    }
    sections.set(name, (sections.get(name) ?? 0) + size);
    at = start + size;
  }
  return [...sections].map(([section, bytes]) => ({ section, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export const kb = (bytes) => (bytes / KB).toFixed(1);
const bytesCell = (bytes) => bytes.toLocaleString("en-US");

function enforceCeiling() {
  const flag = process.argv.indexOf("--enforce");
  if (flag < 0) return null;
  const value = Number(process.argv[flag + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`--enforce needs a positive whole number of bytes, got "${process.argv[flag + 1] ?? ""}"`);
  }
  return value;
}

function main() {
  let ceiling;
  let report;
  try {
    ceiling = enforceCeiling();
    report = sizes();
  } catch (error) {
    console.error(`size failed: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  const { files, total } = report;
  const ratio = (part, whole) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)} %`;
  printTable(
    ["file", "kind", "raw bytes", "gzip -9 bytes", "brotli -11 bytes", "brotli / raw", "share of brotli total"],
    [
      ...files.map((f) => [
        f.name, f.kind, bytesCell(f.raw), bytesCell(f.gzip), bytesCell(f.brotli), ratio(f.brotli, f.raw),
        ratio(f.brotli, total.brotli),
      ]),
      ["total", "", bytesCell(total.raw), bytesCell(total.gzip), bytesCell(total.brotli), ratio(total.brotli, total.raw), "100.0 %"],
    ],
  );
  console.log("");
  const budgets = Object.entries(BUDGETS).map(([encoding, budget]) => ({
    encoding, budget_bytes: budget, total_bytes: total[encoding], pass: total[encoding] <= budget,
  }));
  printTable(
    ["budget", "total", "budget", "over by", "result"],
    budgets.map((b) => [
      `cold start, ${b.encoding}`, `${kb(b.total_bytes)} KB`, `≤ ${kb(b.budget_bytes)} KB`,
      b.pass ? "-" : `${kb(b.total_bytes - b.budget_bytes)} KB`, passCell(b.pass),
    ]),
  );
  const wasm = files.find((f) => f.kind === "wasm");
  const sections = wasm ? wasmSections(readFileSync(`${DIST}${wasm.name}`)) : [];
  if (wasm) {
    console.log("");
    printTable(
      [`${wasm.name} section`, "raw bytes", "share of the wasm"],
      sections.map((x) => [x.section, bytesCell(x.bytes), ratio(x.bytes, wasm.raw)]),
    );
  }
  let enforced = null;
  if (ceiling !== null) {
    enforced = { ceiling_bytes: ceiling, total_brotli_bytes: total.brotli, pass: total.brotli <= ceiling };
    console.log("");
    console.log(
      `--enforce ${ceiling}: total brotli ${bytesCell(total.brotli)} bytes ${enforced.pass ? "≤" : ">"} ceiling ` +
        `${bytesCell(ceiling)} bytes: ${enforced.pass ? "pass" : "FAIL (exit 1)"}`,
    );
  }
  const integrity = integrityChecks();
  const broken = integrity.filter((c) => !c.pass).map((c) => c.name);
  console.log("");
  console.log(broken.length === 0
    ? `integrity hashes in index.html: ${integrity.length}, each matches its file`
    : `integrity hashes in index.html: FAIL (exit 1), wrong for ${broken.join(", ")}`);
  writeReport("size.json", {
    date: new Date().toISOString(), quick: QUICK, kb_bytes: KB, files, total, budgets, wasm_sections: sections,
    enforce: enforced, integrity,
  });
  if ((enforced && !enforced.pass) || broken.length > 0) process.exitCode = 1;
}

// Run only as a script; coldstart.mjs imports the functions above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
