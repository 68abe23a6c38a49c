/**
 * Fuzzing: fixture pages mutated at random (nodes removed, duplicated, moved, classes swapped or
 * stripped, the HTML cut short, odd Unicode in text and attributes, attribute junk). Extraction
 * must never throw and must always give a well-typed result with a safe body, and Markdown must
 * never throw for it.
 *
 * `describeFuzz(runs)` declares the suite: the fast tier (tests/fuzz.test.ts) runs 200 cases, the
 * reliability tier (tests/reliability/fuzz.test.ts) 10,000 mutated pages, of two to five mutations
 * each, in about three minutes on 2 cores (FUZZ_RUNS sets its number). FUZZ_SEED replays a run. Each fixture page
 * is parsed once, whole and shortened (most cases use the shortened ones, one in 32 a whole
 * page); a case puts a fresh copy of its tree into the page's own window, mutates it there and
 * extracts, so no case builds a window or parses a page (except the cut-short ones).
 */
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../utils/extract';
import { templates, createMarkdown } from '../utils/markdown';
import { manifest, readFixture } from './helpers';
import { shapeProblems, unsafeProblems } from './validate';
import { woshipm } from '../utils/site/woshipm';

const { toMarkdown } = createMarkdown(new DOMParser());

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

interface Page {
  name: string;
  url: string;
  html: string;
  window: JSDOM['window'];
  /** The pristine tree (a detached copy in the window's document), copied into place for each case. */
  template: Element;
}

function load(name: string, url: string, html: string): Page {
  const window = new JSDOM(html, { url }).window;
  const template = window.document.documentElement.cloneNode(true) as Element;
  return { name, url, html, window, template };
}

/**
 * The page's document, holding a fresh copy of the page. One window serves all of a page's cases:
 * under jsdom 29 (dom-selector) a window slowed down with the documents made in it and was replaced
 * every 64 cases; under jsdom 31, 3,000 cases take the same time and memory either way (42 s, 1.9 GB).
 */
function freshDocument(page: Page): Document {
  const doc = page.window.document;
  doc.replaceChild(page.template.cloneNode(true), doc.documentElement);
  return doc;
}

/**
 * The page with its body cut to the first paragraphs and the closing credits: all the page's
 * furniture and every layout's structure, a fifth of the work. Most cases run on these.
 */
function shortened(html: string): string {
  const doc = new JSDOM(html).window.document;
  const counts = new Map<Element, number>();
  for (const p of doc.querySelectorAll('p')) counts.set(p.parentElement!, (counts.get(p.parentElement!) ?? 0) + 1);
  const body = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const children = [...body.children];
  for (const el of children.slice(4, -4)) el.remove();
  // Lists (navigation, related and hot articles, tags, comments) down to their first two items.
  for (const list of doc.querySelectorAll('ul, ol, nav, .comments')) for (const item of [...list.children].slice(2)) item.remove();
  return '<!DOCTYPE html>' + doc.documentElement.outerHTML;
}

/** Characters that break naive code: lone surrogates, controls, bidi and zero-width marks, separators. */
const oddChar = fc.oneof(
  fc.constantFrom(
    '\u0000',
    '\u0001',
    '\u001f',
    '\u007f',
    '\u0085',
    '\u00a0',
    '\u200b',
    '\u200c',
    '\u200d',
    '\u200e',
    '\u200f',
    '\u202a',
    '\u202e',
    '\u2066',
    '\u2069',
    '\u2028',
    '\u2029',
    '\ufeff',
    '\ufffd',
    '\uffff',
    '<',
    '>',
    '&',
    '"',
    "'",
    '`',
    '\\',
    '\n',
    '\r',
    '\t',
    '：',
    '。',
    '｜',
    '🚀',
    '👨‍👩‍👧',
  ),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const oddText = fc.string({ unit: oddChar, minLength: 1, maxLength: 12 });

/** Attribute names that matter to extraction or safety, and some that do not. */
const attrName = fc.constantFrom(
  'class',
  'id',
  'href',
  'src',
  'data-src',
  'srcset',
  'style',
  'onclick',
  'onerror',
  'onload',
  'hidden',
  'aria-hidden',
  'data-role',
  'type',
  'content',
  'property',
  'name',
  'datetime',
  'alt',
  'lang',
  'dir',
);
const attrValue = fc.oneof(
  oddText,
  fc.constantFrom(
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<b>x</b>',
    'vbscript:x',
    '//evil.example/x.png',
    '/u/123',
    '/tag/x',
    'article--content',
    'course-card',
    'meta--sup__right',
    'display:none',
    'true',
    'ad',
    'application/ld+json',
    'og:title',
    'article',
    '2024-04-02',
    '',
    ' ',
  ),
);

type Op =
  | { kind: 'remove' | 'duplicate' | 'stripClasses'; at: number }
  | { kind: 'move' | 'swapClasses'; at: number; to: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'text'; at: number; pos: number; junk: string }
  | { kind: 'attr'; at: number; name: string; value: string }
  | { kind: 'attrText'; at: number; pos: number; junk: string };

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
// Cutting the page short mostly leaves no article: it is drawn less often, so most cases reach the body.
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('remove', 'duplicate', 'stripClasses'), at: unit }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('move', 'swapClasses'), at: unit, to: unit }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate'), at: unit }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('text'), at: unit, pos: unit, junk: oddText }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('attr'), at: unit, name: attrName, value: attrValue }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('attrText'), at: unit, pos: unit, junk: oddText }) },
) as fc.Arbitrary<Op>;

const fuzzCase = fc.record({
  anyPage: fc.integer({ min: 0, max: 31 }).map((n) => n === 0),
  page: fc.nat(),
  ops: fc.array(op, { minLength: 2, maxLength: 5 }),
  template: fc.constantFrom(...templates),
});

const pick = <T>(list: T[], at: number): T | undefined => list[Math.floor(at * list.length)];
function elementsOf(doc: Document): Element[] {
  const all = doc.getElementsByTagName('*');
  const found: Element[] = [];
  for (let i = 1, n = all.length; i < n; i++) found.push(all[i]!); // all but the root
  return found;
}
function textNodes(doc: Document): Text[] {
  const found: Text[] = [];
  const walker = doc.createTreeWalker(doc, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) found.push(n as Text);
  return found;
}
const insertAt = (text: string, pos: number, junk: string) => {
  const at = Math.floor(pos * (text.length + 1));
  return text.slice(0, at) + junk + text.slice(at);
};

/** Applies `op` to the page in `doc` (the page's own window's document); false when it found nothing to change. */
function mutate(doc: Document, page: Page, op: Op): boolean {
  const els = elementsOf(doc);
  const el = pick(els, op.at);
  switch (op.kind) {
    case 'remove':
      el?.remove();
      return !!el;
    case 'duplicate':
      el?.after(el.cloneNode(true));
      return !!el;
    case 'move': {
      const target = pick(els, op.to);
      if (!el || !target || el === target || el.contains(target) || !target.parentNode) return false;
      target.before(el);
      return true;
    }
    case 'swapClasses': {
      const classed = els.filter((e) => e.hasAttribute('class'));
      const [one, other] = [pick(classed, op.at), pick(els, op.to)];
      if (!one || !other) return false;
      const el = one;
      const [a, b] = [el.getAttribute('class'), other.getAttribute('class')];
      if (a === b) return false;
      if (b === null) el.removeAttribute('class');
      else el.setAttribute('class', b);
      if (a === null) other.removeAttribute('class');
      else other.setAttribute('class', a);
      return true;
    }
    case 'stripClasses':
      for (const e of els) e.removeAttribute('class');
      return true;
    case 'truncate': {
      // The serialized page cut at a random offset and parsed again, as a page that stopped loading.
      const html = '<!DOCTYPE html>' + doc.documentElement.outerHTML;
      const cut = new page.window.DOMParser().parseFromString(html.slice(0, Math.floor(op.at * html.length)), 'text/html');
      doc.replaceChild(doc.adoptNode(cut.documentElement), doc.documentElement);
      return true;
    }
    case 'text': {
      const node = pick(textNodes(doc), op.at);
      if (node) node.data = insertAt(node.data, op.pos, op.junk);
      return !!node;
    }
    case 'attr':
      el?.setAttribute(op.name, op.value);
      return !!el;
    case 'attrText': {
      const el = pick(
        els.filter((e) => e.attributes.length > 0),
        op.at,
      );
      const attr = el && pick([...el.attributes], op.pos);
      if (el && attr) el.setAttribute(attr.name, insertAt(attr.value, op.pos, op.junk));
      return !!attr;
    }
  }
}

/** The fuzz suite, `runs` mutated pages. */
export function describeFuzz(runs: number): void {
  const pages: Page[] = manifest.map(({ name, url }) => load(name, url, readFixture(name, 'page.html')));
  const shortPages: Page[] = manifest.map(({ name, url }) => load(`${name} (short)`, url, shortened(readFixture(name, 'page.html'))));
  let cases = 0;
  let mutations = 0;
  const outcomes: Record<string, number> = {};

  describe('fuzzed fixture pages', () => {
    afterAll(() => {
      const summary = Object.entries(outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(`fuzz: ${cases} cases, ${mutations} mutations of ${pages.length} fixture pages (${summary})`);
    });

    it(`extracts ${runs} mutated pages without a throw, a bad shape or an unsafe body`, () => {
      fc.assert(
        fc.property(fuzzCase, ({ anyPage, page: n, ops, template }) => {
          const page = anyPage ? pages[n % pages.length]! : shortPages[n % shortPages.length]!;
          const doc = freshDocument(page);
          for (const o of ops) if (mutate(doc, page, o)) mutations++;
          cases++;
          const result = extractArticle(doc, page.url, woshipm);
          outcomes[result.ok ? 'ok' : result.reason] = (outcomes[result.ok ? 'ok' : result.reason] ?? 0) + 1;
          expect(shapeProblems(result)).toEqual([]);
          if (!result.ok) return;
          expect(unsafeProblems(result.article.html)).toEqual([]);
          expect(typeof toMarkdown(result.article, { template, keyPoints: true, attribution: true })).toBe('string');
        }),
        { numRuns: runs, seed },
      );
      expect(cases).toBeGreaterThanOrEqual(runs);
      expect(mutations).toBeGreaterThanOrEqual(2 * runs); // most operations find something to change
    }, 900_000); // 10,000 cases take about 3 minutes on 2 cores (jsdom 31; 8 to 12 under jsdom 29)

    it('finds the article in the unmutated copies it starts from', () => {
      // Guards the harness: a copy put into the page's window must extract as the page itself does.
      for (const page of [...pages, ...shortPages]) {
        const doc = page.window.document;
        doc.replaceChild(page.template.cloneNode(true), doc.documentElement);
        const result = extractArticle(doc, page.url, woshipm);
        const fresh = extractArticle(new JSDOM(page.html, { url: page.url }).window.document, page.url, woshipm);
        expect(result).toEqual(fresh);
        expect(result.ok).toBe(true);
      }
    });
  });
}
