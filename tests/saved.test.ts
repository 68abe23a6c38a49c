/** Where each article was saved, keyed by its canonical URL; the Obsidian link to a saved note. */
import { describe, expect, it } from 'vitest';
import { getSavedPlace, getSavedRecord, putSavedRecord, sha256, watchSavedRecord, type SavedRecord } from '../shell/saved';
import { obsidianOpenUrl } from '../utils/export/obsidian';

const record = (over: Partial<SavedRecord> = {}): SavedRecord => ({
  url: 'https://www.woshipm.com/pmd/5239764.html',
  where: 'folder',
  folder: 'vault',
  path: '产品经理/2021/2021-12-07-深度思考.md',
  hash: 'a'.repeat(64),
  savedAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

describe('the saved-articles map', () => {
  it('finds an article by its canonical URL, and only by it', async () => {
    await putSavedRecord(record());
    expect(await getSavedRecord('https://www.woshipm.com/pmd/5239764.html')).toEqual(record());
    expect(await getSavedRecord('https://www.woshipm.com/pmd/5239765.html')).toBeNull();
    expect(await getSavedRecord('https://www.woshipm.com/pmd/5239764.html?from=home')).toBeNull(); // callers pass the canonical URL
  });

  it('keeps one record per destination and folder; the card shows the latest', async () => {
    await putSavedRecord(record());
    await putSavedRecord(record({ where: 'download', folder: '', path: 'a.zip', savedAt: '2026-12-02T10:00:00.000Z' }));
    // a download in between: the vault's file is still the one of record there
    expect(await getSavedRecord(record().url)).toMatchObject({ where: 'download', path: 'a.zip' });
    expect(await getSavedPlace(record().url, 'folder', 'vault')).toEqual(record());
    expect(await getSavedPlace(record().url, 'folder', 'other vault')).toBeNull();
    // saving there again replaces that place's record, and only it
    await putSavedRecord(record({ path: 'b.md', savedAt: '2026-12-03T10:00:00.000Z' }));
    expect(await getSavedPlace(record().url, 'folder', 'vault')).toMatchObject({ path: 'b.md' });
    expect(await getSavedPlace(record().url, 'download', '')).toMatchObject({ path: 'a.zip' });
    expect(await getSavedRecord(record().url)).toMatchObject({ path: 'b.md' });
  });

  it('tells a page watching the article (the card) of a new save', async () => {
    const seen: (SavedRecord | null)[] = [];
    const unwatch = watchSavedRecord(record().url, (r) => seen.push(r));
    await putSavedRecord(record());
    await expect.poll(() => seen).toEqual([record()]);
    unwatch();
  });

  it('hashes what was written (UTF-8), so a changed file is told from ours', async () => {
    expect(await sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256('产品')).toBe(await sha256(new TextEncoder().encode('产品')));
    expect(await sha256('产品\n')).not.toBe(await sha256('产品'));
  });
});

describe('Open in Obsidian', () => {
  it('names the vault and the note without .md, spaces as %20', () => {
    expect(obsidianOpenUrl('我的 库', '产品经理/2021/深度思考 | 技术.md')).toBe(
      'obsidian://open?vault=%E6%88%91%E7%9A%84%20%E5%BA%93&file=%E4%BA%A7%E5%93%81%E7%BB%8F%E7%90%86%2F2021%2F%E6%B7%B1%E5%BA%A6%E6%80%9D%E8%80%83%20%7C%20%E6%8A%80%E6%9C%AF',
    );
    expect(decodeURIComponent(new URL(obsidianOpenUrl('v', 'a+b.md')).searchParams.get('file')!)).toBe('a+b');
  });
});
