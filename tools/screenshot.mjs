// Takes the README's screenshot (docs/screenshot.png): the release build in dist/ at 360 px wide,
// with a few contacts added through the app as a user would.
//   make build && node tools/screenshot.mjs
import { addContact, launch, ready, serve } from "../tests/e2e/support.mjs";

const server = await serve();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 360, height: 720 }, deviceScaleFactor: 2, colorScheme: "light" });
const page = await context.newPage();
const people = [
  ["Amara Okafor", "Open Data Institute", "Civic tech meetup"],
  ["Jonas Lindqvist", "Nordic Health Labs", "RustConf 2026"],
  ["Priya Raman", "City Library", "Volunteering at the book fair"],
  ["Luis Ortega", "Fintech Collective", "Coffee line at RustConf"],
];
await page.goto(server.url);
await ready(page, "Home");
for (const [name, organization, whereMet] of people) {
  await addContact(page, { name, organization, whereMet });
  await page.getByRole("button", { name: "Add thank-you follow-up" }).click();
}
await page.goto(server.url);
await ready(page, "Home");
await page.screenshot({ path: "docs/screenshot.png" });
await browser.close();
await server.close();
console.log("docs/screenshot.png written");
