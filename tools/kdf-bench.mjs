// The key derivation of encrypted backups (Argon2id, the parameters new backups use), timed in the
// release build's file formats module (dist/formats_bg.wasm): in headless Chromium, as the app runs
// it, and in Node. Prints figures, decides nothing. Run `node tools/kdf-bench.mjs` after a release
// build (`scripts/build.sh`); the budget is 1.5 s on this machine.
//
// Each timing is a whole encrypt or decrypt of a tiny backup, which is the key derivation and a few
// microseconds of AES-GCM: the median of RUNS runs, with the spread (min–max).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DIST, launch, serve } from "../tests/e2e/support.mjs";

const RUNS = 7;
const BUDGET_MS = 1500;
const PASSPHRASE = "correct horse battery staple";
const BACKUP = JSON.stringify({ app: "weak-ties", schema: 1, exported_at: "2026-12-01T00:00:00Z", contacts: [], docs: {} });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

/** Times encrypt and decrypt with a loaded module `m` (its exports); runs where it is called. */
async function timings(m, { runs, passphrase, backup }) {
  const encrypt = [];
  const decrypt = [];
  let file = "";
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    file = m.encrypt_backup(backup, passphrase, passphrase);
    encrypt.push(performance.now() - t);
    t = performance.now();
    const back = m.decrypt_backup(new TextEncoder().encode(file), passphrase);
    decrypt.push(performance.now() - t);
    if (back !== backup) throw new Error("the backup did not come back");
  }
  return { encrypt, decrypt, kdf: JSON.parse(file).kdf };
}

const args = { runs: RUNS, passphrase: PASSPHRASE, backup: BACKUP };
const lines = [];
const report = (where, { encrypt, decrypt }) => {
  const worst = Math.max(median(encrypt), median(decrypt));
  lines.push(`  ${where}: encrypt ${fmt(encrypt)}, decrypt ${fmt(decrypt)}; ${worst <= BUDGET_MS ? "within" : "OVER"} the ${BUDGET_MS} ms budget`);
};

// Chromium, the module loaded as the app loads it.
const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(server.url + "does-not-matter");
  // The same function, evaluated in the page (through the DevTools protocol, which the page's CSP
  // does not govern) against the module as the app imports it.
  const chromium = await page.evaluate(`(async () => {
    const m = await import(new URL("formats.js", document.baseURI).href);
    await m.default();
    return (${timings})(m, ${JSON.stringify(args)});
  })()`);
  lines.unshift(`Encrypted backup key derivation (${JSON.stringify(chromium.kdf)}), release wasm, median of ${RUNS}:`);
  report(`Chromium ${browser.version()}`, chromium);
} finally {
  await browser.close();
  await server.close();
}

// Node, the same module.
const m = await import(pathToFileURL(join(DIST, "formats.js")).href);
await m.default({ module_or_path: readFileSync(join(DIST, "formats_bg.wasm")) });
report(`Node ${process.version}`, await timings(m, args));

console.log(lines.join("\n"));
