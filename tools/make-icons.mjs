// Renders the app icons (PNG, 192 and 512 px, plus a maskable one with a safe zone) from
// assets/icon.svg with headless Chromium. Run once after changing the icon; the PNGs are committed.
//   node tools/make-icons.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const svg = readFileSync("assets/icon.svg", "utf8");
// Maskable: a full-bleed background, the drawing scaled into the central 80 % safe zone.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="#0b6e4f"/>
  <g transform="translate(51.2 51.2) scale(0.8)">${svg.replace(/<\/?svg[^>]*>/g, "")}</g>
</svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const page = await browser.newPage();
for (const [name, source, size] of [
  ["icon-192.png", svg, 192],
  ["icon-512.png", svg, 512],
  ["icon-maskable-512.png", maskable, 512],
]) {
  await page.setViewportSize({ width: size, height: size });
  const data = `data:image/svg+xml;base64,${Buffer.from(source).toString("base64")}`;
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${data}" width="${size}" height="${size}">`);
  await page.locator("img").evaluate((img) => img.decode());
  writeFileSync(`assets/icons/${name}`, await page.screenshot({ omitBackground: true }));
}
await browser.close();
console.log("icons written to assets/icons/");
