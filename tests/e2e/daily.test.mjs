// Daily use: the calendar's reminders in the user's time zone, the overdue count on the app's icon,
// the storage meter and its warning, the contact page's links and More menu, the navigation at
// 360 px. Driven by role and label.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { addContact, assertAccessible, assertNoErrors, fromMore, ready, serverAndBrowser, watchedPage } from "./support.mjs";

const env = serverAndBrowser();
const CHECK_ICS = fileURLToPath(new URL("../ics_reminders.py", import.meta.url));

/** Adds a follow-up on the contact's page, due on `due` (YYYY-MM-DD). */
async function addFollowUp(page, what, due) {
  const summary = page.getByText("Add a follow-up", { exact: true });
  if (!(await summary.evaluate((s) => s.parentElement.open))) await summary.click();
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

/** A contact with every way to reach them, on their page. */
async function reachable(page) {
  await page.goto(env.server.url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Ana Lima");
  await page.getByRole("button", { name: "More details" }).click();
  await page.getByLabel("Emails").fill("ana@example.com");
  await page.getByLabel("Phones").fill("+351 912 345 678");
  await page.getByLabel("LinkedIn", { exact: true }).fill("https://www.linkedin.com/in/analima");
  await page.getByLabel("Links").fill("https://ana.example/talks");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Ana Lima");
}

test("a contact's page leads with their links, Write a message and Log a chat", async () => {
  const page = await watchedPage(await env.browser.newContext({ viewport: { width: 360, height: 720 } }));
  await reachable(page);
  const main = page.getByRole("main");
  const links = main.getByRole("list", { name: "Reach them" }).getByRole("link");
  assert.deepEqual(await links.allTextContents(), ["Email ana@example.com", "Call +351 912 345 678", "LinkedIn in/analima", "Web ana.example"]);
  const hrefs = await links.evaluateAll((all) => all.map((a) => a.getAttribute("href")));
  assert.deepEqual(hrefs, ["mailto:ana@example.com", "tel:+351912345678", "https://www.linkedin.com/in/analima", "https://ana.example/talks"]);
  // First the links, then the two actions, then the due follow-ups, then the details.
  const order = await page.evaluate(() => {
    const at = (el) => [...document.querySelectorAll("main *")].indexOf(el);
    const named = (role, name) => [...document.querySelectorAll(role)].find((e) => e.textContent.trim() === name);
    return [
      at(document.querySelector('[aria-label="Reach them"]')),
      at(named("a", "Write a message")),
      at(named("button", "Log a chat")),
      at(named("h2", "Follow-ups")),
      at(named("h2", "Details")),
    ];
  });
  assert.deepEqual([...order].sort((a, b) => a - b), order, `in order: ${order}`);
  assert.ok(order.every((i) => i >= 0));
  // The details below repeat none of these links.
  const details = main.getByRole("region", { name: "Details" });
  assert.equal(await details.getByRole("link").count(), 0, "no link in the details");
  assert.doesNotMatch(await details.innerText(), /ana@example\.com|912 345 678|linkedin|ana\.example/i);
  // Log a chat: the timeline's form, set to a chat, ready to type.
  await main.getByRole("button", { name: "Log a chat" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "log-summary");
  assert.equal(await page.getByLabel("Log").evaluate((s) => s.selectedOptions[0].textContent), "Chat");
  await page.keyboard.type("Coffee after the talk");
  await page.getByRole("button", { name: "Log interaction" }).click();
  await page.getByRole("region", { name: "Proposed thank-you" }).waitFor();
  // An avatar with her initials, on her page and in the list, in the same colour.
  const colour = await main.locator(".contact-head .avatar").evaluate((a) => [a.textContent, getComputedStyle(a).backgroundColor, a.getAttribute("aria-hidden")]);
  assert.deepEqual(colour.slice(0, 1).concat(colour.slice(2)), ["AL", "true"]);
  await page.goto(env.server.url + "contacts");
  await ready(page, "Contacts");
  const row = page.getByRole("list", { name: "Contacts" }).getByRole("link", { name: /Ana Lima/ });
  assert.deepEqual(await row.locator(".avatar").evaluate((a) => [a.textContent, getComputedStyle(a).backgroundColor]), colour.slice(0, 2));
  await assertAccessible(page);
  assertNoErrors(page);
});

test("the details keep only the addresses that make no link; the prep sheet lists every address", async () => {
  const page = await watchedPage(await env.browser.newContext());
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");
  const card = ["BEGIN:VCARD", "VERSION:3.0", "FN:Bea Diaz", "EMAIL:bea@example.com", "EMAIL:bea@work.example",
    "TEL:+44 20 7946 0958", "TEL:ask at the desk", "URL:bea.example", "END:VCARD", ""].join("\r\n");
  await page.getByLabel("Import contacts (vCard)").setInputFiles({ name: "bea.vcf", mimeType: "text/vcard", buffer: Buffer.from(card) });
  await page.getByRole("button", { name: "Import 1 contact" }).click();
  await page.getByRole("status").getByText("Added 1, merged 0, skipped 0.").waitFor();
  await page.goto(env.server.url + "contacts");
  await ready(page, "Contacts");
  await page.getByRole("list", { name: "Contacts" }).getByRole("link", { name: /Bea Diaz/ }).click();
  await ready(page, "Bea Diaz");

  const main = page.getByRole("main");
  const reach = main.getByRole("list", { name: "Reach them" }).getByRole("link");
  assert.deepEqual(await reach.allTextContents(), ["Email bea@example.com", "Email bea@work.example", "Call +44 20 7946 0958"]);
  // What cannot be tapped is in the details, once, as text under its name.
  const details = main.getByRole("region", { name: "Details" });
  const terms = await details.locator("dt").evaluateAll((all) => all.map((dt) => [dt.textContent, dt.nextElementSibling.textContent]));
  assert.deepEqual(terms.slice(0, 2), [["Phone", "ask at the desk"], ["Link", "bea.example"]]);
  assert.equal(await details.getByRole("link").count(), 0);
  assert.doesNotMatch(await details.innerText(), /bea@|7946/);
  await assertAccessible(page);

  // The prep sheet has no links above its details: there every address is listed.
  await fromMore(page, "Prep sheet");
  await ready(page, "Prep sheet: Bea Diaz");
  const about = page.getByRole("region", { name: "About them" });
  const links = await about.getByRole("link").evaluateAll((all) => all.map((a) => [a.textContent, a.getAttribute("href")]));
  assert.deepEqual(links, [
    ["bea@example.com", "mailto:bea@example.com"],
    ["bea@work.example", "mailto:bea@work.example"],
    ["+44 20 7946 0958", "tel:+442079460958"],
  ]);
  assert.match(await about.innerText(), /Phone\s+ask at the desk[\s\S]*Link\s+bea\.example/);
  assertNoErrors(page);
});

test("More: a menu button that works with the keyboard", async () => {
  const page = await watchedPage(await env.browser.newContext({ acceptDownloads: true }));
  await reachable(page);
  await addFollowUp(page, "Send the slides", "2027-03-12");
  const more = page.getByRole("button", { name: "More" });
  assert.equal(await more.getAttribute("aria-haspopup"), "menu");
  assert.equal(await more.getAttribute("aria-expanded"), "false");
  assert.equal(await page.getByRole("menu").count(), 0, "hidden while closed");
  // The focus moves on the next frame after a key: wait for it.
  const focusedOn = (name) =>
    page.waitForFunction((name) => document.activeElement?.textContent.trim() === name, name, { timeout: 2000 }).then(
      () => name,
      async () => page.evaluate(() => document.activeElement?.textContent.trim()),
    );

  await more.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("menu", { name: "More" }).waitFor();
  assert.equal(await more.getAttribute("aria-expanded"), "true");
  const items = await page.getByRole("menuitem").allInnerTexts();
  assert.deepEqual(items, ["Prepare a chat", "Prep sheet", "Download vCard", "Add follow-ups to calendar", "Delete"]);
  assert.equal(await focusedOn("Prepare a chat"), "Prepare a chat");
  await page.keyboard.press("ArrowDown");
  assert.equal(await focusedOn("Prep sheet"), "Prep sheet");
  await page.keyboard.press("End");
  assert.equal(await focusedOn("Delete"), "Delete");
  await page.keyboard.press("ArrowDown");
  assert.equal(await focusedOn("Prepare a chat"), "Prepare a chat", "wraps around");
  await page.keyboard.press("ArrowUp");
  assert.equal(await focusedOn("Delete"), "Delete");
  await page.keyboard.press("Home");
  assert.equal(await focusedOn("Prepare a chat"), "Prepare a chat");
  await assertAccessible(page);
  // Escape closes it and gives the focus back to the button.
  await page.keyboard.press("Escape");
  await page.getByRole("menu").waitFor({ state: "hidden" });
  assert.equal(await more.getAttribute("aria-expanded"), "false");
  assert.equal(await focusedOn("More"), "More");
  // The up arrow opens it on its last item; choosing one closes it, focus back on More.
  await page.keyboard.press("ArrowUp");
  await page.getByRole("menu").waitFor();
  assert.equal(await focusedOn("Delete"), "Delete");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await focusedOn("Download vCard"), "Download vCard");
  const download = page.waitForEvent("download");
  await page.keyboard.press("Enter");
  assert.equal((await download).suggestedFilename(), "ana-lima.vcf");
  await page.getByRole("menu").waitFor({ state: "hidden" });
  assert.equal(await focusedOn("More"), "More");
  // Space opens it too; Tab closes it; so does a click elsewhere.
  await page.keyboard.press(" ");
  await page.getByRole("menu").waitFor();
  await page.keyboard.press("Tab");
  await page.getByRole("menu").waitFor({ state: "hidden" });
  await more.click();
  await page.getByRole("menu").waitFor();
  await page.getByRole("heading", { level: 1 }).click();
  await page.getByRole("menu").waitFor({ state: "hidden" });
  // A link item: the prep sheet.
  await more.click();
  await page.getByRole("menuitem", { name: "Prep sheet" }).click();
  await ready(page, /Prep sheet/);
  assertNoErrors(page);
});

/** Fills the origin's localStorage to `share` of Chromium's limit with a key of another app. */
async function fill(page, share) {
  await page.evaluate((share) => {
    const key = "other-app:filler";
    const used = Object.entries(localStorage)
      .filter(([k]) => k !== key)
      .reduce((n, [k, v]) => n + k.length + v.length, 0);
    localStorage.setItem(key, "x".repeat(Math.ceil(5242880 * share) - used - key.length));
  }, share);
}

test("from 80% of the storage limit, Home and Contacts say so and offer a backup", async () => {
  const page = await watchedPage(await env.browser.newContext({ acceptDownloads: true }));
  await page.goto(env.server.url);
  await ready(page, "Home");
  await addContact(page, { name: "Ana Lima" });
  await fill(page, 0.79);
  await page.goto(env.server.url);
  await ready(page, "Home");
  await page.waitForTimeout(600);
  assert.equal(await page.getByRole("region", { name: "Storage nearly full" }).count(), 0, "not at 79%");
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");
  await page.getByText("4.1 M of 5.2 M characters used (79%).").waitFor();
  await page.getByText(/^About [\d,]+ more contacts of your average size fit\.$/).waitFor();
  await page.getByText("The browser keeps at most 5,242,880 characters for this site").waitFor();

  await fill(page, 0.8);
  for (const [path, heading] of [["", "Home"], ["contacts", "Contacts"]]) {
    await page.goto(env.server.url + path);
    await ready(page, heading);
    const banner = page.getByRole("region", { name: "Storage nearly full" });
    await banner.getByText("Storage is 80% full.").waitFor();
    await assertAccessible(page);
    const download = page.waitForEvent("download");
    await banner.getByRole("button", { name: "Export backup" }).click();
    assert.match((await download).suggestedFilename(), /\.json$/);
  }
  // It follows the changes: freeing space takes it away.
  await page.evaluate(() => localStorage.removeItem("other-app:filler"));
  await addContact(page, { name: "Bo Chen" });
  await page.getByRole("link", { name: "Contacts", exact: true }).first().click();
  await ready(page, "Contacts");
  await page.getByRole("region", { name: "Storage nearly full" }).waitFor({ state: "detached" });
  assertNoErrors(page);
});

test("at 360 px the navigation has an icon above each label, labels on one line, the overdue count as a badge", async () => {
  const page = await watchedPage(await env.browser.newContext({ viewport: { width: 360, height: 720 } }));
  await page.goto(env.server.url);
  await ready(page, "Home");
  await addContact(page, { name: "Ana Lima" });
  await addFollowUp(page, "Send the slides", await day(page, -3));
  const nav = page.getByRole("navigation", { name: "Main" });
  const links = nav.getByRole("link");
  assert.equal(await links.count(), 6);
  const shapes = await links.evaluateAll((all) =>
    all.map((a) => {
      const label = a.querySelector(".label");
      const icon = a.querySelector("svg");
      const lines = Math.round(label.getBoundingClientRect().height / parseFloat(getComputedStyle(label).lineHeight));
      const box = a.getBoundingClientRect();
      return {
        name: label.textContent,
        lines,
        iconAbove: !!icon && icon.getBoundingClientRect().bottom <= label.getBoundingClientRect().top + 1,
        iconHidden: icon?.getAttribute("aria-hidden"),
        target: box.width >= 44 && box.height >= 44,
        fits: label.getBoundingClientRect().width <= box.width,
      };
    }),
  );
  for (const s of shapes) assert.deepEqual(s, { name: s.name, lines: 1, iconAbove: true, iconHidden: "true", target: true, fits: true });
  const followUps = nav.getByRole("link", { name: "Follow-ups", exact: true });
  assert.equal(await followUps.locator(".badge").innerText(), "1");
  assert.equal(await followUps.evaluate((a) => document.getElementById(a.getAttribute("aria-describedby")).textContent), "1 overdue");
  assertNoErrors(page);
});

test("every target is at least 44 px, and axe finds nothing serious, at 360 and 1280 px", async () => {
  for (const width of [360, 1280]) {
    const page = await watchedPage(await env.browser.newContext({ viewport: { width, height: 800 } }));
    await reachable(page);
    await addFollowUp(page, "Send the slides", "2027-03-12");
    const contact = page.url();
    for (const [url, heading] of [
      [env.server.url, "Home"],
      [env.server.url + "contacts", "Contacts"],
      [contact, "Ana Lima"],
      [contact + "/message", "Message to Ana Lima"],
      [env.server.url + "questions", "Questions"],
    ]) {
      await page.goto(url);
      await ready(page, heading);
      if (heading === "Ana Lima") await page.getByRole("button", { name: "More" }).click();
      const small = await page.evaluate(() =>
        [...document.querySelectorAll("button, a.button, nav a, .rows a, .reach a, [role=menuitem], input, select, textarea, summary")]
          .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")
          // A checkbox is drawn small; its target is its label, which toggles it too.
          .map((e) => [e, (e.type === "checkbox" && e.labels?.[0] ? e.labels[0] : e).getBoundingClientRect()])
          .filter(([, r]) => r.width < 44 || r.height < 44)
          .map(([e, r]) => `${e.tagName.toLowerCase()} "${(e.textContent || e.id || e.name).trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`),
      );
      assert.deepEqual(small, [], `${heading} at ${width} px`);
      await assertAccessible(page);
    }
    assertNoErrors(page);
  }
});
