// Contacts, follow-ups and storage, driven as a user would: by role and label.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoErrors, ready, watchedPage, serverAndBrowser, addContact, fromMore } from "./support.mjs";

const env = serverAndBrowser();

async function fresh() {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await page.goto(env.server.url + "contacts");
  await ready(page, "Contacts");
  return { context, page };
}

/** Adds a contact through the quick form and lands on their page. */
test("add a contact with the quick form; it is still there after a reload", async () => {
  const { page } = await fresh();
  await assertAccessible(page);
  await page.getByRole("link", { name: "Add contact" }).click();
  await ready(page, "Add contact");
  await assertAccessible(page);
  await addContact(page, { name: "Ada Lovelace", organization: "Analytical Engines", whereMet: "RustConf" });
  await assertAccessible(page);
  await page.reload();
  await ready(page, "Ada Lovelace");
  await page.goto(env.server.url + "contacts");
  await ready(page, "Contacts");
  await assert.doesNotReject(page.getByRole("link", { name: /Ada Lovelace/ }).waitFor());
  assertNoErrors(page);
});

test("the name is required, and the message stands next to the field", async () => {
  const { page } = await fresh();
  await page.getByRole("link", { name: "Add contact" }).click();
  await ready(page, "Add contact");
  await page.getByLabel("Organization", { exact: true }).fill("Nobody Inc");
  await page.getByRole("button", { name: "Save" }).click();
  const name = page.getByLabel("Name", { exact: true });
  assert.equal(await name.getAttribute("aria-invalid"), "true");
  const describedBy = await name.getAttribute("aria-describedby");
  assert.match(await page.locator(`#${describedBy}`).innerText(), /Please enter a name/);
  assert.equal(await page.getByLabel("Organization", { exact: true }).inputValue(), "Nobody Inc");
  await assertAccessible(page);
  assertNoErrors(page);
});

test("edit a contact's details", async () => {
  const { page } = await fresh();
  await addContact(page, { name: "Grace Hopper", organization: "Navy" });
  await page.getByRole("link", { name: "Edit" }).click();
  await ready(page, "Edit Grace Hopper");
  await assertAccessible(page);
  await page.getByLabel("Role", { exact: true }).fill("Rear Admiral");
  await page.getByLabel("Emails").fill("grace@example.org");
  await page.getByLabel("Notes").fill("Invented the compiler.\nLoves nanoseconds.");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Grace Hopper");
  await page.reload();
  await ready(page, "Grace Hopper");
  assert.match(await page.locator("main").innerText(), /Rear Admiral · Navy/);
  await assert.doesNotReject(page.getByRole("list", { name: "Reach them" }).getByRole("link", { name: "Email grace@example.org" }).waitFor());
  assert.match(await page.locator(".notes").innerText(), /Loves nanoseconds/);
  assertNoErrors(page);
});

test("delete a contact, then undo", async () => {
  const { page } = await fresh();
  await addContact(page, { name: "Alan Turing" });
  await fromMore(page, "Delete");
  await ready(page, "Contacts");
  await page.getByRole("status").getByText("Deleted Alan Turing.").waitFor();
  assert.equal(await page.getByRole("link", { name: /Alan Turing/ }).count(), 0);
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("link", { name: /Alan Turing/ }).waitFor();
  await page.reload();
  await ready(page, "Contacts");
  await page.getByRole("link", { name: /Alan Turing/ }).waitFor();
  assertNoErrors(page);
});

test("log a chat, accept the proposed thank-you; a follow-up due yesterday is overdue", async () => {
  const { page } = await fresh();
  await addContact(page, { name: "Katherine Johnson", organization: "NASA" });
  // Adding someone logs that you met them and proposes a thank-you: skip this one.
  await page.getByRole("region", { name: "Proposed thank-you" }).waitFor();
  await page.getByRole("button", { name: "Skip" }).click();
  await page.getByLabel("Log").selectOption({ label: "Chat" });
  await page.getByLabel("Summary").fill("Coffee about orbital mechanics");
  await page.getByRole("button", { name: "Log interaction" }).click();
  const proposal = page.getByRole("region", { name: "Proposed thank-you" });
  await proposal.waitFor();
  assert.match(await proposal.innerText(), /due tomorrow/);
  await page.getByRole("button", { name: "Add thank-you follow-up" }).click();
  await proposal.waitFor({ state: "detached" });
  await assertAccessible(page);

  const yesterday = await page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() - 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
  await page.getByText("Add a follow-up").click();
  await page.getByLabel("What", { exact: true }).selectOption({ label: "Send something" });
  await page.getByLabel("What exactly").fill("the paper on trajectories");
  await page.getByLabel("Due", { exact: true }).fill(yesterday);
  await page.getByRole("button", { name: "Add follow-up", exact: true }).click();

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Follow-ups", exact: true }).click();
  await ready(page, "Follow-ups");
  const overdue = page.getByRole("region", { name: "Overdue" });
  await overdue.getByText("Send something: the paper on trajectories").waitFor();
  assert.match(await overdue.innerText(), /was due yesterday/);
  assert.match(await page.getByRole("region", { name: "This week" }).innerText(), /Thank-you/);
  assert.equal((await nav.locator(".badge").innerText()).trim(), "1");
  await assertAccessible(page);

  await page.reload();
  await ready(page, "Follow-ups");
  await overdue.getByRole("button", { name: "Done" }).click();
  await overdue.waitFor({ state: "detached" });
  assert.equal(await nav.locator(".badge").count(), 0);
  assertNoErrors(page);
});

test("long due lists render their first rows and show more on demand", async () => {
  const { page } = await fresh();
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");
  const contacts = Array.from({ length: 25 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    name: `Person ${String(i).padStart(2, "0")}`,
    follow_ups: [{ id: `f${i}`, kind: "check_in", text: `ask about project ${i}`, due: `2025-01-${String(i + 1).padStart(2, "0")}`, done_on: null }],
    created_at: "2025-01-01T10:00:00Z",
    updated_at: "2025-01-01T10:00:00Z",
    rev: 1,
  }));
  const text = JSON.stringify({ app: "weak-ties", schema: 1, exported_at: "2026-11-28T09:00:00Z", contacts, docs: {} });
  await page.getByLabel("Import a backup").setInputFiles({ name: "due.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await page.getByRole("status").getByText(/Backup imported: 25 added/).waitFor();

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Home", exact: true }).click();
  await ready(page, "Home");
  const overdue = page.getByRole("region", { name: "Overdue" });
  await overdue.getByRole("heading", { name: "Overdue (25)" }).waitFor();
  assert.equal(await overdue.getByRole("listitem").count(), 10);
  await overdue.getByRole("button", { name: "Show more (15 not shown)" }).click();
  await overdue.getByRole("button", { name: "Show more (5 not shown)" }).waitFor();
  assert.equal(await overdue.getByRole("listitem").count(), 20);
  // Done on a shown row keeps the rows shown so far.
  await overdue.getByRole("listitem").filter({ hasText: "ask about project 0" }).getByRole("button", { name: "Done" }).click();
  await overdue.getByRole("heading", { name: "Overdue (24)" }).waitFor();
  assert.equal(await overdue.getByRole("listitem").count(), 20);
  await overdue.getByRole("button", { name: "Show more (4 not shown)" }).click();
  assert.equal(await overdue.getByRole("listitem").count(), 24);
  assert.equal(await overdue.getByRole("button", { name: /Show more/ }).count(), 0);

  await nav.getByRole("link", { name: "Follow-ups", exact: true }).click();
  await ready(page, "Follow-ups");
  await page.getByRole("region", { name: "Overdue" }).getByRole("heading", { name: "Overdue (24)" }).waitFor();
  assert.equal(await page.getByRole("region", { name: "Overdue" }).getByRole("listitem").count(), 24);
  await assertAccessible(page);
  assertNoErrors(page);
});

test("search filters as you type", async () => {
  const { page } = await fresh();
  await addContact(page, { name: "Marie Curie", organization: "Sorbonne", whereMet: "Paris meetup" });
  await addContact(page, { name: "Lise Meitner", organization: "KWI", whereMet: "Berlin" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  const list = page.getByRole("list", { name: "Contacts" });
  assert.equal(await list.getByRole("listitem").count(), 2);
  await page.getByLabel("Search contacts").pressSequentially("sorb");
  await page.getByText("1 contact", { exact: true }).waitFor();
  assert.match(await list.innerText(), /Marie Curie/);
  await page.getByLabel("Search contacts").fill("berlin");
  await page.getByText("1 contact", { exact: true }).waitFor();
  assert.match(await list.innerText(), /Lise Meitner/);
  await page.getByLabel("Search contacts").fill("");
  await page.getByLabel("Event").selectOption({ label: "Paris meetup" });
  await page.getByText("1 contact", { exact: true }).waitFor();
  assert.match(await list.innerText(), /Marie Curie/);
  await assertAccessible(page);
  // The first row showed Lise Meitner before the search; now it is Marie Curie's, link and all,
  // and it opens her page without reloading the app.
  await page.evaluate(() => (window.sameApp = true));
  await list.getByRole("link", { name: /Marie Curie/ }).click();
  await ready(page, "Marie Curie");
  assert.equal(await page.evaluate(() => window.sameApp), true);
  assertNoErrors(page);
});

test("two tabs: each sees the other's new contact, and a stale edit does not overwrite a newer one", async () => {
  const context = await env.browser.newContext();
  const a = await watchedPage(context);
  const b = await watchedPage(context);
  await a.goto(env.server.url + "contacts");
  await ready(a, "Contacts");
  await b.goto(env.server.url + "contacts");
  await ready(b, "Contacts");
  await addContact(a, { name: "Tab A person" });
  await addContact(b, { name: "Tab B person" });
  // Each tab sees both, without a reload.
  for (const page of [a, b]) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
    await page.getByRole("link", { name: /Tab A person/ }).waitFor();
    await page.getByRole("link", { name: /Tab B person/ }).waitFor();
  }
  // Both open the edit form of the same contact; A saves first, then B.
  for (const page of [a, b]) {
    await page.getByRole("link", { name: /Tab A person/ }).click();
    await ready(page, "Tab A person");
    await page.getByRole("link", { name: "Edit" }).click();
    await ready(page, "Edit Tab A person");
  }
  await a.getByLabel("Role", { exact: true }).fill("Edited in A");
  await a.getByRole("button", { name: "Save" }).click();
  await ready(a, "Tab A person");
  await b.getByLabel("Role", { exact: true }).fill("Edited in B");
  await b.getByRole("button", { name: "Save" }).click();
  await b.getByRole("alert").getByText(/changed in another tab/).waitFor();
  assert.equal(await b.getByLabel("Role", { exact: true }).inputValue(), "Edited in B", "B's typing stays on screen");
  // What is stored is A's edit: a third tab, reading storage afresh, shows it.
  const c = await watchedPage(context);
  await c.goto(a.url());
  await ready(c, "Tab A person");
  await c.getByText("Edited in A").waitFor();
  assert.equal(await c.getByText("Edited in B").count(), 0);
  assertNoErrors(c);
  assertNoErrors(a);
  assertNoErrors(b);
});

test("a corrupt stored record is kept aside and offered for download; the rest loads", async () => {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await page.goto(env.server.url + "contacts");
  await ready(page, "Contacts");
  await addContact(page, { name: "Healthy Record" });
  await page.evaluate(() => localStorage.setItem("wt:contact:broken-1", '{"id": "broken-1", "name": '));
  await page.reload();
  await ready(page, "Healthy Record");
  const alert = page.getByRole("alert").filter({ hasText: "could not be read" });
  await alert.waitFor();
  const download = page.waitForEvent("download");
  await alert.getByRole("button", { name: /Download wt:contact:broken-1/ }).click();
  const file = await download;
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  assert.equal(Buffer.concat(chunks).toString(), '{"id": "broken-1", "name": ');
  assert.equal(await page.evaluate(() => localStorage.getItem("wt:contact:broken-1")), '{"id": "broken-1", "name": ');
  await assertAccessible(page);
  assertNoErrors(page);
});

test("a refused write keeps the edit on screen, says why, and damages nothing", async () => {
  const { page } = await fresh();
  await addContact(page, { name: "Before The Quota" });
  const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  // The browser's storage is full from now on.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.getByRole("link", { name: "Edit" }).click();
  await ready(page, "Edit Before The Quota");
  await page.getByLabel("Role", { exact: true }).fill("Typed while full");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("alert").getByText(/storage for this site is full/).waitFor();
  assert.equal(await page.getByLabel("Role", { exact: true }).inputValue(), "Typed while full");
  const afterwards = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  assert.equal(afterwards, before);
  assertNoErrors(page);
});
