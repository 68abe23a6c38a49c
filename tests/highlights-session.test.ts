/** shell/highlight-session.ts: one article's highlights read, followed and changed, over the fake browser's storage. */
import { describe, expect, it, vi } from 'vitest';
import { openHighlightSession, type HighlightsChange } from '../shell/highlight-session';
import { getArticleHighlights, putArticleHighlights } from '../shell/highlights';
import type { Highlight } from '../utils/highlights';

const url = 'https://www.woshipm.com/pd/1.html';
const selectors = (exact: string): Pick<Highlight, 'quote' | 'position'> => ({
  quote: { exact, prefix: '', suffix: '' },
  position: { start: 0, end: exact.length },
});
const stored = (id: string, exact: string): Highlight => ({ id, color: 'yellow', note: '', ...selectors(exact), createdAt: 1, updatedAt: 1 });

function open() {
  const changes: HighlightsChange[] = [];
  const onChange = vi.fn((change: HighlightsChange) => void changes.push(change));
  const session = openHighlightSession(url, () => '页面的标题', onChange);
  return { session, changes, onChange };
}

describe('openHighlightSession', () => {
  it('reads what is stored, then says so', async () => {
    await putArticleHighlights([{ url, title: '存过的标题', updatedAt: 5, highlights: [stored('a', '甲')] }]);
    const { session, changes } = open();
    expect(session.highlights()).toEqual([]);
    await session.ready;
    expect(session.highlights().map((h) => h.id)).toEqual(['a']);
    expect(session.title()).toBe('存过的标题');
    expect(changes).toEqual(['loaded']);
    session.stop();
  });

  it("adds a highlight under the page's title, edits and removes it; the last one gone, the item goes", async () => {
    const { session, changes } = open();
    await session.ready;
    expect(session.title()).toBe('');
    const id = await session.add(selectors('再谈方法'), 'green');
    expect(id).toMatch(/\S{8,}/);
    let saved = await getArticleHighlights(url);
    expect(saved).toMatchObject({ url, title: '页面的标题', highlights: [{ id, color: 'green', note: '', quote: { exact: '再谈方法' } }] });
    expect(session.highlights()).toEqual(saved!.highlights);
    expect(changes).toContain('saved');

    await session.edit(id, { note: '我的想法', color: 'pink' });
    saved = await getArticleHighlights(url);
    expect(saved!.highlights[0]).toMatchObject({ id, color: 'pink', note: '我的想法' });
    expect(saved!.highlights[0]!.updatedAt).toBeGreaterThanOrEqual(saved!.highlights[0]!.createdAt);

    await session.remove(id);
    expect(await getArticleHighlights(url)).toBeNull();
    expect(session.highlights()).toEqual([]);
    session.stop();
  });

  it('keeps the stored title when adding to an article that has one', async () => {
    await putArticleHighlights([{ url, title: '存过的标题', updatedAt: 5, highlights: [stored('a', '甲')] }]);
    const { session } = open();
    await session.ready;
    await session.add(selectors('乙'), 'blue');
    expect((await getArticleHighlights(url))!.title).toBe('存过的标题');
    expect(session.highlights().map((h) => h.quote.exact)).toEqual(['甲', '乙']);
    session.stop();
  });

  it('follows changes made elsewhere until stopped', async () => {
    const { session, changes } = open();
    await session.ready;
    await putArticleHighlights([{ url, title: 't', updatedAt: 7, highlights: [stored('b', '乙')] }]);
    await vi.waitFor(() => expect(changes).toContain('elsewhere'));
    expect(session.highlights().map((h) => h.id)).toEqual(['b']);
    session.stop();
    const before = changes.length;
    await putArticleHighlights([{ url, title: 't', updatedAt: 8, highlights: [stored('c', '丙')] }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(changes).toHaveLength(before);
    expect(session.highlights().map((h) => h.id)).toEqual(['b']);
  });

  it('makes changes one after another, none lost', async () => {
    const { session } = open();
    await session.ready;
    const ids = await Promise.all([session.add(selectors('甲'), 'yellow'), session.add(selectors('乙'), 'yellow'), session.add(selectors('丙'), 'yellow')]);
    expect(new Set(ids).size).toBe(3);
    expect((await getArticleHighlights(url))!.highlights.map((h) => h.quote.exact)).toEqual(['甲', '乙', '丙']);
    session.stop();
  });
});
