// Backup: export everything, clear the site's data, import it, and everything is back; a bad file
// gives a clear message and changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { assertAccessible, assertNoErrors, ready, watchedPage, serverAndBrowser, everything, storedBeforeImport } from "./support.mjs";

const env = serverAndBrowser();

test("export a backup, clear the site's data, import it: everything is back", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await page.goto(env.server.url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Backed Up Person");
  await page.getByLabel("Where met", { exact: true }).fill("Library volunteering");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Backed Up Person");
  await page.getByRole("button", { name: "Add thank-you follow-up" }).click();
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");
  await page.getByLabel("Your name").fill("Sam Example");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByRole("status").getByText("Saved.").waitFor();
  await assertAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export backup" }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^weak-ties-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await file.path();
  const backup = JSON.parse(await readFile(path, "utf8"));
  assert.equal(backup.contacts.length, 1);

  // Clear the site's data, then import.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page, "Settings");
  await page.getByLabel("Import a backup").setInputFiles(path);
  await page.getByRole("status").getByText(/Backup imported: 1 added/).waitFor();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
  await page.getByRole("link", { name: /Backed Up Person/ }).click();
  await ready(page, "Backed Up Person");
  assert.match(await page.locator("main").innerText(), /Library volunteering/);
  await page.reload();
  await ready(page, "Backed Up Person");
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");
  assert.equal(await page.getByLabel("Your name").inputValue(), "Sam Example");

  // Importing the same file again changes nothing.
  const before = await everything(page);
  await page.getByLabel("Import a backup").setInputFiles(path);
  await page.getByRole("status").getByText(/1 unchanged/).waitFor();
  assert.equal(await everything(page), before);
  assertNoErrors(page);
});

test("a broken backup file is refused with a clear message and changes nothing", async () => {
  const page = await watchedPage(await env.browser.newContext());
  const before = await storedBeforeImport(page, env.server.url);
  for (const [name, text, message] of [
    ["truncated.json", '{"app": "weak-ties", "schema": 1, "contacts": [', /not valid JSON|ends too early|truncated|cut off/i],
    ["future.json", '{"app": "weak-ties", "schema": 99, "exported_at": "2026-11-28T00:00:00Z", "contacts": [], "docs": {}}', /newer version/i],
    ["cards.json", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Not a backup\r\nEND:VCARD\r\n", /vCard|not a Weak Ties backup/i],
  ]) {
    await page.getByLabel("Import a backup").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
    const alert = page.getByRole("alert").filter({ hasText: message });
    await alert.waitFor();
    assert.equal(await everything(page), before, `${name} changed the stored data`);
  }
  await assertAccessible(page);
  assertNoErrors(page);
});

test("after two weeks without a backup the app suggests one; Not now puts it off, a backup ends it", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await page.goto(env.server.url);
  await ready(page, "Home");
  const reminder = page.getByRole("region", { name: "Backup reminder" });
  // A contact kept for 20 days, never backed up (written as the app reads it: plain JSON is read
  // as well as the packed form the app writes).
  const old = new Date(Date.now() - 20 * 86_400_000).toISOString();
  await page.evaluate((old) => {
    const id = "00000000-0000-4000-8000-00000000b0b0";
    localStorage.setItem(`wt:contact:${id}`, JSON.stringify({ id, name: "Old Friend", created_at: old, updated_at: old, rev: 1, schema: 1 }));
  }, old);
  await page.reload();
  await ready(page, "Home");
  await reminder.getByText("You have kept contacts here for 20 days without a backup.").waitFor();
  await assertAccessible(page);

  // Not now: gone, and still gone after a reload.
  await reminder.getByRole("button", { name: "Not now" }).click();
  await reminder.waitFor({ state: "detached" });
  await page.reload();
  await ready(page, "Home");
  assert.equal(await reminder.count(), 0);

  // The snooze over (a week later), it is back; exporting from it downloads a backup and ends it.
  await page.evaluate(() => {
    const lapsed = new Date(Date.now() - 1000).toISOString();
    localStorage.setItem("wt:doc:backup", JSON.stringify({ schema: 1, doc: { snoozed_until: lapsed } }));
  });
  await page.reload();
  await ready(page, "Home");
  const download = page.waitForEvent("download");
  await reminder.getByRole("button", { name: "Export backup" }).click();
  assert.match((await download).suggestedFilename(), /^weak-ties-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await reminder.waitFor({ state: "detached" });
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");
  await page.getByText(/^Last backup: .* \(today\)\.$/).waitFor();
  assertNoErrors(page);
});

test("a backup larger than a vCard file may be (years of contacts) imports", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");
  const notes = "Talked about mentoring, open data and the design of public services. ".repeat(160);
  const contacts = Array.from({ length: 600 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    name: `Person ${i}`,
    notes,
    created_at: "2026-01-01T10:00:00Z",
    updated_at: "2026-01-01T10:00:00Z",
    rev: 1,
  }));
  const text = JSON.stringify({ app: "weak-ties", schema: 1, exported_at: "2026-11-28T09:00:00Z", contacts, docs: {} });
  assert.ok(text.length > 6 * 1024 * 1024, `${text.length} bytes`);
  await page.getByLabel("Import a backup").setInputFiles({ name: "big.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await page.getByRole("status").getByText(/Backup imported: 600 added/).waitFor({ timeout: 60_000 });
  assertNoErrors(page);
});
