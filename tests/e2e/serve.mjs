// A tiny static file server for the browser tests: serves one folder (the
// release build in dist/ by default) on 127.0.0.1 with the right MIME types,
// so tests need no server package and no network.
//
//   node tests/e2e/serve.mjs [folder] [port] [--base /sub/path/]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const args = process.argv.slice(2);
const baseFlag = args.indexOf("--base");
const base = baseFlag >= 0 ? args.splice(baseFlag, 2)[1] : "/";
const root = resolve(args[0] ?? "dist");
const port = Number(args[1] ?? 4173);

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

createServer(async (request, response) => {
  const url = new URL(request.url, "http://localhost");
  let path = decodeURIComponent(url.pathname);
  if (!path.startsWith(base)) {
    response.writeHead(404).end("not found");
    return;
  }
  path = "/" + path.slice(base.length);
  if (path.endsWith("/")) path += "index.html";
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) {
    response.writeHead(403).end("forbidden");
    return;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
    const body = await readFile(file);
    response.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
      // As the README asks of any host: a page in a sandboxed iframe has an
      // opaque origin and may load the app's module script and wasm only
      // with CORS.
      "access-control-allow-origin": "*",
    });
    response.end(body);
  } catch {
    response.writeHead(404).end("not found");
  }
}).listen(port, "127.0.0.1", () => {
  console.log(`serving ${root} at http://127.0.0.1:${port}${base}`);
});
