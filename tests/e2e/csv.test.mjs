// CSV import (LinkedIn, Google, a spreadsheet that needs its columns mapped, a refused workbook)
// and Contacts > Possible duplicates (merge with undo, not a duplicate).
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoErrors, ready, watchedPage, serverAndBrowser, everything, contactNames, contactPage, openSettings, startWithContact, storedBeforeImport, tempFiles } from "./support.mjs";

const env = serverAndBrowser();
const file = tempFiles("wt-csv-");
const settings = (page) => openSettings(page, env.server.url);

const LINKEDIN = [
  "Notes:",
  '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
  "",
  "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
  'Ana,Lima,https://www.linkedin.com/in/ana-lima,ana@example.com,"Acme, Inc.",Head of Growth,15 Mar 2024',
  "Bo,Chen,https://www.linkedin.com/in/bochen,,Initech,Engineer,29-Mar-21",
  ",,,,,,",
  "",
].join("\r\n");

test("a LinkedIn export is recognized, previewed and imported", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await settings(page);
  await page.getByLabel("Import contacts (CSV)").setInputFiles(await file("Connections.csv", LINKEDIN));
  const preview = page.getByRole("region", { name: "Contacts in this file" });
  await preview.getByText("Read as LinkedIn connections.").waitFor();
  await preview.getByText("Import Bo Chen").waitFor();
  // textContent: rows below the fold are not rendered (content-visibility), so innerText skips them.
  assert.match(await preview.evaluate((e) => e.textContent), /Ana Lima[\s\S]*Acme, Inc\. · ana@example\.com[\s\S]*Bo Chen/);
  assert.equal(await page.getByRole("region", { name: "Columns of this file" }).count(), 0, "no mapping to check");
  await assertAccessible(page);
  await page.getByRole("button", { name: "Import 2 contacts" }).click();
  await page.getByRole("status").getByText("Added 2, merged 0, skipped 0.").waitFor();
  await page.reload();
  assert.match(await contactNames(page), /Ana Lima[\s\S]*Bo Chen/);
  const main = await contactPage(page, "Bo Chen");
  assert.match(main, /LinkedIn/);
  assert.match(main, /2021/);
  assertNoErrors(page);
});

test("a long export previews its first rows, likely duplicates first, and imports every row", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await startWithContact(page, env.server.url, { name: "Person Sixty", emails: "p60@example.org" });
  await settings(page);
  const rows = Array.from({ length: 70 }, (_, i) => `Person,Number ${i},,p${i}@example.org,Initech,Engineer,1 Dec 2022`);
  await page.getByLabel("Import contacts (CSV)").setInputFiles(await file("Connections.csv", ["First Name,Last Name,URL,Email Address,Company,Position,Connected On", ...rows, ""].join("\r\n")));
  const preview = page.getByRole("region", { name: "Contacts in this file" });
  await preview.getByText("1 of them may already be in your contacts: it is listed first.").waitFor();
  const items = preview.getByRole("list").first().getByRole("listitem");
  assert.match(await items.first().textContent(), /Person Number 60[\s\S]*Likely already in your contacts as Person Sixty/);
  assert.equal(await items.count(), 50, "the first 50 rows are shown");
  // The rows not shown are imported too.
  await page.getByRole("button", { name: "Import 69 contacts" }).waitFor();
  const duplicate = page.getByLabel("What to do with Person Number 60");
  await duplicate.selectOption("Merge");
  await page.getByRole("button", { name: "Import 70 contacts" }).waitFor();
  await preview.getByRole("button", { name: "Show more (20 not shown)" }).click();
  assert.equal(await items.count(), 70);
  assert.equal(await preview.getByRole("button", { name: /Show more/ }).count(), 0);
  // The rows shown before keep what the user chose.
  assert.equal(await duplicate.evaluate((s) => s.selectedOptions[0].textContent), "Merge");
  await page.getByLabel("Import Person Number 69").uncheck();
  await page.getByRole("button", { name: "Import 69 contacts" }).click();
  await page.getByRole("status").getByText("Added 68, merged 1, skipped 1.").waitFor();
  assertNoErrors(page);
});

test("a Google Contacts export with several values is previewed with its likely duplicate", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await startWithContact(page, env.server.url, { name: "Grace Hopper", emails: "grace@navy.mil" });
  await settings(page);
  const google = [
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value",
    'Grace,B.,Hopper,US Navy,Rear Admiral,"Met at the COBOL meeting",* myContacts ::: Friends,* Work,grace@navy.mil ::: gh@example.org,Mobile,+1 202 555 0100',
    "Alan,,Turing,Bletchley Park,,,* myContacts ::: Codebreakers,,alan@example.uk,,",
    "",
  ].join("\r\n");
  await page.getByLabel("Import contacts (CSV)").setInputFiles(await file("contacts.csv", google));
  const preview = page.getByRole("region", { name: "Contacts in this file" });
  await preview.getByText("Read as Google Contacts.").waitFor();
  await preview.getByText(/Likely already in your contacts as Grace Hopper \(same email grace@navy.mil\)/).waitFor();
  const choice = page.getByLabel("What to do with Grace B. Hopper");
  await choice.selectOption("Merge");
  await page.getByRole("button", { name: "Import 2 contacts" }).click();
  await page.getByRole("status").getByText("Added 1, merged 1, skipped 0.").waitFor();
  await page.reload();
  assert.match(await contactNames(page), /Alan Turing[\s\S]*Grace Hopper/);
  const main = await contactPage(page, "Grace Hopper");
  assert.match(main, /gh@example\.org/);
  assert.match(main, /\+1 202 555 0100/);
  assert.match(main, /Friends/);
  assert.doesNotMatch(main, /myContacts/);
  assertNoErrors(page);
});

test("a spreadsheet of no known kind is imported once its name column is chosen", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await settings(page);
  const sheet = "Nom complet;Courriel;Société\r\nÉmile Zola;emile@lemonde.fr;Le Monde\r\nMarie Curie;marie@sorbonne.fr;Sorbonne\r\n";
  await page.getByLabel("Import contacts (CSV)").setInputFiles(await file("export.csv", "\uFEFF" + sheet));
  const mapping = page.getByRole("region", { name: "Columns of this file" });
  await mapping.waitFor();
  assert.equal(await mapping.getByLabel("Courriel").inputValue(), "Email", "guessed from its values");
  await page.getByRole("alert").getByText(/No column is imported as the name/).waitFor();
  assert.equal(await page.getByRole("button", { name: "Import 0 contacts" }).isDisabled(), true);
  await assertAccessible(page);
  await mapping.getByLabel("Nom complet").selectOption("Name");
  await mapping.getByLabel("Société").selectOption("Organization");
  const preview = page.getByRole("region", { name: "Contacts in this file" });
  await preview.getByText("Le Monde · emile@lemonde.fr").waitFor();
  assert.equal(await page.getByRole("alert").count(), 0);
  await page.getByRole("button", { name: "Import 2 contacts" }).click();
  await page.getByRole("status").getByText("Added 2, merged 0, skipped 0.").waitFor();
  assert.match(await contactNames(page), /Émile Zola[\s\S]*Marie Curie|Marie Curie[\s\S]*Émile Zola/);
  assertNoErrors(page);
});

test("an Excel workbook and other bad files are refused with a clear message and change nothing", async () => {
  const page = await watchedPage(await env.browser.newContext());
  const before = await storedBeforeImport(page, env.server.url);
  for (const [name, content, message] of [
    ["contacts.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0]), /Excel workbook.*CSV UTF-8/],
    ["empty.csv", "", /empty/],
    ["values.csv", "Ana Lima,ana@example.com\r\nBo,bo@example.com\r\n", /no header/],
  ]) {
    await page.getByLabel("Import contacts (CSV)").setInputFiles(await file(name, content));
    await page.getByRole("alert").getByText(message).waitFor();
    assert.equal(await page.getByRole("region", { name: "Contacts in this file" }).count(), 0, name);
    assert.equal(await everything(page), before, name);
  }
  assertNoErrors(page);
});

test("possible duplicates are merged field by field, and the merge is undone", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await settings(page);
  const two = "Name,Email,Organization,Role\r\nAna Lima,ana@example.com,Acme,Engineer\r\nAna M. Lima,ANA@example.com,,Manager\r\nBo Chen,bo@example.com,Initech,\r\nBo Chen,,Initech,\r\n";
  await page.getByLabel("Import contacts (CSV)").setInputFiles(await file("two.csv", two));
  await page.getByRole("button", { name: "Import 4 contacts" }).click();
  await page.getByRole("status").getByText("Added 4, merged 0, skipped 0.").waitFor();

  await contactNames(page);
  await page.getByRole("link", { name: "Possible duplicates" }).click();
  await ready(page, "Possible duplicates");
  const groups = page.getByRole("list", { name: "Possible duplicates" });
  const ana = groups.getByRole("listitem", { name: "Ana Lima and Ana M. Lima" });
  await ana.getByText("Why: same email ANA@example.com.").waitFor();
  const bo = groups.getByRole("listitem", { name: "Bo Chen and Bo Chen" });
  await bo.getByText("Why: same name and organization.").waitFor();
  await assertAccessible(page);

  await ana.getByRole("button", { name: "Merge" }).click();
  const merge = page.getByRole("region", { name: "Merge Ana Lima and Ana M. Lima" });
  await merge.getByRole("group", { name: "Role" }).getByLabel("Manager").check();
  assert.equal(await merge.getByRole("group", { name: "Name" }).getByLabel("Ana Lima").isChecked(), true);
  await assertAccessible(page);
  await merge.getByRole("button", { name: "Merge these contacts" }).click();
  const toast = page.locator(".toast");
  await toast.getByText("Merged Ana M. Lima into Ana Lima.").waitFor();
  assert.equal(await groups.getByRole("listitem", { name: /Ana/ }).count(), 0);
  let names = await contactNames(page);
  assert.doesNotMatch(names, /Ana M\. Lima/);
  assert.match(await contactPage(page, "Ana Lima"), /Manager/);

  await toast.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("status").getByText("The merge is undone.").waitFor();
  await page.reload();
  names = await contactNames(page);
  assert.match(names, /Ana Lima/);
  assert.match(names, /Ana M\. Lima/);

  // Not a duplicate: the pair is hidden for good, also after a reload.
  await page.getByRole("link", { name: "Possible duplicates" }).click();
  await ready(page, "Possible duplicates");
  await groups.getByRole("listitem", { name: "Bo Chen and Bo Chen" }).getByRole("button", { name: "Not a duplicate" }).click();
  await groups.getByRole("listitem", { name: "Bo Chen and Bo Chen" }).waitFor({ state: "detached" });
  await page.reload();
  await ready(page, "Possible duplicates");
  await groups.getByRole("listitem", { name: "Ana Lima and Ana M. Lima" }).waitFor();
  assert.equal(await groups.getByRole("listitem", { name: "Bo Chen and Bo Chen" }).count(), 0);
  assertNoErrors(page);
});
