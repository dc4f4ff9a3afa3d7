// A quick start with many contacts: Home shows its stored summary (wt:home) first and reads the
// contacts right after; every other page reads them before it shows. The summary is a copy: one
// that is wrong, of another day or damaged never stays on screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoErrors, contactNames, ready, watchedPage, serverAndBrowser } from "./support.mjs";

const env = serverAndBrowser();

/** Records, from the page's first moment, every text of `main` and whether it was busy. */
const RECORD = () => {
  window.seen = { texts: [], busy: false };
  new MutationObserver(() => {
    const main = document.querySelector("main");
    if (!main) return;
    window.seen.busy ||= main.getAttribute("aria-busy") === "true";
    const text = main.innerText;
    if (window.seen.texts.at(-1) !== text) window.seen.texts.push(text);
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
};

/** While the tab's session says "hold", animation frames never come: the app stays on Home's
 *  stored summary until something else reads the contacts (a page, a click). */
const HOLD = () => {
  if (sessionStorage.getItem("hold")) window.requestAnimationFrame = () => 0;
};
const hold = (page, on) => page.evaluate((on) => (on ? sessionStorage.setItem("hold", "yes") : sessionStorage.removeItem("hold")), on);

async function fresh() {
  const context = await env.browser.newContext();
  await context.addInitScript(RECORD);
  await context.addInitScript(HOLD);
  const page = await watchedPage(context);
  await page.goto(env.server.url);
  await ready(page, "Home");
  return { context, page };
}

/** Stores contacts as plain JSON records, each with a follow-up overdue since last week, and a
 *  wrong summary of Home (plain JSON reads as well as packed text) listing "Ghost Person": of
 *  today, of yesterday, or damaged. It is done at the start of the page's next load, once: the
 *  page left keeps its own summary as it goes, which would replace one stored before. */
async function store(page, names, summary) {
  await page.addInitScript(
    ([names, summary]) => {
      if (sessionStorage.getItem("stored")) return;
      sessionStorage.setItem("stored", "yes");
      const day = (offset) => {
        const d = new Date();
        d.setDate(d.getDate() + offset);
        const pad = (n) => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      };
      const at = "2025-01-01T12:00:00Z";
      for (const [i, name] of names.entries()) {
        const id = `person-${i}`;
        const follow_ups = [{ id: `${id}-f`, kind: "check_in", text: "Ask how it went", due: day(-7), done_on: null }];
        localStorage.setItem(`wt:contact:${id}`, JSON.stringify({ schema: 1, id, name, follow_ups, created_at: at, updated_at: at, rev: 1 }));
      }
      if (summary === "damaged") {
        localStorage.setItem("wt:home", "{ not a summary");
        return;
      }
      const ghost = {
        id: "ghost",
        name: "Ghost Person",
        where_met: "Nowhere",
        follow_ups: [{ id: "g", kind: "check_in", text: "Never stored", due: day(-3), done_on: null }],
        created_at: at,
        updated_at: at,
      };
      const none = { weak: 0, medium: 0, strong: 0 };
      const counts = {
        day: day(summary === "yesterday" ? -1 : 0),
        overdue: 1,
        today: 0,
        coming: 0,
        network: { ties: { ...none, weak: 1 }, organizations: 0, events: 0, this_month: none },
        contacts: 1,
        changes: null,
      };
      localStorage.setItem("wt:home", JSON.stringify({ version: 1, contacts: [ghost], days: [counts] }));
    },
    [names, summary],
  );
}

const seen = (page) => page.evaluate(() => window.seen);
const overdue = (page) => page.getByRole("region", { name: "Overdue" }).innerText();

test("Home shows its stored summary first, then what the contacts say, and keeps the new summary", async () => {
  const { context, page } = await fresh();
  await store(page, ["Real Person", "Second Person"], "today");
  await page.reload();
  await ready(page, "Home");
  const first = await seen(page);
  assert.ok(first.busy, "Home said it was busy while it read the contacts");
  assert.ok(first.texts.some((t) => t.includes("Ghost Person")), "the stored summary showed first");
  assert.match(await overdue(page), /Overdue \(2\)[\s\S]*Real Person[\s\S]*Second Person/);
  assert.doesNotMatch(await page.locator("main").innerText(), /Ghost Person/);
  const kept = await page.evaluate(() => localStorage.getItem("wt:home"));
  assert.doesNotMatch(kept, /Ghost/, "the summary of what was read replaced the wrong one");

  // The next start shows the contacts from the very first screen, from the summary it kept.
  await page.reload();
  await ready(page, "Home");
  const next = await seen(page);
  assert.ok(next.busy, "the start came from the kept summary");
  const home = next.texts.find((t) => t.includes("Overdue"));
  assert.match(home, /Overdue \(2\)[\s\S]*Real Person/);
  assert.ok(next.texts.every((t) => !t.includes("Ghost")));

  // Done on Home's list while it still shows the summary (the frames that would read the
  // contacts held back): the click reads them and saves.
  await hold(page, true);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Home" }).waitFor();
  assert.equal(await page.locator("main[aria-busy=true]").count(), 1, "Home still shows the summary");
  await page.getByRole("region", { name: "Overdue" }).getByRole("button", { name: "Done" }).first().click();
  await page.getByRole("heading", { name: "Overdue (1)" }).waitFor();
  assert.equal(await page.locator("main[aria-busy]").count(), 0, "the click read the contacts");

  // Leaving the page kept the summary with the change: the next first screen says so.
  await hold(page, false);
  await page.reload();
  await ready(page, "Home");
  const last = await seen(page);
  assert.ok(last.busy, "the start came from the kept summary");
  assert.match(last.texts.find((t) => t.includes("Overdue")), /Overdue \(1\)/);
  assert.match(await overdue(page), /Overdue \(1\)/);
  assert.equal(await page.getByRole("navigation", { name: "Main" }).getByText("1", { exact: true }).count(), 1, "the badge counts 1");
  await assertAccessible(page);
  assertNoErrors(page);
  await context.close();
});

test("a page opened from a start with a summary has every contact from its first moment", async () => {
  const { context, page } = await fresh();
  await store(page, ["Ann One", "Ben Two", "Cat Three"], "today");
  // No frame reads the contacts: only the page can.
  await hold(page, true);
  await page.goto(env.server.url + "contacts");
  await ready(page, "Contacts");
  const names = await page.getByRole("list", { name: "Contacts" }).innerText();
  assert.match(names, /Ann One[\s\S]*Ben Two[\s\S]*Cat Three/);
  const texts = (await seen(page)).texts;
  assert.ok(texts.every((t) => !t.includes("No one here yet")), "Contacts never showed an empty book");
  assertNoErrors(page);
  await context.close();
});

test("a summary of another day, or a damaged one, is never shown and is no problem to report", async () => {
  for (const summary of ["yesterday", "damaged"]) {
    const { context, page } = await fresh();
    await store(page, ["Real Person"], summary);
    await page.reload();
    await ready(page, "Home");
    const { texts, busy } = await seen(page);
    assert.ok(!busy, `${summary}: the contacts were read before Home showed`);
    assert.ok(texts.every((t) => !t.includes("Ghost")), `${summary}: the summary never showed`);
    assert.match(await overdue(page), /Real Person/);
    assert.equal(await page.getByRole("alert").count(), 0, `${summary}: nothing to report`);
    assert.match(await contactNames(page), /Real Person/);
    assertNoErrors(page);
    await context.close();
  }
});

test("Show more on Home's summary reads the contacts and shows the rest", async () => {
  const { context, page } = await fresh();
  const names = Array.from({ length: 12 }, (_, i) => `Person ${String(i + 1).padStart(2, "0")}`);
  // A damaged summary: this start reads the contacts first, and keeps a summary of its own.
  await store(page, names, "damaged");
  await page.reload();
  await ready(page, "Home");
  await hold(page, true);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Home" }).waitFor();
  const list = page.getByRole("region", { name: "Overdue" });
  assert.equal(await page.locator("main[aria-busy=true]").count(), 1, "Home shows the summary");
  assert.equal(await list.getByRole("listitem").count(), 10);
  await list.getByRole("button", { name: "Show more (2 not shown)" }).click();
  await page.locator("main:not([aria-busy])").waitFor();
  await list.getByText("Person 12").waitFor();
  assert.equal(await list.getByRole("listitem").count(), 12);
  assertNoErrors(page);
  await context.close();
});
