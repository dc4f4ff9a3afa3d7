// Encrypted backups: export with a passphrase, clear the site's data, import with the passphrase and
// everything is back; a wrong passphrase or a changed byte gives a clear message and changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { assertAccessible, assertNoErrors, ready, watchedPage, serverAndBrowser, addContact, everything } from "./support.mjs";

const env = serverAndBrowser();

const PASSPHRASE = "correct horse battery staple";

test("export with a passphrase, clear the site's data, import with it: everything is back", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await page.goto(env.server.url);
  await ready(page, "Home");
  await addContact(page, { name: "Secret Friend", whereMet: "Night class" });
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");

  // Two different passphrases: no backup, and a message saying why.
  await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
  await page.getByLabel("Passphrase again").fill(PASSPHRASE + "!");
  await page.getByRole("button", { name: "Export backup" }).click();
  await page.getByRole("alert").getByText(/The two passphrases differ/).waitFor();

  await page.getByLabel("Passphrase again").fill(PASSPHRASE);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export backup" }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^weak-ties-backup-\d{4}-\d{2}-\d{2}-encrypted\.json$/);
  await page.getByRole("status").getByText(/Encrypted backup downloaded/).waitFor();
  // The passphrase is not kept on the page.
  assert.equal(await page.getByLabel("Passphrase", { exact: true }).inputValue(), "");
  assert.equal(await page.getByLabel("Passphrase again").inputValue(), "");
  const path = await file.path();
  const text = await readFile(path, "utf8");
  const envelope = JSON.parse(text);
  assert.equal(envelope.format, "weak-ties-encrypted-backup");
  assert.equal(envelope.version, 1);
  assert.equal(envelope.kdf.name, "argon2id");
  assert.doesNotMatch(text, /Secret Friend|Night class/);
  // The passphrase is stored nowhere.
  assert.doesNotMatch(await everything(page), /horse/);

  // Clear the site's data.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page, "Settings");
  const before = await everything(page);
  await page.getByLabel("Import a backup").setInputFiles(path);
  await page.getByRole("status").getByText("This backup is encrypted. Enter its passphrase to import it.").waitFor();
  const unlock = page.getByRole("form", { name: "Encrypted backup" });
  await assertAccessible(page);

  // A wrong passphrase: refused, nothing changed, and the passphrase can be typed again.
  await unlock.getByLabel("Passphrase of this backup").fill("wrong horse battery staple");
  await unlock.getByRole("button", { name: "Decrypt and import" }).click();
  await page.getByRole("alert").getByText(/^Wrong passphrase, or the file was changed/).waitFor();
  assert.equal(await everything(page), before);
  assert.equal(await unlock.getByLabel("Passphrase of this backup").inputValue(), "");

  // One changed byte in the ciphertext: the same message, nothing changed.
  const changed = Buffer.from(text);
  const at = text.indexOf('"ciphertext":"') + 20;
  changed[at] = changed[at] === 0x41 ? 0x42 : 0x41;
  await page.getByLabel("Import a backup").setInputFiles({ name: "changed.json", mimeType: "application/json", buffer: changed });
  await page.getByRole("status").getByText(/This backup is encrypted/).waitFor();
  await unlock.getByLabel("Passphrase of this backup").fill(PASSPHRASE);
  await unlock.getByRole("button", { name: "Decrypt and import" }).click();
  await page.getByRole("alert").getByText(/^Wrong passphrase, or the file was changed/).waitFor();
  assert.equal(await everything(page), before);

  // The real file and the right passphrase: everything is back.
  await page.getByLabel("Import a backup").setInputFiles(path);
  await page.getByRole("status").getByText(/This backup is encrypted/).waitFor();
  await unlock.getByLabel("Passphrase of this backup").fill(PASSPHRASE);
  await unlock.getByRole("button", { name: "Decrypt and import" }).click();
  await page.getByRole("status").getByText(/Backup imported: 1 added/).waitFor();
  await unlock.waitFor({ state: "detached" });
  await page.reload();
  await ready(page, "Settings");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
  await page.getByRole("link", { name: /Secret Friend/ }).click();
  await ready(page, "Secret Friend");
  assert.match(await page.locator("main").innerText(), /Night class/);
  assertNoErrors(page);
});

test("an export without a passphrase is the plain backup, as before", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export backup" }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^weak-ties-backup-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(JSON.parse(await readFile(await file.path(), "utf8")).app, "weak-ties");
  // A passphrase that is too short is refused.
  await page.getByLabel("Passphrase", { exact: true }).fill("short");
  await page.getByLabel("Passphrase again").fill("short");
  await page.getByRole("button", { name: "Export backup" }).click();
  await page.getByRole("alert").getByText(/at least 8 characters/).waitFor();
  assertNoErrors(page);
});
