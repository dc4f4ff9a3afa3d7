// Shared set-up for the end-to-end tests: a static server over the release build in dist/ (with the
// single-page fallback to index.html that any host of the app needs), headless Chromium through
// playwright-core, and the two checks every page gets: no console or page error, and no serious or
// critical accessibility violation (axe-core).
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { TYPES } from "../../tools/content-types.mjs";

const require = createRequire(import.meta.url);
// WT_DIST points the tests at another build folder (dist/ by default).
export const DIST = process.env.WT_DIST ?? resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../../dist");


/** Serves `root` on `host` (127.0.0.1 unless given) at a free port, under `base` ("/" or "/sub/").
 *  Unknown paths without a file extension get index.html, as a static host configured for a
 *  single-page app does. */
export async function serve(root = DIST, base = "/", host = "127.0.0.1") {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    const rel = normalize(decodeURIComponent(url.pathname.slice(base.length))).replace(/^(\.\.[/\\])+/, "");
    let file = join(root, rel);
    try {
      if (!(await stat(file)).isFile()) throw new Error("dir");
    } catch {
      if (extname(rel)) {
        res.writeHead(404).end();
        return;
      }
      file = join(root, "index.html");
    }
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, host, ok));
  const origin = `http://${host}:${server.address().port}`;
  return { origin, url: origin + base, close: () => new Promise((ok) => server.close(ok)) };
}

const OPTIONS = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/** A copy of the launch options, for a test that adds flags of its own (a fake camera). */
export function launchOptions() {
  return { ...OPTIONS, args: [...OPTIONS.args] };
}

/** Headless Debian Chromium, with the flags this machine needs. */
export function launch() {
  return chromium.launch(OPTIONS);
}

/** The same, as a persistent (not incognito) profile in `dir`. */
export function launchPersistent(dir) {
  return chromium.launchPersistentContext(dir, OPTIONS);
}

/** A new page that records every console error and page error, for `assertNoErrors`. */
export async function watchedPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") page.errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => page.errors.push(`page error: ${err.message}`));
  return page;
}

export function assertNoErrors(page) {
  assert.deepEqual(page.errors, [], "the page logged errors");
}

const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the page and fails on any violation of impact serious or critical. */
export async function assertAccessible(page) {
  // Injected through the DevTools protocol, so the page's CSP does not block it.
  const result = await page.evaluate(`${axeSource}; axe.run(document, { resultTypes: ["violations"] })`);
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  assert.deepEqual(bad, [], "accessibility violations");
}

/** Waits for the app to have started: the main heading is showing, and the contacts are read
 *  (a start from Home's stored summary marks the page busy until they are). */
export async function ready(page, heading) {
  await page.getByRole("heading", { level: 1, name: heading }).waitFor({ timeout: 15000 });
  await page.locator("main:not([aria-busy])").waitFor({ timeout: 15000 });
}

/** Waits until the service worker is active and controls the page. */
export async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
}

/** What the app stores, read as the user can: the backup file that Settings exports (records are
 *  stored packed, so localStorage itself is not readable JSON). Comes back to the page it left. */
export async function exportedBackup(page) {
  const back = page.url();
  // The page's <base> is the app's root, wherever the site is served.
  await page.goto(new URL("settings", await page.evaluate(() => document.baseURI)).href);
  await ready(page, "Settings");
  const download = page.waitForEvent("download");
  await page.getByRole("main").getByRole("button", { name: "Export backup" }).click();
  const file = await download;
  const text = await (await import("node:fs/promises")).readFile(await file.path(), "utf8");
  await page.goto(back);
  return JSON.parse(text);
}

/** A static server over the build and one headless browser for a test file: started before its
 *  tests, closed after them. `server` and `browser` are set on the returned object once the tests
 *  start. */
export function serverAndBrowser(root, base) {
  const env = {};
  before(async () => {
    env.server = await serve(root, base);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** A temporary folder for the files a test file writes, made before its tests and removed after
 *  them. Returns `file(name, content)`, which writes one file there and answers its path. */
export function tempFiles(prefix) {
  let dir;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return async (name, content) => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };
}

/** Opens Settings (the importers and exports) of the app served at `url`. */
export async function openSettings(page, url) {
  await page.goto(url + "settings");
  await ready(page, "Settings");
}

/** Adds a contact with the quick form, from any page of the app (through the navigation); with
 *  `emails`, opens **More details** to type them too. */
export async function addContact(page, { name, organization = "", whereMet = "", emails = "" }) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  await page.getByRole("link", { name: "Add contact" }).click();
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Organization", { exact: true }).fill(organization);
  await page.getByLabel("Where met", { exact: true }).fill(whereMet);
  if (emails) {
    await page.getByRole("button", { name: "More details" }).click();
    await page.getByLabel("Emails").fill(emails);
  }
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, name);
}

/** Opens the app served at `url` and adds one contact there (see `addContact`). */
export async function startWithContact(page, url, contact) {
  await page.goto(url);
  await ready(page, "Home");
  await addContact(page, contact);
}

/** Everything in the origin's localStorage, as one text to compare before and after. */
export const everything = (page) => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));

/** Stores one contact, "Stays Put", in the app served at `url`, opens Settings and answers
 *  `everything` stored then: what a refused file must leave as it was. */
export async function storedBeforeImport(page, url) {
  await startWithContact(page, url, { name: "Stays Put" });
  await openSettings(page, url);
  return everything(page);
}

/** Opens `name`'s page from the list of contacts on the page, and answers the text of its main. */
export async function contactPage(page, name) {
  await page.getByRole("link", { name }).click();
  await ready(page, name);
  return page.locator("main").innerText();
}

/** The text of the Contacts list, reached through the navigation. */
export async function contactNames(page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  return page.getByRole("list", { name: "Contacts" }).innerText();
}

/** On Add contact of the app served at `url`, **Scan a QR code** with a camera that cannot be used:
 *  the alert says `message`, no camera picture is left open, and a name typed by hand still saves. */
export async function scanRefused(page, url, message) {
  await page.goto(url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByRole("button", { name: "Scan a QR code" }).click();
  await page.getByRole("alert").filter({ hasText: message }).waitFor();
  await page.getByRole("button", { name: "Scan a QR code" }).waitFor();
  assert.equal(await page.locator("video").count(), 0, "no camera picture is left open");
  await assertAccessible(page);
  await page.getByLabel("Name", { exact: true }).fill("Still Typed");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Still Typed");
}

/** Chooses `item` in the **More** menu of a contact's page. */
export async function fromMore(page, item) {
  await page.getByRole("main").getByRole("button", { name: "More" }).click();
  await page.getByRole("menu", { name: "More" }).getByRole("menuitem", { name: item }).click();
}
