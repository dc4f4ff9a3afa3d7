// Daily use: the calendar's reminders in the user's time zone, the overdue count on the app's icon,
// the storage meter and its warning, the contact page's links and More menu, the navigation at
// 360 px. Driven by role and label.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { addContact, assertAccessible, assertNoErrors, ready, serverAndBrowser, watchedPage } from "./support.mjs";

const env = serverAndBrowser();
const CHECK_ICS = fileURLToPath(new URL("../ics_reminders.py", import.meta.url));

/** Adds a follow-up on the contact's page, due on `due` (YYYY-MM-DD). */
async function addFollowUp(page, what, due) {
  await page.getByText("Add a follow-up", { exact: true }).click();
  await page.getByLabel("What exactly").fill(what);
  await page.getByLabel("Due", { exact: true }).fill(due);
  await page.getByRole("button", { name: "Add follow-up" }).click();
  await page.getByText(what).first().waitFor();
}

/** The day `days` from today in the browser, as YYYY-MM-DD. */
const day = (page, days) =>
  page.evaluate((days) => {
    const d = new Date();
    d.setDate(d.getDate() + days);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }, days);

test("the calendar exports remind at 9:00 on the due day in the user's time zone", async () => {
  const context = await env.browser.newContext({ timezoneId: "America/New_York", acceptDownloads: true });
  const page = await watchedPage(context);
  await page.goto(env.server.url);
  await ready(page, "Home");
  await addContact(page, { name: "Ana Lima" });
  // Either side of the start of summer time in New York (14 March 2027).
  await addFollowUp(page, "Send the slides", "2027-03-12");
  await addFollowUp(page, "Ask about the job", "2027-03-15");

  const files = [];
  for (const open of [
    // One contact's follow-ups, from their page.
    async () => {
      await page.getByRole("button", { name: "More" }).click();
      await page.getByRole("menuitem", { name: "Add follow-ups to calendar" }).click();
    },
    // Everyone's, from Settings.
    async () => {
      await page.goto(env.server.url + "settings");
      await ready(page, "Settings");
      await page.getByRole("button", { name: "Export follow-ups (calendar)" }).click();
    },
  ]) {
    const download = page.waitForEvent("download");
    await open();
    const path = await (await download).path();
    files.push(path);
    const ics = await readFile(path, "utf8");
    assert.match(ics, /BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;VALUE=DATE-TIME:20270312T140000Z\r\n/);
    assert.match(ics, /TRIGGER;VALUE=DATE-TIME:20270315T130000Z\r\n/);
    // Python's icalendar reads it back, and finds each reminder at 9:00 New York time.
    execFileSync("/usr/bin/python3", [CHECK_ICS, path, "America/New_York", "2"]);
  }
  assertNoErrors(page);
});

test("the overdue count goes on the app's icon at start-up and after each change", async () => {
  const context = await env.browser.newContext();
  // Chromium has the Badging API only in an installed app: a stub records the calls instead.
  await context.addInitScript(() => {
    window.badgeCalls = [];
    Navigator.prototype.setAppBadge = function (n) {
      window.badgeCalls.push(["set", n]);
      return Promise.resolve();
    };
    Navigator.prototype.clearAppBadge = function () {
      window.badgeCalls.push(["clear"]);
      return Promise.resolve();
    };
  });
  const page = await watchedPage(context);
  await page.goto(env.server.url);
  await ready(page, "Home");
  const calls = () => page.evaluate(() => window.badgeCalls);
  const last = async () => (await calls()).at(-1);
  assert.deepEqual(await last(), ["clear"]);
  await addContact(page, { name: "Ana Lima" });
  await addFollowUp(page, "Send the slides", await day(page, -2));
  await page.waitForFunction(() => JSON.stringify(window.badgeCalls.at(-1)) === '["set",1]');
  await addFollowUp(page, "Say thanks", await day(page, -1));
  await page.waitForFunction(() => JSON.stringify(window.badgeCalls.at(-1)) === '["set",2]');
  // At start-up, from what is stored.
  await page.reload();
  await ready(page, "Ana Lima");
  await page.waitForFunction(() => JSON.stringify(window.badgeCalls.at(-1)) === '["set",2]');
  for (const expected of ['["set",1]', '["clear"]']) {
    await page.getByRole("button", { name: "Done" }).first().click();
    await page.waitForFunction((e) => JSON.stringify(window.badgeCalls.at(-1)) === e, expected);
  }
  assertNoErrors(page);
});

test("without the Badging API nothing breaks", async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    delete Navigator.prototype.setAppBadge;
    delete Navigator.prototype.clearAppBadge;
  });
  const page = await watchedPage(context);
  await page.goto(env.server.url);
  await ready(page, "Home");
  await addContact(page, { name: "Ana Lima" });
  await addFollowUp(page, "Send the slides", await day(page, -2));
  await assertAccessible(page);
  assertNoErrors(page);
});
