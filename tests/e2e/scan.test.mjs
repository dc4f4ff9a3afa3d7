// Scanning QR codes into Add contact, driven as a user would: Scan from a picture (a vCard with
// accents and an emoji, a LinkedIn address, a MECARD with escapes, a picture with no code), the
// "already in your contacts" offer, conference mode's where-met and tag kept, a device with no
// camera, and the share target (the share URL's title, text and link; a shared .vcf through the service
// worker). The pictures are generated here (tests/e2e/qr-fixtures.mjs). Headless Chromium on
// Linux has no BarcodeDetector, so the Rust decoder of the file formats module reads them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoErrors, controlled, exportedBackup, ready, scanRefused, serverAndBrowser, watchedPage } from "./support.mjs";
import { noCodePng, qrPng } from "./qr-fixtures.mjs";

const env = serverAndBrowser();

const VCARD = [
  "BEGIN:VCARD",
  "VERSION:3.0",
  "N:Lima;Ana;;;",
  "FN:Ana Lima 🎉",
  "ORG:Açaí Labs",
  "TITLE:Engenheira",
  "EMAIL:ana@example.org",
  "TEL:+351 912 345 678",
  "NOTE:Falámos de café",
  "END:VCARD",
].join("\r\n");
const MECARD = String.raw`MECARD:N:Doe\, Jr.,John;TEL:+1 555 0100;EMAIL:john@example.com;NOTE:Likes\; coffee\: black;;`;
const LINKEDIN = "https://www.linkedin.com/in/grace-hopper-4b1d2e?utm_source=share";

/** Opens Add contact and scans `png` (a Buffer) with Scan from a picture. */
async function scanPicture(page, name, png) {
  await page.goto(new URL("contacts/new", await page.evaluate(() => document.baseURI)).href);
  await ready(page, "Add contact");
  await page.getByLabel("Scan from a picture").setInputFiles({ name, mimeType: "image/png", buffer: png });
}

const field = (page, label) => page.getByLabel(label, { exact: true });

test("Scan from a picture fills Add contact from a vCard, a LinkedIn address and a MECARD", async () => {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await page.goto(env.server.url);
  await ready(page, "Home");

  // A vCard with accents and an emoji: every field it holds is filled, nothing is saved yet.
  await scanPicture(page, "ana.png", await qrPng(VCARD));
  await page.getByRole("status").filter({ hasText: "Read a contact card (vCard): Ana Lima 🎉." }).waitFor();
  assert.equal(await field(page, "Name").inputValue(), "Ana Lima 🎉");
  assert.equal(await field(page, "Organization").inputValue(), "Açaí Labs");
  assert.equal(await field(page, "Role").inputValue(), "Engenheira");
  assert.equal(await field(page, "Emails").inputValue(), "ana@example.org");
  assert.equal(await field(page, "Phones").inputValue(), "+351 912 345 678");
  assert.equal(await field(page, "Notes").inputValue(), "Falámos de café");
  await assertAccessible(page);
  assert.equal((await exportedBackup(page)).contacts.length, 0, "nothing is saved before Save");
  await scanPicture(page, "ana.png", await qrPng(VCARD));
  await page.getByRole("status").filter({ hasText: "Ana Lima" }).waitFor();
  // Every filled field can be corrected before saving.
  await field(page, "Role").fill("Engenheira de dados");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Ana Lima 🎉");
  await page.getByRole("button", { name: "Skip" }).click();

  // Scanned again: she is already a contact, and the page offers to open her.
  await scanPicture(page, "ana.png", await qrPng(VCARD));
  const known = page.getByText("Ana Lima 🎉 is already in your contacts (same email ana@example.org).");
  await known.waitFor();
  await page.getByRole("link", { name: "Open Ana Lima 🎉" }).click();
  await ready(page, "Ana Lima 🎉");
  assert.match(await page.getByRole("main").innerText(), /Engenheira de dados/);

  // A LinkedIn profile's address: the LinkedIn field, and a name guessed from it, to check.
  await scanPicture(page, "grace.png", await qrPng(LINKEDIN));
  await page.getByRole("status").filter({ hasText: "The name was guessed from its address: check it." }).waitFor();
  assert.equal(await field(page, "Name").inputValue(), "Grace Hopper");
  assert.equal(await field(page, "LinkedIn").inputValue(), "https://www.linkedin.com/in/grace-hopper-4b1d2e");

  // A MECARD with escaped separators.
  await scanPicture(page, "john.png", await qrPng(MECARD));
  await page.getByRole("status").filter({ hasText: "Read a contact card (MECARD): John Doe, Jr.." }).waitFor();
  assert.equal(await field(page, "Name").inputValue(), "John Doe, Jr.");
  assert.equal(await field(page, "Phones").inputValue(), "+1 555 0100");
  assert.equal(await field(page, "Emails").inputValue(), "john@example.com");
  assert.equal(await field(page, "Notes").inputValue(), "Likes; coffee: black");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "John Doe, Jr.");

  // A picture with no code says so, and the form still works by hand.
  await scanPicture(page, "nothing.png", noCodePng());
  await page.getByRole("alert").filter({ hasText: "No QR code was found in this picture." }).waitFor();
  await field(page, "Name").fill("Typed By Hand");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Typed By Hand");
  await assertAccessible(page);

  const saved = (await exportedBackup(page)).contacts.map((c) => c.name).sort();
  assert.deepEqual(saved, ["Ana Lima 🎉", "John Doe, Jr.", "Typed By Hand"]);
  assertNoErrors(page);
  await context.close();
});

test("the pictures chosen on one page are read by one decoder, started once", async () => {
  const page = await watchedPage(await env.browser.newContext());
  const workers = [];
  page.on("worker", (w) => workers.push(w.url()));
  await page.goto(env.server.url);
  await ready(page, "Home");
  await scanPicture(page, "ana.png", await qrPng(VCARD));
  await page.getByRole("status").filter({ hasText: "Ana Lima" }).waitFor();
  await page.getByLabel("Scan from a picture").setInputFiles({ name: "grace.png", mimeType: "image/png", buffer: await qrPng(LINKEDIN) });
  for (let i = 0; i < 100 && !(await field(page, "LinkedIn").inputValue()).includes("grace-hopper"); i++) await page.waitForTimeout(100);
  assert.equal(await field(page, "LinkedIn").inputValue(), "https://www.linkedin.com/in/grace-hopper-4b1d2e");
  await page.getByLabel("Scan from a picture").setInputFiles({ name: "none.png", mimeType: "image/png", buffer: await noCodePng() });
  await page.getByRole("alert").filter({ hasText: "No QR code was found in this picture." }).waitFor();
  // Headless Chromium on Linux has no BarcodeDetector: the pictures go to the worker.
  assert.equal(workers.filter((u) => u.endsWith("/qr-worker.js")).length, 1, `workers started: ${workers.join(", ")}`);
  assertNoErrors(page);
});

test("in conference mode a scanned contact gets the event's where-met, date and tag", async () => {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await page.goto(env.server.url + "event");
  await ready(page, "Conference mode");
  await page.getByLabel("Event name").fill("RustConf 2026");
  await page.getByRole("button", { name: "Turn on conference mode" }).click();
  await ready(page, "RustConf 2026");
  const today = await page.evaluate(() => new Date().toLocaleDateString("sv"));
  await scanPicture(page, "john.png", await qrPng(MECARD));
  await page.getByRole("status").filter({ hasText: "John Doe, Jr." }).waitFor();
  assert.equal(await field(page, "Where met").inputValue(), "RustConf 2026");
  assert.equal(await field(page, "Met on").inputValue(), today);
  assert.equal(await field(page, "Tags").inputValue(), "RustConf 2026");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "John Doe, Jr.");
  const [john] = (await exportedBackup(page)).contacts;
  assert.equal(john.where_met, "RustConf 2026");
  assert.deepEqual(john.tags, ["RustConf 2026"]);
  assert.equal(john.met_on, today);
  assertNoErrors(page);
  await context.close();
});

test("a device without a camera says so, and the form keeps working", async () => {
  // This browser has no camera at all (no fake device); tests/e2e/camera.test.mjs has one.
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await scanRefused(page, env.server.url, "No camera was found on this device.");
  assertNoErrors(page);
  await context.close();
});

test("the share target opens a prefilled Add contact, and a shared vCard the import preview", async () => {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  const manifest = await (await page.request.get(env.server.url + "manifest.webmanifest")).json();
  assert.deepEqual(manifest.share_target.params.files.map((f) => f.name), ["card"]);
  assert.equal(manifest.share_target.method, "POST");

  // The share URL, as the service worker opens it: a LinkedIn profile shared from its app.
  const share = new URLSearchParams({
    title: "Katherine Johnson | LinkedIn",
    text: "See Katherine's profile on LinkedIn",
    url: "https://www.linkedin.com/in/katherine-johnson-55a/",
  });
  await page.goto(`${env.server.url}contacts/new?${share}`);
  await ready(page, "Add contact");
  await page.getByRole("status").filter({ hasText: "The name was taken from its title: check it." }).waitFor();
  assert.equal(await field(page, "Name").inputValue(), "Katherine Johnson");
  assert.equal(await field(page, "LinkedIn").inputValue(), "https://www.linkedin.com/in/katherine-johnson-55a");
  assert.equal(await field(page, "Notes").inputValue(), "See Katherine's profile on LinkedIn");
  await assertAccessible(page);
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Katherine Johnson");

  // Through the service worker, as the platform posts it: a page's title, text and link...
  await controlled(page);
  const posted = await page.evaluate(async () => {
    const form = new FormData();
    form.set("title", "Rust meetup");
    form.set("text", "Ask Bo about the venue");
    form.set("url", "https://example.org/meetup");
    return (await fetch("share", { method: "POST", body: form })).url;
  });
  await page.goto(posted);
  await ready(page, "Add contact");
  await page.getByRole("status").filter({ hasText: "web link" }).waitFor();
  assert.equal(await field(page, "Links").inputValue(), "https://example.org/meetup");
  assert.equal(await field(page, "Notes").inputValue(), "Rust meetup\n\nAsk Bo about the venue");

  // ...and a .vcf file, which opens the vCard import preview.
  const card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dorothy Vaughan\r\nEMAIL:dorothy@example.org\r\nEND:VCARD\r\n";
  const opened = await page.evaluate(async (text) => {
    const form = new FormData();
    form.set("card", new File([text], "dorothy.vcf", { type: "text/vcard" }));
    return (await fetch("share", { method: "POST", body: form })).url;
  }, card);
  await page.goto(opened);
  await ready(page, "Settings");
  const preview = page.getByRole("region", { name: "Contacts in this file" });
  await preview.getByText("Dorothy Vaughan", { exact: true }).waitFor();
  await page.getByRole("button", { name: "Import 1 contact" }).click();
  await page.getByRole("status").filter({ hasText: "Added 1, merged 0, skipped 0." }).waitFor();
  const names = (await exportedBackup(page)).contacts.map((c) => c.name).sort();
  assert.deepEqual(names, ["Dorothy Vaughan", "Katherine Johnson"]);
  // The shared file is taken once: opening the same address again says it is gone.
  await page.goto(opened);
  await page.getByRole("alert").filter({ hasText: "The shared file was already imported or is gone." }).waitFor();
  assertNoErrors(page);
  await context.close();
});
