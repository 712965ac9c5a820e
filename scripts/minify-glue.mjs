// Trunk post-build hook (see Trunk.toml): minifies wasm-bindgen's JS glue
// in a release build, which Trunk's own minifier cannot parse, and writes
// the new subresource-integrity hash into the staged index.html, so the
// browser still checks the file it loads. In a debug build, or when the
// glue or terser is not found, it leaves everything as it is.
//
// Trunk runs it in the project folder with TRUNK_PROFILE and
// TRUNK_STAGING_DIR set.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE !== "release" || !staging) process.exit(0);

const htmlPath = join(staging, "index.html");
const html = readFileSync(htmlPath, "utf8");
// The glue is the module the page preloads, with its integrity hash.
const preload = html.match(/<link[^>]*rel=["']?modulepreload[^>]*>/);
const file = preload?.[0].match(/href=["']?(?:\.\/)?([^"'\s>]+\.js)/)?.[1];
if (!file) {
  console.warn("minify-glue: no modulepreload of the JS glue in index.html; left as it is");
  process.exit(0);
}

let minify;
try {
  ({ minify } = await import("terser"));
} catch {
  console.warn("minify-glue: terser is not installed (npm ci); the JS glue is left as it is");
  process.exit(0);
}

const path = join(staging, file);
const source = readFileSync(path, "utf8");
const result = await minify(source, { module: true, compress: true, mangle: true });
writeFileSync(path, result.code);

const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;
const before = sri(source);
if (!html.includes(before)) {
  // Trunk hashed something else: leave the page and the file consistent.
  writeFileSync(path, source);
  console.warn(`minify-glue: index.html does not carry ${file}'s hash; left as it is`);
  process.exit(0);
}
writeFileSync(htmlPath, html.replaceAll(before, sri(result.code)));
console.log(`minify-glue: ${file} ${source.length} → ${result.code.length} bytes`);
