/**
 * Big and odd pages: each gives a clear typed result, never a throw, and big ones in bounded time;
 * hostile strings survive the YAML front matter; file names are safe for any title.
 * (Times are asserted only for the 10 MB pages, with a generous margin; `npm run bench:perf`
 * prints the real figures.)
 */
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { extractArticle } from '../utils/extract';
import { bodyLimits } from '../utils/extract/content';
import { createMarkdown, makeFilename, templates } from '../utils/markdown';
import type { Article, ExtractResult } from '../utils/types';
import { loadDocument, manifest, nonArticlePages, readFixture } from './helpers';
import { byteSize, scaleBody, scaleClutter, scaleTo } from '../tools/scale-page';
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

describe('10 MB pages', () => {
  const normal = article();

  it.each([
    ['body paragraphs', scaleBody],
    ['clutter blocks', scaleClutter],
  ] as const)('repeated %s: a typed result in under 4 s (2 s on a quiet machine)', (kind, scale) => {
    const html = scaleTo(page, 10_000_000, scale);
    expect(byteSize(html)).toBeGreaterThanOrEqual(10_000_000);
    const doc = loadDocument(html, url);
    const start = performance.now();
    const result = extractArticle(doc, url, woshipm);
    const ms = performance.now() - start;
    console.log(`10 MB page of repeated ${kind}: extracted in ${ms.toFixed(0)} ms`);
    expect(shapeProblems(result)).toEqual([]);
    expect(ms).toBeLessThan(4000);
    if (!result.ok) throw new Error(result.reason);
    expect(result.article.title).toBe(normal.title);
    if (kind === 'clutter blocks') {
      // Thousands of course cards, ads and lists around it change nothing.
      expect(result.article.text).toBe(normal.text);
      expect(result.article.html).toBe(normal.html);
    } else {
      // The body is read up to the limit, from its start.
      expect(result.article.text.startsWith(normal.text.slice(0, 2000))).toBe(true);
      expect(result.article.text.length).toBeGreaterThan(normal.text.length * 5);
      expect(result.article.text.length).toBeLessThanOrEqual(bodyLimits.chars * 1.1); // plus paragraph breaks
    }
    expect(unsafeProblems(result.article.html)).toEqual([]);
  }, 120_000);
});

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
  ['a frameset', () => loadDocument('<html><head><title>标题</title></head><frameset><frame src="/a.html"><frame src="/b.html"></frameset></html>', articleUrl), false],
  ['an SVG document', () => new (new JSDOM('', { url: articleUrl }).window.DOMParser)().parseFromString('<svg xmlns="http://www.w3.org/2000/svg"><title>标题</title><text>正文正文正文</text></svg>', 'image/svg+xml'), false],
  ['an XML document', () => new (new JSDOM('', { url: articleUrl }).window.DOMParser)().parseFromString('<?xml version="1.0"?><article><title>标题</title><p>正文</p></article>', 'application/xml'), false],
  ['a broken XML document', () => new (new JSDOM('', { url: articleUrl }).window.DOMParser)().parseFromString('<a><b></a>', 'application/xml'), false],
  ['a document without <body>', () => {
    const doc = loadDocument(page, url);
    doc.body.remove();
    return doc;
  }, false],
  ['a document without a root element', () => {
    const doc = loadDocument(page, url);
    doc.documentElement.remove();
    return doc;
  }, false],
  // Regressions: the body selector matching the body or the root made the copy fail (HierarchyRequestError).
  ['the body with the article body class', () => loadDocument(page.replace('<body class="single">', '<body class="single article--content">'), url), true],
  ['the root with the article body class', () => loadDocument(page.replace('<html lang="zh-CN">', '<html lang="zh-CN" class="article--content">'), url), true],
  ['the article body inside <head>', () => {
    const doc = loadDocument(page, url);
    doc.head.append(doc.querySelector('.article--content')!);
    return doc;
  }, 'either'],
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

/** Strings that YAML, Markdown or a file system treat specially, and random ones with odd characters. */
const hostile = fc.oneof(
  fc.constantFrom('标题: 冒号', '# 井号', '---', '--- \n---', 'a\nb', 'a\r\nb', '"引号"', "'单引号'", '\u2028', '\u2029', '\t缩进',
    '  前导空格', '- 列表', '? 问号', '!tag', '&anchor', '*alias', '{}', '[]', '{a: 1}', '[1, 2]', '%YAML', '@at', '`code`',
    '|', '>', 'null', 'true', 'no', '~', '0x10', '1e3', '2024-04-02', '', ' ', '🚀 emoji 👨‍👩‍👧', '\ufeffBOM', '\u0085', '\u0000',
    '\ud800 lone', 'lone \udfff', '\\', '\\n', 'x'.repeat(5000), '长'.repeat(3000)),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(':', '#', '-', '?', '!', '&', '*', '{', '}', '[', ']', '%', '"', "'", '\n', '\t', ' ', '\u2028', 'a', '长'), maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
);

describe('YAML front matter', () => {
  const base = article();
  const frontMatter = (md: string) => parseYaml(md.slice(4, md.indexOf('\n---\n', 4)));

  it('gives back title, tags, description and author exactly, for any strings (2,000 cases)', () => {
    fc.assert(
      fc.property(hostile, fc.array(hostile, { maxLength: 4 }), fc.option(hostile), hostile, (title, tags, lead, author) => {
        const md = toMarkdown({ ...base, title, tags, lead, author: { name: author, url: null } });
        const yaml = frontMatter(md);
        expect(yaml.title).toBe(title);
        expect(yaml.tags).toEqual(tags);
        expect(yaml.author).toBe(author);
        if (lead === null) expect(yaml).not.toHaveProperty('description');
        else expect(yaml.description).toBe(lead);
      }),
      { numRuns: 2000 },
    );
  });
});

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
