// Benchmarks of the release build (dist/): prints figures, decides nothing. Run with `make bench`.
// Each timing is the median of RUNS runs, with the spread (min–max).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { DIST, launchPersistent, ready, serve } from "../tests/e2e/support.mjs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const RUNS = 5;
const out = [];
const say = (line = "") => {
  console.log(line);
  out.push(line);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${median(xs).toFixed(1)} ms (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// 1. Transfer sizes of the first load.
say(`# Weak Ties benchmark, ${new Date().toISOString().slice(0, 10)}`);
say();
say("## First-load transfer (files the page loads; the service worker then precaches the rest)");
const files = [];
const walk = (d) => readdirSync(d).forEach((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : files.push(join(d, f))));
walk(DIST);
const firstLoad = files.filter((f) => /\.(html|css|js|wasm|svg|webmanifest)$/.test(f));
let total = [0, 0, 0];
say("| file | raw | gzip | brotli |");
say("|---|---|---|---|");
for (const f of firstLoad.sort()) {
  const raw = readFileSync(f);
  const sizes = [raw.length, gzipSync(raw, { level: 9 }).length, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
  total = total.map((t, i) => t + sizes[i]);
  say(`| ${f.slice(DIST.length + 1)} | ${sizes.map(kb).join(" | ")} |`);
}
say(`| **total** | ${total.map(kb).join(" | ")} |`);
say();

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
await page.goto(server.url + "contacts");
await ready(page, "Contacts");
await page.evaluate(async () => {
  await navigator.serviceWorker.ready;
});

/** Replaces the stored data with n generated contacts; returns how many fit, and the characters. */
async function seed(n) {
  const items = Array.from({ length: n }, (_, i) => contact(i));
  return page.evaluate((items) => {
    localStorage.clear();
    localStorage.setItem("wt:meta", JSON.stringify({ schema: 1 }));
    let stored = 0;
    let chars = 0;
    for (const c of items) {
      const key = `wt:contact:${c.id}`;
      const value = JSON.stringify(c);
      try {
        localStorage.setItem(key, value);
      } catch {
        break;
      }
      stored += 1;
      chars += key.length + value.length;
    }
    return { stored, chars };
  }, items);
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

/** One keystroke in Search contacts to the next frame after the list updated. */
async function keystrokes() {
  await page.goto(server.url + "contacts");
  await page.waitForSelector('ul[aria-label="Contacts"] li');
  const times = [];
  for (const q of ["a", "ad", "o", "or", "9", "99", "z", "de", "co", "ne", "l"]) {
    times.push(
      await page.evaluate(async (q) => {
        const input = document.getElementById("search");
        input.value = "";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
        return performance.now() - t0;
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
const probe = await seed(1000);
const perContact = probe.chars / probe.stored;
say(`- localStorage characters per generated contact: ${perContact.toFixed(0)}`);
const full = await seed(20000);
say(`- contacts that fit in Chromium's localStorage quota: ${full.stored} (${(full.chars / 1e6).toFixed(2)} M characters)`);
say();

say("## Timings (median of runs, with min–max)");
say("| measure | contacts | time |");
say("|---|---|---|");
await seed(0);
const t0 = await startup(false);
say(`| start-up to first row (empty state), from the service-worker cache | 0 | ${fmt(t0)} |`);
for (const n of [100, 1000, 10000]) {
  const { stored } = await seed(n);
  const label = stored < n ? `${stored} (all that fit of ${n})` : `${n}`;
  say(`| start-up to first row, from the service-worker cache | ${label} | ${fmt(await startup(true))} |`);
  if (n >= 1000) say(`| search keystroke to next frame | ${label} | ${fmt(await keystrokes())} |`);
  say(`| save one edited contact (click to its page) | ${label} | ${fmt(await saves())} |`);
}
await ctx.close();
await server.close();
writeFileSync("docs/benchmark.md", out.join("\n") + "\n");
console.log("\nwritten to docs/benchmark.md");
