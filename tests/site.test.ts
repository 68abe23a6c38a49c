import { describe, expect, it } from 'vitest';
import { classifyUrl } from '../utils/extract/urls';
import { extractArticle } from '../utils/extract';
import * as table from '../utils/site/woshipm';
import { woshipm, woshipmUrls } from '../utils/site/woshipm';
import { loadDocument, nonArticlePages, readFixture } from './helpers';

const { urls } = woshipm.samples;

describe('the site table is reached through its profile', () => {
  // .dependency-cruiser.cjs keeps the table to the edges; which names they reach it by is this test's
  it('exports the profile and its light part, nothing else', () => expect(Object.keys(table).sort()).toEqual(['woshipm', 'woshipmUrls']));

  it('has the light part as the profile has it', () => {
    for (const [key, value] of Object.entries(woshipmUrls)) {
      if (key === 'clutter') expect(woshipmUrls.clutter.imageUrls).toBe(woshipm.clutter.imageUrls);
      else expect(woshipm[key as keyof typeof woshipm], key).toBe(value);
    }
  });

  it('reads its sample texts by its own patterns', () => {
    for (const [stat, patterns] of Object.entries(woshipm.statPatterns)) {
      expect(
        patterns.some((p) => p.test(woshipm.samples.metaLine)),
        stat,
      ).toBe(true);
    }
    expect(woshipm.attributionPatterns.some((p) => p.test(woshipm.samples.credit))).toBe(true);
  });
});

describe('the site table classifies its sample URLs', () => {
  it.each(urls.article)('%s is an article', (url) => {
    const kind = classifyUrl(url, woshipm);
    expect(kind.kind).toBe('article');
    if (kind.kind === 'article') expect(kind.url).toMatch(/^https:\/\/www\.woshipm\.com\/[a-z-]+\/\d+\.html$/);
  });
  it.each(urls.notArticle)('%s is not an article', (url) => expect(classifyUrl(url, woshipm).kind).toBe('non-article'));
  it.each(urls.otherSite)('%s is not woshipm', (url) => expect(classifyUrl(url, woshipm).kind).toBe('not-woshipm'));
});

describe('pages that are not articles get a clear typed result', () => {
  it.each(nonArticlePages())('$file', ({ file, url }) => {
    const result = extractArticle(loadDocument(readFixture('non-article', file), url), url, woshipm);
    expect(result).toMatchObject({ ok: false, reason: 'not-article' });
  });

  it('judges a page of unknown URL shape by its content', () => {
    const url = 'https://www.woshipm.com/archives/2024';
    const list = extractArticle(loadDocument(readFixture('non-article', 'list.html'), url), url, woshipm);
    expect(list).toMatchObject({ ok: false, reason: 'not-article' });
    const html = readFixture('woshipm-6025589', 'page.html');
    const article = extractArticle(loadDocument(html, url), url, woshipm);
    expect(article.ok && article.article.url).toBe('https://www.woshipm.com/zhichang/6025589.html');
  });

  it('refuses other sites', () => {
    const url = 'https://example.com/zhichang/6025589.html';
    const result = extractArticle(loadDocument(readFixture('woshipm-6025589', 'page.html'), url), url, woshipm);
    expect(result).toMatchObject({ ok: false, reason: 'not-woshipm' });
  });

  it('says so when an article page has no body yet', () => {
    const url = 'https://www.woshipm.com/pmd/123.html';
    const empty = '<html><head><title>加载中</title></head><body><div id="app"></div></body></html>';
    expect(extractArticle(loadDocument(empty, url), url, woshipm)).toMatchObject({ ok: false, reason: 'empty' });
    const shell = '<html><body><h2 class="article--title">标题</h2><div class="article--content"></div></body></html>';
    expect(extractArticle(loadDocument(shell, url), url, woshipm)).toMatchObject({ ok: false, reason: 'empty' });
    // The front end's first paint: the site's name as title and a loading line as the only text.
    const loading = '<html><head><title>人人都是产品经理</title></head><body><div id="app"><div class="loading">加载中…</div></div></body></html>';
    expect(extractArticle(loadDocument(loading, url), url, woshipm)).toMatchObject({ ok: false, reason: 'empty' });
  });
});
