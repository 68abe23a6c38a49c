/**
 * The ways into the library (shell/library-save.ts): the real page-side engine answering in a fixture page,
 * the network faked at the browser's edge, the library in an in-memory IndexedDB.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clearLibrary, getImage, getRecord } from '../shell/library';
import { collectTab, libraryStatus, recordExport, updateSavedTab } from '../shell/library-save';
import { outcomeText } from '../shell/i18n';
import { sha256 } from '../shell/saved';
import { librarySettings } from '../shell/settings';
import { createEngine, type Engine } from '../utils/engine';
import { woshipm } from '../utils/site/woshipm';
import { manifest } from './helpers';
import { fakeImageNetwork, pageWithImages, png, useFakeIndexedDb, wp } from './library-fixtures';

const bytesOf: Record<string, Uint8Array> = { 'a.png': png(1), 'b.png': png(2) };
const fixture = 'pd-2024-6119971';
const entry = manifest.find((m) => m.name === fixture)!;

function engineFor(extra = ''): Engine {
  return createEngine(pageWithImages(fixture, [`${wp}/a.png`, `${wp}/b.png`, `${wp}/gone.png`], extra).doc, woshipm);
}

let engine: Engine;
useFakeIndexedDb();
beforeEach(async () => {
  await clearLibrary();
  engine = engineFor();
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tabId: number, message: { type: string }) => {
    if (message.type === 'ping') return { version: '0', engine: true };
    if (message.type === 'libraryCopy') return engine.libraryCopy();
    throw new Error(`unexpected ${message.type}`);
  }) as never);
  fakeImageNetwork(bytesOf);
});

describe('the ways into the library', () => {
  it('collect keeps the whole article as 稍后读, without images while the setting is off', async () => {
    const outcome = await collectTab(3);
    expect(outcome).toMatchObject({ ok: true, card: { url: entry.url, state: 'later', exports: [], images: 0 } });
    expect(fetch).not.toHaveBeenCalled();
    const record = await getRecord(entry.url);
    expect(record?.article.text).toBe((engine.extract({}) as { article: { text: string } }).article.text);
  });

  it('with keepImagesOffline on, the images are fetched and kept by hash; one that fails is reported', async () => {
    await librarySettings.update({ keepImagesOffline: true });
    const outcome = await collectTab(3);
    // The page's own images are not on this fake CDN: they fail like gone.png.
    expect(outcome.ok && outcome.images).toMatchObject({
      saved: 2,
      failures: expect.arrayContaining([expect.objectContaining({ url: `${wp}/gone.png`, reason: 'unreachable' })]),
    });
    const record = (await getRecord(entry.url))!;
    expect(record.images).toEqual({ [`${wp}/a.png`]: await sha256(png(1)), [`${wp}/b.png`]: await sha256(png(2)) });
    expect((await getImage(await sha256(png(2))))?.type).toBe('image/png');
    expect(record.card.images).toBe(2);
  });

  it('an export is recorded with where it went; a second one is appended', async () => {
    const first = await recordExport(3, { ok: true, filename: '产品设计/2024/a.md', where: 'folder', folder: 'vault' }, 1_000);
    expect(first).toMatchObject({ ok: true, library: 'saved' });
    await recordExport(3, { ok: true, filename: 'a.zip', where: 'download', folder: '' }, 2_000);
    expect((await getRecord(entry.url))?.card.exports).toEqual([
      { at: 1_000, where: 'folder', folder: 'vault', path: '产品设计/2024/a.md' },
      { at: 2_000, where: 'download', folder: '', path: 'a.zip' },
    ]);
    // A failed export records nothing.
    expect(await recordExport(3, { ok: false, detail: 'x' })).toEqual({ ok: false, detail: 'x' });
  });

  it('libraryStatus tells a changed page; updateSaved keeps the new copy', async () => {
    await collectTab(3);
    const text = (e: Engine) => (e.extract({}) as { article: { text: string } }).article.text;
    expect(await libraryStatus(entry.url, await sha256(text(engine)))).toMatchObject({ url: entry.url, changed: false });
    engine = engineFor('<p>编者按：发布后补充的一段。</p>');
    const hash = await sha256(text(engine));
    expect(await libraryStatus(entry.url, hash)).toMatchObject({ changed: true });
    await updateSavedTab(3);
    expect(await libraryStatus(entry.url, hash)).toMatchObject({ changed: false });
    expect(await libraryStatus('https://www.woshipm.com/pd/1.html', hash)).toBeNull();
  });

  it('a full library does not fail the export, and the export says so', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const outcome = await recordExport(3, { ok: true, filename: 'a.md', where: 'download', folder: '' });
    expect(outcome).toMatchObject({ ok: true, library: 'quota' });
    expect(outcomeText(outcome)).toContain('存储空间已满');
    expect(await collectTab(3)).toMatchObject({ ok: false, error: 'quota' });
  });
});
