/**
 * Performance figures, all under jsdom (as the CLI and the tests run the core):
 *
 * 1. Ours against the common clipper pipeline (MarkDownload's: Readability over a clone of the
 *    whole page, then Turndown with the gfm plugin over `article.content`), per fixture page.
 * 2. Growth: one article scaled 1x, 4x, 16x, 64x in body length and, separately, in clutter.
 * 3. A 10 MB page of each kind.
 *
 * `npm run bench:perf` (BENCH_RUNS=N for the median of N runs; run with node --expose-gc, as the
 * script does, for the retained-heap column).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';
import { extractArticle } from '../utils/extract';
import { bodyLimits } from '../utils/extract/content';
import { createMarkdown } from '../utils/markdown';
import { byteSize, scaleBody, scaleClutter, scaleTo } from '../tests/scale';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'tests', 'fixtures');
const runs = Number(process.env.BENCH_RUNS ?? 9);
const only = process.env.BENCH_ONLY; // peer | growth | big
const gc = (globalThis as { gc?: () => void }).gc;

// Both pipelines parse HTML strings with the same jsdom DOMParser (ours in toMarkdown; Turndown in
// a browser uses the page's DOMParser, so the peer is given one too).
const { DOMParser } = new JSDOM('').window;
const { toMarkdown } = createMarkdown(new DOMParser());

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, width = 8, digits = 1) => n.toFixed(digits).padStart(width);
const mb = (bytes: number) => bytes / 1024 / 1024;

function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
}

const parse = (html: string, url: string) => new JSDOM(html, { url }).window;

function ours(doc: Document, url: string): string {
  const result = extractArticle(doc, url);
  if (!result.ok) throw new Error(`${url}: ${result.reason}`);
  return toMarkdown(result.article);
}

/** MarkDownload's defaults: atx headings, fenced code, `-` bullets, `_` emphasis, gfm tables. */
const peerTurndown = new TurndownService({
  headingStyle: 'atx',
  hr: '___',
  bulletListMarker: '-',
  codeBlockStyle: 'fenced',
  fence: '```',
  emDelimiter: '_',
  strongDelimiter: '**',
  linkStyle: 'inlined',
});
peerTurndown.use(gfm);

function peer(doc: Document): string {
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  if (!article?.content) throw new Error('peer: no article');
  const body = new DOMParser().parseFromString(article.content, 'text/html').body;
  return peerTurndown.turndown(body);
}

const manifest: { name: string; url: string }[] = JSON.parse(readFileSync(path.join(fixtures, 'manifest.json'), 'utf8'));
const article = manifest[0]!; // woshipm-6025589, the modern layout
const articleHtml = readFileSync(path.join(fixtures, article.name, 'page.html'), 'utf8');

console.log(`node ${process.version}, jsdom, median of ${runs} runs; page parsing excluded from every figure\n`);

if (!only || only === 'peer') {
  console.log('1. Ours (extractArticle + toMarkdown) vs the clipper pipeline (Readability on the whole page + Turndown/gfm)\n');
  console.log('page                              KB    ours ms   peer ms   ratio');
  const ratios: number[] = [];
  let oursTotal = 0;
  let peerTotal = 0;
  for (const { name, url } of manifest) {
    const html = readFileSync(path.join(fixtures, name, 'page.html'), 'utf8');
    // Warm up both once (JIT, the turndown and DOMPurify instances).
    for (const run of [ours, peer]) {
      const win = parse(html, url);
      run(win.document, url);
      win.close();
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which runs first, each on its own freshly parsed page.
      const order = i % 2 ? ([['peer', peer], ['ours', ours]] as const) : ([['ours', ours], ['peer', peer]] as const);
      for (const [label, run] of order) {
        const win = parse(html, url);
        const [ms] = time(() => run(win.document, url));
        (label === 'ours' ? a : b).push(ms);
        win.close();
      }
    }
    const [o, p] = [median(a), median(b)];
    oursTotal += o;
    peerTotal += p;
    ratios.push(o / p);
    console.log(`${name.padEnd(30)} ${fmt(byteSize(html) / 1024, 5, 0)} ${fmt(o, 10)} ${fmt(p, 9)} ${fmt(o / p, 7, 2)}x`);
  }
  console.log(`\nmedian ratio ours/peer: ${median(ratios).toFixed(2)}x  (sum ${oursTotal.toFixed(0)} ms vs ${peerTotal.toFixed(0)} ms)\n`);
}

interface Measure {
  extract: number;
  markdown: number;
  heapPeak: number;
  heapRetained: number;
}

/** Extraction and Markdown time (medians), and heap: allocated during one run before any GC, and retained after it. */
function measure(html: string, url: string, n: number): Measure {
  const warm = parse(html, url); // one run unmeasured, as a reader would not see the first
  extractArticle(warm.document, url);
  warm.close();
  const extract: number[] = [];
  const markdown: number[] = [];
  let heapPeak = 0;
  let heapRetained = 0;
  for (let i = 0; i < n; i++) {
    const win = parse(html, url);
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const [e, result] = time(() => extractArticle(win.document, url));
    if (!result.ok) throw new Error(result.reason);
    const [m] = time(() => toMarkdown(result.article));
    const after = process.memoryUsage().heapUsed;
    gc?.();
    const retained = process.memoryUsage().heapUsed;
    extract.push(e);
    markdown.push(m);
    heapPeak = Math.max(heapPeak, after - before);
    heapRetained = Math.max(heapRetained, retained - before);
    win.close();
  }
  return { extract: median(extract), markdown: median(markdown), heapPeak, heapRetained };
}

if (!only || only === 'growth') {
  console.log(`2. Growth: ${article.name} scaled in body length and in clutter${gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`);
  console.log(`   (body at 64x is past the body limit of ${bodyLimits.chars} characters: "body, no limit" lifts it to show the pipeline's own growth)\n`);
  const limits = { ...bodyLimits };
  const unlimited = (html: string, factor: number) => scaleBody(html, factor);
  for (const [label, scale] of [['body', scaleBody], ['body, no limit', unlimited], ['clutter', scaleClutter]] as const) {
    Object.assign(bodyLimits, label === 'body, no limit' ? { chars: Infinity, elements: Infinity } : limits);
    console.log(`${label}\n${''.padEnd(8)} factor      KB  extract ms  md ms   ms/KB  time ratio / size ratio  heap alloc MB  retained MB`);
    let first: { ms: number; kb: number } | null = null;
    for (const factor of [1, 4, 16, 64]) {
      const html = scale(articleHtml, factor);
      const kb = byteSize(html) / 1024;
      const m = measure(html, article.url, factor >= 64 ? Math.min(runs, 3) : Math.min(runs, 5));
      first ??= { ms: m.extract, kb };
      const growth = m.extract / first.ms / (kb / first.kb);
      console.log(
        `${''.padEnd(8)} ${String(factor).padStart(6)} ${fmt(kb, 7, 0)} ${fmt(m.extract, 11)} ${fmt(m.markdown, 6)} ${fmt(m.extract / kb, 7, 2)} ${fmt(growth, 24, 2)} ${fmt(mb(m.heapPeak), 14)} ${fmt(mb(m.heapRetained), 12)}`,
      );
    }
    console.log('');
  }
  Object.assign(bodyLimits, limits);
  console.log('(time ratio / size ratio: extraction time relative to 1x, divided by the page size relative to 1x; flat = linear)\n');
}

if (!only || only === 'big') {
  console.log('3. 10 MB pages\n');
  console.log('page                        MB   parse ms  extract ms   md ms  result');
  for (const [label, scale] of [['body paragraphs', scaleBody], ['clutter blocks', scaleClutter]] as const) {
    const html = scaleTo(articleHtml, 10_000_000, scale);
    const [parseMs, win] = time(() => parse(html, article.url));
    gc?.();
    const [extractMs, result] = time(() => extractArticle(win.document, article.url));
    const [mdMs] = result.ok ? time(() => toMarkdown(result.article)) : [0];
    const outcome = result.ok ? `ok, ${result.article.wordCount} words` : `${result.reason}: ${result.reason}`;
    console.log(`${label.padEnd(25)} ${fmt(mb(byteSize(html)), 5)} ${fmt(parseMs, 10, 0)} ${fmt(extractMs, 11, 0)} ${fmt(mdMs, 7, 0)}  ${outcome}`);
    win.close();
  }
}
