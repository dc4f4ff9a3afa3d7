// The development server, as `make serve` runs it (`trunk serve`, with tools/post-build.mjs as its
// hook): the page starts with a clean console and no Content-Security-Policy violation, under the
// release build's policy (only the hashes of the inline scripts differ), with Trunk's live-reload
// script in a file of its own; it registers no service worker; and a change in a watched folder
// rebuilds and reloads the page.
//
// Trunk watches a temporary folder here instead of the project, so that the test edits no source
// file and a developer's save does not disturb it. The debug build is the one the wasm tests of
// `make test` compile already (only the file formats module is compiled for it alone); with it up
// to date the server is ready in about 10 s and the reload takes about 10 s more.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { assertNoErrors, DIST, launch, ready, watchedPage } from "./support.mjs";

const ROOT = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../..");

/** A TCP port that is free now. */
const freePort = () =>
  new Promise((ok, fail) => {
    const probe = createServer().once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });

/** The Content-Security-Policy of an index.html, and its inline scripts. */
function policy(html) {
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)?.[1];
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return { csp, inline };
}

/** The policy with its script hashes taken out: what must be the same in both builds. */
const withoutHashes = (csp) => csp.replace(/ 'sha256-[A-Za-z0-9+/=]+'/g, "");

/** `trunk serve` on a free port, watching only `watch`, with its site in a folder of its own (not
 *  the release build's dist/). Resolves once it listens; `stop()` ends it and its children. */
async function trunkServe(watch, dist) {
  const port = await freePort();
  const trunk = spawn(
    "trunk",
    ["serve", "--offline", "--address", "127.0.0.1", "--port", String(port), "--dist", dist, "--watch", watch],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const listening = new Promise((ok, fail) => {
    const read = (chunk) => {
      output += chunk;
      if (output.includes("server listening")) ok();
    };
    trunk.stdout.on("data", read);
    trunk.stderr.on("data", read);
    trunk.once("exit", (code) => fail(new Error(`trunk serve ended (${code}) before serving:\n${output.slice(-3000)}`)));
  });
  const stop = () => {
    try {
      process.kill(-trunk.pid, "SIGTERM");
    } catch {
      // Already ended.
    }
  };
  try {
    await listening;
  } catch (e) {
    stop();
    throw e;
  }
  return { origin: `http://127.0.0.1:${port}`, stop, output: () => output };
}

test("make serve: a clean console under the release build's policy, and a reload on every change", { timeout: 30 * 60 * 1000 }, async (t) => {
  if (spawnSync("trunk", ["--version"]).error) {
    t.skip("SKIPPED: trunk is not on PATH (source scripts/env.sh first, or run make test)");
    return;
  }
  const watch = mkdtempSync(join(tmpdir(), "wt-serve-watch-"));
  const dist = mkdtempSync(join(tmpdir(), "wt-serve-dist-"));
  const started = Date.now();
  const server = await trunkServe(watch, dist);
  const browser = await launch();
  try {
    t.diagnostic(`trunk serve ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // The page Trunk serves: every inline script hashed into a policy that is the release
    // build's but for those hashes, and the live-reload script a file of the site.
    const html = await (await fetch(server.origin + "/")).text();
    const { csp, inline } = policy(html);
    assert.ok(csp, "index.html has its Content-Security-Policy");
    for (const body of inline) {
      const hash = `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`;
      assert.ok(csp.includes(hash), `an inline script is not in the policy: ${body.slice(0, 120)}`);
    }
    assert.ok(!inline.some((body) => body.includes("/.well-known/trunk/ws")), "the live-reload script is not inline");
    assert.match(html, /<script[^>]* src="live-reload\.js"><\/script>/);
    assert.doesNotMatch(csp, /unsafe-inline|nonce-/);
    const release = join(DIST, "index.html");
    if (existsSync(release)) assert.equal(withoutHashes(csp), withoutHashes(policy(readFileSync(release, "utf8")).csp));
    else t.diagnostic(`no release build in ${DIST}: its policy was not compared`);

    const context = await browser.newContext();
    // Every violation of the policy is an error of the page (Chromium logs most of them too).
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "an inline script"}`),
      );
    });
    const page = await watchedPage(context);
    const sockets = [];
    page.on("websocket", (ws) => sockets.push(ws));
    await page.goto(server.origin + "/");
    await ready(page, "Home");
    await page.waitForFunction(() => performance.getEntriesByName(new URL("live-reload.js", document.baseURI).href).length === 1);
    await assert.doesNotReject(() => waitForSocket(sockets, 1), "the live-reload socket connects");
    assert.equal(sockets[0].url(), `${server.origin.replace("http", "ws")}/.well-known/trunk/ws`);
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) ?? null), null, "no service worker in development");
    assertNoErrors(page);

    // A change in a watched folder: Trunk rebuilds, and the page reloads by itself.
    await page.evaluate(() => (window.beforeTheChange = true));
    const changed = Date.now();
    writeFileSync(join(watch, "changed.txt"), String(changed));
    await page.waitForFunction(() => !window.beforeTheChange, null, { timeout: 10 * 60 * 1000, polling: 200 });
    await ready(page, "Home");
    t.diagnostic(`reloaded ${((Date.now() - changed) / 1000).toFixed(1)} s after the change`);
    await assert.doesNotReject(() => waitForSocket(sockets, 2), "the reloaded page connects again");
    assertNoErrors(page);
  } finally {
    await browser.close();
    server.stop();
    rmSync(watch, { recursive: true, force: true });
    rmSync(dist, { recursive: true, force: true });
  }
});

/** Waits until `count` live-reload sockets have opened and the last one is open. */
async function waitForSocket(sockets, count) {
  for (let i = 0; i < 100; i++) {
    if (sockets.length >= count && !sockets[count - 1].isClosed()) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`${sockets.length} socket(s) opened, ${count} wanted`);
}
