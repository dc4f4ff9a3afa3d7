// Groups twiggy's list of a wasm's items (`twiggy top --format csv`, names kept) by crate, and by
// module for the app's own crates, and writes the table into docs/benchmark.md between its size
// markers. Run by tools/size-report.sh: `node tools/size-report.mjs LIST.csv PART.wasm`.
import { readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

const [csvPath, wasmPath] = process.argv.slice(2);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The rows of a CSV file (quoted fields may hold commas and doubled quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (c !== "\r") field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Where an item's bytes come from: its crate (the type's crate for drop glue and trait impls),
 *  the module for this app's crates, or the kind of item for what has no Rust name. */
function origin(name) {
  if (/^data\[\d+\]$|^data segment/.test(name)) return "data segments (strings, constants)";
  if (/^code\[\d+\]$/.test(name)) return "functions without a name";
  if (/^__(wbg|wbindgen)|^wasm_bindgen::|^wasm-bindgen/.test(name)) return "wasm-bindgen";
  if (/core::slice::sort|::sort::(stable|unstable|select|shared)|slice::select/.test(name)) return "slice sorting and selection (core)";
  if (/^(table|elem|type|import|export|global|memory|func|"|custom section|\.debug|name|producers|target_features)/.test(name)) return "wasm sections (types, tables, imports, exports)";
  let n = name.replace(/^core::ptr::drop_in_place</, "").replace(/^[<&*( ]+|^(mut|dyn|const) /g, "");
  while (/^[<&*( ]|^(mut|dyn|const) /.test(n)) n = n.replace(/^[<&*( ]+|^(mut|dyn|const) /, "");
  const path = n.match(/^([A-Za-z_][A-Za-z0-9_]*)(?:::([A-Za-z_][A-Za-z0-9_]*))?(?:::([A-Za-z_][A-Za-z0-9_]*))?/);
  if (!path) return "other";
  const [, crate, module, sub] = path;
  if (/^[A-Z]/.test(crate)) return "generic impls (<T as …>, closures)";
  if (crate === "weak_ties_domain") return `weak_ties_domain::${module ?? ""}`;
  if (crate === "weak_ties") return module === "pages" && sub ? `weak_ties::pages::${sub}` : `weak_ties::${module ?? ""}`;
  if (crate === "core" || crate === "alloc" || crate === "std") return `${crate}::${module ?? ""}`;
  return crate;
}

const rows = parseCsv(readFileSync(csvPath, "utf8")).slice(1).filter((r) => r.length >= 2 && r[1] !== "");
// The names themselves are left out: the built part has none.
const items = rows
  .map(([name, size]) => ({ name: name.replace(/\[[0-9a-f]{16}\]/g, ""), size: Number(size) }))
  .filter((i) => Number.isFinite(i.size) && !/^Σ|^\[\d+ Total|function names|subsection|^custom section/.test(i.name));
const total = items.reduce((s, i) => s + i.size, 0);
const groups = new Map();
for (const i of items) groups.set(origin(i.name), (groups.get(origin(i.name)) ?? 0) + i.size);
const sorted = [...groups].sort((a, b) => b[1] - a[1]);
const part = readFileSync(wasmPath);

const lines = [];
lines.push("<!-- size:start -->");
lines.push("## What the first part is made of");
lines.push("");
lines.push(
  `Written by \`tools/size-report.sh\` on ${new Date().toISOString().slice(0, 10)}: the first part (Home and the shell) built with names kept (wasm-bindgen \`--keep-debug\`, wasm-opt \`-Oz -g\`), listed by \`twiggy top\` and grouped by crate (drop glue and trait impls go to their type's crate; the app's crates by module). ${kb(total)} of items (the built part, without names: see the first-load table above).`,
);
lines.push("");
lines.push("| from | raw | share |");
lines.push("|---|---|---|");
for (const [name, size] of sorted.slice(0, 30)) lines.push(`| ${name} | ${kb(size)} | ${((100 * size) / total).toFixed(1)}% |`);
const rest = sorted.slice(30).reduce((s, [, size]) => s + size, 0);
lines.push(`| ${sorted.length - 30} others | ${kb(rest)} | ${((100 * rest) / total).toFixed(1)}% |`);
lines.push("");
lines.push("The largest single items:");
lines.push("");
lines.push("| item | raw |");
lines.push("|---|---|");
for (const i of [...items].sort((a, b) => b.size - a.size).slice(0, 15)) lines.push(`| \`${i.name.slice(0, 110).replace(/\|/g, "\\|")}\` | ${kb(i.size)} |`);
lines.push("");
lines.push(`This part with its names section: ${kb(part.length)} raw, ${kb(brotliCompressSync(part, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length)} brotli (the names are left out of the table).`);
lines.push("<!-- size:end -->");
const section = lines.join("\n");

const doc = (() => {
  try {
    return readFileSync("docs/benchmark.md", "utf8");
  } catch {
    return "";
  }
})();
const updated = /<!-- size:start -->[\s\S]*<!-- size:end -->/.test(doc) ? doc.replace(/<!-- size:start -->[\s\S]*<!-- size:end -->/, section) : `${doc.trimEnd()}\n\n${section}\n`;
writeFileSync("docs/benchmark.md", updated);
console.log(section);
