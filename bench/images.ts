/**
 * Export with images, in headless Chromium with the built extension (`npm run build` first), against
 * the local CDN stand-in (tools/image-cdn.ts): an article with 60 images of 500 kB each, exported by the
 * background's one export flow to each destination:
 *
 *   zip      下载, images 打包下载: `<name>.zip` in Downloads
 *   folder   保存到文件夹: the note and its images written into the notes folder (a folder of the
 *            origin-private file system, chosen in Options as a user's folder would be)
 *   remote   下载, 在线地址: one `.md`
 *
 * Prints, median of the runs: time from the click to the popup saying it is saved (the file handed to the
 * downloads API, or written and closed), the extension processes' peak added resident memory while it
 * works (the service worker does the work; image bytes live outside the JS heap), the same with a garbage
 * collection before each sample (`--js-flags=--expose-gc`, `gc()` in the worker: what the export actually
 * holds), the popup's longest task, the output's size. Then a batch of 20 open article tabs with the popup
 * closed right after the start: time to the job's end, to the folder and to one zip.
 * `npm run bench:images` (BENCH_IMAGES, BENCH_IMAGE_KB, BENCH_RUNS to change the sizes).
 */
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { measure } from '../scripts/check-budgets';
import { fixturesDir, launch } from '../tools/browser-harness';
import { cdnArgs, cdnHosts, startImageCdn } from '../tools/image-cdn';

const count = Number(process.env.BENCH_IMAGES ?? 60);
const kb = Number(process.env.BENCH_IMAGE_KB ?? 500);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const url = 'https://www.woshipm.com/pmd/5239764.html';

/**
 * Resident memory of the extension's renderer process(es) (Chromium marks them `--extension-process`):
 * the service worker and the popup, with the array buffers of image bytes.
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
const s = await launch({ args: [...cdnArgs(cdn.port), '--js-flags=--expose-gc'], passThrough: cdnHosts });
s.pages.set(url, page());

/** The bytes under the origin-private folder `dir` (the notes folder). */
const folderBytes = (options: Page, dir: string) =>
  options.evaluate(async (name) => {
    // A stack, not a named inner function: tsx's keepNames would wrap one in a helper the page has not got.
    let total = 0;
    const stack = [await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true })];
    while (stack.length) {
      for await (const child of (stack.pop() as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
        if (child.kind === 'directory') stack.push(child as FileSystemDirectoryHandle);
        else total += (await (child as FileSystemFileHandle).getFile()).size;
      }
    }
    return total;
  }, dir);

/** Runs in an extension page: the newest batch job's state. */
const batchState = (helper: Page) =>
  helper.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ state: string; items: { state: string }[] } | null> } } }).chrome;
    const job = await api.runtime.sendMessage({ to: 'background', type: 'exportJob', data: { kind: 'batch' } });
    return job && { state: job.state, done: job.items.filter((i) => i.state === 'done').length, total: job.items.length };
  });

try {
  // The notes folder: chosen in Options with the page's own button, handed a real directory handle.
  const options = await s.context.newPage();
  await options.goto(`chrome-extension://${s.id}/options.html`);
  // As a string: tsx's keepNames would wrap a named function in a helper the page has not got.
  await options.evaluate(`(async () => {
    const vault = await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-vault', { create: true });
    window.showDirectoryPicker = () => Promise.resolve(vault);
  })()`);
  await options.getByRole('radio', { name: '保存到文件夹' }).check();
  await options.getByRole('button', { name: '选择文件夹' }).click();
  await options.getByText('笔记文件夹：bench-vault').waitFor();
  await options.getByLabel('保存后在 Obsidian 中打开（所选文件夹是 Obsidian 库时）').uncheck();
  const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
  const collectInWorker = () => worker.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.()).catch(() => undefined);

  type Mode = 'zip' | 'folder' | 'remote';
  const modes: Record<Mode, { destination: string; images: string }> = {
    zip: { destination: 'download', images: 'local' },
    folder: { destination: 'folder', images: 'local' },
    remote: { destination: 'download', images: 'remote' },
  };
  type Figures = { ms: number[]; rss: number[]; held: number[]; longest: number[]; size: number[] };
  const results = Object.fromEntries(Object.keys(modes).map((m) => [m, { ms: [], rss: [], held: [], longest: [], size: [] } as Figures])) as Record<Mode, Figures>;
  for (let run = 0; run < runs * 2; run++) {
    // even runs as a user would see them; odd runs with a garbage collection in the worker before each memory sample
    const collect = run % 2 === 1;
    for (const mode of Object.keys(modes) as Mode[]) {
      const { page: tab, tabId } = await s.openSite(url);
      const popup = await s.context.newPage();
      await popup.addInitScript(() => {
        const tasks: number[] = ((window as unknown as { __tasks: number[] }).__tasks = []);
        new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push(e.duration);
    }).observe({ type: 'longtask' });
      });
      await popup.goto(`chrome-extension://${s.id}/popup.html?tabId=${tabId}`);
      await popup.locator('.card-title').waitFor();
      await popup.getByLabel('图片').selectOption(modes[mode].images);
      await popup.getByLabel('保存位置').selectOption(modes[mode].destination);
      mkdirSync(s.downloads, { recursive: true });
      const before = new Set(readdirSync(s.downloads));
      await popup.evaluate(() => ((window as unknown as { __tasks: number[] }).__tasks.length = 0));
      await collectInWorker();
      const rssBefore = extensionRss();
      let rssPeak = rssBefore;
      const start = performance.now();
      await popup.getByRole('button', { name: mode === 'folder' ? '保存到文件夹' : '下载 Markdown' }).click();
      const done = popup.locator('footer .notice').getByText(/^(已保存到|已更新|已开始下载)/);
      while (!(await done.count())) {
        if (collect) await collectInWorker();
        rssPeak = Math.max(rssPeak, extensionRss());
        await new Promise((r) => setTimeout(r, 20));
        if (performance.now() - start > 120_000) throw new Error(`${mode}: not saved after 2 minutes`);
      }
      const ms = performance.now() - start;
      let size = 0;
      if (mode === 'folder') size = await folderBytes(options, 'bench-vault');
      else {
        const ext = mode === 'zip' ? '.zip' : '.md';
        for (let file: string | undefined; !file; await new Promise((r) => setTimeout(r, 20))) {
          file = readdirSync(s.downloads).find((f) => f.endsWith(ext) && !before.has(f) && statSync(path.join(s.downloads, f)).size > 0);
          if (file) size = statSync(path.join(s.downloads, file)).size;
        }
      }
      const tasks = await popup.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks);
      await popup.close();
      await tab.close();
      if (collect) {
        results[mode].held.push(rssPeak - rssBefore);
        continue;
      }
      results[mode].ms.push(ms);
      results[mode].rss.push(rssPeak - rssBefore);
      results[mode].longest.push(Math.max(0, ...tasks));
      results[mode].size.push(size);
    }
  }
  console.log(`Export of an article with ${count} images of ${kb} kB (${mb(count * kb * 1024)} MB of images), run by the background, ${runs} runs, median`);
  console.log('destination                time ms   process memory added, peak MB   held (collected), peak MB   popup longest task ms   output MB');
  const labels: Record<Mode, string> = { zip: 'download, zip', folder: 'notes folder', remote: 'download, remote links' };
  for (const mode of Object.keys(modes) as Mode[]) {
    const r = results[mode];
    console.log(
      `${labels[mode].padEnd(24)} ${median(r.ms).toFixed(0).padStart(8)}   ${mb(median(r.rss)).padStart(29)}   ${mb(median(r.held)).padStart(25)}   ${median(r.longest).toFixed(0).padStart(21)}   ${mb(median(r.size)).padStart(9)}`,
    );
  }

  // A batch of 20 open articles, the popup closed right after the start.
  const manifest: { url: string }[] = JSON.parse(readFileSync(path.join(fixturesDir, 'manifest.json'), 'utf8'));
  const articles = manifest.map((m) => m.url);
  for (let n = 1; articles.length < 20; n++) {
    const copy = `https://www.woshipm.com/pmd/${9200000 + n}.html`;
    s.pages.set(copy, readFileSync(path.join(fixturesDir, 'pmd-2021-5239764', 'page.html'), 'utf8').replaceAll('5239764', String(9200000 + n)).replaceAll('深度思考 | ', `副本 ${n} | `));
    articles.push(copy);
  }
  console.log(`\nBatch of ${articles.length} open article tabs (the fixtures' images are on hosts not served here: each fails fast), popup closed after the click`);
  for (const [label, destination, images] of [['notes folder', 'folder', 'local'], ['download, one zip', 'download', 'local']] as const) {
    for (const page of s.context.pages()) if (page.url().startsWith('https://www.woshipm.com/')) await page.close();
    const tabs = [];
    for (const article of articles.slice(0, 20)) tabs.push(await s.openSite(article));
    const popup = await s.openPopup(tabs[0]!.tabId);
    await popup.locator('.card-title').waitFor();
    await popup.getByLabel('图片').selectOption(images);
    await popup.getByLabel('保存位置').selectOption(destination);
    const start = performance.now();
    await popup.getByRole('button', { name: '导出所有打开的 woshipm 文章（20 篇）' }).click();
    await popup.getByRole('status').filter({ hasText: /正在导出/ }).first().waitFor();
    await popup.close();
    let state = await batchState(options);
    while (state?.state === 'running' || !state) {
      await new Promise((r) => setTimeout(r, 50));
      state = await batchState(options);
      if (performance.now() - start > 300_000) throw new Error('batch: not done after 5 minutes');
    }
    console.log(`${label.padEnd(18)} ${(performance.now() - start).toFixed(0).padStart(7)} ms   ${state.done}/${state.total} saved`);
  }

  const build = path.resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');
  const entries = measure(build);
  console.log(
    `\ncontent script ${entries.filter((e) => e.group === 'content').reduce((n, e) => n + e.gzip, 0)} B gzip (budget 30000)` +
      `; popup on demand ${entries.filter((e) => e.group === 'popup-lazy').reduce((n, e) => n + e.gzip, 0)} B gzip (budget 15000)` +
      `; ${entries.filter((e) => e.group === 'info').map((e) => `${e.file} ${e.gzip} B`).join(', ')} gzip (the background runs every export)`,
  );
} finally {
  await s.close();
  await cdn.close();
}
