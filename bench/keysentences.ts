/**
 * How well key sentences (utils/keysentences, which never looks at bold) find what the authors bolded,
 * against the lead-N baseline. `npm run eval:keysentences`.
 *
 * On every fixture page whose article has bolded key points, the page is extracted as the CLI does
 * it, then key sentences are computed from the body text, and so are the first N body sentences
 * (lead-N, N = as many as ours on that page, taken from the same candidate sentences: not
 * headings or credit lines, of key-sentence length).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { leadN, minShared, score, type Score } from '../tools/keysentences-score';
import { extractArticle } from '../utils/extract';
import { bodySentences, keySentences } from '../utils/keysentences';
import type { Article } from '../utils/types';
import { woshipm } from '../utils/site/woshipm';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'tests', 'fixtures');
const manifest: { name: string; url: string }[] = JSON.parse(readFileSync(path.join(fixtures, 'manifest.json'), 'utf8'));

function extract(name: string, url: string): Article {
  const html = readFileSync(path.join(fixtures, name, 'page.html'), 'utf8');
  const dom = new JSDOM(html, { url });
  try {
    const result = extractArticle(dom.window.document, url, woshipm, { now: new Date('2026-11-25T00:00:00Z') });
    if (!result.ok) throw new Error(`${name}: ${result.reason}`);
    return result.article;
  } finally {
    dom.window.close();
  }
}

const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(0) + '%' : '—').padStart(5);

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  console.log('Key sentences vs the authors\' bold, on fixture pages that have bold key points.');
  console.log('A chosen sentence overlaps a bold key point when, without spaces and punctuation, one contains the other,');
  console.log(`or ≥${minShared * 100}% of the shorter one's character bigrams occur in the other.`);
  console.log('precision = chosen sentences that overlap some bold key point / chosen;');
  console.log('recall    = bold key points overlapped by some chosen sentence / bold key points.');
  console.log('lead-N    = the first N candidate body sentences, N = ours on that page.');
  console.log('chance    = share of all candidate sentences that overlap some bold key point (a random pick\'s precision).\n');
  console.log('page                           bold   N │ ours  prec  recall │ lead  prec  recall │ chance');
  const total = { ours: [] as Score[], lead: [] as Score[] };
  const chance = { hits: 0, candidates: 0 };
  for (const { name, url } of manifest) {
    const article = extract(name, url);
    if (!article.keyPoints.length) continue;
    // the ranker reads title, text, outline and lead only: bold is gone from `text`
    const ours = keySentences({ title: article.title, text: article.text, outline: article.outline, lead: article.lead });
    const o = score(ours, article.keyPoints);
    const l = score(leadN(article, ours.length), article.keyPoints);
    const candidates = bodySentences(article).filter((s) => s.candidate);
    const c = score(
      candidates.map((s) => s.text),
      article.keyPoints,
    );
    total.ours.push(o);
    total.lead.push(l);
    chance.hits += c.hits;
    chance.candidates += c.chosen;
    console.log(
      `${name.padEnd(30)} ${String(o.points).padStart(4)} ${String(o.chosen).padStart(3)} │ ${String(o.hits).padStart(4)} ${pct(o.hits, o.chosen)}  ${pct(o.found, o.points)} │ ${String(l.hits).padStart(4)} ${pct(l.hits, l.chosen)}  ${pct(l.found, l.points)} │ ${pct(c.hits, c.chosen)}`,
    );
  }
  const sum = (xs: Score[], k: keyof Score) => xs.reduce((a, x) => a + x[k], 0);
  const mean = (xs: Score[], f: (x: Score) => number) => (100 * xs.reduce((a, x) => a + f(x), 0)) / xs.length;
  console.log('─'.repeat(80));
  for (const [label, xs] of [['ours', total.ours], ['lead-N', total.lead]] as const) {
    console.log(
      `${label.padEnd(7)} pooled: precision ${pct(sum(xs, 'hits'), sum(xs, 'chosen'))} (${sum(xs, 'hits')}/${sum(xs, 'chosen')}), recall ${pct(sum(xs, 'found'), sum(xs, 'points'))} (${sum(xs, 'found')}/${sum(xs, 'points')});` +
        ` mean per page: precision ${mean(xs, (x) => x.hits / x.chosen).toFixed(0)}%, recall ${mean(xs, (x) => x.found / x.points).toFixed(0)}%`,
    );
  }
  console.log(`chance  pooled: precision ${pct(chance.hits, chance.candidates)} (${chance.hits}/${chance.candidates} candidate sentences)`);
  console.log(`\n${total.ours.length} pages.`);
}
