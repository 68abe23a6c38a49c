/** The library page's pure parts: filters and facets, the index's per-article update plan, and the stored HTML's second sanitizing. */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../utils/extract';
import { sanitizeStoredHtml } from '../utils/extract/sanitize';
import { applyFilter, facetsOf, newestFirst, noFilter } from '../utils/library/filters';
import { planIndexUpdate, storedSearchDoc, versionOf } from '../utils/library/index-plan';
import type { LibraryCard } from '../utils/library/types';
import { woshipm } from '../utils/site/woshipm';
import { loadDocument, manifest, readFixture } from './helpers';

const card = (over: Partial<LibraryCard> & Pick<LibraryCard, 'url'>): LibraryCard => ({
  title: over.url,
  author: '甲',
  category: { slug: 'pd', name: '产品设计' },
  tags: [],
  published: '2024-05-01',
  lead: null,
  cover: null,
  savedAt: 1,
  updatedAt: 1,
  state: 'later',
  exports: [],
  textHash: '',
  images: 0,
  ...over,
});

const cards = [
  card({ url: 'a', savedAt: 3, tags: ['增长', 'B端'], published: '2023-01-02' }),
  card({ url: 'b', savedAt: 5, author: '乙', category: { slug: 'operate', name: '运营' }, state: 'read', tags: ['增长'] }),
  card({ url: 'c', savedAt: 4, published: null, tags: ['B端', 'B端'] }),
];

describe('the list', () => {
  it('is newest saved first', () => {
    expect(newestFirst(cards).map((c) => c.url)).toEqual(['b', 'c', 'a']);
  });

  it('offers every category, author, tag and year with counts (a tag counted once per article)', () => {
    const f = facetsOf(cards);
    expect(f.categories).toEqual([
      { value: 'pd', label: '产品设计', count: 2 },
      { value: 'operate', label: '运营', count: 1 },
    ]);
    expect(f.authors.map((a) => [a.value, a.count])).toEqual([
      ['甲', 2],
      ['乙', 1],
    ]);
    expect(f.tags.map((a) => [a.value, a.count])).toEqual(
      [
        ['B端', 2],
        ['增长', 2],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]), 'zh-CN')),
    );
    expect(f.years.map((y) => [y.value, y.count])).toEqual([
      ['2024', 1],
      ['2023', 1],
    ]);
  });

  it('filters by each field, together, and by having live highlights', () => {
    const none = () => 0;
    const urls = (filter: Partial<typeof noFilter>, count: (url: string) => number = none) =>
      applyFilter(cards, { ...noFilter, ...filter }, count).map((c) => c.url);
    expect(urls({})).toEqual(['a', 'b', 'c']);
    expect(urls({ category: 'pd' })).toEqual(['a', 'c']);
    expect(urls({ author: '乙' })).toEqual(['b']);
    expect(urls({ tag: 'B端' })).toEqual(['a', 'c']);
    expect(urls({ year: '2023' })).toEqual(['a']);
    expect(urls({ state: 'read' })).toEqual(['b']);
    expect(urls({ state: 'later', tag: '增长' })).toEqual(['a']);
    expect(urls({ withHighlights: true }, (url) => (url === 'c' ? 2 : 0))).toEqual(['c']);
  });
});

describe('keeping the index current', () => {
  it('indexes what is new or changed (card or highlights) and removes what was deleted', () => {
    const highlights = new Map([['b', { updatedAt: 9 }]]);
    const indexed = { a: { card: 1, highlights: 0 }, b: { card: 1, highlights: 7 }, gone: { card: 1, highlights: 0 } };
    const now = [card({ url: 'a' }), card({ url: 'b' }), card({ url: 'c' }), card({ url: 'd', updatedAt: 2 })];
    const plan = planIndexUpdate(now, (url) => highlights.get(url), { ...indexed, d: { card: 1, highlights: 0 } });
    expect(plan).toEqual({ add: ['b', 'c', 'd'], remove: ['gone'] });
  });

  it('has nothing to do when every version matches', () => {
    const now = [card({ url: 'a', updatedAt: 4 })];
    expect(planIndexUpdate(now, () => ({ updatedAt: 6 }), { a: versionOf(now[0]!, { updatedAt: 6 }) })).toEqual({ add: [], remove: [] });
  });

  it('indexes an article with its live highlights and non-empty notes', () => {
    const { url } = manifest[0]!;
    const result = extractArticle(loadDocument(readFixture(manifest[0]!.name, 'page.html'), url), url, woshipm);
    if (!result.ok) throw new Error('fixture did not extract');
    const quote = (exact: string, note: string) => ({
      id: exact,
      color: 'yellow' as const,
      note,
      quote: { exact, prefix: '', suffix: '' },
      position: { start: 0, end: 1 },
      createdAt: 0,
      updatedAt: 0,
    });
    const doc = storedSearchDoc(result.article, { highlights: [quote('一段', '我的笔记'), quote('另一段', '')] });
    expect(doc).toMatchObject({
      url,
      title: result.article.title,
      author: result.article.author.name,
      body: result.article.text,
      highlights: ['一段', '另一段'],
      notes: ['我的笔记'],
    });
  });
});

describe('a stored article is sanitized again when shown', () => {
  it('keeps the headings’ own ids and drops scripts, handlers, other ids and unsafe URLs', () => {
    const hostile =
      '<h2 id="wr-h1">标题</h2><p id="location">x<script>alert(1)</script><img src="x" onerror="alert(1)"></p>' +
      '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"><img src="x"><a href="javascript:alert(1)">链接</a><iframe srcdoc="<script>alert(1)</script>"></iframe><svg><script>alert(1)</script></svg><p style="color:red" onclick="alert(1)">y</p>';
    const clean = sanitizeStoredHtml(hostile, window);
    expect(clean).toContain('<h2 id="wr-h1">标题</h2>');
    expect(clean).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<svg|style=|id="location"|src="(data:|x")/);
  });

  it('leaves an extracted article’s html as it is (extraction made it clean already)', () => {
    const { name, url } = manifest[0]!;
    const result = extractArticle(loadDocument(readFixture(name, 'page.html'), url), url, woshipm);
    if (!result.ok) throw new Error('fixture did not extract');
    const parse = (html: string) => new DOMParser().parseFromString(`<body>${html}`, 'text/html').body.innerHTML;
    expect(parse(sanitizeStoredHtml(result.article.html, window))).toBe(parse(result.article.html));
  });
});
