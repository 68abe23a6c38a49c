/** Checks of elapsed time, with a margin for a slow, busy machine (the 10 MB pages time themselves in big-pages.test.ts). */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../utils/extract';
import { keySentences } from '../../utils/keysentences';
import { loadDocument, manifest, readFixture } from '../helpers';
import { woshipm } from '../../utils/site/woshipm';

describe('key sentences', () => {
  it('of the longest fixture article take under 50 ms', () => {
    const { name, url } = manifest.find((f) => f.name === 'evaluating-2023-5774456')!;
    const result = extractArticle(loadDocument(readFixture(name, 'page.html'), url), url, woshipm, { now: new Date('2026-11-25T00:00:00Z') });
    if (!result.ok) throw new Error(result.reason);
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      keySentences(result.article, { site: woshipm });
      best = Math.min(best, performance.now() - start);
    }
    expect(best).toBeLessThan(50); // about 8 ms on a slow, busy 2-core machine
  });
});
