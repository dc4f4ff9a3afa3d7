// A static server for the benchmarks, as a production host serves the site: every file compressed
// ahead of time (brotli quality 11, gzip level 9) and sent precompressed when the browser accepts
// it, unknown paths answered with index.html (the single-page fallback).
//
//   import { serveCompressed } from "./static-server.mjs";
//   const server = await serveCompressed("dist", { encoding: "br" });   // or "gzip", or "identity"
//
// `encoding` is the best the host offers: "br" (brotli, then gzip), "gzip" only (GitHub Pages), or
// "identity". It also runs alone: `node tools/static-server.mjs [dist] [br|gzip|identity] [port]`.
import { createServer } from "node:http";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { TYPES } from "./content-types.mjs";

/** Every file of `root` by its path below it ("app-…/weak-ties_bg.wasm"), with its compressed
 *  variants. PNGs are sent as they are (already compressed). */
function load(root) {
  const files = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const raw = readFileSync(path);
      const compress = extname(name) !== ".png";
      files.set(relative(root, path).split("\\").join("/"), {
        type: TYPES[extname(name)] ?? "application/octet-stream",
        identity: raw,
        br: compress ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : null,
        gzip: compress ? gzipSync(raw, { level: 9 }) : null,
      });
    }
  };
  walk(root);
  return files;
}

/** Serves `root` on 127.0.0.1 (port 0: any free one) under `base`. Returns its origin, its URL
 *  and close(). */
export async function serveCompressed(root, { encoding = "br", base = "/", port = 0 } = {}) {
  const files = load(root);
  const offered = { br: ["br", "gzip"], gzip: ["gzip"], identity: [] }[encoding];
  if (!offered) throw new Error(`unknown encoding ${encoding}`);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(base)) return res.writeHead(404).end();
    const rel = path.slice(base.length);
    let file = files.get(rel);
    if (!file && !extname(rel)) file = files.get("index.html");
    if (!file) return res.writeHead(404).end();
    const accepted = (req.headers["accept-encoding"] ?? "").split(",").map((e) => e.trim().split(";")[0]);
    const chosen = offered.find((e) => file[e] && accepted.includes(e));
    const headers = { "content-type": file.type, "cache-control": "no-cache", vary: "accept-encoding" };
    if (chosen) headers["content-encoding"] = chosen;
    const body = chosen ? file[chosen] : file.identity;
    headers["content-length"] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: origin + base, close: () => new Promise((ok) => server.close(ok)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = "dist", encoding = "br", port = "8081"] = process.argv.slice(2);
  const server = await serveCompressed(root, { encoding, port: Number(port) });
  console.log(`serving ${root} (${encoding}) at ${server.url}`);
}
