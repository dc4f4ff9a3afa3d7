// Message templates: the editor, and writing to a contact from a template (filled, copied, mailed,
// marked as sent), driven as a user would: by role and label.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoErrors, ready, watchedPage, serverAndBrowser } from "./support.mjs";

const env = serverAndBrowser();

// A name that would run script if it were ever treated as markup.
const NAME = "Zoë <img src=x onerror=alert(1)> Quinn";
const EMAIL = "zoe.quinn@example.com";

const nav = (page) => page.getByRole("navigation", { name: "Main" });

test("write a thank-you from a template: filled, copied, mailed, marked as sent", async () => {
  const context = await env.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.origin });
  const page = await watchedPage(context);
  const dialogs = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  // Who I am, for the signature.
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");
  await page.getByLabel("Your name").fill("Sam Lee");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

  // A contact with an email address and a name full of markup.
  await nav(page).getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  await page.getByRole("link", { name: "Add contact" }).click();
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill(NAME);
  await page.getByLabel("Organization", { exact: true }).fill("Acme & Co");
  await page.getByRole("button", { name: "More details" }).click();
  await page.getByLabel("Emails").fill(EMAIL);
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, NAME);

  // Meeting them proposes a thank-you: skip it; a chat proposes another: accept that one.
  await page.getByRole("region", { name: "Proposed thank-you" }).waitFor();
  await page.getByRole("button", { name: "Skip" }).click();
  await page.getByLabel("Log").selectOption({ label: "Chat" });
  await page.getByLabel("Summary").fill("Coffee about design systems");
  await page.getByRole("button", { name: "Log interaction" }).click();
  const proposal = page.getByRole("region", { name: "Proposed thank-you" });
  await proposal.waitFor();
  await page.getByRole("button", { name: "Add thank-you follow-up" }).click();
  await proposal.waitFor({ state: "detached" });

  // Write the message.
  await page.getByRole("link", { name: "Write a message" }).click();
  await ready(page, `Message to ${NAME}`);
  assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), `Message to ${NAME}`);
  assert.equal(await page.locator("main img").count(), 0, "the name is text, not markup");
  await assertAccessible(page);

  await page.getByLabel("Template").selectOption({ label: "Thank you after a chat" });
  const subject = page.locator("#m-subject");
  const body = page.locator("#m-body");
  assert.equal(await subject.innerText(), "Thank you for the chat");
  assert.match(await body.innerText(), /^Hi Zoë,\n/);
  // The advice has no value and no default: highlighted, and asked for by its label.
  assert.equal(await body.locator("mark").innerText(), "[advice]");
  await page.getByText("Still to fill in: Advice.").waitFor();
  const topic = "design systems & 100% #accessibility?";
  await page.getByLabel("Advice", { exact: true }).fill("join a local meetup");
  await page.getByLabel("Topic", { exact: true }).fill(topic);
  await body.locator("mark").waitFor({ state: "detached" });
  await assertAccessible(page);

  const expectedBody = [
    "Hi Zoë,",
    "",
    `Thank you for taking the time to talk with me about ${topic}. I really enjoyed our conversation and came away with a lot to think about.`,
    "",
    "Your suggestion to join a local meetup was especially helpful, and I'm already putting it into practice.",
    "",
    "I'll let you know how it goes. Thanks again for being so generous with your time.",
    "",
    "Best wishes,",
    "Sam Lee",
  ].join("\n");
  assert.equal(await body.innerText(), expectedBody);

  // Copy: the message text only; the subject has its own button.
  await page.getByRole("button", { name: "Copy message" }).click();
  await page.getByRole("status").filter({ hasText: "Message copied." }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expectedBody);
  await page.getByRole("button", { name: "Copy subject" }).click();
  await page.getByRole("status").filter({ hasText: "Subject copied." }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "Thank you for the chat");

  // The mail link decodes back to exactly what is shown (line breaks sent as CRLF).
  const href = await page.getByRole("link", { name: "Open in mail app" }).getAttribute("href");
  const url = new URL(href);
  assert.equal(url.protocol, "mailto:");
  assert.equal(decodeURIComponent(url.pathname), EMAIL);
  assert.equal(url.searchParams.get("subject"), await subject.innerText());
  assert.equal(url.searchParams.get("body"), (await body.innerText()).replaceAll("\n", "\r\n"));
  assert.deepEqual([...url.searchParams.keys()], ["subject", "body"]);

  // Web Share is not in desktop Linux Chromium, so its button is not offered.
  const canShare = await page.evaluate(() => "share" in navigator);
  assert.equal(await page.getByRole("button", { name: /Share/ }).count(), canShare ? 1 : 0);

  // Mark as sent: the thank-you is logged and the follow-up is done.
  await page.getByRole("button", { name: "Mark as sent" }).click();
  await page.getByRole("status").filter({ hasText: "the thank-you follow-up is done" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Mark as sent" }).isDisabled(), true);

  await nav(page).getByRole("link", { name: "Follow-ups", exact: true }).click();
  await ready(page, "Follow-ups");
  await page.getByText("Nothing to follow up.").waitFor();
  assert.doesNotMatch(await page.locator("main").innerText(), /Thank-you/);

  await nav(page).getByRole("link", { name: "Contacts", exact: true }).click();
  await ready(page, "Contacts");
  await page.getByRole("link", { name: /Zoë/ }).click();
  await ready(page, NAME);
  const latest = await page.locator(".timeline").getByRole("listitem").first().innerText();
  assert.match(latest, /^Thank-you sent · /);
  assert.match(latest, /Thank you for the chat/);
  // The contact's own follow-ups no longer list the thank-you either.
  assert.doesNotMatch(await page.getByRole("region", { name: "Follow-ups" }).innerText(), /Thank-you/);

  // A check-in is not a thank-you: marking it as sent logs a "Message".
  await page.getByRole("link", { name: "Write a message" }).click();
  await page.getByLabel("Template").selectOption({ label: "Checking in months later" });
  await page.getByText("Logs “Message” on Zoë's timeline.").waitFor();
  await page.getByRole("button", { name: "Mark as sent" }).click();
  await page.getByRole("status").filter({ hasText: "Marked as sent: “Message” is on the timeline." }).waitFor();
  await page.getByRole("link", { name: "Back to Zoë" }).click();
  await ready(page, NAME);
  assert.match(await page.locator(".timeline").getByRole("listitem").first().innerText(), /^Message · /);

  assert.equal(await page.locator("main img").count(), 0);
  assert.deepEqual(dialogs, [], "no script ran");
  assertNoErrors(page);
});

test("a contact without an email: the mail app opens with the message and no recipient", async () => {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await page.goto(env.server.url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Ada Lovelace");
  await page.getByRole("link", { name: "Write a message" }).click();
  await ready(page, "Message to Ada Lovelace");
  await page.getByText("No email address saved for Ada").waitFor();
  // Without a name in Settings the signature is asked for here.
  await page.getByLabel("Template").selectOption({ label: "After meeting at an event" });
  await page.getByLabel("My signature", { exact: true }).fill("Sam");
  assert.match(await page.locator("#m-body").innerText(), /Best wishes,\nSam$/);
  assert.equal(await page.locator("#m-subject").innerText(), "Great to meet you at the event");
  // Beside Copy and Share: a mail link with only the subject and body, the recipient left empty.
  const actions = page.getByRole("region", { name: "Send it" });
  await actions.getByRole("button", { name: "Copy message" }).waitFor();
  const href = await actions.getByRole("link", { name: "Open in mail app" }).getAttribute("href");
  assert.match(href, /^mailto:\?subject=/);
  const url = new URL(href);
  assert.equal(url.pathname, "");
  assert.equal(url.searchParams.get("subject"), "Great to meet you at the event");
  assert.match(url.searchParams.get("body"), /\r\n[\s\S]*Best wishes,\r\nSam$/);
  await assertAccessible(page);
  assertNoErrors(page);
});

test("templates: add with an unknown placeholder flagged, insert a placeholder, duplicate, delete, restore", async () => {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await page.goto(env.server.url + "templates");
  await ready(page, "Templates");
  await assertAccessible(page);
  const list = page.getByRole("list", { name: "Templates" });
  assert.equal(await list.getByRole("listitem").count(), 5);
  const restore = page.getByRole("button", { name: "Restore built-in templates" });
  assert.equal(await restore.isDisabled(), true);

  // Add one.
  await page.getByRole("link", { name: "Add template" }).click();
  await ready(page, "New template");
  await assertAccessible(page);
  await page.getByLabel("Name", { exact: true }).fill("Coffee follow-up");
  await page.getByLabel("Subject").fill("Hello {{first_name}}");
  const message = page.getByLabel("Message", { exact: true });
  await message.pressSequentially("{{first_name}} {{nope}}");
  const flagged = page.getByRole("status").filter({ hasText: "Unknown placeholder" });
  await flagged.waitFor();
  assert.match(await flagged.innerText(), /\{\{nope\}\}/);
  // A placeholder from the list goes where the cursor is.
  await message.press("End");
  await message.pressSequentially("\nFrom ");
  await page.getByRole("button", { name: /^My name/ }).click();
  assert.equal(await message.inputValue(), "{{first_name}} {{nope}}\nFrom {{my_name}}");
  await message.pressSequentially(".");
  assert.equal(await message.inputValue(), "{{first_name}} {{nope}}\nFrom {{my_name}}.");
  // Into the subject too, at its cursor.
  const subjectField = page.getByLabel("Subject");
  await subjectField.click();
  await subjectField.press("Home");
  await page.getByRole("button", { name: /^Organization/ }).click();
  assert.equal(await subjectField.inputValue(), "{{organization}}Hello {{first_name}}");
  await assertAccessible(page);
  await page.getByRole("button", { name: "Save template" }).click();
  await ready(page, "Templates");
  await page.getByRole("status").getByText("Saved “Coffee follow-up”.").waitFor();
  assert.equal(await list.getByRole("listitem").count(), 6);

  // Open it again: the text is kept, the unknown one still flagged.
  await list.getByRole("link", { name: "Coffee follow-up" }).click();
  await ready(page, "Edit Coffee follow-up");
  assert.equal(await page.getByLabel("Message", { exact: true }).inputValue(), "{{first_name}} {{nope}}\nFrom {{my_name}}.");
  await page.getByRole("status").filter({ hasText: "{{nope}}" }).waitFor();
  await page.getByLabel("Message", { exact: true }).fill("{{first_name}}, thanks! {{my_name}}");
  await page.getByRole("status").filter({ hasText: "{{nope}}" }).waitFor({ state: "detached" });
  await assertAccessible(page);
  await page.getByRole("button", { name: "Save template" }).click();
  await ready(page, "Templates");

  // Duplicate, then delete the copy, undo, delete again.
  await page.getByRole("button", { name: "Duplicate Coffee follow-up" }).click();
  await list.getByRole("link", { name: "Copy of Coffee follow-up" }).waitFor();
  assert.equal(await list.getByRole("listitem").count(), 7);
  await page.getByRole("button", { name: "Delete Copy of Coffee follow-up" }).click();
  await page.getByRole("status").getByText("Deleted “Copy of Coffee follow-up”.").waitFor();
  assert.equal(await list.getByRole("link", { name: "Copy of Coffee follow-up" }).count(), 0);
  await page.getByRole("button", { name: "Undo" }).click();
  await list.getByRole("link", { name: "Copy of Coffee follow-up" }).waitFor();
  await page.getByRole("button", { name: "Delete Copy of Coffee follow-up" }).click();
  await page.getByRole("status").getByText("Deleted “Copy of Coffee follow-up”.").waitFor();

  // Delete a built-in, edit another; restoring brings the original back and keeps the edit.
  await page.getByRole("button", { name: "Delete Thank you after a chat" }).click();
  await page.getByRole("status").getByText("Deleted “Thank you after a chat”.").waitFor();
  await list.getByRole("link", { name: "Checking in months later" }).click();
  await ready(page, "Edit Checking in months later");
  await page.getByLabel("Subject").fill("Long time no see");
  await page.getByRole("button", { name: "Save template" }).click();
  await ready(page, "Templates");
  assert.match(await list.innerText(), /Built-in, edited/);
  assert.equal(await restore.isDisabled(), false);
  await restore.click();
  await page.getByRole("status").getByText(/Restored 2 built-in templates\. Your edited versions are kept/).waitFor();
  await list.getByRole("link", { name: "Thank you after a chat" }).waitFor();
  await list.getByRole("link", { name: "Checking in months later (edited)" }).waitFor();
  assert.equal(await restore.isDisabled(), true);
  await assertAccessible(page);

  // It is all stored.
  await page.reload();
  await ready(page, "Templates");
  const names = await list.getByRole("link").allInnerTexts();
  assert.deepEqual(names, [
    "After meeting at an event",
    "I acted on your advice",
    "Asking for an introduction",
    "Checking in months later",
    "Checking in months later (edited)",
    "Coffee follow-up",
    "Thank you after a chat",
  ]);
  assertNoErrors(page);
});
