// Trunk post-build hook (see Trunk.toml). Runs in the project root with TRUNK_STAGING_DIR set to the
// folder that becomes dist/.
//
// 1. Trunk writes an inline <script type="module"> that loads the WASM. Our Content-Security-Policy
//    allows no inline script unless hashed, so the SHA-256 of every inline script goes into the
//    policy in place of the CSP_SCRIPT_HASHES marker. `trunk serve` also appends its live-reload
//    script inline, which its server then rewrites on every response (the address it is reached
//    at), so no hash can match it: it goes into a file of its own instead, live-reload.js, which
//    finds the address itself, and the policy stays the release build's.
// 2. The service worker gets the list of every file of the build to precache, and a version made
//    from their content, so that each build has its own cache.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set; run me from Trunk");
  process.exit(1);
}
const fail = (why) => {
  console.error(`post-build: ${why}`);
  process.exit(1);
};

// 1. The CSP.
const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");
const liveReload = /<script(?![^>]*\bsrc=)([^>]*)>([^<]*\.well-known\/trunk\/ws[\s\S]*?)<\/script>/;
const reload = html.match(liveReload);
if (reload) {
  const body = reload[2]
    .replace(/'\{\{__TRUNK_ADDRESS__\}\}'|`\{\{__TRUNK_ADDRESS__\}\}`/, "window.location.host")
    .replace(/'\{\{__TRUNK_WS_BASE__\}\}'|`\{\{__TRUNK_WS_BASE__\}\}`/, "new URL(document.baseURI).pathname");
  if (body.includes("{{__TRUNK_")) fail("Trunk's live-reload script has a placeholder this hook does not know");
  writeFileSync(join(staging, "live-reload.js"), body);
  html = html.replace(liveReload, `<script${reload[1]} src="live-reload.js"></script>`);
}
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline
  .map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`)
  .join(" ");
if (!html.includes("CSP_SCRIPT_HASHES")) fail("index.html lost its CSP_SCRIPT_HASHES marker");
html = html.replace("CSP_SCRIPT_HASHES", hashes);
writeFileSync(indexPath, html);

// 2. The service worker's precache list.
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(relative(staging, path).split("\\").join("/"));
  }
};
walk(staging);
const precache = files.filter((f) => f !== "sw.js").sort();
const version = createHash("sha256");
for (const f of precache) version.update(f).update(readFileSync(join(staging, f)));
const swPath = join(staging, "sw.js");
let sw = readFileSync(swPath, "utf8");
if (!sw.includes("__WT_FILES__") || !sw.includes("__WT_VERSION__")) fail("sw.js lost its markers");
sw = sw.replace("__WT_FILES__", JSON.stringify(precache)).replace("__WT_VERSION__", version.digest("hex").slice(0, 16));
writeFileSync(swPath, sw);

console.log(
  `post-build: hashed ${inline.length} inline script(s) into the CSP; ${precache.length} files to precache` +
    (reload ? "; live reload from live-reload.js" : ""),
);
