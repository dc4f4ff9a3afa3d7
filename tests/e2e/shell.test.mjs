// The app shell: the release build starts, every area is reachable from the navigation, deep links
// reload, and every page is free of errors and of serious accessibility violations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoErrors, ready, watchedPage, serverAndBrowser } from "./support.mjs";

const AREAS = ["Home", "Contacts", "Follow-ups", "Questions", "Templates", "Settings"];
const env = serverAndBrowser();

test("the release build starts and shows Home", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await page.goto(env.server.url);
  await ready(page, "Home");
  assert.equal(await page.title(), "Home · Weak Ties");
  assertNoErrors(page);
});

test("each navigation link opens its area, with title and heading, free of accessibility faults", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await page.goto(env.server.url);
  await ready(page, "Home");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const area of AREAS) {
    await nav.getByRole("link", { name: area, exact: true }).click();
    await ready(page, area);
    assert.equal(await page.title(), `${area} · Weak Ties`);
    const current = nav.getByRole("link", { name: area, exact: true });
    assert.equal(await current.getAttribute("aria-current"), "page");
    await assertAccessible(page);
  }
  assertNoErrors(page);
});

test("a reload on a deep link shows that area", async () => {
  const page = await watchedPage(await env.browser.newContext());
  for (const [path, heading] of [["follow-ups", "Follow-ups"], ["settings", "Settings"]]) {
    await page.goto(env.server.url + path);
    await ready(page, heading);
    await page.reload();
    await ready(page, heading);
  }
  assertNoErrors(page);
});

test("an unknown address says so", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await page.goto(env.server.url + "no/such/page");
  await ready(page, "Page not found");
  await assertAccessible(page);
  assertNoErrors(page);
});

test("at 360 px wide the navigation sits at the bottom with thumb-sized targets", async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await watchedPage(context);
  await page.goto(env.server.url);
  await ready(page, "Home");
  for (const area of AREAS) {
    const box = await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: area, exact: true }).boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `${area} link is ${box.width}x${box.height}`);
    assert.ok(box.y + box.height <= 740 && box.y > 740 / 2, `${area} link is at the bottom`);
  }
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 360, `no sideways scrolling (${scroll} px wide)`);
  assertNoErrors(page);
});

test("the dark theme follows the system setting", async () => {
  const colours = {};
  for (const scheme of ["light", "dark"]) {
    const page = await watchedPage(await env.browser.newContext({ colorScheme: scheme }));
    await page.goto(env.server.url);
    await ready(page, "Home");
    colours[scheme] = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await assertAccessible(page);
  }
  assert.notEqual(colours.light, colours.dark);
});

test("the Content-Security-Policy allows only this origin", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await page.goto(env.server.url);
  await ready(page, "Home");
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')*;/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:|\*/);
  assertNoErrors(page);
});
