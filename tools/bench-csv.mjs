// Benchmarks of CSV import and of Possible duplicates on the release build (dist/): prints
// figures, decides nothing. Run with `. scripts/env.sh && node tools/bench-csv.mjs` after
// `scripts/build.sh` (for `make bench`).
//   1. A 5,000-row LinkedIn Connections.csv: from choosing the file to its preview showing
//      (target ≤ 1 s), and from Import to the "Added 5000" message (target ≤ 3 s).
//   2. Possible duplicates among 10,000 contacts (1 in 50 shares an email with another): from the
//      click on the link to the groups showing (target ≤ 100 ms for finding them).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchPersistent, ready, serve } from "../tests/e2e/support.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}, ${xs.length} runs)`;

const FIRST = ["Ada", "Grace", "Katherine", "Alan", "Marie", "Lise", "Jonas", "Priya", "Amara", "Luis", "Mei", "Olu"];
const LAST = ["Lovelace", "Hopper", "Johnson", "Turing", "Curie", "Meitner", "Lindqvist", "Raman", "Okafor", "Ortega"];
const ORGS = ["Open Data Institute", "Nordic Health Labs", "City Library", "Fintech Collective, Inc.", "NASA", "Analytical Engines"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A LinkedIn Connections.csv of n rows, with its Notes lines, as LinkedIn writes it. */
function linkedin(n) {
  const lines = [
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
    "",
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
  ];
  for (let i = 0; i < n; i++) {
    const email = i % 5 === 0 ? `person${i}@example.org` : "";
    lines.push(
      `${FIRST[i % FIRST.length]},${LAST[(i * 7) % LAST.length]} ${i},https://www.linkedin.com/in/person-${i},${email},"${ORGS[i % ORGS.length]}",Senior product designer,${(i % 28) + 1} ${MONTHS[i % 12]} ${2015 + (i % 10)}`,
    );
  }
  return lines.join("\r\n") + "\r\n";
}

/** A stored contact (schema 1); every 50th shares the email of the one before it. */
function contact(i) {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
  const mail = i % 50 === 1 ? i - 1 : i;
  return {
    id,
    name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`,
    role: "Senior product designer",
    organization: ORGS[i % ORGS.length],
    emails: [`person${mail}@example.org`],
    phones: [`+44 20 7946 ${String(i).padStart(5, "0")}`],
    linkedin: `https://www.linkedin.com/in/person-${i}`,
    tie: "weak",
    tags: ["design"],
    notes: "Works on the design system of a public service.",
    interactions: [],
    follow_ups: [],
    created_at: "2025-01-01T10:00:00Z",
    updated_at: "2025-01-01T10:00:00Z",
    rev: 1,
    schema: 1,
  };
}

const server = await serve();
const ctx = await launchPersistent(mkdtempSync(join(tmpdir(), "weak-ties-bench-csv-")));
const page = await ctx.newPage();
await page.goto(server.url + "settings");
await ready(page, "Settings");

const csv = Buffer.from(linkedin(5000));
const previews = [];
const imports = [];
for (let r = 0; r < RUNS; r++) {
  await page.evaluate(() => localStorage.clear());
  await page.goto(server.url + "settings");
  await ready(page, "Settings");
  // The first run also loads the file formats module (as a user's first import does).
  const t0 = Date.now();
  await page.getByLabel("Import contacts (CSV)").setInputFiles({ name: "Connections.csv", mimeType: "text/csv", buffer: csv });
  const button = page.getByRole("button", { name: "Import 5000 contacts" });
  await button.waitFor({ timeout: 60_000 });
  previews.push(Date.now() - t0);
  const t1 = Date.now();
  await button.click();
  await page.getByText("Added 5000, merged 0, skipped 0.").waitFor({ timeout: 60_000 });
  imports.push(Date.now() - t1);
}
console.log(`CSV file: ${(csv.length / 1024).toFixed(0)} KB, 5,000 LinkedIn connections`);
console.log(`  preview (choose the file → list shown), first run loads the module: ${previews[0]} ms`);
console.log(`  preview: ${fmt(previews.slice(1).length ? previews.slice(1) : previews)}`);
console.log(`  import (Import → saved and shown): ${fmt(imports)}`);

// Possible duplicates among 10,000 contacts, seeded through a backup import as the app stores them.
await page.evaluate(() => localStorage.clear());
await page.goto(server.url + "settings");
await ready(page, "Settings");
const backup = { app: "weak-ties", schema: 1, exported_at: "2026-11-28T09:00:00Z", contacts: Array.from({ length: 10_000 }, (_, i) => contact(i)), docs: {} };
await page.getByLabel("Import a backup").setInputFiles({ name: "bench.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(backup)) });
await page.getByText(/Backup imported|could not|not saved|full/i).first().waitFor({ timeout: 600_000 });
const finds = [];
for (let r = 0; r < RUNS; r++) {
  await page.goto(server.url + "contacts");
  await ready(page, "Contacts");
  finds.push(
    await page.evaluate(async () => {
      const link = [...document.querySelectorAll("main a")].find((a) => a.textContent.trim() === "Possible duplicates");
      const t0 = performance.now();
      link.click();
      while (!document.querySelector('ul[aria-label="Possible duplicates"] li')) await new Promise((ok) => setTimeout(ok, 0));
      document.body.getBoundingClientRect();
      return performance.now() - t0;
    }),
  );
}
const groups = await page.locator('ul[aria-label="Possible duplicates"] > li').count();
console.log(`Possible duplicates among 10,000 contacts (${groups} groups): click → groups shown: ${fmt(finds)}`);

// The README carries these figures too, between their two markers, beside the main table.
const later = previews.slice(1).length ? previews.slice(1) : previews;
const table = [
  `### CSV import and Possible duplicates, ${new Date().toISOString().slice(0, 10)}`,
  "",
  "| measure | budget | median (min–max, runs) | within |",
  "|---|---|---|---|",
  `| 5,000-row LinkedIn preview, choose the file → list shown | 1 s | ${fmt(later)} | ${median(later) <= 1000 ? "yes" : "no"} |`,
  `| the same, the first time (the file tools load too) | 1 s | ${previews[0]} ms | ${previews[0] <= 1000 ? "yes" : "no"} |`,
  `| its import, Import → saved and shown | 3 s | ${fmt(imports)} | ${median(imports) <= 3000 ? "yes" : "no"} |`,
  `| Possible duplicates among 10,000 contacts, click → ${groups} groups shown | (100 ms for finding them: \`bench_duplicates\`) | ${fmt(finds)} | — |`,
].join("\n");
const readme = readFileSync("README.md", "utf8");
const [head, rest] = readme.split("<!-- bench-csv:start -->");
if (rest) writeFileSync("README.md", `${head}<!-- bench-csv:start -->\n${table}\n<!-- bench-csv:end -->${rest.split("<!-- bench-csv:end -->")[1]}`);

await ctx.close();
await server.close();
