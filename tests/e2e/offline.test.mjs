// Installable and offline: the manifest and service worker make the app installable, start and
// work with no network after one visit, and announce a new build instead of swapping it silently.
// Every request the page makes goes to its own origin.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, assertAccessible, assertNoErrors, controlled, launch, launchPersistent, ready, serve, watchedPage, fromMore } from "./support.mjs";

let browser;
const foreign = [];
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.deepEqual(foreign, [], "requests to other origins");
});

/** A context whose every request (pages and service worker) is checked to stay on `origin`. */
async function context(origin) {
  const ctx = await browser.newContext();
  ctx.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin + "/") && !u.startsWith("data:") && !u.startsWith("blob:")) foreign.push(u);
  });
  return ctx;
}

test("Chromium finds nothing that stops installing the app", async () => {
  const server = await serve();
  // A persistent profile: an incognito context cannot install apps.
  const profile = mkdtempSync(join(tmpdir(), "weak-ties-profile-"));
  const ctx = await launchPersistent(profile);
  const page = await watchedPage(ctx);
  await page.goto(server.url);
  await ready(page, "Home");
  await controlled(page);
  const cdp = await ctx.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, []);
  const manifest = await (await page.request.get(server.url + "manifest.webmanifest")).json();
  assert.equal(manifest.start_url, "./");
  assert.equal(manifest.scope, "./");
  assert.ok(manifest.icons.some((i) => i.purpose === "maskable"));
  assertNoErrors(page);
  await ctx.close();
  await server.close();
});

test("after one visit the app starts, reloads deep links and saves contacts with no network", async () => {
  const server = await serve();
  const ctx = await context(server.origin);
  const page = await watchedPage(ctx);
  await page.goto(server.url);
  await ready(page, "Home");
  await controlled(page);

  // The network is gone: the server is down and the browser is offline.
  await server.close();
  await ctx.setOffline(true);
  await page.reload();
  await ready(page, "Home");
  await page.goto(server.url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Met Offline");
  await page.getByLabel("Where met", { exact: true }).fill("Basement hall, no signal");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Met Offline");
  await page.reload();
  await ready(page, "Met Offline");
  await page.goto(server.url + "settings");
  await ready(page, "Settings");
  await page.getByText(/ of 5\.2 M characters used \(\d+%\)/).waitFor();
  await assertAccessible(page);
  // The file formats module was never loaded online: it comes from the service worker's cache.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export contacts (vCard)" }).click();
  const file = readFileSync(await (await download).path(), "utf8");
  assert.match(file, /^FN:Met Offline\r$/m);
  assertNoErrors(page);
});

test("the first load leaves out the file formats module, which loads on first use", async () => {
  const server = await serve();
  const ctx = await context(server.origin);
  const page = await watchedPage(ctx);
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(server.url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Ana Lima");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Ana Lima");
  assert.ok(fetched.some((p) => /\/weak-ties(-[0-9a-f]+)?_bg\.wasm$/.test(p)), "the app's wasm is loaded");
  assert.deepEqual(fetched.filter((p) => p.includes("formats")), [], "no formats file on the first load");
  const download = page.waitForEvent("download");
  await fromMore(page, "Download vCard");
  assert.match(readFileSync(await (await download).path(), "utf8"), /^FN:Ana Lima\r$/m);
  assert.ok(fetched.some((p) => p.endsWith("/formats_bg.wasm")), "the module is loaded on first use");
  assertNoErrors(page);
  await server.close();
});

test("a new build is announced and taken up after Reload", async () => {
  const root = mkdtempSync(join(tmpdir(), "weak-ties-"));
  cpSync(DIST, root, { recursive: true });
  const server = await serve(root);
  const page = await watchedPage(await context(server.origin));
  await page.goto(server.url + "contacts");
  await ready(page, "Contacts");
  await controlled(page);

  // The next build: a visible change in index.html, and the service worker of that build.
  const index = join(root, "index.html");
  writeFileSync(index, readFileSync(index, "utf8").replace("<body>", '<body><p class="banner">This is the new build.</p>'));
  const sw = join(root, "sw.js");
  writeFileSync(sw, readFileSync(sw, "utf8").replace(/const VERSION = "[^"]*"/, 'const VERSION = "next-build"'));

  await page.reload();
  await ready(page, "Contacts");
  assert.equal(await page.getByText("This is the new build.").count(), 0, "the old build keeps running until Reload");
  const banner = page.getByRole("status").filter({ hasText: "A new version is ready" });
  await banner.waitFor();
  await assertAccessible(page);
  await banner.getByRole("button", { name: "Reload" }).click();
  await page.getByText("This is the new build.").waitFor();
  await ready(page, "Contacts");
  const caches = await page.evaluate(() => caches.keys());
  assert.deepEqual(caches, ["weak-ties-next-build"], "the old cache is removed");
  assertNoErrors(page);
  await server.close();
});
