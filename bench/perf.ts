/**
 * Performance figures, all under jsdom (as the CLI and the tests run the core):
 *
 * 1. Ours against the common clipper pipeline, page for page, each from the HTML text to Markdown:
 *    ours = new JSDOM(html) -> extractArticle -> toMarkdown; the peer = new JSDOM(html) ->
 *    new Readability(doc).parse() -> new TurndownService().use(gfm).turndown(content). Both run in
 *    one process, interleaved: for each round, each page, each runner, in an order that rotates, so
 *    that load from elsewhere on the machine falls on both alike. Best of the rounds per page, then
 *    the median of the per-page ratios.
 * 2. Growth: one article scaled 1x, 4x, 16x, 64x in body length and, separately, in clutter.
 * 3. A 10 MB page of each kind.
 * 4. The body limit: a 10 MB page of body paragraphs extracted under several limits (the figures behind bodyLimits).
 *
 * `npm run bench:perf` (BENCH_RUNS=N rounds, 5 by default; BENCH_ONLY=peer|growth|big|limit; run with
 * node --expose-gc, as the script does, for the retained-heap column).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';
import { extractArticle } from '../utils/extract';
import { bodyLimits } from '../utils/extract/content';
import { createMarkdown } from '../utils/markdown';
import { byteSize, scaleBody, scaleClutter, scaleTo } from '../tools/scale-page';
import { woshipm } from '../utils/site/woshipm';
import { fastParser } from '../cli/dom';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'tests', 'fixtures');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const only = process.env.BENCH_ONLY; // peer | growth | big | limit
const gc = (globalThis as { gc?: () => void }).gc;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, width = 8, digits = 1) => n.toFixed(digits).padStart(width);
const mb = (bytes: number) => bytes / 1024 / 1024;

function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
}

const parse = (html: string, url: string) => new JSDOM(html, { url }).window;
const { toMarkdown } = createMarkdown(fastParser);

/** Ours, from HTML text to Markdown: the page parsed, extracted, written from a domino tree (as the CLI does). */
function ours(html: string, url: string): string {
  const win = parse(html, url);
  try {
    const result = extractArticle(win.document, url, woshipm);
    if (!result.ok) throw new Error(`${url}: ${result.reason}`);
    return toMarkdown(result.article);
  } finally {
    win.close();
  }
}

/** The clipper pipeline, with the libraries' defaults, from HTML text to Markdown. */
function peer(html: string, url: string): string {
  const win = parse(html, url);
  try {
    const article = new Readability(win.document).parse();
    if (!article?.content) throw new Error(`${url}: peer found no article`);
    return new TurndownService().use(gfm).turndown(article.content);
  } finally {
    win.close();
  }
}

const runners = [
  ['ours', ours],
  ['peer', peer],
] as const;

const manifest: { name: string; url: string }[] = JSON.parse(readFileSync(path.join(fixtures, 'manifest.json'), 'utf8'));
const article = manifest[0]!; // woshipm-6025589, the modern layout
const articleHtml = readFileSync(path.join(fixtures, article.name, 'page.html'), 'utf8');

console.log(
  `node ${process.version}, jsdom; load average at start ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}\n`,
);

if (!only || only === 'peer') {
  console.log(`1. HTML -> Markdown per page, jsdom parse included: ours (extractArticle + toMarkdown) vs the clipper`);
  console.log(`   pipeline (Readability + Turndown/gfm); ${runs} interleaved rounds, best per page\n`);
  const pages = manifest.map(({ name, url }) => ({ name, url, html: readFileSync(path.join(fixtures, name, 'page.html'), 'utf8') }));
  // Warm up every runner on every page once (JIT, the turndown and DOMPurify instances).
  for (const page of pages) for (const [, run] of runners) run(page.html, page.url);
  const best = new Map(runners.map(([label]) => [label, pages.map(() => Infinity)]));
  for (let round = 0; round < runs; round++) {
    pages.forEach((page, p) => {
      for (let k = 0; k < runners.length; k++) {
        const [label, run] = runners[(round + p + k) % runners.length]!;
        gc?.();
        const [ms] = time(() => run(page.html, page.url));
        const times = best.get(label)!;
        times[p] = Math.min(times[p]!, ms);
      }
    });
  }
  console.log('page                              KB    ours ms   peer ms   ratio');
  const ratios = pages.map((page, p) => {
    const [o, q] = [best.get('ours')![p]!, best.get('peer')![p]!];
    console.log(`${page.name.padEnd(30)} ${fmt(byteSize(page.html) / 1024, 5, 0)} ${fmt(o, 10)} ${fmt(q, 9)} ${fmt(o / q, 7, 2)}x`);
    return o / q;
  });
  const sum = (label: (typeof runners)[number][0]) => best.get(label)!.reduce((a, b) => a + b, 0);
  console.log(
    `\nours/peer median ratio: ${median(ratios).toFixed(2)}x  (sums ${sum('ours').toFixed(0)} ms vs ${sum('peer').toFixed(0)} ms; load average now ${loadavg()[0]!.toFixed(2)})\n`,
  );
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
  extractArticle(warm.document, url, woshipm);
  warm.close();
  const extract: number[] = [];
  const markdown: number[] = [];
  let heapPeak = 0;
  let heapRetained = 0;
  for (let i = 0; i < n; i++) {
    const win = parse(html, url);
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const [e, result] = time(() => extractArticle(win.document, url, woshipm));
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
  for (const [label, scale] of [
    ['body', scaleBody],
    ['body, no limit', unlimited],
    ['clutter', scaleClutter],
  ] as const) {
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
  for (const [label, scale] of [
    ['body paragraphs', scaleBody],
    ['clutter blocks', scaleClutter],
  ] as const) {
    const html = scaleTo(articleHtml, 10_000_000, scale);
    const [parseMs, win] = time(() => parse(html, article.url));
    gc?.();
    const [extractMs, result] = time(() => extractArticle(win.document, article.url, woshipm));
    const [mdMs] = result.ok ? time(() => toMarkdown(result.article)) : [0];
    const outcome = result.ok ? `ok, ${result.article.wordCount} words` : `${result.reason}: ${result.reason}`;
    console.log(`${label.padEnd(25)} ${fmt(mb(byteSize(html)), 5)} ${fmt(parseMs, 10, 0)} ${fmt(extractMs, 11, 0)} ${fmt(mdMs, 7, 0)}  ${outcome}`);
    win.close();
  }
}

if (!only || only === 'limit') {
  console.log('\n4. The body limit on a 10 MB page of body paragraphs: extraction time (wall and CPU), Markdown time and what is kept, per limit');
  console.log(
    `   (the page parsed once: extraction never changes it; ${runs} interleaved rounds, median; elements limit = chars / 10 as in utils/extract/content.ts)\n`,
  );
  const limits = { ...bodyLimits };
  const candidates = (process.env.BENCH_LIMITS ?? '150000,200000,300000').split(',').map(Number);
  const win = parse(scaleTo(articleHtml, 10_000_000, scaleBody), article.url);
  extractArticle(win.document, article.url, woshipm); // one run unmeasured (JIT), as in 2.
  const times = new Map(candidates.map((chars) => [chars, [] as number[]]));
  // CPU time as well as wall time: on a busy machine it is close to what a quiet one would take.
  const cpuTimes = new Map(candidates.map((chars) => [chars, [] as number[]]));
  const mdTimes = new Map(candidates.map((chars) => [chars, [] as number[]]));
  const kept = new Map<number, string>();
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < candidates.length; k++) {
      const chars = candidates[(round + k) % candidates.length]!;
      Object.assign(bodyLimits, { chars, elements: chars / 10 });
      gc?.();
      const cpu = process.cpuUsage();
      const [ms, result] = time(() => extractArticle(win.document, article.url, woshipm));
      const used = process.cpuUsage(cpu);
      const [mdMs] = result.ok ? time(() => toMarkdown(result.article)) : [0];
      times.get(chars)!.push(ms);
      cpuTimes.get(chars)!.push((used.user + used.system) / 1000);
      mdTimes.get(chars)!.push(mdMs);
      if (result.ok) kept.set(chars, `${result.article.text.length} chars of text, ${result.article.wordCount} words, truncated: ${result.article.truncated}`);
    }
  }
  win.close();
  const base = median(times.get(candidates[0]!)!);
  console.log(`limit (chars)  extract ms  extract CPU ms  vs ${candidates[0]}   md ms   kept`);
  for (const chars of candidates) {
    const ms = median(times.get(chars)!);
    console.log(
      `${String(chars).padStart(13)} ${fmt(ms, 11, 0)} ${fmt(median(cpuTimes.get(chars)!), 15, 0)} ${fmt(ms / base, 8, 2)}x ${fmt(median(mdTimes.get(chars)!), 7, 0)}   ${kept.get(chars)}`,
    );
  }
  console.log(`(load average now ${loadavg()[0]!.toFixed(2)})`);
  Object.assign(bodyLimits, limits);
}
