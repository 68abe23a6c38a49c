import { describe, expect, it } from 'vitest';
import { createEngine, type ExtractReply } from '../utils/engine';
import { extractArticle } from '../utils/extract';
import { normalizeDate } from '../utils/extract/dates';
import { countWords, parseCount } from '../utils/extract/text';
import type { Article } from '../utils/types';
import { loadDocument, manifest, readFixture } from './helpers';
import { markupFor, rehearsal } from '../utils/rehearsal';
import type { SiteProfile } from '../utils/site/profile';
import { woshipm } from '../utils/site/woshipm';

const url = 'https://www.woshipm.com/ai/1000001.html';
const now = new Date('2026-11-25T04:00:00Z'); // 12:00 in Beijing

function extract(html: string, at = url): Article {
  const result = extractArticle(loadDocument(html, at), at, woshipm, { now });
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}

const paragraphs = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>这是正文第${i + 1}段，讲产品经理如何做需求分析，内容足够长以便被识别为正文，包含逗号，句号。</p>`).join('');

/** A page with no known class names, no JSON-LD and no meta tags: only links and text to go on. */
const bare = (
  extra = '',
  meta = '3天前 · 1.2万 浏览 · 35 评论 · 120 收藏',
) => `<!doctype html><html><head><title>需求分析的三个层次 | 人人都是产品经理</title></head>
<body><div class="top"><a href="/">首页</a><a href="/category/ai">AI</a></div>
<div class="x"><h1>需求分析的三个层次</h1>
<div><a href="/u/12345"><img src="https://static.woshipm.com/avatar.jpg?imageView2/1/w/72/h/72/q/100"></a><a href="/u/12345">张三</a> <span>关注</span></div>
<div>${meta}</div>
<div class="y"><blockquote><p>这是导语。</p></blockquote>${paragraphs(8)}${extra}<p>本文由 @张三 原创发布于人人都是产品经理，未经许可，禁止转载。</p></div>
<div>赞赏 收藏已收藏120 点赞已赞1.5k</div>
<div><a href="/tag/%e9%9c%80%e6%b1%82">需求</a><a href="https://www.woshipm.com/tag/pm">产品经理</a></div></div></body></html>`;

describe('fields without the site selectors, from links and text', () => {
  const a = extract(bare());
  it('reads title, author and profile, category', () => {
    expect(a.title).toBe('需求分析的三个层次');
    expect(a.author).toEqual({ name: '张三', url: 'https://www.woshipm.com/u/12345' });
    expect(a.category).toEqual({ slug: 'ai', name: 'AI' });
  });
  it('reads counts with 万 and k, and a relative date in the site time zone', () => {
    expect(a.stats).toEqual({ views: 12000, comments: 35, collects: 120, likes: 1500 });
    expect(a.published).toBe('2026-11-22');
  });
  it('reads tags from tag links, the lead from the first blockquote, and keeps both out of the body', () => {
    expect(a.tags).toEqual(['需求', '产品经理']);
    expect(a.lead).toBe('这是导语。');
    expect(a.text).not.toContain('这是导语');
    expect(a.text).not.toContain('需求\n');
  });
  it('estimates reading minutes from length when the page shows none', () => {
    expect(a.readingMinutes).toBe(Math.max(1, Math.round(a.wordCount / 400)));
  });
  it('takes the credit line out of the text', () => {
    expect(a.attribution).toEqual(['本文由 @张三 原创发布于人人都是产品经理，未经许可，禁止转载。']);
    expect(a.text).not.toContain('本文由');
  });
  it('gives null, not a guess, for counts the page has not filled in yet', () => {
    const late = extract(bare('', '2024-05-06'));
    expect(late.stats).toEqual({ views: null, comments: null, collects: null, likes: 1500 });
    expect(late.published).toBe('2024-05-06');
  });
});

describe('links and images in the body', () => {
  const a = extract(
    bare(`<p>见<a href="/pmd/5239764.html">上一篇</a>和<a href="javascript:alert(1)">这里</a>、<a href="data:text/html,x">那里</a>。</p>
<p><img src="https://static.woshipm.com/img/loading.gif" data-src="//image.woshipm.com/a.png"></p>
<p><img data-original="/wp-files/b.jpg"></p><p><img data-actualsrc="https://image.woshipm.com/c.jpg" src="data:image/gif;base64,R0lGOD"></p>
<p><img srcset="https://image.woshipm.com/d.jpg 1x, https://image.woshipm.com/d2.jpg 2x"></p>
<p><img src="https://image.woshipm.com/q.png" alt="微信二维码"></p>`),
  );
  it('makes links absolute and drops unsafe ones, keeping their text', () => {
    expect(a.html).toContain('<a href="https://www.woshipm.com/pmd/5239764.html">上一篇</a>');
    expect(a.html).not.toMatch(/javascript:|data:text/);
    expect(a.text).toContain('见上一篇和这里、那里。');
  });
  it('resolves lazy images to absolute https URLs', () => {
    const srcs = [...a.html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs).toEqual([
      'https://image.woshipm.com/a.png',
      'https://www.woshipm.com/wp-files/b.jpg',
      'https://image.woshipm.com/c.jpg',
      'https://image.woshipm.com/d.jpg',
    ]);
  });
});

describe('key points', () => {
  const keyPoints = (body: string) => extract(bare(body)).keyPoints;
  it('joins bold the editor split, in order, without duplicates', () => {
    expect(
      keyPoints('<p><strong>第一，</strong><strong>要看用户。</strong>其他文字。</p><p><b>第二点很重要。</b></p><p><strong>第一，要看用户。</strong></p>'),
    ).toEqual(['第一，要看用户。', '第二点很重要。']);
  });
  it('reads a short bolded word with its sentence', () => {
    expect(keyPoints('<p>前面一句话。我们要关注<strong>留存</strong>而不是拉新。后面一句。</p>')).toEqual(['我们要关注留存而不是拉新。']);
  });
  it('lists the outline of body headings with ids that are in the html', () => {
    const a = extract(bare('<h2>一、背景</h2><p>正文。</p><h3>1. 细节</h3><p>正文。</p>'));
    expect(a.outline.map(({ level, text }) => ({ level, text }))).toEqual([
      { level: 2, text: '一、背景' },
      { level: 3, text: '1. 细节' },
    ]);
    for (const h of a.outline) expect(a.html).toContain(`id="${h.id}"`);
  });
});

describe('extraction never changes the page', () => {
  it.each(manifest.map((m) => m.name))('%s', (name) => {
    const entry = manifest.find((m) => m.name === name)!;
    const doc = loadDocument(readFixture(name, 'page.html'), entry.url);
    const before = doc.documentElement.outerHTML;
    expect(extractArticle(doc, entry.url, woshipm).ok).toBe(true);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('small parsers', () => {
  it('parses counts', () => {
    expect(['4021', '1,024', '1.2万', '3w', '3k', '2.5K', 'abc', '', '1.2.3'].map(parseCount)).toEqual([
      4021,
      1024,
      12000,
      30000,
      3000,
      2500,
      null,
      null,
      null,
    ]);
  });
  it('normalizes dates', () => {
    const d = (s: string) => normalizeDate(s, now, woshipm);
    expect(d('2024-04-02T08:00:00+08:00')).toBe('2024-04-02T08:00:00+08:00');
    expect(d('2024-04-02 08:00')).toBe('2024-04-02T08:00:00+08:00');
    expect(d('2024-04-02T00:00:00Z')).toBe('2024-04-02T00:00:00Z');
    expect(d('2024/4/2')).toBe('2024-04-02');
    expect(d('2024年4月2日')).toBe('2024-04-02');
    expect(d('关注2024-04-021 评论')).toBe('2024-04-02');
    expect(d('5小时前')).toBe('2026-11-25');
    expect(d('13小时前')).toBe('2026-11-24');
    expect(d('昨天')).toBe('2026-11-24');
    expect(d('2024-02-30')).toBeNull();
    expect(d('不是日期')).toBeNull();
  });
  it('counts CJK characters and Latin words', () => {
    expect(countWords('产品经理 PM 要做 A/B test，2024年')).toBe(7 + 5); // 产品经理要做年 + PM A B test 2024
  });
});

describe("the engine's warm-up article", () => {
  const sample = rehearsal(woshipm);
  const articleOf = (reply: ExtractReply) => (reply.ok ? reply.article : null);

  // The idle warm-up (entrypoints/content.ts) extracts it to compile the code a real article takes:
  // if it stopped being an article with each kind of content, the warm-up would compile little.
  it('is a whole article to the extractor: metadata, bold, headings, list, table, image, credits', () => {
    const a = extract(sample.html, sample.url);
    expect(a.title).toBe('产品经理如何写好一份需求文档');
    expect(a.url).toBe(woshipm.samples.urls.article[0]);
    expect(a.author).toEqual({ name: '作者', url: woshipm.profileUrl('1') });
    expect(a.published).toMatch(/^2024-04-02/);
    expect(a.tags).toEqual(['需求']);
    expect(a.stats).toMatchObject({ comments: 1, views: 120, collects: 3 });
    expect(a.keyPoints[0]).toBe('写清楚目标和边界，是需求文档的第一要务。');
    expect(a.outline.map((h) => h.text)).toEqual(['一、为什么需求文档重要', '1. 结构']);
    expect(a.html).toMatch(/<table>[\s\S]*<img [^>]*src="https:\/\/www\.woshipm\.com\/rehearsal\.png"/);
    expect(a.attribution).toHaveLength(1);
    expect(a.keySentences).toEqual([]); // it has bold: its points are the bold, so no sentences are ranked
  });

  it("is made from the site's table: another layout in the table is another page", () => {
    // the same site, redesigned: other class names for the title, the author, the meta line, the body and the tags
    const redesigned: SiteProfile = {
      ...woshipm,
      contentSelectors: ['main.post > .post-body'],
      fields: {
        ...woshipm.fields,
        title: [{ css: 'h1.headline' }],
        authorName: [{ css: '#byline a.name' }],
        authorUrl: [{ css: '#byline a.name', attr: 'href' }],
      },
      metaLine: { ...woshipm.metaLine, selectors: ['ul.counts'] },
      tags: { ...woshipm.tags, selectors: ['.post-tags > a[rel="tag"]'] },
    };
    const page = rehearsal(redesigned);
    expect(page.html).not.toMatch(/article--|authorCard|meta--sup|taglist/);
    const doc = loadDocument(page.html, page.url);
    expect(doc.querySelector('main.post > .post-body blockquote')).not.toBeNull();
    const a = extractArticle(doc, page.url, redesigned, { now });
    if (!a.ok) throw new Error(a.reason);
    expect(a.article).toMatchObject({ title: '产品经理如何写好一份需求文档', author: { name: '作者' }, tags: ['需求'], stats: { views: 120 } });
    expect(a.article.keyPoints[0]).toBe('写清楚目标和边界，是需求文档的第一要务。');
  });

  it('builds for a selector the markup it matches', () => {
    const selectors = [
      'h2.article--title',
      '.a > b.c',
      'div#x .y[data-role="ad"]',
      'a[href*="/category/"]',
      '.article--content > blockquote:first-child',
      '*.z',
    ];
    for (const selector of selectors) {
      const html = markupFor(selector, '<i>内</i>', { title: '"引号"' });
      const doc = loadDocument(`<body>${html}</body>`, url);
      const found = doc.querySelector(selector);
      expect(found?.innerHTML, selector).toBe('<i>内</i>');
      expect(found?.getAttribute('title'), selector).toBe('"引号"');
    }
    expect(markupFor('.a b', '')).toBe('<div class="a"><b></b></div>');
    expect(markupFor('h1, h2', '')).toBeNull();
    expect(markupFor('h2 + p', '')).toBeNull();
  });

  it('runs in steps, each a plain call', () => {
    const engine = createEngine(loadDocument(sample.html, sample.url), woshipm);
    expect(engine.warmUp.length).toBeGreaterThan(1);
    for (const step of engine.warmUp) expect(() => step()).not.toThrow();
  });

  it("ends with the page's own article, which answers the first request until the page changes", async () => {
    const doc = loadDocument(sample.html, sample.url);
    const engine = createEngine(doc, woshipm);
    const before = articleOf(engine.extract({}));
    expect(articleOf(engine.extract({}))).not.toBe(before); // without the warm-up, each request extracts anew
    for (const step of engine.warmUp) step();
    const prefetched = articleOf(engine.extract({}));
    expect(prefetched).toEqual(before);
    expect(articleOf(engine.extract({}))).toBe(prefetched); // the warm-up's article, not a new extraction
    expect(articleOf(engine.extract({ selectionOnly: true }))).not.toBe(prefetched);
    doc.querySelector('.article--title')!.textContent = '改过的标题';
    await Promise.resolve(); // mutation records arrive in a microtask
    expect(articleOf(engine.extract({}))?.title).toBe('改过的标题');
  });

  it('leaves a long article to the request, so that no idle task runs long', () => {
    const long = sample.html.replace('<h3>', `<p>${'<span>很长的文章</span>'.repeat(800)}</p><h3>`);
    const engine = createEngine(loadDocument(long, sample.url), woshipm);
    for (const step of engine.warmUp) step();
    const first = articleOf(engine.extract({}));
    expect(first?.text).toContain('很长的文章');
    expect(articleOf(engine.extract({}))).not.toBe(first); // extracted anew: nothing was kept
  });
});
