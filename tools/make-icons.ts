/** Renders public/icon/*.png from one SVG with headless Chromium: `npx tsx tools/make-icons.ts`. */
import path from 'node:path';
import { chromium } from 'playwright-core';

// A page with lines of text and a down arrow: "read, then take it away as Markdown".
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="#1765d1"/>
  <rect x="30" y="26" width="52" height="72" rx="8" fill="#fff"/>
  <rect x="40" y="40" width="32" height="6" rx="3" fill="#1765d1"/>
  <rect x="40" y="54" width="24" height="6" rx="3" fill="#9cc0f2"/>
  <rect x="40" y="68" width="28" height="6" rx="3" fill="#9cc0f2"/>
  <circle cx="88" cy="90" r="22" fill="#ffb020"/>
  <path d="M88 78v22m-9-9 9 9 9-9" stroke="#1d2129" stroke-width="6" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 96, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: path.join('public', 'icon', `${size}.png`), omitBackground: true });
}
await browser.close();
