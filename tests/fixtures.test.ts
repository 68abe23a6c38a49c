/**
 * Every fixture page: each field against the naive conversion's header (what the site printed),
 * and the whole Article and Markdown against expected files a person reviewed, all but the key
 * sentences (the ranker's, judged by its evaluation: `extractionGolden` in helpers.ts).
 * Regenerate with UPDATE_FIXTURES=1 npm run test:unit, then read the diff.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastParser } from '../cli/dom';
import { extractArticle } from '../utils/extract';
import { createMarkdown } from '../utils/markdown';
import { showsKeySentences } from '../utils/points';
import type { Article } from '../utils/types';
import { expectGolden, extractionGolden, fixturesDir, loadDocument, manifest, naiveBodyParagraphs, parseNaiveHeader, readFixture, updating } from './helpers';
import { woshipm } from '../utils/site/woshipm';

const { toMarkdown } = createMarkdown(new DOMParser());

const now = new Date('2026-11-25T00:00:00Z');

function extract(name: string, url: string): Article {
  const result = extractArticle(loadDocument(readFixture(name, 'page.html'), url), url, woshipm, { now });
  if (!result.ok) throw new Error(`${name}: ${result.reason}`);
  return result.article;
}

describe.each(manifest)('$name ($variant layout)', ({ name, url, variant }) => {
  const article = extract(name, url);
  const naive = parseNaiveHeader(readFixture(name, 'naive.md'));

  it('reads the header fields the site printed', () => {
    expect(article.url).toBe(naive.url);
    expect(article.title).toBe(naive.title);
    expect(article.author).toEqual(naive.author);
    expect(article.published?.slice(0, 10)).toBe(naive.published);
    expect(article.category.slug).toBe(naive.url.split('/')[3]);
    expect(article.category.slug.toLowerCase()).toBe(naive.category.toLowerCase());
    expect(article.stats).toMatchObject(naive.stats);
    expect(article.tags).toEqual(naive.tags);
    expect(article.lead).toBe(naive.lead);
  });

  it('keeps the page date-time where the page gives one', () => {
    if (variant === 'classic') expect(article.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    else expect(article.published).toMatch(/^\d{4}-\d{2}-\d{2}T08:00:00\+08:00$/);
  });

  it('reads likes and reading minutes from the page furniture', () => {
    const raw = readFixture(name, 'naive.md');
    const likes = /点赞已赞(\d+)/.exec(raw)?.[1];
    expect(article.stats.likes).toBe(likes === undefined ? null : Number(likes));
    expect(article.readingMinutes).toBe(Number(/(\d+) 分钟/.exec(raw)![1]));
  });

  it('has a body, an outline of its headings and its bolded key points', () => {
    expect(article.wordCount).toBeGreaterThan(100);
    expect(article.text.length).toBeGreaterThan(100);
    for (const h of article.outline) expect(article.html).toContain(`id="${h.id}"`);
    // bold that is not a heading (a paragraph wholly in bold that the outline took, `<p id="wr-h3"><strong>…`)
    const headingBold = (article.html.match(/<p id="wr-h\d+">(<(strong|b)>)+/g) ?? []).join('').match(/<(strong|b)>/g)?.length ?? 0;
    const bodyBold = (article.html.match(/<(strong|b)>/g) ?? []).length - headingBold;
    if (bodyBold) expect(article.keyPoints.length).toBeGreaterThan(0);
    else expect(article.keyPoints).toEqual([]);
    expect(new Set(article.keyPoints).size).toBe(article.keyPoints.length);
    expect(article.attribution.length).toBeGreaterThan(0);
  });

  it('keeps the whole body: from its first paragraph to its last, every paragraph in order', () => {
    const expected = naiveBodyParagraphs(readFixture(name, 'naive.md'));
    // The bylines that close the body (作者：…, 来源公众号：…, the writer's bio) are credit lines
    // (utils/extract/credits.ts): each is in `attribution` instead, and nothing after them is body.
    const compact = (line: string) => line.replace(/\s+/g, '');
    const credits = new Set(article.attribution.map(compact));
    while (expected.length > 1 && credits.has(compact(expected.at(-1)!))) expected.pop();
    const text = article.text.replace(/\s+/g, ' ');
    // the naive lines still carry zero-width spaces; our text drops them
    expect(expected.length).toBeGreaterThan(0);
    let from = 0;
    for (const paragraph of expected) {
      const at = text.indexOf(paragraph, from);
      expect(at, paragraph).toBeGreaterThanOrEqual(0);
      from = at + paragraph.length;
    }
    expect(text.startsWith(expected[0]!)).toBe(true);
    expect(text.endsWith(expected.at(-1)!)).toBe(true);
  });

  it('matches the reviewed Article and Markdown', () => {
    expectGolden(name, 'expected.json', JSON.stringify(extractionGolden(article), null, 2) + '\n');
    // Without key sentences, the 要点 section of an article that shows them is left out: the golden
    // still holds the bold or the skeleton, the body and the credits.
    expectGolden(name, 'expected.md', toMarkdown({ ...article, keySentences: [] }, { template: 'gitbook', keyPoints: true }));
  });

  it('has key sentences exactly when they are its points: 3 to 7 sentences of its own text', () => {
    if (!showsKeySentences(article)) {
      expect(article.keySentences).toEqual([]);
      return;
    }
    expect(article.keySentences.length).toBeGreaterThanOrEqual(3);
    expect(article.keySentences.length).toBeLessThanOrEqual(7);
    for (const sentence of article.keySentences) expect(article.text).toContain(sentence);
  });

  it('writes the same Markdown from the domino tree the command uses (cli/dom.ts)', () => {
    for (const template of ['gitbook', 'frontmatter', 'plain'] as const) {
      expect(createMarkdown(fastParser).toMarkdown(article, { template, keyPoints: true })).toBe(toMarkdown(article, { template, keyPoints: true }));
    }
  });
});

describe('golden files', () => {
  // Under UPDATE_FIXTURES=1 a missing golden is written: that is the switch's job.
  it.skipIf(updating)('a missing one fails the test and is not written', () => {
    const { name } = manifest[0]!;
    expect(() => expectGolden(name, 'no-such-golden.md', '# x\n')).toThrow(/missing: write it with UPDATE_FIXTURES=1/);
    expect(existsSync(path.join(fixturesDir, name, 'no-such-golden.md'))).toBe(false);
  });
});
