// The release site's last step before the post-build hook (run by scripts/build.sh): what Trunk does
// with index.html's data-trunk links, for a build that Trunk cannot make (the app split by route).
//
//   node tools/assemble.mjs --app DIR --formats DIR --public-url /path/ --out DIR
//
// --app: wasm-bindgen's output for the app with the split parts and their loader, copied as one
// folder (its name is kept: it is made from the content). --formats: the file formats module
// (formats.js, formats_bg.wasm), copied to the root where the app looks for it.
//
// index.html keeps Trunk's markup, so that `trunk serve` uses the same file: each data-trunk link is
// replaced by what Trunk would write (the stylesheet and the icon under a name with their content's
// hash, copied files and folders, `<base href>` from --public-url), and the two rust links by a
// preload of the app's first part and the inline module script that starts it.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: { app: { type: "string" }, formats: { type: "string" }, "public-url": { type: "string" }, out: { type: "string" } },
});
for (const name of ["app", "formats", "public-url", "out"]) {
  if (!args[name]) {
    console.error(`assemble: --${name} is missing`);
    process.exit(2);
  }
}
const out = args.out;
const fail = (why) => {
  console.error(`assemble: ${why}`);
  process.exit(1);
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const app = basename(args.app);
cpSync(args.app, join(out, app), { recursive: true });
for (const file of ["formats.js", "formats_bg.wasm"]) cpSync(join(args.formats, file), join(out, file));

/** Copies `src` under its name with a hash of its content, as Trunk does ("main-1a2b....css"). */
const hashed = (src) => {
  const body = readFileSync(src);
  const ext = extname(src);
  const name = `${basename(src, ext)}-${createHash("sha256").update(body).digest("hex").slice(0, 16)}${ext}`;
  writeFileSync(join(out, name), body);
  return name;
};

const attr = (tag, name) => tag.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];
let html = readFileSync("index.html", "utf8");
let started = false;
html = html.replace(/[ \t]*<(link|base) data-trunk[^>]*\/?>\n?/g, (tag) => {
  const indent = tag.match(/^[ \t]*/)[0];
  const line = (markup) => `${indent}${markup}\n`;
  if (tag.includes("<base")) return line(`<base href="${args["public-url"]}" />`);
  const rel = attr(tag, "rel");
  const href = attr(tag, "href");
  switch (rel) {
    case "css":
      return line(`<link rel="stylesheet" href="${hashed(href)}" />`);
    case "icon":
      return line(`<link rel="icon" href="${hashed(href)}" />`);
    case "copy-file":
      cpSync(href, join(out, basename(href)));
      return "";
    case "copy-dir":
      cpSync(href, join(out, basename(href)), { recursive: true });
      return "";
    case "rust":
      // The formats module is copied above and loaded by the app on first use.
      if (attr(tag, "data-type") === "worker") return "";
      started = true;
      return (
        line(`<link rel="modulepreload" href="${app}/weak-ties.js" />`) +
        line(`<link rel="preload" href="${app}/weak-ties_bg.wasm" as="fetch" type="application/wasm" crossorigin />`) +
        line(`<script type="module">import init from "./${app}/weak-ties.js"; init({ module_or_path: "./${app}/weak-ties_bg.wasm" });</script>`)
      );
    default:
      return fail(`index.html has a data-trunk link this script does not know: ${tag.trim()}`);
  }
});
if (!started) fail("index.html has no data-trunk rust link for the app");
if (html.includes("data-trunk")) fail("index.html still has a data-trunk marker");
writeFileSync(join(out, "index.html"), html);
console.log(`assemble: site in ${out} (app in ${app}/, public URL ${args["public-url"]})`);
