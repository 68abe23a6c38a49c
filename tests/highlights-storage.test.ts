/** shell/highlights.ts: one local item per article, listed by prefix, removed with its last highlight. */
import { storage } from '@wxt-dev/storage';
import { describe, expect, it } from 'vitest';
import {
  deleteAllData,
  deleteArticleHighlights,
  getArticleHighlights,
  listArticleHighlights,
  putArticleHighlights,
  updateArticleHighlights,
  watchArticleHighlights,
} from '../shell/highlights';
import type { ArticleHighlights, Highlight } from '../utils/highlights';

const highlight = (id: string, exact: string): Highlight => ({
  id,
  color: 'yellow',
  note: '',
  quote: { exact, prefix: '', suffix: '' },
  position: { start: 0, end: exact.length },
  createdAt: 1,
  updatedAt: 1,
});
const entry = (url: string, updatedAt: number, ...highlights: Highlight[]): ArticleHighlights => ({ url, title: url, updatedAt, highlights });
const a = 'https://www.woshipm.com/pd/1.html';
const b = 'https://www.woshipm.com/pd/2.html';

describe('highlight storage', () => {
  it('keeps one item per article under local:highlights:<url>, listed newest first', async () => {
    await putArticleHighlights([entry(a, 1, highlight('x', '甲')), entry(b, 2, highlight('y', '乙'))]);
    await storage.setItem('local:other', 1);
    expect(await storage.getItem(`local:highlights:${a}`)).toMatchObject({ url: a });
    expect((await listArticleHighlights()).map((e) => e.url)).toEqual([b, a]);
    expect(await getArticleHighlights('https://www.woshipm.com/pd/3.html')).toBeNull();
  });

  it('applies overlapping updates one after another and drops an article with no highlight left', async () => {
    const add = (h: Highlight) => updateArticleHighlights(a, (cur) => ({ ...(cur ?? entry(a, 0)), highlights: [...(cur?.highlights ?? []), h] }));
    await Promise.all([add(highlight('1', '一')), add(highlight('2', '二')), add(highlight('3', '三'))]);
    expect((await getArticleHighlights(a))?.highlights.map((h) => h.id)).toEqual(['1', '2', '3']);
    await updateArticleHighlights(a, (cur) => ({ ...cur!, highlights: [] }));
    expect(await getArticleHighlights(a)).toBeNull();
    expect(await listArticleHighlights()).toEqual([]);
  });

  it('tells a watcher about changes, deletes one article or everything', async () => {
    const seen: (number | null)[] = [];
    const unwatch = watchArticleHighlights(a, (e) => seen.push(e?.highlights.length ?? null));
    await putArticleHighlights([entry(a, 1, highlight('x', '甲')), entry(b, 2, highlight('y', '乙'))]);
    await deleteArticleHighlights(a);
    unwatch();
    expect(seen).toEqual([1, null]);
    await storage.setItem('sync:export', { template: 'plain' });
    await deleteAllData();
    expect(await listArticleHighlights()).toEqual([]);
    expect(await storage.getItem('sync:export')).toBeNull();
  });
});
