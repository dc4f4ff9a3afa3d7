// Files built to hurt the importers: each is refused quickly with a clear message, nothing stored
// changes, and the page stays responsive.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertNoErrors, ready, watchedPage, serverAndBrowser, everything, storedBeforeImport } from "./support.mjs";

const env = serverAndBrowser();

/** A zip archive holding one stored (uncompressed) file: only the signature matters here. */
function zip(name, content) {
  const local = Buffer.alloc(30);
  local.write("PK\x03\x04", 0, "latin1");
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  const end = Buffer.alloc(22);
  end.write("PK\x05\x06", 0, "latin1");
  return Buffer.concat([local, Buffer.from(name), content, end]);
}

test("hostile files are refused quickly with a clear message, change nothing, and the page stays responsive", async () => {
  const page = await watchedPage(await env.browser.newContext());
  const before = await storedBeforeImport(page, env.server.url);
  const tiny = "BEGIN:VCARD\r\nFN:a\r\nEND:VCARD\r\n".repeat(100_000);
  const vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zipped Person\r\nEND:VCARD\r\n";
  const nested = "[".repeat(200_000) + "]".repeat(200_000);
  for (const [label, name, buffer, message] of [
    ["Import contacts (vCard)", "many.vcf", Buffer.from(tiny), /holds more than 10000 cards/],
    ["Import contacts (vCard)", "contacts.vcf", zip("contacts.vcf", Buffer.from(vcard)), /is a zip archive, not a vCard/],
    ["Import contacts (vCard)", "line.vcf", Buffer.from("x".repeat(4 * 1024 * 1024)), /no BEGIN:VCARD was found/],
    ["Import a backup", "nested.json", Buffer.from(nested), /nested too deeply/],
  ]) {
    const started = Date.now();
    await page.getByLabel(label).setInputFiles({ name, mimeType: "application/octet-stream", buffer });
    await page.getByRole("alert").filter({ hasText: message }).waitFor({ timeout: 15000 });
    const took = Date.now() - started;
    assert.ok(took < 10000, `${name} took ${took} ms`);
    // The page answers at once.
    const answered = await page.evaluate(() => new Promise((done) => {
      const t = performance.now();
      setTimeout(() => done(performance.now() - t), 0);
    }));
    assert.ok(answered < 500, `${name}: the page took ${answered} ms to answer`);
    assert.equal(await everything(page), before, `${name} changed the stored data`);
  }
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  assertNoErrors(page);
});
