// Scan a QR code with the camera: Chromium's fake camera plays a video that this test generates
// (tests/e2e/qr-fixtures.mjs) of a vCard's QR code, then of a MECARD's. The form fills, Save
// stores the contact, it is there after a reload, and all of it works offline, once the service
// worker has the app (and the file formats module and the worker that decode the frames) in its
// cache. The frames are decoded in that worker, never on the page, while the user types. A video
// with no code in it gives up after 15 seconds with a message; a denied camera says so, and so
// does a page on plain http at a network address (not a secure context: no camera at all).
// Headless Chromium on Linux has no BarcodeDetector: the frames are decoded by the Rust decoder
// (rqrr).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { assertAccessible, assertNoErrors, controlled, DIST, exportedBackup, launchOptions, ready, scanRefused, serve, watchedPage } from "./support.mjs";
import { writeNoCodeVideo, writeQrVideo } from "./qr-fixtures.mjs";

const dir = mkdtempSync(join(tmpdir(), "weak-ties-camera-"));

/** A browser whose camera films `video`, with the camera allowed for the server's origin; or,
 *  with `deny`, a browser with a camera that refuses every site the permission. */
async function cameraOn(video, server, { deny = false } = {}) {
  const options = launchOptions();
  options.args.push("--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`);
  if (deny) options.args.push("--deny-permission-prompts");
  const browser = await chromium.launch(options);
  const context = await browser.newContext();
  if (!deny) await context.grantPermissions(["camera"], { origin: server.origin });
  return { browser, context };
}

/** Opens Add contact, scans with the camera, and waits for `message`. */
async function scanWithCamera(page, message) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  await page.getByRole("link", { name: "Add contact" }).click();
  await ready(page, "Add contact");
  await page.getByRole("button", { name: "Scan a QR code" }).click();
  await page.getByRole("status").filter({ hasText: message }).waitFor({ timeout: 20000 });
  // Found: the camera is stopped and its picture gone.
  await page.getByRole("button", { name: "Scan a QR code" }).waitFor();
  assert.equal(await page.locator("video").count(), 0);
}

const field = (page, label) => page.getByLabel(label, { exact: true });

test("the camera reads a vCard and a MECARD into Add contact, saved and there after a reload, offline", async () => {
  const server = await serve();
  const vcard = join(dir, "vcard.y4m");
  writeQrVideo(vcard, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mary Jackson\r\nORG:NACA\r\nEMAIL:mary@example.org\r\nEND:VCARD\r\n");
  const { browser, context } = await cameraOn(vcard, server);
  const page = await watchedPage(context);
  const workers = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  await page.goto(server.url);
  await ready(page, "Home");
  await controlled(page);
  // From here on there is no network: the app and the decoder come from the service worker.
  await context.setOffline(true);
  await page.reload();
  await ready(page, "Home");

  await scanWithCamera(page, "Read a contact card (vCard): Mary Jackson.");
  // Read by the decoder's worker, which the service worker serves offline too.
  assert.deepEqual(workers, [server.url + "qr-worker.js"]);
  assert.equal(await field(page, "Name").inputValue(), "Mary Jackson");
  assert.equal(await field(page, "Organization").inputValue(), "NACA");
  assert.equal(await field(page, "Emails").inputValue(), "mary@example.org");
  await assertAccessible(page);
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Mary Jackson");
  await page.reload();
  await ready(page, "Mary Jackson");
  assert.match(await page.getByRole("main").innerText(), /mary@example\.org/);
  assertNoErrors(page);
  await browser.close();

  // A second camera, filming a MECARD, in a browser of its own (the fake camera's file is one
  // per browser); online this time.
  const mecard = join(dir, "mecard.y4m");
  writeQrVideo(mecard, String.raw`MECARD:N:Vaughan,Dorothy;TEL:+1 757 555 0199;NOTE:FORTRAN\, and teaching it;;`);
  const second = await cameraOn(mecard, server);
  const page2 = await watchedPage(second.context);
  await page2.goto(server.url);
  await ready(page2, "Home");
  await scanWithCamera(page2, "Read a contact card (MECARD): Dorothy Vaughan.");
  assert.equal(await field(page2, "Phones").inputValue(), "+1 757 555 0199");
  assert.equal(await field(page2, "Notes").inputValue(), "FORTRAN, and teaching it");
  await page2.getByRole("button", { name: "Save" }).click();
  await ready(page2, "Dorothy Vaughan");
  await page2.reload();
  await ready(page2, "Dorothy Vaughan");
  const [dorothy] = (await exportedBackup(page2)).contacts;
  assert.deepEqual(dorothy.phones, ["+1 757 555 0199"]);
  assertNoErrors(page2);
  await second.browser.close();
  await server.close();
});

test("frames are decoded in a worker, never on the page, while the user types", async () => {
  // What is checked is where the decoder runs, not how long the page's tasks take: a frame takes
  // 15 to 25 ms to decode here, under the 50 ms of a long task, and with the CPU slowed down the
  // page's own share of each frame (drawing it on a canvas) makes long tasks too on a busy machine.
  // The decoder is only in the file formats module's wasm: if the page decoded a frame, it would
  // have loaded formats_bg.wasm itself.
  const server = await serve();
  const video = join(dir, "print.y4m");
  writeNoCodeVideo(video);
  const { browser, context } = await cameraOn(video, server);
  const page = await watchedPage(context);
  await page.goto(server.url + "contacts/new");
  await ready(page, "Add contact");
  const started = page.waitForEvent("worker", { predicate: (w) => w.url().endsWith("/qr-worker.js"), timeout: 10000 });
  await page.getByRole("button", { name: "Scan a QR code" }).click();
  await page.waitForFunction(() => document.querySelector("video")?.srcObject);
  const worker = await started.catch(() => undefined);
  assert.ok(worker, "the decoder's worker was started");
  // Counts the worker's answers, one a frame (its script calls self.postMessage for each).
  await worker.evaluate(() => {
    const post = self.postMessage.bind(self);
    self.answers = 0;
    self.postMessage = (message) => {
      self.answers += 1;
      post(message);
    };
  });
  await field(page, "Name").pressSequentially("Typed While Scanning", { delay: 100 });
  await page.waitForTimeout(1000);
  assert.ok((await worker.evaluate(() => self.answers)) >= 4, "the worker read the frames meanwhile");
  const loaded = (scope) => scope.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/formats_bg.wasm")));
  assert.equal(await loaded(worker), true, "the worker loaded the decoder");
  assert.equal(await loaded(page), false, "the page did not");
  await page.getByRole("button", { name: "Stop scanning" }).click();
  assert.equal(await field(page, "Name").inputValue(), "Typed While Scanning");
  assertNoErrors(page);
  await browser.close();
  await server.close();
});

test("a camera that sees no code for 15 seconds stops with a message; leaving the page stops it", async () => {
  const server = await serve();
  const video = join(dir, "nothing.y4m");
  writeNoCodeVideo(video);
  const { browser, context } = await cameraOn(video, server);
  const page = await watchedPage(context);
  await page.goto(server.url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByRole("button", { name: "Scan a QR code" }).click();
  await page.getByRole("button", { name: "Stop scanning" }).waitFor();
  const live = () => page.evaluate(() => document.querySelector("video")?.srcObject?.getVideoTracks()[0]?.readyState ?? "none");
  await page.waitForFunction(() => document.querySelector("video")?.srcObject);
  assert.equal(await live(), "live");
  await page.getByRole("alert").filter({ hasText: "No QR code was found in 15 seconds." }).waitFor({ timeout: 25000 });
  assert.equal(await page.locator("video").count(), 0);
  await field(page, "Name").fill("Typed Instead");

  // Stop scanning, and leaving the page, end the stream (the camera light goes off).
  for (const leave of [
    () => page.getByRole("button", { name: "Stop scanning" }).click(),
    () => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home", exact: true }).click(),
  ]) {
    if (!page.url().endsWith("contacts/new")) await page.goto(server.url + "contacts/new");
    await ready(page, "Add contact");
    await page.getByRole("button", { name: "Scan a QR code" }).click();
    await page.waitForFunction(() => document.querySelector("video")?.srcObject);
    const track = await page.evaluateHandle(() => document.querySelector("video").srcObject.getVideoTracks()[0]);
    await leave();
    await page.waitForFunction((t) => t.readyState === "ended", track);
  }
  assertNoErrors(page);
  await browser.close();
  await server.close();
});

test("a denied camera says so, and the form keeps working", async () => {
  const server = await serve();
  const video = join(dir, "denied.y4m");
  writeNoCodeVideo(video);
  const { browser, context } = await cameraOn(video, server, { deny: true });
  const page = await watchedPage(context);
  await scanRefused(page, server.url, "Weak Ties is not allowed to use the camera.");
  assertNoErrors(page);
  await browser.close();
  await server.close();
});

test("a decoder that cannot start says so at once, and the form keeps working", async () => {
  // The worker's script is missing (a cache cleared on a flaky network): its error comes while
  // the camera opens, before the first frame is sent, and must not be lost.
  const server = await serve();
  const video = join(dir, "no-worker.y4m");
  writeNoCodeVideo(video);
  const { browser, context } = await cameraOn(video, server);
  // No service worker, which would answer from its cache.
  await context.route("**/sw.js", (r) => r.fulfill({ status: 404, body: "" }));
  await context.route("**/qr-worker.js", (r) => r.fulfill({ status: 404, body: "" }));
  const page = await watchedPage(context);
  const t0 = Date.now();
  await scanRefused(page, server.url, "The file tools of Weak Ties could not be loaded.");
  assert.ok(Date.now() - t0 < 12000, "well before the 15 seconds of a camera that sees no code");
  page.errors = page.errors.filter((e) => !/404|qr-worker|was received when fetching the script/.test(e));
  assertNoErrors(page);
  await browser.close();
  await server.close();
});

/** This machine's first IPv4 address that is not loopback, if it has one. */
function lanAddress() {
  const all = Object.values(networkInterfaces()).flat();
  return all.find((a) => (a.family === "IPv4" || a.family === 4) && !a.internal)?.address;
}

test("on plain http at a network address the camera says it needs https, and the form keeps working", async (t) => {
  const address = lanAddress();
  if (!address) {
    t.skip("SKIPPED: this machine has no IPv4 address other than loopback to serve the app on");
    return;
  }
  // http on an address other than localhost is not a secure context: the browser offers no
  // camera (navigator.mediaDevices is absent) though the device has one, and no permission for it
  // can be given.
  const server = await serve(DIST, "/", address);
  const options = launchOptions();
  options.args.push("--use-fake-device-for-media-stream");
  const browser = await chromium.launch(options);
  const page = await watchedPage(await browser.newContext());
  await page.goto(server.url + "contacts/new");
  await ready(page, "Add contact");
  assert.deepEqual(await page.evaluate(() => [isSecureContext, "mediaDevices" in navigator]), [false, false]);
  await page.getByRole("button", { name: "Scan a QR code" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The camera works only" });
  await alert.waitFor();
  assert.equal(
    await alert.innerText(),
    "The camera works only when Weak Ties is opened over a secure (https) address. Use Scan from a picture, or type the contact below.",
  );
  await page.getByRole("button", { name: "Scan a QR code" }).waitFor();
  assert.equal(await page.locator("video").count(), 0, "no camera picture is left open");
  await assertAccessible(page);
  await field(page, "Name").fill("Typed Over Http");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Typed Over Http");
  await page.reload();
  await ready(page, "Typed Over Http");
  assertNoErrors(page);
  await browser.close();
  await server.close();
});
