/** One rule for credit lines and bylines (utils/extract/credits.ts), on the shapes the fixture articles show. */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../utils/extract';
import { creditLines } from '../utils/extract/credits';
import { woshipm } from '../utils/site/woshipm';
import type { Article } from '../utils/types';
import { loadDocument, manifest, readFixture } from './helpers';

const p = (text: string, closing = text.length <= woshipm.attributionTailMaxLength) => ({ text, closing });
const credits = (texts: string[]) =>
  creditLines(
    texts.map((t) => p(t)),
    woshipm,
  );
// Longer than a closing line (300 characters), as most body paragraphs are.
const body = '正文的一段话，讲的是产品经理怎样做需求分析。'.repeat(15);

describe('credit lines', () => {
  it('bylines right before the site credits join them (woshipm-6025589: 作者/编辑, 来源公众号, then 本文由)', () => {
    expect(
      credits([
        body,
        '*文中人物均为化名',
        '作者：冯叶，编辑：韦伯Kyle',
        '来源公众号：霞光社（ID：Globalinsights）；看见新经济的万丈霞光。',
        '本文由人人都是产品经理合作媒体 @霞光社 授权发布。未经许可，禁止转载。',
        '题图来自 Unsplash，基于 CC0 协议。',
      ]),
    ).toEqual([false, false, true, true, true, true]);
  });

  it('the author bio before the credits is a credit (pmd-2021, pd-2024, data-analysis-2022), and a translation byline block too', () => {
    expect(
      credits([
        body,
        '作者：周武，曾就职于腾讯、边锋，现在一家上市公司产品负责人；公众号：周武说',
        '本文由@周武 原创发布于人人都是产品经理，未经许可，禁止转载。',
      ]),
    ).toEqual([false, true, true]);
    expect(
      credits([
        body,
        '译者：Jane；译自Medium',
        '原文作者：Sébastien',
        '原文标题“20 Months in”',
        '本文由 @神译局 授权发布于人人都是产品经理，未经作者许可，禁止转载',
      ]),
    ).toEqual([false, true, true, true, true]);
  });

  it('the column writer’s bio after 专栏作家 and the closing lines are credits', () => {
    expect(
      credits([
        body,
        '专栏作家',
        'Hanni；公众号：时光笔记簿，人人都是产品经理专栏作家。终身学习者，乐于思考与分享。',
        '本文原创发布于人人都是产品经理，未经许可，禁止转载',
        '题图来自 Unsplash，基于 CC0 协议',
      ]),
    ).toEqual([false, true, true, true, true]);
  });

  it('bylines that end an article with no site credit line are credits', () => {
    expect(credits([body, body, '作者：小森，一个热爱心理学的产品经理；公众号：小森行为设计师'])).toEqual([false, false, true]);
    expect(credits([body, 'X，人人都是产品经理专栏作家，关注私域运营。'])).toEqual([false, true]);
  });

  it('bylines in the middle of the article stay in the body; site credit lines never do', () => {
    expect(credits(['来源：国家统计局 2024 年数据', body, '作者：这里是引用的一本书的作者', body])).toEqual([false, false, false, false]);
    expect(credits(['题图来自 Unsplash，基于 CC0 协议', body, body])).toEqual([true, false, false]);
  });

  it('the 专栏作家 label is a credit even as a heading (`<h3>#专栏作家#</h3>`)', () => {
    const bio = 'X，公众号：Y，人人都是产品经理专栏作家。关注产品设计。';
    expect(creditLines([p(body), p('#专栏作家#', false), p(bio), p('本文原创发布于人人都是产品经理')], woshipm)).toEqual([false, true, true, true]);
  });

  it('a long paragraph or a heading is never part of the closing run', () => {
    const long = `作者：${'很长的一段介绍，'.repeat(60)}`;
    expect(creditLines([p(body), p(long), p('本文由 @X 原创发布于人人都是产品经理')], woshipm)).toEqual([false, false, true]);
    expect(creditLines([p(body), p('作者：X', false), p('本文由 @X 原创发布于人人都是产品经理')], woshipm)).toEqual([false, false, true]);
  });
});

const extract = (html: string, url: string): Article => {
  const result = extractArticle(loadDocument(html, url), url, woshipm, { now: new Date('2026-11-25T00:00:00Z') });
  if (!result.ok) throw new Error(result.reason);
  return result.article;
};
const fixture = (name: string) => extract(readFixture(name, 'page.html'), manifest.find((m) => m.name === name)!.url);
const label = /^#?专栏作家#?$/;

describe('the 专栏作家 label over the column writer’s bio', () => {
  // as a heading (data-analysis-2021: `<h3>#专栏作家#</h3>`) and as a bold line (the others: `<p><strong>专栏作家</strong></p>`)
  it.each(['data-analysis-2021-5201013', 'marketing-2023-5966719', 'operate-2023-5957178', 'user-research-2022-5574214'])(
    'is in neither the body, the outline nor the attribution; the bio stays a credit (%s)',
    (name) => {
      const article = fixture(name);
      expect(article.outline.map((h) => h.text).filter((t) => label.test(t))).toEqual([]);
      expect(article.attribution.filter((line) => label.test(line))).toEqual([]);
      expect(article.text.split('\n').filter((line) => label.test(line.trim()))).toEqual([]);
      expect(article.html).not.toMatch(/>#?专栏作家#?</);
      expect(article.attribution.some((line) => /人人都是产品经理专栏作家/.test(line))).toBe(true);
    },
  );

  const page = (credits: string) => `<!doctype html><html><head><title>需求分析的三个层次 | 人人都是产品经理</title>
<meta property="og:type" content="article"></head><body><h2 class="article--title">需求分析的三个层次</h2><div class="article--content">
<h2>一、为什么</h2>${'<p>这是正文的一段，讲产品经理如何做需求分析，内容足够长以便被识别为正文，包含逗号，句号。</p>'.repeat(8)}
${credits}
<p>X，公众号：Y，人人都是产品经理专栏作家。关注产品设计。</p>
<p>本文原创发布于人人都是产品经理，未经许可，禁止转载。</p></div></body></html>`;

  it.each(['<h3>#专栏作家#</h3>', '<p><strong>#专栏作家#</strong></p>', '<p><strong>专栏作家</strong></p>', '<p>专栏作家</p>'])(
    '%s goes, the bio and the credit line are the attribution',
    (credits) => {
      const article = extract(page(credits), 'https://www.woshipm.com/pd/1000003.html');
      expect(article.outline.map((h) => h.text)).toEqual(['一、为什么']);
      expect(article.attribution).toEqual(['X，公众号：Y，人人都是产品经理专栏作家。关注产品设计。', '本文原创发布于人人都是产品经理，未经许可，禁止转载。']);
      expect(article.text).not.toContain('专栏作家');
    },
  );

  it('ends a 为我投票 campaign section: the bio after it stays a credit', () => {
    const campaign = '<h3>为我投票</h3><p>我在参加年度评选，点击下方链接为我投票。</p><p><strong>专栏作家</strong></p>';
    const article = extract(page(campaign), 'https://www.woshipm.com/pd/1000003.html');
    expect(article.text).not.toContain('为我投票');
    expect(article.attribution).toEqual(['X，公众号：Y，人人都是产品经理专栏作家。关注产品设计。', '本文原创发布于人人都是产品经理，未经许可，禁止转载。']);
  });
});
