/**
 * How a page was read (`Article.readFrom`): each piece not read by the site's own first way, named by its
 * entry in the site table, so that a user's copied diagnostic says what changed on the live site.
 * Pages here are copies of a fixture with one thing of the site's markup changed.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../utils/extract';
import type { Article } from '../utils/types';
import { woshipm } from '../utils/site/woshipm';
import { fixtureArticle, loadDocument, manifest, readFixture } from './helpers';

const name = 'woshipm-6025589';
const url = 'https://www.woshipm.com/zhichang/6025589.html';
const now = new Date('2026-11-25T00:00:00Z');

/** The fixture page, changed by `edit` before it is read. */
function extractEdited(edit: (doc: Document) => void): Article {
  const doc = loadDocument(readFixture(name, 'page.html'), url);
  edit(doc);
  const result = extractArticle(doc, url, woshipm, { now });
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}

const original = extractEdited(() => undefined);
const removeAll = (doc: Document, selector: string) => {
  for (const el of doc.querySelectorAll(selector)) el.remove();
};

describe('a page the table knows', () => {
  it('carries no fallbacks', () => {
    expect(original.readFrom).toEqual({ fallbacks: [] });
  });

  it.each(manifest.filter((f) => f.variant === 'modern').map((f) => f.name))('%s (modern layout): none either', (fixture) => {
    expect(fixtureArticle(fixture).readFrom.fallbacks).toEqual([]);
  });

  it.each(manifest.filter((f) => f.variant === 'bare').map((f) => f.name))('%s (none of the known classes): title and body by their fallbacks', (fixture) => {
    const { fallbacks } = fixtureArticle(fixture).readFrom;
    expect(fallbacks).toContainEqual({ field: 'title', source: 'meta og:title', primary: 'css h2.article--title' });
    expect(fallbacks).toContainEqual({ field: 'contentSelectors', source: 'body', primary: 'css .article--content' });
  });
});

describe('a page whose markup changed', () => {
  it("reads the title from its fallback when the site's title selector finds nothing", () => {
    const article = extractEdited((doc) => {
      doc.querySelector('h2.article--title')!.className = 'article--heading';
    });
    expect(article.title).toBe(original.title);
    expect(article.readFrom.fallbacks).toEqual([{ field: 'title', source: 'meta og:title', primary: 'css h2.article--title' }]);
  });

  it('names the next source in order when the first fallback is gone too', () => {
    const article = extractEdited((doc) => {
      doc.querySelector('h2.article--title')!.className = 'article--heading';
      removeAll(doc, 'meta[property="og:title"]');
    });
    expect(article.title).toBe(original.title);
    expect(article.readFrom.fallbacks).toEqual([{ field: 'title', source: 'jsonld headline', primary: 'css h2.article--title' }]);
  });

  it("reads the body from the page's body when the site's container is missing", () => {
    const article = extractEdited((doc) => {
      doc.querySelector('.article--content')!.className = 'article--text';
    });
    expect(article.text).toContain(original.text.slice(0, 200));
    // The lead's selector is inside the container: it is missed with it, and says so.
    expect(article.lead).toBe(original.lead);
    expect(article.readFrom.fallbacks).toEqual([
      { field: 'lead', source: 'jsonld description', primary: 'css .article--content > blockquote:first-child' },
      { field: 'contentSelectors', source: 'body', primary: 'css .article--content' },
    ]);
  });

  it("says where the counts came from when the meta line's class changed", () => {
    const article = extractEdited((doc) => {
      doc.querySelector('.meta--sup__right')!.className = 'meta--counts';
    });
    expect(article.stats).toEqual(original.stats);
    // The next selector of the table holds the renamed line: it is found there, not by the climb.
    expect(article.readFrom.fallbacks).toEqual([{ field: 'metaLine', source: 'css .meta--sup', primary: 'css .meta--sup__right' }]);
  });

  it('reports a field that no way found, as found by nothing', () => {
    const article = extractEdited((doc) => {
      removeAll(doc, '.taglist, meta[name="keywords"]');
    });
    expect(article.tags).toEqual([]);
    expect(article.readFrom.fallbacks).toEqual([{ field: 'tags', source: null, primary: 'css .taglist a' }]);
  });

  it("takes no likes in the site's own region for an article nobody liked, and a missing region for a fallback", () => {
    // As the site prints a count of none: the label alone (it-2025-6200141 shows both so).
    const unliked = extractEdited((doc) => {
      for (const count of doc.querySelectorAll('.postmeta--actions .collect, .postmeta--actions .like')) count.lastChild!.remove();
    });
    expect(unliked.stats.likes).toBeNull();
    expect(unliked.readFrom.fallbacks).toEqual([]);
    const gone = extractEdited((doc) => removeAll(doc, '.article--postmeta'));
    expect(gone.stats.likes).toBeNull();
    expect(gone.readFrom.fallbacks).toEqual([{ field: 'likes', source: null, primary: 'css .article--postmeta' }]);
  });

  it('lists several changes, one entry per field in reading order, as JSON', () => {
    const article = extractEdited((doc) => {
      for (const el of doc.querySelectorAll('h2.article--title, .authorCard--title, .article--content')) el.className = 'renamed';
      removeAll(doc, 'meta[property="article:published_time"]');
    });
    expect([article.title, article.author, article.published, article.lead]).toEqual([original.title, original.author, original.published, original.lead]);
    expect(article.readFrom.fallbacks).toEqual([
      { field: 'title', source: 'meta og:title', primary: 'css h2.article--title' },
      { field: 'authorName', source: 'css a.ui-captionStrong', primary: 'css .authorCard--title a' },
      { field: 'authorUrl', source: 'css a.ui-captionStrong @href', primary: 'css .authorCard--title a @href' },
      { field: 'published', source: 'jsonld datePublished', primary: 'meta article:published_time' },
      { field: 'lead', source: 'jsonld description', primary: 'css .article--content > blockquote:first-child' },
      { field: 'contentSelectors', source: 'body', primary: 'css .article--content' },
    ]);
    expect(JSON.parse(JSON.stringify(article.readFrom))).toEqual(article.readFrom);
  });

  it("has no container to miss for a selection's body", () => {
    const doc = loadDocument(readFixture(name, 'page.html'), url);
    doc.querySelector('.article--content')!.className = 'article--text';
    const range = doc.createRange();
    range.selectNodeContents(doc.querySelector('.article--text')!);
    const selection = doc.getSelection()!;
    selection.addRange(range);
    const result = extractArticle(doc, url, woshipm, { now, selection });
    if (!result.ok) throw new Error(result.reason);
    expect(result.article.readFrom.fallbacks.map((f) => f.field)).toEqual(['lead']);
  });
});
