// Backup: export everything, clear the site's data, import it, and everything is back; a bad file
// gives a clear message and changes nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { assertAccessible, assertNoErrors, launch, ready, serve, watchedPage } from "./support.mjs";

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const everything = (page) => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));

test("export a backup, clear the site's data, import it: everything is back", async () => {
  const page = await watchedPage(await browser.newContext());
  await page.goto(server.url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Backed Up Person");
  await page.getByLabel("Where met", { exact: true }).fill("Library volunteering");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Backed Up Person");
  await page.getByRole("button", { name: "Add thank-you follow-up" }).click();
  await page.goto(server.url + "settings");
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
  await page.goto(server.url + "settings");
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
  const page = await watchedPage(await browser.newContext());
  await page.goto(server.url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Stays Put");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Stays Put");
  await page.goto(server.url + "settings");
  await ready(page, "Settings");
  const before = await everything(page);
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
