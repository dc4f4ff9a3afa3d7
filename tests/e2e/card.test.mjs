// My card (a QR code of the user's vCard, read back with zbarimg from Debian's zbar-tools) and the
// prep sheet for a meeting (on screen and in print), driven as a user would: by role and label.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { assertAccessible, assertNoErrors, ready, watchedPage, serverAndBrowser, fromMore } from "./support.mjs";

const env = serverAndBrowser();
let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "wt-card-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fresh(path, heading) {
  const context = await env.browser.newContext();
  const page = await watchedPage(context);
  await page.goto(env.server.url + path);
  await ready(page, heading);
  return { context, page };
}

/** Fills Settings > About you and saves. */
async function aboutYou(page, details) {
  await page.goto(env.server.url + "settings");
  await ready(page, "Settings");
  for (const [label, value] of Object.entries(details)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Save settings" }).click();
}

/** The bytes of the file the "Download my card (.vcf)" button gives, and its suggested name. */
async function downloadCard(page) {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my card (.vcf)" }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** The bytes the QR code on the page holds: a screenshot of it, read by zbarimg. */
async function decodeQr(page, name) {
  const png = join(dir, `${name}.png`);
  await writeFile(png, await page.getByRole("img", { name: "QR code with your contact card" }).screenshot());
  // --raw: the data only; -Sbinary: the bytes as they are, without guessing a character set.
  const { stdout } = await promisify(execFile)("zbarimg", ["--quiet", "--raw", "-Sbinary", png], {
    encoding: "buffer",
  });
  return stdout;
}

test("my card: the QR code decodes to exactly the vCard that the download gives, in both themes, offline", async () => {
  const { context, page } = await fresh("card", "My card");
  // No name yet: no card, and a way to Settings.
  await page.getByText("Add your name in Settings, under About you, to make your card.").waitFor();
  assert.equal(await page.getByRole("img").count(), 0);
  await assertAccessible(page);

  // Bad input is refused with the reason, and nothing is saved.
  await aboutYou(page, { "Your name": "Ana Lima", "Your email": "ana at example" });
  await page.getByRole("alert").getByText("“ana at example” doesn't look like an email address").waitFor();
  await page.reload();
  await ready(page, "Settings");
  assert.equal(await page.getByLabel("Your name").inputValue(), "");

  await aboutYou(page, {
    "Your name": "Ana Lima",
    "Your role": "UX researcher, data; design",
    "Your organization": "Open Data Lab",
    "Your email": "ana@example.org",
    "Your phone": "+351 912 345 678",
    "Your web or LinkedIn link": "https://www.linkedin.com/in/ana-lima",
  });
  await page.getByRole("status").getByText("Saved.").waitFor();
  await page.getByRole("link", { name: "Show my card" }).click();
  await ready(page, "My card");
  await assertAccessible(page);

  const { name, bytes } = await downloadCard(page);
  assert.equal(name, "ana-lima.vcf");
  const vcard = bytes.toString("utf8");
  assert.equal(
    vcard,
    [
      "BEGIN:VCARD",
      "VERSION:3.0",
      "N:Lima;Ana;;;",
      "FN:Ana Lima",
      "ORG:Open Data Lab",
      "TITLE:UX researcher\\, data\\; design",
      "EMAIL:ana@example.org",
      "TEL:+351 912 345 678",
      "URL:https://www.linkedin.com/in/ana-lima",
      "END:VCARD",
      "",
    ].join("\r\n"),
  );
  assert.deepEqual(await decodeQr(page, "light"), bytes, "the QR code holds the downloaded vCard, byte for byte");

  // The dark theme keeps black modules on white, and the card is still there after a reload.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await ready(page, "My card");
  assert.deepEqual(await decodeQr(page, "dark"), bytes);
  await assertAccessible(page);

  // Home links to the card, which is made on the device: it shows with the network off too.
  await context.setOffline(true);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await ready(page, "Home");
  await page.getByRole("link", { name: "My card" }).click();
  await ready(page, "My card");
  assert.deepEqual(await decodeQr(page, "offline"), bytes);
  await context.setOffline(false);
  assertNoErrors(page);
});

test("my card: a name with accents and an emoji survives the QR code as UTF-8", async () => {
  const { page } = await fresh("settings", "Settings");
  const who = "José Ñúñez 🌱";
  await aboutYou(page, { "Your name": who, "Your organization": "Café & Ciência" });
  await page.getByRole("status").getByText("Saved.").waitFor();
  await page.goto(env.server.url + "card");
  await ready(page, "My card");
  const { name, bytes } = await downloadCard(page);
  assert.equal(name, "jose-nunez.vcf");
  const decoded = await decodeQr(page, "utf8");
  assert.deepEqual(decoded, bytes);
  const text = decoded.toString("utf8");
  assert.ok(text.includes(`FN;CHARSET=UTF-8:${who}\r\n`), text);
  assert.ok(text.includes("ORG;CHARSET=UTF-8:Café & Ciência\r\n"), text);
  assertNoErrors(page);
});

test("prep sheet: details, research notes, chosen questions and talking points; prints on one page without the app around it", async () => {
  const { page } = await fresh("settings", "Settings");
  await page.getByLabel("Your talking points").fill("I love compilers\nI hope to move into language design");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByRole("status").getByText("Saved.").waitFor();

  await page.goto(env.server.url + "contacts/new");
  await ready(page, "Add contact");
  await page.getByLabel("Name", { exact: true }).fill("Grace Hopper");
  await page.getByLabel("Organization", { exact: true }).fill("US Navy");
  await page.getByLabel("Where met", { exact: true }).fill("Compiler meetup");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Grace Hopper");

  // Questions chosen in the chat preparation.
  await fromMore(page, "Prepare a chat");
  await ready(page, "Prepare a chat with Grace Hopper");
  await page.getByLabel("How many").fill("3");
  await page.getByRole("button", { name: "Draw", exact: true }).click();
  const chat = page.getByRole("list", { name: "Questions for the chat" });
  await chat.locator(".card").nth(2).waitFor();
  const chosen = await chat.locator(".card-text").allInnerTexts();
  assert.equal(chosen.length, 3);

  await page.getByRole("link", { name: "Back to Grace Hopper" }).click();
  await ready(page, "Grace Hopper");
  await fromMore(page, "Prep sheet");
  await ready(page, "Prep sheet: Grace Hopper");
  await page.getByText("No research notes yet").waitFor();

  // Research notes, written on the sheet itself.
  const research = "Rear admiral; wrote the first compiler (A-0).\nCommon ground: we both teach.";
  await page.getByText("Edit research notes").click();
  await page.getByLabel("Research notes").fill(research);
  await page.getByRole("button", { name: "Save research notes" }).click();
  await page.getByRole("status").getByText("Research notes saved.").waitFor();
  await page.reload();
  await ready(page, "Prep sheet: Grace Hopper");
  await assertAccessible(page);

  const section = (name) => page.getByRole("region", { name });
  assert.match(await section("About them").innerText(), /Compiler meetup/);
  assert.equal(await section("Research").locator(".notes").innerText(), research);
  assert.deepEqual(await section("Questions to ask").getByRole("listitem").allInnerTexts(), chosen);
  assert.deepEqual(await section("Your talking points").getByRole("listitem").allInnerTexts(), [
    "I love compilers",
    "I hope to move into language design",
  ]);
  assert.match(await page.locator(".subtitle").innerText(), /US Navy/);

  // In print: no navigation, no buttons, no forms; the content stays.
  const nav = page.getByRole("navigation", { name: "Main" });
  const print = page.getByRole("button", { name: "Print" });
  assert.ok(await nav.isVisible());
  assert.ok(await print.isVisible());
  await page.emulateMedia({ media: "print" });
  assert.ok(!(await nav.isVisible()), "the navigation is hidden in print");
  assert.ok(!(await print.isVisible()), "the Print button is hidden in print");
  assert.ok(!(await page.getByText("Edit research notes").isVisible()), "the edit form is hidden in print");
  assert.ok(await section("Research").locator(".notes").isVisible());
  assert.ok(await section("Questions to ask").isVisible());
  const colors = await page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return [style.color, style.backgroundColor];
  });
  assert.deepEqual(colors, ["rgb(0, 0, 0)", "rgb(255, 255, 255)"], "black on white");

  // One A4 page.
  const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
  assert.equal(pdf.match(/\/Type\s*\/Page\b(?!s)/g)?.length, 1, "the sheet prints on one page");
  await page.emulateMedia({ media: "screen" });
  assertNoErrors(page);
});
