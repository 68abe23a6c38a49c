/**
 * Restoring highlights in headless Chromium: the highlights core (utils/highlights, bundled here with vite) is
 * put into a long fixture article page, 100 highlights are made from selections spread over its body, then,
 * on a freshly loaded page, the time to restore them (anchor + paint: `paintHighlights`), cold (first call on
 * a fresh page, median over reloads) and warm (unpaint + paint again, median), with and without the layout
 * the marks cause. Also on the article made 4x longer, and the core's bundle size. `npm run bench:highlights`
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { scaleBody } from '../tools/scale-page';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reloads = Number(process.env.BENCH_RUNS ?? 10);
const warmRuns = 20;
const count = 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** utils/highlights/index.ts as one minified script that sets `window.woshipmHighlights`. */
async function bundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: path.join(root, 'utils/highlights/index.ts'), formats: ['iife'], name: 'woshipmHighlights' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('no bundle');
  return chunk.code;
}

type Core = typeof import('../utils/highlights');
type Win = Window & { woshipmHighlights: Core; stored?: unknown[] };

const fixture = 'evaluating-2023-5774456';
const url = 'https://www.woshipm.com/evaluating/5774456.html';

async function open(page: Page, html: string, code: string) {
  await page.route('**/*', (r) => (r.request().url() === url ? r.fulfill({ contentType: 'text/html; charset=utf-8', body: html }) : r.abort()));
  await page.goto(url);
  await page.addScriptTag({ content: code });
  await page.evaluate('window.__name = (f) => f'); // tsx names inner functions with a helper the page lacks
}

/** 100 highlights from selections spread evenly over the article body, lengths 10 to 80 characters. */
async function makeHighlights(page: Page, n: number): Promise<{ highlights: unknown[]; chars: number }> {
  return page.evaluate((n) => {
    const core = (window as unknown as Win).woshipmHighlights;
    const body = document.querySelector('.article--content') ?? document.body;
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const text = core.rootText(body);
    const highlights = [];
    for (let i = 0; i < n; i++) {
      const start = Math.floor((i * (text.length - 100)) / n);
      const length = 10 + ((i * 37) % 71);
      let offset = 0;
      const range = document.createRange();
      let started = false;
      for (const node of nodes) {
        const end = offset + node.data.length;
        if (!started && start < end) {
          range.setStart(node, start - offset);
          started = true;
        }
        if (started && start + length <= end) {
          range.setEnd(node, start + length - offset);
          break;
        }
        offset = end;
      }
      const described = core.describeRange(body, range);
      if (described) highlights.push({ id: `h${i}`, color: 'yellow', note: '', ...described, createdAt: 0, updatedAt: 0 });
    }
    return { highlights, chars: text.length };
  }, n);
}

/** One restore on the page as it is: ms for paintHighlights, and with the layout it causes. */
function restore(page: Page, highlights: unknown[]) {
  return page.evaluate((highlights) => {
    const core = (window as unknown as Win).woshipmHighlights;
    const body = document.querySelector('.article--content') ?? document.body;
    void document.body.offsetHeight; // a clean layout to start from
    const t0 = performance.now();
    const result = core.paintHighlights(body, highlights as Parameters<Core['paintHighlights']>[1]);
    const t1 = performance.now();
    void document.body.offsetHeight;
    const t2 = performance.now();
    return { paint: t1 - t0, withLayout: t2 - t0, painted: result.painted.length, orphaned: result.orphaned.length };
  }, highlights);
}

const unpaint = (page: Page) =>
  page.evaluate(() => (window as unknown as Win).woshipmHighlights.unpaintHighlights(document.querySelector('.article--content') ?? document.body));

const code = await bundle();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage();
  const original = readFileSync(path.join(root, 'tests/fixtures', fixture, 'page.html'), 'utf8');
  console.log(`Restoring ${count} highlights (anchor + paint, paintHighlights) in headless Chromium, 2 busy cores`);
  for (const [label, html, orphans] of [
    ['fixture article', original, 0],
    ['fixture article, 10 of them with their text deleted (searched for fuzzily, then orphaned)', original, 10],
    ['the same article 4x longer', scaleBody(original, 4), 0],
  ] as const) {
    await open(page, html, code);
    const { highlights, chars } = await makeHighlights(page, count);
    // A passage the author deleted: the stored quote is nowhere in the page any more.
    for (const h of highlights.slice(0, orphans) as { quote: { exact: string } }[]) h.quote.exact = `已删除的段落${h.quote.exact}`.split('').reverse().join('');
    const cold: { paint: number; withLayout: number }[] = [];
    let outcome = '';
    for (let i = 0; i < reloads; i++) {
      await open(page, html, code);
      const r = await restore(page, highlights);
      cold.push(r);
      outcome = `${r.painted} painted, ${r.orphaned} orphaned`;
    }
    const warm: { paint: number; withLayout: number }[] = [];
    for (let i = 0; i < warmRuns; i++) {
      await unpaint(page);
      warm.push(await restore(page, highlights));
    }
    const f = (xs: { paint: number; withLayout: number }[], k: 'paint' | 'withLayout') => median(xs.map((x) => x[k])).toFixed(1);
    console.log(`  ${label} (${chars} characters of body text, ${highlights.length} highlights: ${outcome})`);
    console.log(
      `    first restore on a fresh page: ${f(cold, 'paint')} ms, ${f(cold, 'withLayout')} ms with layout (median of ${reloads} loads; goal < 50 ms)`,
    );
    console.log(`    again (unpaint, paint):        ${f(warm, 'paint')} ms, ${f(warm, 'withLayout')} ms with layout (median of ${warmRuns})`);
  }
  const gzip = gzipSync(Buffer.from(code), { level: 9 }).length;
  console.log(`\nhighlights core bundle (utils/highlights/index.ts: anchor, paint, backup, approx-string-match): ${code.length} B minified, ${gzip} B gzip`);
} finally {
  await browser.close();
}
