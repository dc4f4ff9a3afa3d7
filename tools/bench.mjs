// Benchmarks of the release build (dist/): prints figures, decides nothing. Run with `make bench`.
// Each timing is the median of RUNS runs, with the spread (min–max).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { DIST, launchPersistent, ready, serve } from "../tests/e2e/support.mjs";
import { DECODE_BUDGET_MS, decodeTimes } from "./bench-qr.mjs";
import { mkdtempSync } from "node:fs";
import os, { tmpdir } from "node:os";

const RUNS = 7;
const machine = () => `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, ${browserVersion}`;
let browserVersion = "";
const out = [];
const say = (line = "") => {
  console.log(line);
  out.push(line);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${median(xs).toFixed(1)} ms (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// A generated contact with realistic sizes, in the stored format (schema 1).
const FIRST = ["Ada", "Grace", "Katherine", "Alan", "Marie", "Lise", "Jonas", "Priya", "Amara", "Luis", "Mei", "Olu"];
const LAST = ["Lovelace", "Hopper", "Johnson", "Turing", "Curie", "Meitner", "Lindqvist", "Raman", "Okafor", "Ortega"];
const ORGS = ["Open Data Institute", "Nordic Health Labs", "City Library", "Fintech Collective", "NASA", "Analytical Engines"];
function contact(i) {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
  const day = (n) => new Date(Date.UTC(2025, 0, 1 + ((i * 7 + n) % 600))).toISOString().slice(0, 10);
  return {
    id,
    name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`,
    role: "Senior product designer",
    organization: ORGS[i % ORGS.length],
    emails: [`person${i}@example.org`],
    phones: ["+44 20 7946 0958"],
    where_met: `Conference ${i % 40}`,
    met_on: day(0),
    how_met: "Queue for coffee after the keynote; we talked about accessibility audits.",
    tie: ["weak", "medium", "strong"][i % 3],
    tags: ["design", `cohort-${i % 12}`],
    notes: "Works on the design system of a public service. Moved from architecture into UX five years ago. Recommends the book Inclusive Components. Interested in mentoring; asked me to send the article about weak ties. Has two kids, runs marathons.",
    interactions: [
      { id: `${id}-i1`, date: day(0), kind: "met", summary: "Met at the conference" },
      { id: `${id}-i2`, date: day(3), kind: "chat", summary: "Informational chat over video, 30 minutes" },
    ],
    follow_ups: [{ id: `${id}-f1`, kind: "check_in", text: "Ask how the launch went", due: day(90), done_on: null }],
    created_at: "2025-01-01T10:00:00Z",
    updated_at: "2025-01-01T10:00:00Z",
    rev: 1,
    schema: 1,
  };
}

const server = await serve();
const ctx = await launchPersistent(mkdtempSync(join(tmpdir(), "weak-ties-bench-")));
const page = await ctx.newPage();
// The files the page itself requests on its first load (the service worker's own requests, which
// precache the rest of the build in the background, are not the page's).
// The navigation is served index.html; the browser fetches sw.js itself to register it.
const requested = new Set(["sw.js"]);
const onRequest = (r) => requested.add(r.isNavigationRequest() ? "index.html" : decodeURIComponent(new URL(r.url()).pathname).slice(1));
page.on("request", onRequest);
await page.goto(server.url + "contacts");
await ready(page, "Contacts");
page.off("request", onRequest);
browserVersion = `Chromium ${ctx.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1]))}`;

// 1. Transfer sizes: the first load, and what the service worker precaches for later (loaded on
// demand, such as the file formats module).
say(`# Weak Ties benchmark, ${new Date().toISOString().slice(0, 10)}`);
say();
const files = [];
const walk = (d) => readdirSync(d).forEach((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : files.push(join(d, f))));
walk(DIST);
const transfer = {};
const sizeTable = (title, names) => {
  say(title);
  say("| file | raw | gzip | brotli |");
  say("|---|---|---|---|");
  let total = [0, 0, 0];
  for (const name of names.sort()) {
    const raw = readFileSync(join(DIST, name));
    const sizes = [raw.length, gzipSync(raw, { level: 9 }).length, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
    total = total.map((t, i) => t + sizes[i]);
    transfer[name] = sizes;
    say(`| ${name} | ${sizes.map(kb).join(" | ")} |`);
  }
  say(`| **total** | ${total.map(kb).join(" | ")} |`);
  say();
  return total;
};
const built = files.map((f) => f.slice(DIST.length + 1));
const total = sizeTable("## First-load transfer (the files the page requests before its first screen)", built.filter((f) => requested.has(f)));
const later = sizeTable("## Precached by the service worker after the first load (loaded on demand)", built.filter((f) => !requested.has(f)));
await page.evaluate(async () => {
  await navigator.serviceWorker.ready;
});

/** Replaces the stored data with n generated contacts, imported as a user would (a backup file
 *  through Settings), so that they are stored exactly as the app stores them. Returns how many are
 *  stored and the localStorage characters (keys and values) they take. */
async function seed(n) {
  await page.evaluate(() => localStorage.clear());
  await page.goto(server.url + "settings");
  await ready(page, "Settings");
  if (n > 0) {
    const backup = { app: "weak-ties", schema: 1, exported_at: "2026-11-28T09:00:00Z", contacts: Array.from({ length: n }, (_, i) => contact(i)), docs: {} };
    await page.getByLabel("Import a backup").setInputFiles({ name: "bench.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(backup)) });
    await page.getByText(/Backup imported|could not|not saved|full/i).first().waitFor({ timeout: 600_000 });
  }
  return page.evaluate(() => {
    let stored = 0;
    let chars = 0;
    for (const k of Object.keys(localStorage)) {
      if (k.startsWith("wt:contact:")) stored += 1;
      chars += k.length + localStorage.getItem(k).length;
    }
    return { stored, chars };
  });
}

/** The origin's localStorage quota in characters (keys and values), found by filling an empty
 *  storage with one value as long as it can be. */
async function quota() {
  await page.evaluate(() => localStorage.clear());
  return page.evaluate(() => {
    let lo = 0;
    let hi = 64 * 1024 * 1024;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      try {
        localStorage.setItem("q", "x".repeat(mid));
        lo = mid;
      } catch {
        hi = mid - 1;
      }
    }
    localStorage.clear();
    return lo + 1;
  });
}

/** Reloads /contacts RUNS times (from the service worker's cache); time to the first row (or the
 *  empty state) from navigation start. */
async function startup(expectRows) {
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    await page.goto(server.url + "contacts");
    const sel = expectRows ? 'ul[aria-label="Contacts"] li' : ".empty";
    await page.waitForSelector(sel);
    times.push(await page.evaluate(() => performance.now()));
  }
  return times;
}

/** One keystroke in Search contacts until the updated list is laid out, ready for the next
 *  frame's paint: the input event, Leptos' update of the list (it runs in microtasks, before the
 *  next task), then style and layout forced by reading a size. Waiting for the paint itself would
 *  add the wait for the display's next frame, which is not the app's work. */
async function keystrokes() {
  await page.goto(server.url + "contacts");
  await page.waitForSelector('ul[aria-label="Contacts"] li');
  const times = [];
  // Queries that change the list (the generated notes are the same for everyone, so a common
  // word would match every contact and change nothing).
  for (const q of ["ada", "grace", "9", "99", "turing", "curie", "zz", "okafor", "12", "lind", "mei"]) {
    times.push(
      await page.evaluate(async (q) => {
        const input = document.getElementById("search");
        const list = () => document.querySelector("main").textContent;
        input.value = "";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
        const before = list();
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((ok) => setTimeout(ok, 0));
        document.body.getBoundingClientRect();
        const t = performance.now() - t0;
        if (list() === before) throw new Error(`the list did not change for "${q}"`);
        return t;
      }, q),
    );
  }
  return times;
}

/** Saving one edited contact: from the click on Save to its page showing. */
async function saves() {
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    await page.goto(server.url + `contacts/${contact(r).id}/edit`);
    await page.getByLabel("Role", { exact: true }).fill(`Role ${r} ${Date.now()}`);
    times.push(
      await page.evaluate(async () => {
        const t0 = performance.now();
        document.querySelector('button[type="submit"]').click();
        while (location.pathname.endsWith("/edit")) await new Promise((ok) => setTimeout(ok, 0));
        return performance.now() - t0;
      }),
    );
  }
  return times;
}

say("## Storage");
const capacity = await quota();
const probe = await seed(1000);
const perContact = probe.chars / probe.stored;
say(`- localStorage quota of the origin: ${capacity} characters (keys and values)`);
say(`- characters per generated contact, as stored (key and packed record): ${perContact.toFixed(0)}`);
say(`- contacts of that size that fit in the quota: ${Math.floor(capacity / perContact)}`);
const tenK = await seed(10000);
say(`- 10,000 contacts stored: ${tenK.stored}, taking ${(tenK.chars / 1e6).toFixed(2)} M characters, ${((100 * tenK.chars) / capacity).toFixed(0)}% of the quota`);
say();

const results = { date: new Date().toISOString(), machine: machine(), transfer: { files: transfer, first_load: total, precached_later: later }, storage: { quota: capacity, per_contact: Math.round(perContact), fit: Math.floor(capacity / perContact), ten_thousand_chars: tenK.chars }, timings: {} };
say("## Timings (median of runs, with min–max)");
say("| measure | contacts | runs | time |");
say("|---|---|---|---|");
const timed = (name, n, xs) => {
  results.timings[`${name}@${n}`] = xs;
  say(`| ${name} | ${n} | ${xs.length} | ${fmt(xs)} |`);
  return median(xs);
};
const med = {};
for (const n of [0, 100, 1000, 10000]) {
  const { stored } = await seed(n);
  if (stored !== n) throw new Error(`only ${stored} of ${n} contacts were stored`);
  if (n !== 100) med[`start${n}`] = timed("start-up to first row, from the service-worker cache", n, await startup(n > 0));
  if (n >= 1000) med[`search${n}`] = timed("search keystroke to the updated list laid out", n, await keystrokes());
  if (n === 100 || n === 10000) med[`save${n}`] = timed("save one edited contact (click to its page)", n, await saves());
}
const decoding = await decodeTimes(DIST);
med.decode = Math.max(
  timed("decode one 640×480 camera frame with a QR code (file formats module)", "–", decoding.withCode),
  timed("decode one 640×480 camera frame with no code", "–", decoding.noCode),
);
say();
say("## Budgets");
say("| budget | measured | met |");
say("|---|---|---|");
const budget = (what, measured, ok) => say(`| ${what} | ${measured} | ${ok ? "yes" : "**no**"} |`);
budget("first-load transfer at most 180 KB brotli", kb(total[2]), total[2] <= 180 * 1024);
budget("search keystroke at most 16 ms (one frame) at 10,000 contacts", `${med.search10000.toFixed(1)} ms`, med.search10000 <= 16);
budget("save at 10,000 at most 1.5 × save at 100", `${(med.save10000 / med.save100).toFixed(2)} ×`, med.save10000 <= 1.5 * med.save100);
budget("start-up at 10,000 at most 2 × start-up at 0", `${(med.start10000 / med.start0).toFixed(2)} ×`, med.start10000 <= 2 * med.start0);
budget(`decoding one 640×480 camera frame at most ${DECODE_BUDGET_MS} ms`, `${med.decode.toFixed(1)} ms`, med.decode <= DECODE_BUDGET_MS);
budget("10,000 contacts with notes fit with room to spare (at most 80% of the quota)", `${((100 * tenK.chars) / capacity).toFixed(0)}%`, tenK.chars <= 0.8 * capacity);
say();
say(`Machine: ${results.machine}.`);
await ctx.close();
await server.close();
writeFileSync("docs/benchmark.md", out.join("\n") + "\n");
writeFileSync("docs/benchmark.json", JSON.stringify(results, null, 1) + "\n");
// The README carries the latest table, between its two bench markers.
const readme = readFileSync("README.md", "utf8");
const [head, rest] = readme.split("<!-- bench:start -->");
const table = out.map((l) => (l.startsWith("#") ? `##${l}` : l)).join("\n");
if (rest) writeFileSync("README.md", `${head}<!-- bench:start -->\n${table}\n<!-- bench:end -->${rest.split("<!-- bench:end -->")[1]}`);
console.log("\nwritten to docs/benchmark.md, docs/benchmark.json and README.md");
