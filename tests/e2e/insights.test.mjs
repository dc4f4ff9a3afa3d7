// Insights: the weak ties worth a message and the network summary on Home, who introduced whom on
// a contact's page, and adding someone a contact recommends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoErrors, ready, watchedPage, exportedBackup, serverAndBrowser } from "./support.mjs";

const env = serverAndBrowser();

async function fresh(path = "", heading = "Home") {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await page.goto(env.server.url + path);
  await ready(page, heading);
  return { context, page };
}

/** Writes contacts straight into storage, as an earlier session (or a bug) would have left them,
 *  then reloads. Dates are days from today in the browser's time zone; `created: "now"` or an
 *  old date. */
async function seed(page, people) {
  await page.evaluate((people) => {
    const day = (offset) => {
      const d = new Date();
      d.setDate(d.getDate() + offset);
      const pad = (n) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    };
    for (const p of people) {
      const created = p.created === "now" ? new Date().toISOString() : "2025-01-01T12:00:00Z";
      const record = {
        schema: 1,
        id: p.id,
        name: p.name,
        organization: p.organization ?? "",
        where_met: p.where_met ?? "",
        met_on: p.met == null ? null : day(p.met),
        introduced_by: p.introduced_by ?? null,
        tie: p.tie ?? "weak",
        cadence: p.cadence ?? null,
        interactions: (p.log ?? []).map(([kind, offset], i) => ({ id: `${p.id}-i${i}`, date: day(offset), kind, summary: "" })),
        follow_ups: [],
        created_at: created,
        updated_at: created,
        rev: 1,
      };
      localStorage.setItem(`wt:contact:${p.id}`, JSON.stringify(record));
    }
  }, people);
  await page.reload();
}

const items = (region) => region.getByRole("listitem").allInnerTexts();

test("Home lists the weak ties worth a message with the reason, and the network in numbers", async () => {
  const { page } = await fresh();
  const worth = page.getByRole("region", { name: "Weak ties worth a message" });
  const network = page.getByRole("region", { name: "Your network" });
  await assert.doesNotReject(worth.getByText(/Add the people you meet/).waitFor());
  await assert.doesNotReject(network.getByText(/No one yet/).waitFor());

  await seed(page, [
    { id: "fiona", name: "Fiona Fresh", organization: "Acme", where_met: "RustConf", met: -3, log: [["met", -3]], created: "now" },
    { id: "carl", name: "Carl Cadence", tie: "strong", organization: "Globex", cadence: "two_weeks", log: [["message", -26]] },
    { id: "olga", name: "Olga Old", where_met: "rustconf ", met: -150 },
    { id: "mia", name: "Mia Medium", tie: "medium", organization: " acme ", where_met: "Meetup", log: [["message", -61]] },
    { id: "sam", name: "Sam Strong", tie: "strong", met: -400 },
    { id: "tina", name: "Tina Thanked", met: -2, log: [["met", -2], ["thank_you_sent", -1]], created: "now" },
  ]);
  await ready(page, "Home");
  const rows = await items(worth);
  assert.equal(rows.length, 4, rows.join("\n"));
  const expected = [
    ["Fiona Fresh", "Met 3 days ago — no thank-you yet"],
    ["Carl Cadence", "Past your fortnightly check-in by 12 days"],
    ["Olga Old", "Not in touch for 5 months"],
    ["Mia Medium", "Not in touch for 2 months"],
  ];
  expected.forEach(([name, why], i) => {
    assert.match(rows[i], new RegExp(name));
    assert.match(rows[i], new RegExp(why));
  });
  // Carl, past his cadence, is listed once: not again under "Time to get in touch".
  assert.equal(await page.getByRole("region", { name: "Time to get in touch" }).count(), 0);
  const summary = await network.innerText();
  // New this month: the people met this month, Fiona (3 days ago) and Tina (2 days ago), fewer of
  // them in the first days of a month.
  const thisMonth = (offset) => {
    const d = new Date();
    d.setDate(d.getDate() + offset);
    return d.getMonth() === new Date().getMonth();
  };
  const n = [-3, -2].filter(thisMonth).length;
  const change = n ? new RegExp(`\\+${n} this month \\(${n} weak\\)`) : /No one new this month/;
  for (const line of [/Strong ties\s+2/, /Medium ties\s+1/, /Weak ties\s+3/, /Organizations\s+2/, /Events\s+2/, change]) {
    assert.match(summary, line);
  }
  await assertAccessible(page);

  // One tap opens the composer with the template that fits.
  await worth.getByRole("link", { name: "Write a message to Fiona Fresh" }).click();
  await ready(page, "Message to Fiona Fresh");
  const template = page.getByLabel("Template");
  assert.equal(await template.locator("option:checked").innerText(), "Thank you after a chat");
  await page.goBack();
  await ready(page, "Home");
  await worth.getByRole("link", { name: "Write a message to Olga Old" }).click();
  await ready(page, "Message to Olga Old");
  assert.equal(await template.locator("option:checked").innerText(), "Checking in months later");
  // Sending the thank-you takes Fiona off the list.
  await page.goBack();
  await ready(page, "Home");
  await worth.getByRole("link", { name: "Write a message to Fiona Fresh" }).click();
  await ready(page, "Message to Fiona Fresh");
  await page.getByRole("button", { name: "Mark as sent" }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home", exact: true }).click();
  await ready(page, "Home");
  assert.doesNotMatch((await items(worth)).join("\n"), /Fiona Fresh/);
  assert.equal((await items(worth)).length, 3);
  assertNoErrors(page);
});

test("add someone a contact recommends: introduced by them, with a follow-up to reach out", async () => {
  const { page } = await fresh("contacts/new", "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Ann Lee");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Ann Lee");
  const introduced = page.getByRole("region", { name: "People they introduced you to" });
  await assert.doesNotReject(introduced.getByText("Nobody yet.").waitFor());
  await assertAccessible(page);

  await introduced.getByRole("link", { name: "Add someone they recommend" }).click();
  await ready(page, "Add someone Ann recommends");
  await assertAccessible(page);
  // A name is still required, and nothing is stored without one.
  await page.getByRole("button", { name: "Save" }).click();
  assert.equal(await page.getByLabel("Name", { exact: true }).getAttribute("aria-invalid"), "true");
  const stored = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("wt:contact:")).length);
  assert.equal(await stored(), 1);

  await page.getByLabel("Name", { exact: true }).fill("Bea Diaz");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Bea Diaz");
  await page.reload();
  await ready(page, "Bea Diaz");
  const details = page.getByRole("region", { name: "Details" });
  assert.match(await details.innerText(), /Introduced by\s+Ann Lee → Bea Diaz/);
  const followUps = page.getByRole("region", { name: "Follow-ups" });
  await assert.doesNotReject(followUps.getByText("Reach out to Bea, recommended by Ann Lee").waitFor());
  const bea = (await exportedBackup(page)).contacts.find((c) => c.name === "Bea Diaz");
  await ready(page, "Bea Diaz");
  const d = new Date();
  d.setDate(d.getDate() + 2);
  const pad = (n) => String(n).padStart(2, "0");
  const stored2 = { follow_ups: bea.follow_ups, interactions: bea.interactions, expected: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` };
  assert.equal(stored2.follow_ups.length, 1);
  assert.equal(stored2.follow_ups[0].kind, "introduction");
  assert.equal(stored2.follow_ups[0].due, stored2.expected);
  // They have not met yet: no meeting on the timeline, no thank-you proposed.
  assert.deepEqual(stored2.interactions, []);
  assert.equal(await page.getByRole("region", { name: "Proposed thank-you" }).count(), 0);
  await assertAccessible(page);

  // A chain of three.
  await page.getByRole("region", { name: "People they introduced you to" }).getByRole("link", { name: "Add someone they recommend" }).click();
  await ready(page, "Add someone Bea recommends");
  await page.getByLabel("Name", { exact: true }).fill("Cy Young");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Cy Young");
  assert.match(await details.innerText(), /Introduced by\s+Ann Lee → Bea Diaz → Cy Young/);
  await details.getByRole("link", { name: "Ann Lee" }).click();
  await ready(page, "Ann Lee");
  assert.deepEqual(await items(introduced), ["Bea Diaz"]);
  await introduced.getByRole("link", { name: "Bea Diaz" }).click();
  await ready(page, "Bea Diaz");
  assert.deepEqual(await items(introduced), ["Cy Young"]);

  // The follow-up is on the follow-ups list too.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Follow-ups", exact: true }).click();
  await ready(page, "Follow-ups");
  await assert.doesNotReject(page.getByText("Reach out to Bea, recommended by Ann Lee").waitFor());
  await assert.doesNotReject(page.getByText("Reach out to Cy, recommended by Bea Diaz").waitFor());
  assertNoErrors(page);
});

test("in a long book, Introduced by lists fifty names and a search finds the others", async () => {
  const { page } = await fresh();
  const people = Array.from({ length: 60 }, (_, i) => ({ id: `p${i + 1}`, name: `Person ${String(i + 1).padStart(2, "0")}` }));
  await seed(page, people);
  await ready(page, "Home");
  await page.goto(env.server.url + "contacts/p1/edit");
  await ready(page, "Edit Person 01");
  const choice = page.getByLabel("Introduced by");
  const names = () => choice.locator("option").allInnerTexts();
  // Nobody, then the first fifty others by name (never the contact itself).
  const first = await names();
  assert.equal(first.length, 51);
  assert.deepEqual(first.slice(0, 3), ["Nobody", "Person 02", "Person 03"]);
  assert.ok(!first.includes("Person 60"));
  await page.getByLabel("Find who introduced them").fill("person 60");
  await choice.locator("option", { hasText: "Person 60" }).waitFor({ state: "attached" });
  await choice.selectOption({ label: "Person 60" });
  // Another search keeps the choice listed and chosen.
  await page.getByLabel("Find who introduced them").fill("person 1");
  await choice.locator("option", { hasText: "Person 19" }).waitFor({ state: "attached" });
  assert.deepEqual((await names()).slice(0, 3), ["Nobody", "Person 60", "Person 10"]);
  assert.equal(await choice.inputValue(), "p60");
  await assertAccessible(page);
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Person 01");
  assert.match(await page.getByRole("region", { name: "Details" }).innerText(), /Introduced by\s+Person 60 → Person 01/);
  assertNoErrors(page);
});

test("introductions that go round in a circle, or name a deleted contact, still render", async () => {
  const { page } = await fresh();
  await seed(page, [
    { id: "a", name: "Alma Arc", introduced_by: "b" },
    { id: "b", name: "Boris Bend", introduced_by: "a" },
    { id: "c", name: "Cleo Self", introduced_by: "c" },
    { id: "d", name: "Dora Lost", introduced_by: "deleted-one" },
    { id: "e", name: "Eli End", introduced_by: "a" },
  ]);
  await ready(page, "Home");
  await page.goto(env.server.url + "contacts/a");
  await ready(page, "Alma Arc");
  const details = page.getByRole("region", { name: "Details" });
  const introduced = page.getByRole("region", { name: "People they introduced you to" });
  assert.match(await details.innerText(), /Introduced by\s+Boris Bend → Alma Arc/);
  assert.deepEqual(await items(introduced), ["Boris Bend", "Eli End"]);
  await assertAccessible(page);
  await page.goto(env.server.url + "contacts/e");
  await ready(page, "Eli End");
  assert.match(await details.innerText(), /Introduced by\s+Boris Bend → Alma Arc → Eli End/);
  for (const [id, name] of [["c", "Cleo Self"], ["d", "Dora Lost"]]) {
    await page.goto(env.server.url + `contacts/${id}`);
    await ready(page, name);
    assert.doesNotMatch(await details.innerText(), /Introduced by/);
    await assert.doesNotReject(introduced.getByText("Nobody yet.").waitFor());
  }
  // Adding someone a contact in the circle recommends works as well.
  await page.goto(env.server.url + "contacts/new?introduced_by=b");
  await ready(page, "Add someone Boris recommends");
  await page.getByLabel("Name", { exact: true }).fill("Finn Next");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Finn Next");
  assert.match(await details.innerText(), /Introduced by\s+Alma Arc → Boris Bend → Finn Next/);
  // An unknown introducer just opens the usual form.
  await page.goto(env.server.url + "contacts/new?introduced_by=nobody");
  await ready(page, "Add contact");
  assertNoErrors(page);
});
