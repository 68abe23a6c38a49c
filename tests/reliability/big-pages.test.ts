/**
 * 10 MB pages: a typed result, never a throw, the article found whatever surrounds it, and in
 * bounded time (a generous margin; `npm run bench:perf` prints the real figures).
 */
import { describe, expect, it } from 'vitest';
import { byteSize, scaleBody, scaleClutter, scaleTo } from '../../tools/scale-page';
import { extractArticle } from '../../utils/extract';
import { bodyLimits } from '../../utils/extract/content';
import type { Article } from '../../utils/types';
import { loadDocument, manifest, readFixture } from '../helpers';
import { shapeProblems, unsafeProblems } from '../validate';
import { woshipm } from '../../utils/site/woshipm';

const { name, url } = manifest[0]!; // woshipm-6025589, modern layout
const page = readFixture(name, 'page.html');

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
  ] as const)(
    'repeated %s: a typed result in under 4 s (2 s on a quiet machine)',
    (kind, scale) => {
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
        expect(result.article.truncated).toBe(false);
      } else {
        // The body is read up to the limit, from its start.
        expect(result.article.text.startsWith(normal.text.slice(0, 2000))).toBe(true);
        expect(result.article.text.length).toBeGreaterThan(normal.text.length * 5);
        expect(result.article.text.length).toBeLessThanOrEqual(bodyLimits.chars * 1.1); // plus paragraph breaks
        expect(result.article.truncated).toBe(true); // and says so
      }
      expect(unsafeProblems(result.article.html)).toEqual([]);
    },
    120_000,
  );
});
