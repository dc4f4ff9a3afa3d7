// The question deck and preparing a chat, driven as a user would: by role and label.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoErrors, ready, watchedPage, serverAndBrowser, fromMore } from "./support.mjs";

const env = serverAndBrowser();

async function fresh(path = "questions", heading = "Questions") {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await page.goto(env.server.url + path);
  await ready(page, heading);
  return { context, page };
}

/** The texts of the cards in a list, waiting until it holds `n` of them. */
async function cards(list, n) {
  await list.locator(".card").nth(n - 1).waitFor();
  const texts = await list.locator(".card-text").allInnerTexts();
  assert.equal(texts.length, n);
  return texts;
}

test("draw five, replace one with Another; after a reload the same hand is there", async () => {
  const { page } = await fresh();
  await assertAccessible(page);
  assert.equal(await page.getByLabel("How many").inputValue(), "5");
  await page.getByRole("button", { name: "Draw", exact: true }).click();
  const hand = page.getByRole("list", { name: "Your hand" });
  const first = await cards(hand, 5);
  assert.equal(new Set(first).size, 5, "five different questions");
  // Talking points travel beside the hand; with none yet, a link to Settings.
  const beside = page.getByRole("complementary", { name: "Not an interrogation" });
  await beside.getByRole("link", { name: "Add your talking points in Settings" }).waitFor();
  await assertAccessible(page);

  const replaced = first[2];
  await hand.getByRole("button", { name: `Another instead of: ${replaced}` }).click();
  await hand.getByText(replaced, { exact: true }).waitFor({ state: "detached" });
  const second = await cards(hand, 5);
  assert.ok(!second.includes(replaced), "the replaced card is gone");
  assert.equal(new Set(second).size, 5, "no duplicate in the hand");
  assert.deepEqual(
    second.filter((_, i) => i !== 2),
    first.filter((_, i) => i !== 2),
    "the other cards stay where they were",
  );
  assert.match(await page.getByRole("status").filter({ hasText: "Replaced with" }).innerText(), new RegExp(second[2].replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));

  await page.reload();
  await ready(page, "Questions");
  assert.deepEqual(await cards(hand, 5), second, "the deck and its hand survive a reload");

  // A draw never deals a card of this round again before the deck is gone through.
  await page.getByRole("button", { name: "Draw", exact: true }).click();
  await hand.getByText(second[0], { exact: true }).waitFor({ state: "detached" });
  const third = await cards(hand, 5);
  for (const q of third) assert.ok(!second.includes(q) && q !== replaced, `"${q}" came back too early`);

  // A category filter deals only that category.
  await page.getByLabel("Category", { exact: true }).selectOption({ label: "People to talk to" });
  await page.getByLabel("How many").fill("10");
  await page.getByRole("button", { name: "Draw", exact: true }).click();
  await page.getByRole("status").getByText(/Only 2 questions/).waitFor();
  const people = await cards(hand, 2);
  assert.ok(people.some((q) => /other people do you recommend/.test(q)), people.join(" | "));
  assertNoErrors(page);
});

test("own questions: add, favourite, edit, delete; hide a built-in and bring it back", async () => {
  const { page } = await fresh();
  const list = page.getByRole("list", { name: "Questions", exact: true });
  const own = "What surprised you most in your first year?";
  await page.getByLabel("Your question", { exact: true }).fill(own);
  await page.getByLabel("Category of your question").selectOption({ label: "Advice and next steps" });
  await page.getByRole("button", { name: "Add question" }).click();
  await list.getByText(own, { exact: true }).waitFor();
  assert.equal(await page.getByLabel("Your question", { exact: true }).inputValue(), "", "the form is cleared");

  // The same text again is refused, and says why.
  await page.getByLabel("Your question", { exact: true }).fill("what surprised you most in your FIRST year?");
  await page.getByRole("button", { name: "Add question" }).click();
  await page.getByRole("alert").getByText("This question is already in your deck.").waitFor();

  // Favourite it, and put favourites first.
  const star = page.getByRole("button", { name: `Favourite: ${own}` });
  assert.equal(await star.getAttribute("aria-pressed"), "false");
  await star.click();
  await page.getByRole("button", { name: `Favourite: ${own}`, pressed: true }).waitFor();
  await page.getByLabel("Favourites first").check();
  await list.locator(".q-row").first().getByText(own, { exact: true }).waitFor();

  // Hide a built-in: it leaves the list for "Hidden questions".
  const builtin = "How long is your work day?";
  await page.getByRole("button", { name: `Hide: ${builtin}` }).click();
  const hidden = page.getByRole("list", { name: "Hidden questions" });
  await hidden.getByText(builtin, { exact: true }).waitFor();
  assert.equal(await list.getByText(builtin, { exact: true }).count(), 0);
  await assertAccessible(page);

  // Everything persists.
  await page.reload();
  await ready(page, "Questions");
  await page.getByRole("button", { name: `Favourite: ${own}`, pressed: true }).waitFor();
  await hidden.getByText(builtin, { exact: true }).waitFor();

  // Edit, then delete, the user's own question.
  await page.getByRole("button", { name: `Edit: ${own}` }).click();
  const edited = "What surprised you most in your first year at {organization}?";
  await page.getByLabel("Edit your question").fill(edited);
  await page.getByRole("button", { name: "Save question" }).click();
  await list.getByText(edited, { exact: true }).waitFor();
  assert.equal(await list.getByText(own, { exact: true }).count(), 0);
  await assertAccessible(page);
  await page.getByRole("button", { name: `Delete: ${edited}` }).click();
  await list.getByText(edited, { exact: true }).waitFor({ state: "detached" });

  // Bring the built-in back.
  await page.getByRole("button", { name: `Show again: ${builtin}` }).click();
  await list.getByText(builtin, { exact: true }).waitFor();
  await page.getByText("None. A built-in question you hide").waitFor();
  assertNoErrors(page);
});

test("prepare a chat with a contact: ask, answer, save to the timeline; asked questions are not offered again", async () => {
  const { page } = await fresh("settings", "Settings");
  await page.getByLabel("Your talking points").fill("I love difference engines\nI hope to write the first program");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByRole("status").getByText("Saved.").waitFor();

  // One built-in hidden: it is not offered either.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Questions", exact: true }).click();
  await ready(page, "Questions");
  await page.getByRole("button", { name: "Hide: How long is your work day?" }).click();
  await page.getByRole("list", { name: "Hidden questions" }).getByText("How long is your work day?").waitFor();

  // A contact with a role and an organization.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  await page.getByRole("link", { name: "Add contact" }).click();
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Ada Lovelace");
  await page.getByLabel("Organization", { exact: true }).fill("Analytical Engines");
  await page.getByRole("button", { name: "More details" }).click();
  await page.getByLabel("Role", { exact: true }).fill("Engineer");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Ada Lovelace");
  await page.getByRole("button", { name: "Skip" }).click();

  await fromMore(page, "Prepare a chat");
  await ready(page, "Prepare a chat with Ada Lovelace");
  await assertAccessible(page);
  await page.getByRole("button", { name: "Draw", exact: true }).click();
  const chat = page.getByRole("list", { name: "Questions for the chat" });
  const drawn = await cards(chat, 5);
  const beside = page.getByRole("complementary", { name: "Not an interrogation" });
  assert.match(await beside.innerText(), /I love difference engines/);
  assert.match(await beside.innerText(), /I hope to write the first program/);

  // Pick one from the list, fitted to her organization.
  const tailored = "How long have you worked at Analytical Engines?";
  if (!drawn.includes(tailored)) {
    await page.getByLabel("Pick a question").selectOption({ label: tailored });
    await page.getByRole("button", { name: "Add to the chat" }).click();
    await chat.getByText(tailored, { exact: true }).waitFor();
  }
  await assertAccessible(page);

  // During the chat: tick one as asked and write down the answer.
  const asked = tailored;
  const answer = "Since 1842, translating Menabrea's notes.";
  await page.getByRole("checkbox", { name: `Asked: ${asked}` }).check();
  await page.getByRole("textbox", { name: `Answer to: ${asked}` }).fill(answer);

  // The preparation survives a reload.
  await page.reload();
  await ready(page, "Prepare a chat with Ada Lovelace");
  assert.ok(await page.getByRole("checkbox", { name: `Asked: ${asked}` }).isChecked());
  assert.equal(await page.getByRole("textbox", { name: `Answer to: ${asked}` }).inputValue(), answer);

  await page.getByRole("button", { name: "Save to timeline" }).click();
  await ready(page, "Ada Lovelace");
  const timeline = page.getByRole("region", { name: "Timeline" });
  const entry = timeline.getByRole("listitem").filter({ hasText: "Informational chat: asked 1 question, 1 answer noted." });
  await entry.waitFor();
  assert.match(await entry.innerText(), /^Chat · /);
  const notes = await page.locator(".notes").innerText();
  assert.match(notes, /Informational chat, \d{4}-\d\d-\d\d/);
  assert.ok(notes.includes(`Q: ${asked}`), notes);
  assert.ok(notes.includes(`A: ${answer}`), notes);
  // A chat proposes a thank-you, as logging one on the contact page does.
  await page.getByRole("region", { name: "Proposed thank-you" }).waitFor();
  await assertAccessible(page);

  // Reopen: the asked question is not offered again, drawn or picked.
  await fromMore(page, "Prepare a chat");
  await ready(page, "Prepare a chat with Ada Lovelace");
  await page.getByText("No questions yet").waitFor();
  const options = await page.getByLabel("Pick a question").locator("option").allInnerTexts();
  assert.ok(!options.includes(asked), "not offered in the list");
  assert.equal(options.length, 1 + 24, "the 26 built-ins, less the hidden one and the asked one");
  await page.getByLabel("How many").fill("30");
  await page.getByRole("button", { name: "Draw", exact: true }).click();
  const everything = await cards(chat, 24);
  assert.ok(!everything.includes(asked), "not drawn again");
  assert.ok(!everything.includes("How long is your work day?"), "a hidden question is not drawn");
  assert.equal(new Set(everything).size, 24);

  // The notes are still there after a reload.
  await page.goto(env.server.url + "contacts");
  await ready(page, "Contacts");
  await page.getByRole("link", { name: /Ada Lovelace/ }).click();
  await ready(page, "Ada Lovelace");
  assert.ok((await page.locator(".notes").innerText()).includes(`A: ${answer}`));
  assertNoErrors(page);
});
