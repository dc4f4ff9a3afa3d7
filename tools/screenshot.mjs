// Takes the README's screenshots (docs/screenshots/): the release build in dist/ at 360 px (a
// phone) and 1280 px (a laptop), of Home, Contacts, a contact, Message and Questions, with a few
// contacts added through the app as a user would.
//   make build && node tools/screenshot.mjs
import { mkdirSync } from "node:fs";
import { addContact, launch, ready, serve } from "../tests/e2e/support.mjs";

const server = await serve();
const browser = await launch();
const people = [
  ["Amara Okafor", "Open Data Institute", "Civic tech meetup"],
  ["Jonas Lindqvist", "Nordic Health Labs", "RustConf 2026"],
  ["Priya Raman", "City Library", "Volunteering at the book fair"],
  ["Luis Ortega", "Fintech Collective", "Coffee line at RustConf"],
];
mkdirSync("docs/screenshots", { recursive: true });
for (const width of [360, 1280]) {
  const context = await browser.newContext({
    viewport: { width, height: width === 360 ? 720 : 800 },
    deviceScaleFactor: width === 360 ? 2 : 1,
    colorScheme: "light",
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await ready(page, "Home");
  for (const [name, organization, whereMet] of people) {
    await addContact(page, { name, organization, whereMet });
    await page.getByRole("button", { name: "Add thank-you follow-up" }).click();
  }
  // The contact shown: with the ways to reach her.
  await page.getByRole("link", { name: "Edit" }).click();
  await ready(page, "Edit Luis Ortega");
  await page.getByLabel("Role", { exact: true }).fill("Product lead");
  // The edit form shows every field; only the quick add form keeps them behind More details.
  const more = page.getByRole("button", { name: "More details" });
  if (await more.count()) await more.click();
  await page.getByLabel("Emails").fill("luis@fintech.example");
  await page.getByLabel("Phones").fill("+34 612 345 678");
  await page.getByLabel("LinkedIn", { exact: true }).fill("https://www.linkedin.com/in/luis-ortega");
  await page.getByRole("button", { name: "Save" }).click();
  await ready(page, "Luis Ortega");
  const contact = page.url();
  const shots = [
    ["home", server.url, "Home"],
    ["contacts", server.url + "contacts", "Contacts"],
    ["contact", contact, "Luis Ortega"],
    ["message", contact + "/message", "Message to Luis Ortega"],
    ["questions", server.url + "questions", "Questions"],
  ];
  for (const [name, url, heading] of shots) {
    await page.goto(url);
    await ready(page, heading);
    // The heading takes the focus after a navigation; the screenshot shows no focus ring.
    await page.evaluate(() => document.activeElement?.blur());
    const path = `docs/screenshots/${name}-${width}.png`;
    await page.screenshot({ path });
    console.log(`${path} written`);
  }
  await context.close();
}
await browser.close();
await server.close();
