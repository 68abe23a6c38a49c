/**
 * The library search at scale: `npm run eval:search` (node --expose-gc, for the heap figure).
 *
 * The 800 corpus articles (bench/search-corpus.ts: rebuilt as pages with their lead, extracted as the extension does)
 * as SearchDocs. Queries: made from the articles with a fixed seed (words of titles, author names, tags, 2 to 8
 * character spans of body text) and the fixed list of bench/search-queries.ts. Ground truth: the articles with a field
 * whose normalised text contains the normalised query (`contains`, the same `normalize` as the index).
 * Prints recall and precision per kind of query, MRR of title queries (the rank of the article the words came
 * from), query times at 800 and at 8,000 articles (the corpus repeated with distinct URLs), build time, serialized
 * size, the heap of the index loaded from its serialized form at 8,000, and the cost of updating one article there.
 *
 * SEARCH_SCALE=N changes 8,000 (e.g. SEARCH_SCALE=800 for a quick run). SEARCH_CORPUS_CACHE=file.json keeps the
 * extracted SearchDocs in that file (written on the first run, read on the next: extraction takes minutes).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCorpusDocs } from './search-corpus';
import { pmQueries } from './search-queries';
import { createLibraryIndex, loadLibraryIndex, type LibraryIndex } from '../utils/library/search';
import { normalize } from '../utils/library/normalize';
import { searchFields, type SearchDoc } from '../utils/library/types';

const root = path.resolve(import.meta.dirname, '..');
const scale = Number(process.env.SEARCH_SCALE ?? 8000);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

/** A small seeded generator (mulberry32), so the queries are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'title' | 'author' | 'tag' | 'body' | 'pm';
interface Query { kind: Kind; text: string; source?: string }

const cjkCount = (q: string) => [...q].filter((c) => /\p{Script=Han}/u.test(c)).length;

function makeQueries(docs: SearchDoc[]): Query[] {
  const rnd = seeded(19);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const seg = new Intl.Segmenter('zh', { granularity: 'word' });
  const queries: Query[] = [];
  for (let i = 0; i < 300; i++) {
    const doc = pick(docs);
    const words = [...seg.segment(doc.title)].filter((s) => s.isWordLike && s.segment.length >= 2).map((s) => s.segment);
    if (words.length) queries.push({ kind: 'title', text: pick(words), source: doc.url });
  }
  for (const author of [...new Set(docs.map((d) => d.author))].slice(0, 200)) queries.push({ kind: 'author', text: author });
  const tags = [...new Set(docs.flatMap((d) => d.tags))];
  for (let i = 0; i < 200; i++) queries.push({ kind: 'tag', text: pick(tags) });
  while (queries.filter((q) => q.kind === 'body').length < 600) {
    const body = pick(docs).body;
    const len = 2 + Math.floor(rnd() * 7);
    const at = Math.floor(rnd() * Math.max(1, body.length - len));
    const span = body.slice(at, at + len);
    if (normalize(span).length >= 2) queries.push({ kind: 'body', text: span });
  }
  for (const text of pmQueries) queries.push({ kind: 'pm', text });
  return queries;
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

function build(docs: SearchDoc[]): [LibraryIndex, number] {
  return timed(() => {
    const index = createLibraryIndex();
    for (const doc of docs) index.add(doc);
    return index;
  });
}

/** Each document's fields normalised once (the ground truth is `normalize(field).includes(normalize(query))`, as `contains`). */
function normalizedFields(docs: SearchDoc[]): string[][] {
  return docs.map((d) => searchFields.map((f) => normalize(Array.isArray(d[f]) ? d[f].join('\n') : d[f])));
}

function quality(index: LibraryIndex, docs: SearchDoc[], queries: Query[]): void {
  const fields = normalizedFields(docs);
  interface Tally { queries: number; truth: number; found: number; returned: number; rr: number; rrCount: number; perfect: number }
  const tallies = new Map<string, Tally>();
  const tally = (name: string) => {
    let t = tallies.get(name);
    if (!t) tallies.set(name, (t = { queries: 0, truth: 0, found: 0, returned: 0, rr: 0, rrCount: 0, perfect: 0 }));
    return t;
  };
  const misses: string[] = [];
  for (const q of queries) {
    const nq = normalize(q.text);
    const truth = new Set(docs.filter((_, i) => nq !== '' && fields[i]!.some((f) => f.includes(nq))).map((d) => d.url));
    const hits = index.search(q.text);
    const got = new Set(hits.map((h) => h.url));
    const found = [...truth].filter((u) => got.has(u)).length;
    const groups = [q.kind, cjkCount(q.text) >= 2 ? 'all, 2+ CJK chars' : 'all, <2 CJK chars', 'all'];
    for (const name of groups) {
      const t = tally(name);
      t.queries++;
      t.truth += truth.size;
      t.found += found;
      t.returned += got.size;
      if (found === truth.size) t.perfect++;
      if (q.source) {
        const rank = hits.findIndex((h) => h.url === q.source);
        t.rr += rank < 0 ? 0 : 1 / (rank + 1);
        t.rrCount++;
      }
    }
    if (found < truth.size && misses.length < 12) misses.push(`${q.kind} ${JSON.stringify(q.text)}: ${found}/${truth.size}`);
  }
  console.log('\nQuality at 800 (ground truth: normalised field contains normalised query)');
  console.log('kind                  queries  recall  precision  all found  MRR');
  for (const [name, t] of tallies) {
    const mrr = t.rrCount ? (t.rr / t.rrCount).toFixed(3) : '   -';
    console.log(`${name.padEnd(22)}${String(t.queries).padStart(6)}  ${(t.found / Math.max(1, t.truth)).toFixed(4)}  ${(t.found / Math.max(1, t.returned)).toFixed(4).padStart(9)}  ${(t.perfect / t.queries).toFixed(3).padStart(9)}  ${mrr}`);
  }
  if (misses.length) console.log(`misses (first ${misses.length}): ${misses.join('; ')}`);
}

function speed(label: string, index: LibraryIndex, queries: Query[]): void {
  for (const q of queries.slice(0, 50)) index.search(q.text, { limit: 50 }); // warm up
  const times = queries.map((q) => timed(() => index.search(q.text, { limit: 50 }))[1]);
  console.log(`${label}: query p50 ${pct(times, 0.5).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms, max ${pct(times, 1).toFixed(2)} ms (${queries.length} queries, limit 50)`);
}

function main(): void {
  const cache = process.env.SEARCH_CORPUS_CACHE;
  const [{ docs, skipped, dir }, loadMs] = timed(() =>
    cache && existsSync(cache) ? (JSON.parse(readFileSync(cache, 'utf8')) as ReturnType<typeof loadCorpusDocs>) : loadCorpusDocs(root),
  );
  if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify({ docs, skipped, dir }));
  console.log(`corpus: ${docs.length} articles from ${dir} (${skipped} not rebuildable), loaded in ${(loadMs / 1000).toFixed(1)} s`);
  const queries = makeQueries(docs);

  const [index800, build800] = build(docs);
  const ser800 = index800.serialize();
  console.log(`800: built in ${(build800 / 1000).toFixed(1)} s, serialized ${mb(ser800.length)} MB (UTF-16 length ${ser800.length})`);
  quality(index800, docs, queries);
  // the same answers from the index loaded back
  const loaded800 = loadLibraryIndex(ser800);
  const same = queries.every((q) => JSON.stringify(loaded800.search(q.text)) === JSON.stringify(index800.search(q.text)));
  console.log(`\nloaded from serialized: ${same ? 'same results for every query' : 'RESULTS DIFFER'}`);
  speed('800 articles', index800, queries);

  const many = Array.from({ length: scale }, (_, i) => {
    const doc = docs[i % docs.length]!;
    return i < docs.length ? doc : { ...doc, url: `${doc.url}?copy=${Math.floor(i / docs.length)}` };
  });
  const [big, buildBig] = build(many);
  const serBig = big.serialize();
  console.log(`\n${scale} articles (the ${docs.length} repeated, distinct URLs): built in ${(buildBig / 1000).toFixed(1)} s, serialized ${mb(serBig.length)} MB`);
  let heapText = 'run with node --expose-gc for the heap';
  let loadedBig: LibraryIndex;
  if (gc) {
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const [loaded, loadBigMs] = timed(() => loadLibraryIndex(serBig));
    loadedBig = loaded;
    gc();
    gc();
    const after = process.memoryUsage().heapUsed;
    heapText = `heap of the loaded index ${mb(after - before)} MB (heapUsed after gc, loaded in ${loadBigMs.toFixed(0)} ms)`;
  } else loadedBig = loadLibraryIndex(serBig);
  console.log(heapText);
  speed(`${scale} articles (loaded index)`, loadedBig, queries);
  const doc = many[scale - 1]!;
  const [, updateMs] = timed(() => loadedBig.add({ ...doc, body: `${doc.body}\n更新` }));
  const [, removeMs] = timed(() => loadedBig.remove(docs[0]!.url));
  console.log(`update one article in the loaded ${scale}: ${updateMs.toFixed(0)} ms; remove one: ${removeMs.toFixed(0)} ms`);
}

main();
