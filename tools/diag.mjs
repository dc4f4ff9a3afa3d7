import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { launchPersistent, ready } from "../tests/e2e/support.mjs";
import { serveCompressed } from "./static-server.mjs";
import { DIST } from "../tests/e2e/support.mjs";
const N = Number(process.env.N ?? 10000);
function contact(i) {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
  const day = (n) => new Date(Date.UTC(2025, 0, 1 + ((i * 7 + n) % 600))).toISOString().slice(0, 10);
  return { id, name: `Ada Lovelace ${i}`, role: "Senior product designer", organization: "NASA", emails: [`person${i}@example.org`], phones: ["+44 20 7946 0958"],
    where_met: `Conference ${i % 40}`, met_on: day(0), how_met: "Queue for coffee after the keynote.", tie: "weak", tags: ["design", `cohort-${i % 12}`],
    notes: "Works on the design system of a public service. Moved from architecture into UX five years ago. Recommends the book Inclusive Components.",
    interactions: [{ id: `${id}-i1`, date: day(0), kind: "met", summary: "Met at the conference" }],
    follow_ups: [{ id: `${id}-f1`, kind: "check_in", text: "Ask how the launch went", due: day(90), done_on: null }],
    created_at: "2025-01-01T10:00:00Z", updated_at: "2025-01-01T10:00:00Z" };
}
const host = await serveCompressed(DIST, { encoding: "br" });
const ctx = await launchPersistent(mkdtempSync(join(tmpdir(), "prof-")));
const page = await ctx.newPage();
await page.goto(host.url + "settings");
await ready(page, "Settings");
if (N > 0) {
const backup = { app: "weak-ties", schema: 1, exported_at: "2026-11-28T09:00:00Z", contacts: Array.from({ length: N }, (_, i) => contact(i)), docs: {} };
await page.getByLabel("Import a backup").setInputFiles({ name: "b.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(backup)) });
await page.getByText(/Backup imported|could not|not saved|full/i).first().waitFor({ timeout: 600_000 });
console.log(await page.getByText(/Backup imported|could not|not saved|full/i).first().textContent());
}

const FIRST_SCREEN = () => {
  window.marks = {};
  const m = (k) => (window.marks[k] ??= performance.now());
  new MutationObserver(() => {
    const home = document.querySelector("main h1")?.textContent === "Home" && document.querySelector("main section");
    if (!home) return;
    const busy = document.querySelector("main").hasAttribute("aria-busy");
    if (busy) m("busy");
    m("home_dom");
    if (!window.marks.raf) requestAnimationFrame(() => { m("raf"); setTimeout(() => m("task"), 0); });
    if (!busy) { m("read_dom"); }
  }).observe(document, { childList: true, subtree: true, attributes: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) m(e.name); }).observe({ type: "paint", buffered: true });
};
await page.addInitScript(FIRST_SCREEN);
await page.goto(host.url);
await page.evaluate(async () => { await navigator.serviceWorker.ready; });
const cdp = await ctx.newCDPSession(page);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(process.env.CPU ?? 4) });
const times = [];
for (let r = 0; r < 5; r++) {
  await page.goto(host.url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.marks.read_dom && window.marks.task, null, { timeout: 60000 });
  await page.waitForTimeout(300);
  const mk = await page.evaluate(() => window.marks);
  console.log(Object.entries(mk).map(([k, v]) => `${k}=${v.toFixed(0)}`).join(" "), "home key:", await page.evaluate(() => (localStorage.getItem("wt:home") ?? "none").length));
  times.push(mk["first-contentful-paint"] ?? 0);
}
times.sort((a, b) => a - b);
console.log(N, "contacts: start", times.map((t) => t.toFixed(0)).join(" "), "median", times[2].toFixed(0));
await ctx.close();
process.exit(0);
