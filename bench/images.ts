/**
 * Export with images, in headless Chromium with the built extension (`npm run build` first), against
 * the local CDN stand-in (tools/image-cdn.ts): an article with 60 images of 500 kB each, downloaded
 * from the popup "with images" (zip) and "remote" (links only). Prints, median of the runs: time from
 * the click to the saved file, the popup's peak JS heap and the extension process's peak added
 * resident memory while it works (image bytes live outside the JS heap), the popup's longest task (a
 * frozen popup would show one), the file's size; then what the image export adds to the bundles.
 * The memory peak counts garbage not yet collected: V8 collects array buffers only once ~64 MB of them
 * have piled up. A second pass forces a collection (CDP HeapProfiler.collectGarbage) before each sample,
 * so its peak is what the export actually holds.
 * `npm run bench:images` (BENCH_IMAGES, BENCH_IMAGE_KB, BENCH_RUNS to change the sizes).
 */
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { measure } from '../scripts/check-budgets';
import { fixturesDir, launch } from '../tools/browser-harness';
import { cdnArgs, cdnHosts, startImageCdn } from '../tools/image-cdn';

const count = Number(process.env.BENCH_IMAGES ?? 60);
const kb = Number(process.env.BENCH_IMAGE_KB ?? 500);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const url = 'https://www.woshipm.com/pmd/5239764.html';
/**
 * Resident memory of the extension's renderer process(es) (Chromium marks them `--extension-process`),
 * where the popup works: array buffers of image bytes are there, not in the JS heap figure.
 */
function extensionRss(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !cmd.includes('--extension-process')) continue;
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The classic-layout fixture with `count` large images at the start of its body. */
function page(): string {
  const html = readFileSync(path.join(fixturesDir, 'pmd-2021-5239764', 'page.html'), 'utf8');
  const images = Array.from({ length: count }, (_, i) => `<p><img src="https://image.woshipm.com/wp-files/2024/01/bench-${i}-${kb}k.jpg" alt="图 ${i + 1}"></p>`);
  return html.replace('<div class="article--content grap">', `<div class="article--content grap">\n${images.join('\n')}`);
}

const cdn = await startImageCdn();
const s = await launch({ args: cdnArgs(cdn.port), passThrough: cdnHosts });
s.pages.set(url, page());
try {
  type Figures = { ms: number[]; heap: number[]; rss: number[]; held: number[]; longest: number[]; size: number[] };
  const figures = (): Figures => ({ ms: [], heap: [], rss: [], held: [], longest: [], size: [] });
  const results: Record<'local' | 'remote', Figures> = { local: figures(), remote: figures() };
  for (let run = 0; run < runs * 2; run++) {
    // even runs as a user would see them; odd runs with a garbage collection before each memory sample
    const collect = run % 2 === 1;
    for (const mode of ['local', 'remote'] as const) {
      const { page: tab, tabId } = await s.openSite(url);
      const popup = await s.context.newPage();
      await popup.addInitScript(() => {
        const tasks: number[] = ((window as unknown as { __tasks: number[] }).__tasks = []);
        new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration))).observe({ type: 'longtask' });
      });
      await popup.goto(`chrome-extension://${s.id}/popup.html?tabId=${tabId}`);
      await popup.locator('.card-title').waitFor();
      await popup.getByLabel('图片').selectOption(mode);
      const cdp = await s.context.newCDPSession(popup);
      await cdp.send('Performance.enable');
      await cdp.send('HeapProfiler.enable');
      const heapNow = async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
      await popup.evaluate(() => ((window as unknown as { __tasks: number[] }).__tasks.length = 0));
      mkdirSync(s.downloads, { recursive: true });
      const before = new Set(readdirSync(s.downloads));
      const ext = mode === 'local' ? '.zip' : '.md';
      let peak = await heapNow();
      const rssBefore = extensionRss();
      let rssPeak = rssBefore;
      const start = performance.now();
      await popup.getByRole('button', { name: '下载 Markdown' }).click();
      let file: string | undefined;
      while (!file) {
        if (collect) await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
        peak = Math.max(peak, await heapNow());
        rssPeak = Math.max(rssPeak, extensionRss());
        const found = readdirSync(s.downloads).find((f) => f.endsWith(ext) && !before.has(f));
        if (found && statSync(path.join(s.downloads, found)).size > 0) file = path.join(s.downloads, found);
        else await new Promise((r) => setTimeout(r, 20));
        if (performance.now() - start > 120_000) throw new Error(`no ${ext} download after 2 minutes`);
      }
      const ms = performance.now() - start;
      const tasks = await popup.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks);
      await popup.close();
      await tab.close();
      if (collect) {
        results[mode].held.push(rssPeak - rssBefore);
        continue;
      }
      results[mode].ms.push(ms);
      results[mode].heap.push(peak);
      results[mode].rss.push(rssPeak - rssBefore);
      results[mode].longest.push(Math.max(0, ...tasks));
      results[mode].size.push(statSync(file).size);
    }
  }
  console.log(`Export of an article with ${count} images of ${kb} kB (${mb(count * kb * 1024)} MB of images), popup, ${runs} runs, median`);
  console.log('mode                 time ms   JS heap peak MB   process memory added, peak MB   held (collected), peak MB   longest task ms   file MB');
  for (const [mode, label] of [['local', 'with images (zip)'], ['remote', 'remote links']] as const) {
    const r = results[mode];
    console.log(
      `${label.padEnd(19)} ${median(r.ms).toFixed(0).padStart(8)}   ${mb(median(r.heap)).padStart(15)}   ${mb(median(r.rss)).padStart(29)}   ${mb(median(r.held)).padStart(25)}   ${median(r.longest).toFixed(0).padStart(15)}   ${mb(median(r.size)).padStart(7)}`,
    );
  }
  const build = path.resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');
  const entries = measure(build);
  const imageChunks = entries.filter((e) => e.group === 'popup-lazy' && !/markdown/.test(e.file));
  console.log(
    `\nimage export code, loaded by the popup on first use: ${imageChunks.map((e) => `${e.file} ${e.gzip} B`).join(', ')} gzip` +
      `; content script ${entries.filter((e) => e.group === 'content').reduce((n, e) => n + e.gzip, 0)} B gzip (budget 30000)` +
      `; ${entries.filter((e) => e.group === 'info').map((e) => `${e.file} ${e.gzip} B`).join(', ')} gzip (the background fetches and zips for the shortcut, menu and reader)`,
  );
} finally {
  await s.close();
  await cdn.close();
}
