/**
 * Figures: extraction time per fixture page (the core under jsdom, as the CLI runs it) and the
 * built bundles' sizes. `npm run bench` (run `npm run build` first for the sizes).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { extractArticle } from '../utils/extract';
import { createMarkdown } from '../utils/markdown';
import { keySentences } from '../utils/keysentences';
import { woshipm } from '../utils/site/woshipm';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'tests', 'fixtures');
const runs = Number(process.env.BENCH_RUNS ?? 15);

const { toMarkdown } = createMarkdown(new new JSDOM('').window.DOMParser());

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => n.toFixed(1).padStart(7);

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const manifest: { name: string; url: string }[] = JSON.parse(readFileSync(path.join(fixtures, 'manifest.json'), 'utf8'));
console.log(`Extraction per fixture page, median of ${runs} runs (jsdom, node ${process.version})\n`);
console.log('page                              KB    parse  extract   (keys) markdown  words');
const extractTimes: number[] = [];
const keyTimes: number[] = [];
for (const { name, url } of manifest) {
  const html = readFileSync(path.join(fixtures, name, 'page.html'), 'utf8');
  const parse: number[] = [];
  const extract: number[] = [];
  const markdown: number[] = [];
  const keys: number[] = [];
  let words = 0;
  for (let i = 0; i < runs; i++) {
    let doc!: Document;
    parse.push(time(() => (doc = new JSDOM(html, { url }).window.document)));
    let result!: ReturnType<typeof extractArticle>;
    extract.push(time(() => (result = extractArticle(doc, url, woshipm))));
    if (!result.ok) throw new Error(`${name}: ${result.reason}`);
    const article = result.article;
    words = article.wordCount;
    keys.push(time(() => keySentences(article, { site: woshipm }))); // the ranker alone: part of extract only for an article that shows key sentences
    markdown.push(time(() => toMarkdown(article, { keyPoints: true })));
    doc.defaultView?.close();
  }
  extractTimes.push(median(extract));
  keyTimes.push(median(keys));
  console.log(
    `${name.padEnd(30)} ${(html.length / 1024).toFixed(0).padStart(5)} ${ms(median(parse))} ${ms(median(extract))} ${ms(median(keys))} ${ms(median(markdown))} ${String(words).padStart(6)}`,
  );
}
console.log(`\nextract: median ${median(extractTimes).toFixed(1)} ms, max ${Math.max(...extractTimes).toFixed(1)} ms over ${manifest.length} pages`);
console.log(
  `the ranker (part of extract for articles without bold or numbered sections): median ${median(keyTimes).toFixed(1)} ms, max ${Math.max(...keyTimes).toFixed(1)} ms`,
);

const out = path.join(root, '.output', 'chrome-mv3');
if (existsSync(out)) {
  console.log('\nBuilt bundles (.output/chrome-mv3)           bytes      gzip');
  const files = ['content-scripts/content.js', ...readdirSync(path.join(out, 'chunks')).map((f) => `chunks/${f}`)];
  for (const file of files) {
    const bytes = readFileSync(path.join(out, file));
    console.log(`${file.padEnd(40)} ${String(bytes.length).padStart(9)} ${String(gzipSync(bytes, { level: 9 }).length).padStart(9)}`);
  }
} else console.log('\n(no build in .output/chrome-mv3: run `npm run build` for bundle sizes)');
