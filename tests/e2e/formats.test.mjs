// File formats: vCard import (file picker and drop zone, preview, duplicates merged), vCard, CSV
// and calendar exports; a bad vCard gives a clear message and changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { assertAccessible, assertNoErrors, ready, watchedPage, exportedBackup, serverAndBrowser, everything, contactNames, contactPage, fromMore, openSettings, startWithContact, storedBeforeImport, tempFiles } from "./support.mjs";

const CORPUS = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../../../shared/corpus/vcard");

const env = serverAndBrowser();
const file = tempFiles("wt-formats-");
const settings = (page) => openSettings(page, env.server.url);

const card = (lines) => ["BEGIN:VCARD", "VERSION:3.0", ...lines, "END:VCARD", ""].join("\r\n");

test("a vCard from the corpus imports through the file picker", async (t) => {
  const path = join(CORPUS, "rfc2426-example.vcf");
  if (!existsSync(path)) {
    t.skip(`SKIPPED: the shared vCard corpus (${CORPUS}) is absent`);
    return;
  }
  const page = await watchedPage(await env.browser.newContext());
  await settings(page);
  await page.getByLabel("Import contacts (vCard)").setInputFiles(path);
  const preview = page.getByRole("region", { name: "Contacts in this file" });
  await preview.getByText("Frank Dawson", { exact: true }).waitFor();
  // Its text as in the page: rows below the screen are not laid out (content-visibility), so
  // innerText would leave them out.
  assert.match(await preview.textContent(), /Tim Howes[\s\S]*Netscape Communications Corp\. · howes@netscape\.com/);
  await assertAccessible(page);
  await page.getByRole("button", { name: "Import 2 contacts" }).click();
  await page.getByRole("status").getByText("Added 2, merged 0, skipped 0.").waitFor();
  await page.reload();
  const names = await contactNames(page);
  assert.match(names, /Frank Dawson/);
  assert.match(names, /Tim Howes/);
  assertNoErrors(page);
});

test("a card with the email of an existing contact can be merged into it", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await startWithContact(page, env.server.url, { name: "Ana Lima", emails: "ana@example.com" });
  await settings(page);
  const path = await file(
    "dup.vcf",
    card(["FN:Ana M. Lima", "EMAIL:ANA@example.com", "TEL:+351 912 000 111", "ORG:Acme"]) +
      card(["FN:Bo Chen", "EMAIL:bo@example.com"]),
  );
  await page.getByLabel("Import contacts (vCard)").setInputFiles(path);
  await page.getByText(/Likely already in your contacts as Ana Lima \(same email ana@example.com\)/).waitFor();
  const choice = page.getByLabel("What to do with Ana M. Lima");
  assert.equal(await choice.evaluate((s) => s.selectedOptions[0].label), "Skip", "duplicates are skipped unless the user chooses");
  assert.equal(await page.getByLabel("Import Bo Chen").isChecked(), true);
  await page.getByRole("button", { name: "Import 1 contact" }).waitFor();
  await choice.selectOption("Merge");
  await assertAccessible(page);
  await page.getByRole("button", { name: "Import 2 contacts" }).click();
  await page.getByRole("status").getByText("Added 1, merged 1, skipped 0.").waitFor();

  await page.reload();
  const names = await contactNames(page);
  assert.match(names, /Bo Chen/);
  assert.doesNotMatch(names, /Ana M\. Lima/);
  const main = await contactPage(page, "Ana Lima");
  assert.match(main, /ana@example\.com/);
  assert.match(main, /\+351 912 000 111/);
  assert.match(main, /Acme/);
  assertNoErrors(page);
});

test("a bad vCard is refused with a clear message and changes nothing", async () => {
  const page = await watchedPage(await env.browser.newContext());
  const before = await storedBeforeImport(page, env.server.url);
  for (const [name, text, message] of [
    ["cut.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half a card\r\n", /cut short.*END:VCARD/],
    ["backup.vcf", '{"app": "weak-ties", "contacts": []}', /not a vCard/],
    ["empty.vcf", "", /empty/],
    ["binary.vcf", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), /binary data/],
  ]) {
    await page.getByLabel("Import contacts (vCard)").setInputFiles(await file(name, text));
    await page.getByRole("alert").getByText(message).waitFor();
    assert.equal(await everything(page), before, name);
  }
  assertNoErrors(page);
});

test("a vCard cut short in its last card imports the cards before it and says which was left out", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await settings(page);
  const text = card(["FN:Whole One"]) + card(["FN:Whole Two"]) + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Sh";
  await page.getByLabel("Import contacts (vCard)").setInputFiles(await file("partly.vcf", text));
  const preview = page.getByRole("region", { name: "Contacts in this file" });
  await preview.getByText("Card 3: the file ends in the middle of this card (no END:VCARD)").waitFor();
  await page.getByRole("button", { name: "Import 2 contacts" }).click();
  await page.getByRole("status").getByText("Added 2, merged 0, skipped 0.").waitFor();
  const names = await contactNames(page);
  assert.match(names, /Whole One[\s\S]*Whole Two/);
  assert.doesNotMatch(names, /Cut/);
  assertNoErrors(page);
});

test("a vCard dropped on the drop zone is previewed and imported", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await settings(page);
  const text = card(["FN:Dropped Person", "ORG:Drop Inc.", "EMAIL:drop@example.com"]);
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "dropped.vcf", { type: "text/vcard" }));
    return dt;
  }, text);
  const zone = page.getByRole("region", { name: "Drop a file to import" });
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
  await page.getByRole("region", { name: "Contacts in this file" }).getByText("Drop Inc. · drop@example.com").waitFor();
  await page.getByRole("button", { name: "Import 1 contact" }).click();
  await page.getByRole("status").getByText("Added 1, merged 0, skipped 0.").waitFor();
  assert.match(await contactNames(page), /Dropped Person/);

  // A .json dropped there goes to the backup import (here a broken one, refused by it).
  await settings(page);
  const before = await everything(page);
  const json = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['{"app": "weak-ties", "schema": 1, "contacts": ['], "backup.json", { type: "application/json" }));
    return dt;
  });
  await page.getByRole("region", { name: "Drop a file to import" }).dispatchEvent("drop", { dataTransfer: json });
  const alert = await page.getByRole("alert").innerText();
  assert.match(alert, /JSON|backup/i);
  assert.doesNotMatch(alert, /vCard/);
  assert.equal(await everything(page), before);
  assertNoErrors(page);
});

test("exported vCards import into a cleared site as the same contacts; CSV and calendar downloads", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await startWithContact(page, env.server.url, { name: "Zoë Ørsted, \"the\" Dane", whereMet: "=cmd|' /C calc'!A0", emails: "zoe@example.dk\nz@work.example" });
  await page.getByRole("button", { name: "Add thank-you follow-up" }).click();

  // One contact's card and calendar, from its page.
  let download = page.waitForEvent("download");
  await fromMore(page, "Download vCard");
  let got = await download;
  assert.equal(got.suggestedFilename(), "zoe-orsted-the-dane.vcf");
  download = page.waitForEvent("download");
  await fromMore(page, "Add follow-ups to calendar");
  got = await download;
  assert.equal(got.suggestedFilename(), "zoe-orsted-the-dane-follow-ups.ics");

  await settings(page);
  download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export contacts (CSV)" }).click();
  got = await download;
  assert.match(got.suggestedFilename(), /^weak-ties-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await got.path(), "utf8");
  assert.ok(csv.startsWith("\ufeffName,Organization,Role,Emails"), "BOM and header");
  assert.match(csv, /\r\n"Zoë Ørsted, ""the"" Dane",/);
  assert.match(csv, /,'=cmd\|' \/C calc'!A0,/, "formula guarded");

  download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export follow-ups (calendar)" }).click();
  got = await download;
  assert.match(got.suggestedFilename(), /^weak-ties-follow-ups-\d{4}-\d{2}-\d{2}\.ics$/);
  const ics = await readFile(await got.path(), "utf8");
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /\r\nSUMMARY:Thank-you: Zoë Ørsted\\, "the" Dane\r\n/);
  assert.match(ics, /\r\nDTSTART;VALUE=DATE:\d{8}\r\n/);

  download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export contacts (vCard)" }).click();
  got = await download;
  assert.match(got.suggestedFilename(), /^weak-ties-contacts-\d{4}-\d{2}-\d{2}\.vcf$/);
  const vcf = await got.path();
  const contactsBefore = (await exportedBackup(page)).contacts;

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page, "Settings");
  await page.getByLabel("Import contacts (vCard)").setInputFiles(vcf);
  await page.getByRole("button", { name: "Import 1 contact" }).click();
  await page.getByRole("status").getByText("Added 1, merged 0, skipped 0.").waitFor();
  const contactsAfter = (await exportedBackup(page)).contacts;
  const fields = (c) => JSON.stringify([c.id, c.name, c.emails, c.where_met, c.tie, c.organization, c.notes]);
  assert.equal(contactsAfter.length, 1);
  assert.equal(fields(contactsAfter[0]), fields(contactsBefore[0]));
  await page.reload();
  assert.match(await contactNames(page), /Zoë Ørsted, "the" Dane/);
  assertNoErrors(page);
});
