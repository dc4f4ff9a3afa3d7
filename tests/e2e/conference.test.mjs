// Conference mode, driven as a user would: turn it on for an event, quick-add three people, see
// them on the event page, accept the end-of-day review's three thank-yous, and turn it off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoErrors, ready, watchedPage, serverAndBrowser } from "./support.mjs";

const env = serverAndBrowser();

const EVENT = "WebSummit 2026";

/** Quick add from Home while conference mode may be on; lands on the new contact's page. */
async function quickAdd(page, name) {
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Home", exact: true }).click();
  await ready(page, "Home");
  await page.getByRole("link", { name: "Add contact" }).click();
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, name);
  // Adding someone proposes a thank-you on their page: leave it for the end-of-day review.
  await page.getByRole("button", { name: "Skip" }).click();
}

test("conference mode: quick add, the event page, the end-of-day review, and turning it off", async () => {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await page.goto(env.server.url);
  await ready(page, "Home");
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });

  // Turn it on from Home. Bad input is refused with a message next to its field.
  await page.getByRole("link", { name: "Conference mode" }).click();
  await ready(page, "Conference mode");
  await assertAccessible(page);
  await page.getByLabel("End date").fill("2000-01-01");
  await page.getByRole("button", { name: "Turn on conference mode" }).click();
  const name = page.getByLabel("Event name");
  assert.equal(await name.getAttribute("aria-invalid"), "true");
  assert.match(await page.locator(`#${await name.getAttribute("aria-describedby")}`).innerText(), /event's name/);
  assert.match(await page.getByText("The end date is before the start date.").innerText(), /before/);
  await assertAccessible(page);
  await name.fill(EVENT);
  await page.getByLabel("Place").fill("Lisbon");
  await page.getByLabel("End date").fill(today);
  await page.getByRole("button", { name: "Turn on conference mode" }).click();
  await ready(page, EVENT);

  // Quick add pre-fills where, when and the tag, visibly.
  await page.getByRole("link", { name: "Add contact" }).click();
  await ready(page, "Add contact");
  await page.getByRole("note").getByText(EVENT).waitFor();
  assert.equal(await page.getByLabel("Where met", { exact: true }).inputValue(), EVENT);
  await page.getByRole("button", { name: "More details" }).click();
  assert.equal(await page.getByLabel("Met on", { exact: true }).inputValue(), today);
  assert.equal(await page.getByLabel("Tags", { exact: true }).inputValue(), EVENT);
  await assertAccessible(page);

  for (const person of ["Ada Lovelace", "Grace Hopper", "Katherine Johnson"]) await quickAdd(page, person);

  // The banner is on Home and Contacts, and leads to the event page, which lists the three.
  const banner = page.getByRole("region", { name: "Conference mode" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  await banner.getByRole("link", { name: EVENT }).click();
  await ready(page, EVENT);
  const people = page.getByRole("list", { name: "People met here" });
  for (const person of ["Ada Lovelace", "Grace Hopper", "Katherine Johnson"]) {
    await people.getByRole("link", { name: new RegExp(person) }).waitFor();
  }
  assert.equal(await people.getByRole("listitem").count(), 3);
  assert.match(await people.innerText(), /No thank-you planned/);
  await assertAccessible(page);

  // The end-of-day review proposes three thank-yous, due tomorrow; accept one, then the rest.
  const proposals = page.getByRole("list", { name: "Proposed thank-yous" });
  assert.equal(await proposals.getByRole("listitem").count(), 3);
  assert.match(await proposals.innerText(), /Thank Ada for meeting at WebSummit 2026 · due tomorrow/);
  await page.getByRole("button", { name: "Add thank-you follow-up for Grace Hopper" }).click();
  await page.getByRole("button", { name: "Add all (2)" }).click();
  await proposals.waitFor({ state: "detached" });
  await page.getByText("Everyone you met here today has a thank-you planned or sent.").waitFor();
  assert.equal(await people.getByText("Thank-you due tomorrow").count(), 3);
  await assertAccessible(page);

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Follow-ups", exact: true }).click();
  await ready(page, "Follow-ups");
  const week = page.getByRole("region", { name: "This week" });
  assert.equal(await week.getByText(/Thank-you: Thank .* for meeting at WebSummit 2026/).count(), 3);

  // A reload keeps the mode on (and the follow-ups).
  await page.reload();
  await ready(page, "Follow-ups");
  assert.equal(await week.getByText(/for meeting at WebSummit 2026/).count(), 3);
  await nav.getByRole("link", { name: "Home", exact: true }).click();
  await ready(page, "Home");
  await banner.getByRole("link", { name: EVENT }).waitFor();
  await assertAccessible(page);

  // Turn it off: the banner goes, and quick add no longer pre-fills.
  await banner.getByRole("button", { name: "Turn off" }).click();
  await banner.waitFor({ state: "detached" });
  await page.reload();
  await ready(page, "Home");
  assert.equal(await banner.count(), 0);
  await page.getByRole("link", { name: "Add contact" }).click();
  await ready(page, "Add contact");
  assert.equal(await page.getByRole("note").count(), 0);
  assert.equal(await page.getByLabel("Where met", { exact: true }).inputValue(), "");
  assert.equal(await page.getByLabel("Met on", { exact: true }).inputValue(), "");
  assert.equal(await page.getByLabel("Tags", { exact: true }).inputValue(), "");
  assertNoErrors(page);
  await context.close();
});
