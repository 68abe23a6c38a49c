/** shell/library-backup.ts over the real store (shell/library.ts on an in-memory IndexedDB) and the highlights' storage. */
import { unzipSync } from 'fflate';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listArticleHighlights, putArticleHighlights } from '../shell/highlights';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backupFailureText, backupLibrary, libraryBackupZip, restoreLibrary } from '../shell/library-backup';
import { clearLibrary, getCard, getImage, getRecord, listCards, putArticle, setState } from '../shell/library';
import type { ArticleHighlights } from '../utils/highlights/types';
import type { Article } from '../utils/types';
import { fixtureArticle } from './helpers';
import { useFakeIndexedDb } from './library-fixtures';

const base = fixtureArticle('woshipm-6025589');
const other = fixtureArticle('pmd-2025-6195764');
const imageUrl = /<img[^>]* src="([^"]+)"/.exec(base.html)![1]!.replace(/&amp;/g, '&');
const png = (seed: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, seed, seed + 1, 0]);
const marks: ArticleHighlights = {
  url: base.url,
  title: base.title,
  updatedAt: 7_000,
  highlights: [
    {
      id: 'h1',
      color: 'green',
      note: '要点',
      quote: { exact: base.text.slice(10, 20), prefix: '', suffix: '' },
      position: { start: 10, end: 20 },
      createdAt: 7_000,
      updatedAt: 7_000,
    },
  ],
};
/** By shape: IndexedDB's buffers are of another realm than the test's. */
const bytesOf = async (data: Blob | ArrayBuffer) =>
  new Uint8Array(typeof (data as Blob).arrayBuffer === 'function' ? await (data as Blob).arrayBuffer() : (data as ArrayBuffer));
const unexpected = () => {
  throw new Error('no conflicts expected');
};

async function fill(): Promise<void> {
  await putArticle(base, {
    images: new Map([[imageUrl, { bytes: png(1), type: 'image/png' }]]),
    export: { at: 1_000, where: 'folder', folder: 'vault', path: 'a.md' },
    now: 2_000,
  });
  await putArticle(other, { state: 'read', now: 3_000 });
  await putArticleHighlights([marks]);
}

useFakeIndexedDb();
beforeEach(() => clearLibrary());

describe('backup and restore of the library', () => {
  it('restores a backup into an empty library: the same cards, articles, images and highlights; again, everything is identical', async () => {
    await fill();
    const cards = await listCards();
    const records = await Promise.all(cards.map((c) => getRecord(c.url)));
    // saved into Downloads as the zip export is: a blob URL handed to the downloads API
    let zip: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => ((zip = blob as Blob), 'blob:backup'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const download = vi.spyOn(fakeBrowser.downloads, 'download').mockImplementation(async () => 1);
    const { filename, summary } = await backupLibrary(Date.UTC(2026, 11, 2));
    expect(filename).toBe('woshipm-资料库-2026-12-02.zip');
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ url: 'blob:backup', filename }));
    expect(summary).toEqual({ articles: 2, images: 1, missingImages: 0 });
    if (!zip) throw new Error('nothing downloaded');
    const names = Object.keys(unzipSync(await bytesOf(zip)));
    expect(names).toEqual(expect.arrayContaining(['SUMMARY.md', 'library.json', 'zhichang/2024/2024-04-02-2024，大厂人“卷”向海外.md']));

    await clearLibrary();
    await fakeBrowser.storage.local.clear();
    const outcome = await restoreLibrary(zip, unexpected);
    expect(outcome).toEqual({ ok: true, added: 2, replaced: 0, kept: 0, identical: 0, highlights: 1, missingImages: 0, failed: [] });
    expect(await listCards()).toEqual(cards);
    expect(await Promise.all(cards.map((c) => getRecord(c.url)))).toEqual(records);
    const hash = records[1]!.images[imageUrl] ?? records[0]!.images[imageUrl];
    expect(await bytesOf((await getImage(hash!))!.bytes)).toEqual(png(1));
    expect(await listArticleHighlights()).toEqual([marks]);

    const decide = vi.fn(unexpected);
    expect(await restoreLibrary(await bytesOf(zip), decide)).toMatchObject({ added: 0, identical: 2, highlights: 0 });
    expect(decide).not.toHaveBeenCalled();
  });

  it('asks about conflicts: the backup replaces what the user chose, the rest stays as it is', async () => {
    await fill();
    const { zip } = await libraryBackupZip();
    const saved = await getRecord(base.url);
    const changed: Article = { ...base, text: `${base.text}\n\n后来补充的一段。` };
    await putArticle(changed);
    await setState(other.url, 'later');
    const outcome = await restoreLibrary(zip, (conflicts) => {
      expect(conflicts.map((c) => [c.url, c.differs])).toEqual([
        [other.url, ['state']],
        [base.url, ['text']],
      ]);
      return { [base.url]: 'backup' };
    });
    expect(outcome).toMatchObject({ ok: true, added: 0, replaced: 1, kept: 1, identical: 0 });
    expect((await getRecord(base.url))!.article.text).toBe(base.text);
    expect((await getCard(base.url))!.textHash).toBe(saved!.card.textHash);
    expect((await getCard(other.url))!.state).toBe('later');
  });

  it('imports the files of a picked folder the same way, and words a refused backup', async () => {
    await fill();
    const { zip } = await libraryBackupZip();
    await clearLibrary();
    const picked = Object.entries(unzipSync(await bytesOf(zip))).map(([name, data]) => {
      const file = new File([data as BlobPart], name.split('/').pop()!);
      Object.defineProperty(file, 'webkitRelativePath', { value: `我的资料库/${name}` });
      return file;
    });
    expect(await restoreLibrary(picked, unexpected)).toMatchObject({ ok: true, added: 2 });
    expect((await listCards()).map((c) => c.url).sort()).toEqual([base.url, other.url].sort());

    const refused = await restoreLibrary(new Uint8Array([80, 75, 3, 4, 1, 2]), unexpected);
    expect(refused).toMatchObject({ ok: false, reason: 'not-zip' });
    expect(backupFailureText('not-zip')).toBe('无法恢复：这不是 zip 文件，或文件已损坏');
    expect(backupFailureText('invalid', 'articles[0].article.url')).toBe('无法恢复：备份里有无效的数据（articles[0].article.url）');
  });
});
