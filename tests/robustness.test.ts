/**
 * Odd pages: each gives a clear typed result, never a throw; hostile strings survive the YAML front
 * matter (100 cases here, 2,000 in the reliability tier); file names are safe for any title.
 * (10 MB pages: tests/reliability/big-pages.test.ts.)
 */
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../utils/extract';
import { createMarkdown, makeFilename, templates } from '../utils/markdown';
import type { Article, ExtractResult } from '../utils/types';
import { describeFrontMatter, hostile } from './front-matter-property';
import { loadDocument, manifest, nonArticlePages, readFixture } from './helpers';
import { shapeProblems, unsafeProblems } from './validate';
import { woshipm } from '../utils/site/woshipm';

const { toMarkdown } = createMarkdown(new DOMParser());

const { name, url } = manifest[0]!; // woshipm-6025589, modern layout
const page = readFixture(name, 'page.html');
const articleUrl = 'https://www.woshipm.com/pmd/1000001.html';

function extracted(doc: Document, at = url): ExtractResult {
  const result = extractArticle(doc, at, woshipm);
  expect(shapeProblems(result)).toEqual([]);
  if (result.ok) {
    expect(unsafeProblems(result.article.html)).toEqual([]);
    for (const template of templates) expect(typeof toMarkdown(result.article, { template })).toBe('string');
  }
  return result;
}

const article = (): Article => {
  const result = extractArticle(loadDocument(page, url), url, woshipm);
  if (!result.ok) throw new Error(result.reason);
  return result.article;
};

describe('pages that are not articles', () => {
  it.each(nonArticlePages())('$file at its own URL: not-article', ({ file, url: at }) => {
    const result = extracted(loadDocument(readFixture('non-article', file), at), at);
    expect(result).toMatchObject({ ok: false, reason: 'not-article' });
  });

  it.each(nonArticlePages())('$file at an article URL: a typed result', ({ file }) => {
    extracted(loadDocument(readFixture('non-article', file), articleUrl), articleUrl);
  });
});

/** Odd documents, each with the outcome it must give at an article URL. */
const oddPages: [string, () => Document, ExtractResult['ok'] | 'either'][] = [
  ['an empty string', () => loadDocument('', articleUrl), false],
  ['a title and no body', () => loadDocument('<title>标题</title>', articleUrl), false],
  ['only scripts', () => loadDocument('<title>标题</title><script>var a = 1;</script><script src="/x.js"></script>', articleUrl), false],
  ['only images', () => loadDocument(`<title>标题</title>${'<img src="/a.png"><img data-src="/b.jpg">'.repeat(20)}`, articleUrl), 'either'],
  [
    'a frameset',
    () => loadDocument('<html><head><title>标题</title></head><frameset><frame src="/a.html"><frame src="/b.html"></frameset></html>', articleUrl),
    false,
  ],
  [
    'an SVG document',
    () =>
      new new JSDOM('', { url: articleUrl }).window.DOMParser().parseFromString(
        '<svg xmlns="http://www.w3.org/2000/svg"><title>标题</title><text>正文正文正文</text></svg>',
        'image/svg+xml',
      ),
    false,
  ],
  [
    'an XML document',
    () =>
      new new JSDOM('', { url: articleUrl }).window.DOMParser().parseFromString(
        '<?xml version="1.0"?><article><title>标题</title><p>正文</p></article>',
        'application/xml',
      ),
    false,
  ],
  ['a broken XML document', () => new new JSDOM('', { url: articleUrl }).window.DOMParser().parseFromString('<a><b></a>', 'application/xml'), false],
  [
    'a document without <body>',
    () => {
      const doc = loadDocument(page, url);
      doc.body.remove();
      return doc;
    },
    false,
  ],
  [
    'a document without a root element',
    () => {
      const doc = loadDocument(page, url);
      doc.documentElement.remove();
      return doc;
    },
    false,
  ],
  // Regressions: the body selector matching the body or the root made the copy fail (HierarchyRequestError).
  ['the body with the article body class', () => loadDocument(page.replace('<body class="single">', '<body class="single article--content">'), url), true],
  ['the root with the article body class', () => loadDocument(page.replace('<html lang="zh-CN">', '<html lang="zh-CN" class="article--content">'), url), true],
  [
    'the article body inside <head>',
    () => {
      const doc = loadDocument(page, url);
      doc.head.append(doc.querySelector('.article--content')!);
      return doc;
    },
    'either',
  ],
  ['a quirks-mode page (no doctype)', () => loadDocument(page.replace('<!DOCTYPE html>', ''), url), true],
];

describe('odd documents', () => {
  it.each(oddPages)('%s: a clear typed result', (_, make, ok) => {
    const doc = make();
    const at = doc.URL.startsWith('https://www.woshipm.com/') ? doc.URL : articleUrl;
    const result = extracted(doc, at);
    if (ok !== 'either') expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe('empty');
  });

  it('reads the whole body of a page whose body or root carries the article body class', () => {
    const text = article().text;
    for (const html of [
      page.replace('<body class="single">', '<body class="single article--content">'),
      page.replace('<html lang="zh-CN">', '<html lang="zh-CN" class="article--content">'),
    ]) {
      const result = extractArticle(loadDocument(html, url), url, woshipm);
      expect(result.ok && result.article.text.startsWith(text)).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describeFrontMatter(100);

describe('file names', () => {
  const base = article();
  const forbidden = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/;
  const reserved = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
  const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

  /** What is wrong with `filename` on Windows, macOS or Linux. */
  function problems(filename: string): string[] {
    const found: string[] = [];
    const stem = filename.slice(0, -3);
    if (!filename.endsWith('.md')) found.push('no .md');
    if (forbidden.test(filename)) found.push('forbidden character');
    if (/[. ]$/.test(stem) || !stem) found.push('empty stem or trailing dot/space');
    if (reserved.test(filename) || reserved.test(stem)) found.push('reserved name');
    if (new TextEncoder().encode(stem).length > 200) found.push('over 200 bytes');
    if (!wellFormed(filename)) found.push('lone surrogate');
    return found;
  }

  const reservedTitles = fc
    .tuple(fc.constantFrom('CON', 'prn', 'Aux', 'nul', 'COM1', 'com9', 'LPT1', 'lpt9'), fc.constantFrom('', '.txt', '.md', '.tar.gz', ' ', '.'))
    .map(([n, ext]) => n + ext);

  it('are safe for any title (2,000 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, reservedTitles), fc.constantFrom('{title}', undefined, '{title}-{author}'), (title, template) => {
        const filename = makeFilename({ ...base, title, author: { name: title, url: null } }, template);
        expect(problems(filename), JSON.stringify(filename)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
