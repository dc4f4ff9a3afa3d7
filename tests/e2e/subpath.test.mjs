// The site hosted under a sub-path (built with --public-url /sub/ into target/dist-sub by the test
// command): links, deep-link reloads, the manifest and the service worker all stay below it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { assertNoErrors, launch, ready, serve, watchedPage, fromMore } from "./support.mjs";
import { qrPng } from "./qr-fixtures.mjs";

const SUB_DIST = process.env.WT_DIST_SUB ?? resolve(import.meta.dirname, "../../target/dist-sub");
let server, browser;
before(async () => {
  assert.ok(existsSync(SUB_DIST), `no sub-path build at ${SUB_DIST}: run the test command, which makes it`);
  server = await serve(SUB_DIST, "/sub/");
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("under /sub/ every link, reload and the service worker stay below the sub-path", async () => {
  const page = await watchedPage(await browser.newContext());
  await page.goto(server.url);
  await ready(page, "Home");
  const nav = page.getByRole("navigation", { name: "Main" });
  const hrefs = await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.every((h) => h.startsWith("/sub/")), `links: ${hrefs}`);
  await nav.getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  assert.equal(new URL(page.url()).pathname, "/sub/contacts");
  await page.reload();
  await ready(page, "Contacts");
  await page.getByRole("link", { name: "Add contact" }).click();
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Sub Path");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Sub Path");
  assert.match(new URL(page.url()).pathname, /^\/sub\/contacts\/[0-9a-f-]{36}$/);
  const contactPath = new URL(page.url()).pathname;
  // A row of the list opens the contact below the sub-path, without reloading the app.
  await page.evaluate(() => (window.sameApp = true));
  await nav.getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  await page.getByRole("list", { name: "Contacts" }).getByRole("link", { name: /Sub Path/ }).click();
  await ready(page, "Sub Path");
  assert.equal(new URL(page.url()).pathname, contactPath);
  assert.equal(await page.evaluate(() => window.sameApp), true);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, server.url);
  const manifest = await (await page.request.get(server.url + "manifest.webmanifest")).json();
  assert.equal(new URL(manifest.start_url, server.url + "manifest.webmanifest").href, server.url);
  // The file formats module loads from below the sub-path too.
  const formats = page.waitForRequest((r) => r.url().endsWith("formats_bg.wasm"));
  const download = page.waitForEvent("download");
  await fromMore(page, "Download vCard");
  assert.equal(new URL((await formats).url()).pathname, "/sub/formats_bg.wasm");
  assert.equal((await download).suggestedFilename(), "sub-path.vcf");
  // And the QR code scanner's worker, which decodes a picture.
  const worker = page.waitForEvent("worker");
  await page.goto(server.url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByLabel("Scan from a picture").setInputFiles({ name: "sub.png", mimeType: "image/png", buffer: await qrPng("mailto:sub@example.org") });
  assert.equal(new URL((await worker).url()).pathname, "/sub/qr-worker.js");
  await page.getByRole("status").filter({ hasText: "sub@example.org" }).waitFor();
  assertNoErrors(page);
});
