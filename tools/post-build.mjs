// Trunk post-build hook (see Trunk.toml). Runs in the project root with TRUNK_STAGING_DIR set to the
// folder that becomes dist/.
//
// Trunk writes an inline <script type="module"> that loads the WASM. Our Content-Security-Policy
// allows no inline script unless hashed, so this hook puts the SHA-256 of every inline script into
// the policy in place of the CSP_SCRIPT_HASHES marker.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set; run me from Trunk");
  process.exit(1);
}

const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");

const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline
  .map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`)
  .join(" ");

if (!html.includes("CSP_SCRIPT_HASHES")) {
  console.error("post-build: index.html lost its CSP_SCRIPT_HASHES marker");
  process.exit(1);
}
html = html.replace("CSP_SCRIPT_HASHES", hashes);
writeFileSync(indexPath, html);
console.log(`post-build: hashed ${inline.length} inline script(s) into the CSP`);
