/**
 * Figures in headless Chromium with the built extension (`npm run build` first):
 * - popup open-to-card time over 20 opens (cold: a fresh tab each time, the engine loaded on
 *   first use; warm: the same tab again), median and max;
 * - extraction time per fixture page inside the page (the `extract` message, round trip from an
 *   extension page), first call (engine load included) and median of the next 10.
 * `npm run bench:browser`
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, root } from '../tools/browser-harness';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => n.toFixed(1).padStart(7);
const opens = Number(process.env.BENCH_OPENS ?? 20);

const s = await launch();
try {
  const article = 'https://www.woshipm.com/zhichang/6025589.html';
  async function openToCard(tabId: number): Promise<number> {
    const popup = await s.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    const start = performance.now();
    await popup.goto(`chrome-extension://${s.id}/popup.html?tabId=${tabId}`);
    await popup.locator('.card-title').waitFor();
    const ms = performance.now() - start;
    await popup.close();
    return ms;
  }
  const cold: number[] = [];
  for (let i = 0; i < opens; i++) {
    const { page, tabId } = await s.openSite(article);
    cold.push(await openToCard(tabId));
    await page.close();
  }
  const { tabId } = await s.openSite(article);
  await openToCard(tabId);
  const warm: number[] = [];
  for (let i = 0; i < opens; i++) warm.push(await openToCard(tabId));
  console.log(`Popup open-to-card, ${opens} opens each (headless Chromium, 2 cores)`);
  console.log(`  cold (new tab, engine loads): median ${median(cold).toFixed(0)} ms, max ${Math.max(...cold).toFixed(0)} ms`);
  console.log(`  warm (same tab again):        median ${median(warm).toFixed(0)} ms, max ${Math.max(...warm).toFixed(0)} ms`);

  console.log('\nExtraction in the page (extract message round trip), ms');
  console.log('page                               first   median');
  const manifest: { name: string; url: string }[] = JSON.parse(readFileSync(path.join(root, 'tests', 'fixtures', 'manifest.json'), 'utf8'));
  const probe = await s.openPopup(-1);
  const medians: number[] = [];
  for (const { name, url } of manifest) {
    const site = await s.openSite(url);
    const times = await probe.evaluate(async (id) => {
      const chrome = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      const out: number[] = [];
      for (let i = 0; i < 11; i++) {
        const t0 = performance.now();
        const r = (await chrome.tabs.sendMessage(id, { type: 'extract', data: {} })) as { ok: boolean };
        if (!r.ok) throw new Error('extract failed');
        out.push(performance.now() - t0);
      }
      return out;
    }, site.tabId);
    medians.push(median(times.slice(1)));
    console.log(`${name.padEnd(32)} ${fmt(times[0]!)} ${fmt(median(times.slice(1)))}`);
    await site.page.close();
  }
  console.log(`\nextract in Chromium: median ${median(medians).toFixed(1)} ms, max ${Math.max(...medians).toFixed(1)} ms over ${manifest.length} pages`);
} finally {
  await s.close();
}
