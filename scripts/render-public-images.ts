// `npx tsx scripts/render-public-images.ts`: draws public/'s PNGs (app icons, the Open Graph
// image) from app/icon.svg in Chromium, so they stay in step with the icon. Run after changing it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import config from "../playwright.config";

const root = path.resolve(__dirname, "..");
const icon = readFileSync(path.join(root, "app/icon.svg"), "utf8");
const iconUrl = `data:image/svg+xml;base64,${Buffer.from(icon).toString("base64")}`;

const og = `<body style="margin:0;width:1200px;height:630px;display:flex;align-items:center;gap:56px;padding:0 96px;box-sizing:border-box;background:#0b1220;font-family:system-ui,sans-serif;color:#f9fafb">
  <img src="${iconUrl}" width="220" height="220">
  <div><div style="font-size:96px;font-weight:700;letter-spacing:-2px">Hookflow</div>
  <div style="font-size:38px;color:#93c5fd;margin-top:16px">Webhook-driven workflows.<br>Every run saved, shown live.</div></div></body>`;

async function main(): Promise<void> {
  const browser = await chromium.launch(config.use?.launchOptions);
  const page = await browser.newPage();
  for (const size of [192, 512]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<body style="margin:0"><img src="${iconUrl}" width="${size}" height="${size}" style="display:block"></body>`);
    await page.screenshot({ path: path.join(root, `public/icon-${size}.png`), omitBackground: true });
  }
  await page.setViewportSize({ width: 1200, height: 630 });
  await page.setContent(og);
  await page.screenshot({ path: path.join(root, "public/og.png") });
  await browser.close();
}

void main();
