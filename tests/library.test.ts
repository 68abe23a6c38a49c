/** The library's storage (shell/library.ts) over an in-memory IndexedDB: schema, one-transaction saves, delete and undo, errors. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearLibrary,
  deleteArticles,
  getCard,
  getImage,
  getRecord,
  getTexts,
  LibraryError,
  libraryDbName,
  libraryVersion,
  listCards,
  prepareLibrary,
  putArticle,
  restoreArticles,
  setState,
  usage,
} from '../shell/library';
import { watchLibrary, type LibraryChange } from '../shell/library-changes';
import { sha256 } from '../shell/saved';
import { deleteAllData } from '../shell/highlights';
import type { Article } from '../utils/types';
import { fixtureArticle } from './helpers';
import { useFakeIndexedDb } from './library-fixtures';

const base = fixtureArticle('woshipm-6025589');
const article = (n: number, over: Partial<Article> = {}): Article => ({ ...base, url: `https://www.woshipm.com/pd/${n}.html`, title: `文章 ${n}`, ...over });
const png = (seed: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, seed, seed + 1, seed + 2]);
const exported = { at: 1_000, where: 'folder', folder: 'vault', path: '产品设计/2024/a.md' } as const;

useFakeIndexedDb();
beforeEach(() => clearLibrary());

describe('the library database', () => {
  it('has version 2 with the five stores, keyed as the contract says, and the cards indexed by savedAt and updatedAt', async () => {
    await listCards(); // opens it
    const db = await rawOpen();
    expect(db.version).toBe(2);
    expect(libraryVersion).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'cards', 'images', 'search', 'texts']);
    const tx = db.transaction(['cards', 'articles', 'texts', 'images', 'search']);
    expect(tx.objectStore('cards').keyPath).toBe('url');
    expect([...tx.objectStore('cards').indexNames].sort()).toEqual(['savedAt', 'updatedAt']);
    expect(tx.objectStore('articles').keyPath).toBe('url');
    expect(tx.objectStore('texts').keyPath).toBe('url');
    expect(tx.objectStore('images').keyPath).toBe('hash');
    expect(tx.objectStore('search').keyPath).toBeNull();
    db.close();
  });

  it('takes a library of version 1 to version 2: each saved article gets its text, and nothing saved changes', async () => {
    // a version-1 library as the released extension wrote it, with two articles
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(libraryDbName); // the open connection closes on versionchange
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    const v1 = await rawOpen(1, (db) => {
      const cards = db.createObjectStore('cards', { keyPath: 'url' });
      cards.createIndex('savedAt', 'savedAt');
      cards.createIndex('updatedAt', 'updatedAt');
      db.createObjectStore('articles', { keyPath: 'url' });
      db.createObjectStore('images', { keyPath: 'hash' });
      db.createObjectStore('search');
    });
    const saved = [article(1), article(2, { lead: undefined, tags: ['定价', 'B端'] })];
    const cards = saved.map((a, i) => ({ url: a.url, title: a.title, savedAt: i, updatedAt: i, state: 'later', exports: [], images: 0 }));
    await new Promise<void>((resolve, reject) => {
      const tx = v1.transaction(['cards', 'articles'], 'readwrite');
      saved.forEach((a, i) => {
        tx.objectStore('cards').put(cards[i]);
        tx.objectStore('articles').put({ url: a.url, article: a, images: {} });
      });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    v1.close();

    await prepareLibrary(); // what the background does when the extension is updated
    const upgraded = await rawOpen();
    expect(upgraded.version).toBe(2);
    expect(
      await new Promise((resolve) => (upgraded.transaction('texts').objectStore('texts').count().onsuccess = (e) => resolve((e.target as IDBRequest).result))),
    ).toBe(2);
    upgraded.close();
    expect(await getTexts([saved[1]!.url, saved[0]!.url, 'https://www.woshipm.com/pd/404.html'])).toEqual([
      { url: saved[1]!.url, title: '文章 2', author: base.author.name, tags: ['定价', 'B端'], lead: '', body: base.text },
      { url: saved[0]!.url, title: '文章 1', author: base.author.name, tags: base.tags, lead: base.lead, body: base.text },
      null,
    ]);
    const v2 = await rawOpen();
    expect(v2.version).toBe(2);
    v2.close();
    expect((await getRecord(saved[0]!.url))?.article).toEqual(saved[0]);
    expect((await listCards()).map((c) => c.url)).toEqual([saved[1]!.url, saved[0]!.url]);
  });
});

/** The library's database opened without idb (at `version`, `upgrade` creating its stores); closed by the caller. */
function rawOpen(version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(libraryDbName, version);
    request.onupgradeneeded = () => upgrade?.(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

describe('putArticle', () => {
  it('stores the card, the article and its images by hash; getRecord and getImage give them back', async () => {
    const a = article(1);
    const cover = 'https://image.woshipm.com/wp-files/2024/01/a.png';
    const card = await putArticle(a, { export: exported, images: new Map([[cover, { bytes: png(1), type: 'image/png' }]]), now: 5_000 });
    expect(card).toMatchObject({
      url: a.url,
      title: '文章 1',
      author: a.author.name,
      savedAt: 5_000,
      updatedAt: 5_000,
      state: 'later',
      exports: [exported],
      images: 1,
    });
    expect(card.textHash).toBe(await sha256(a.text));
    expect(await getCard(a.url)).toEqual(card);
    const record = await getRecord(a.url);
    expect(record?.article).toEqual(a);
    const hash = await sha256(png(1));
    expect(record?.images).toEqual({ [cover]: hash });
    const image = await getImage(hash);
    expect(image?.type).toBe('image/png');
    expect(new Uint8Array(image!.bytes as ArrayBuffer)).toEqual(png(1));
    expect(await getCard('https://www.woshipm.com/pd/2.html')).toBeNull();
  });

  it('saving again keeps savedAt, the state and the exports (the new one appended), and hashes the new text', async () => {
    const a = article(1);
    await putArticle(a, { state: 'later', export: exported, now: 1_000 });
    await setState(a.url, 'read');
    const changed = { ...a, text: `${a.text}\n\n补充一段。` };
    const second = { ...exported, at: 2_000, where: 'download' as const, folder: '', path: 'a.zip' };
    const card = await putArticle(changed, { state: 'later', export: second, now: 2_000 });
    expect(card).toMatchObject({ savedAt: 1_000, updatedAt: 2_000, state: 'read', exports: [exported, second] });
    expect(card.textHash).toBe(await sha256(changed.text));
    expect(card.textHash).not.toBe(await sha256(a.text));
    expect((await getRecord(a.url))?.article.text).toBe(changed.text);
    // the text the search checks is the new copy's, written with it
    expect((await getTexts([a.url]))[0]?.body).toBe(changed.text);
  });

  it('keeps the images of the earlier copy when none are given; an image two articles show is kept once', async () => {
    const url = 'https://image.woshipm.com/x.png';
    await putArticle(article(1), { images: new Map([[url, { bytes: png(7), type: 'image/png' }]]) });
    await putArticle(article(1), { export: exported }); // an export with images not kept: the offline copy stays
    expect((await getCard(article(1).url))?.images).toBe(1);
    await putArticle(article(2), { images: new Map([[url, { bytes: png(7), type: 'image/png' }]]) });
    const hash = await sha256(png(7));
    await deleteArticles([article(1).url]);
    expect(await getImage(hash)).not.toBeNull(); // article 2 still shows it
    await deleteArticles([article(2).url]);
    expect(await getImage(hash)).toBeNull(); // the last article gone, its bytes go too
  });

  it('a new copy with other images drops those no article shows any more', async () => {
    const a = article(1);
    await putArticle(a, { images: new Map([['https://i/1.png', { bytes: png(1), type: 'image/png' }]]) });
    await putArticle(a, { images: new Map([['https://i/2.png', { bytes: png(2), type: 'image/png' }]]) });
    expect(await getImage(await sha256(png(1)))).toBeNull();
    expect(await getImage(await sha256(png(2)))).not.toBeNull();
    expect((await getRecord(a.url))?.images).toEqual({ 'https://i/2.png': await sha256(png(2)) });
  });

  it('a write refused half-way (quota) leaves nothing of the article, keeps what was saved, and rejects with kind quota', async () => {
    const a = article(1);
    await putArticle(a, { export: exported, now: 1_000 });
    const before = await getRecord(a.url);
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'articles') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const b = article(2);
    const images = new Map([['https://i/b.png', { bytes: png(3), type: 'image/png' }]]);
    const refused = await putArticle(b, { images }).catch((error: unknown) => error);
    const again = await putArticle({ ...a, text: '改过的正文' }, { export: { ...exported, at: 2_000 } }).catch((error: unknown) => error);
    spy.mockRestore();
    expect(refused).toBeInstanceOf(LibraryError);
    expect((refused as LibraryError).kind).toBe('quota');
    expect((again as LibraryError).kind).toBe('quota');
    // Nothing half-written: no card, no image of b; a as it was before the refused update.
    expect(await getCard(b.url)).toBeNull();
    expect(await getImage(await sha256(png(3)))).toBeNull();
    expect(await getRecord(a.url)).toEqual(before);
  });

  it('any other failure rejects with kind failed', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('disk', 'UnknownError');
    });
    const error = await putArticle(article(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as LibraryError).kind).toBe('failed');
  });
});

describe('reading the library', () => {
  it('reads a library of more than one slice (500) whole, newest first, ties by URL as the savedAt index gives them', async () => {
    const n = 1_103;
    // saved in an order unlike their URLs' (a permutation of the moments), articles 5 and 6 at the same moment
    const moment = (i: number) => 10_000 + ((i * 7919) % n) * 10;
    for (let i = 0; i < n; i++) await putArticle(article(i), { now: moment(i === 5 ? 6 : i) });
    const all = await listCards();
    expect(all).toHaveLength(n);
    expect(new Set(all.map((c) => c.url)).size).toBe(n);
    for (let i = 1; i < n; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.savedAt > b.savedAt || (a.savedAt === b.savedAt && a.url > b.url), `${a.url} before ${b.url}`).toBe(true);
    }
    expect(all.filter((c) => c.savedAt === all.find((x) => x.url === article(6).url)!.savedAt)).toHaveLength(2);
    expect((await listCards(3)).map((c) => c.url)).toEqual(all.slice(0, 3).map((c) => c.url));
  });

  it('lists the cards newest saved first, and setState marks one read', async () => {
    await putArticle(article(1), { now: 1_000 });
    await putArticle(article(3), { now: 3_000 });
    await putArticle(article(2), { now: 2_000 });
    await putArticle(article(1), { now: 4_000 }); // saved again: still saved first at 1000
    expect((await listCards()).map((c) => c.title)).toEqual(['文章 3', '文章 2', '文章 1']);
    // the newest first, as many as asked (what the page draws before reading the rest)
    expect((await listCards(2)).map((c) => c.title)).toEqual(['文章 3', '文章 2']);
    expect((await listCards(5)).map((c) => c.title)).toEqual(['文章 3', '文章 2', '文章 1']);
    expect((await setState(article(2).url, 'read'))?.state).toBe('read');
    expect((await getCard(article(2).url))?.state).toBe('read');
    expect(await setState('https://www.woshipm.com/pd/404.html', 'read')).toBeNull();
    expect((await usage()).articles).toBe(3);
  });
});

describe('delete and undo', () => {
  it('deleteArticles removes the articles and returns them; restoreArticles puts them and their images back', async () => {
    const images = new Map([['https://i/1.png', { bytes: png(1), type: 'image/png' }]]);
    await putArticle(article(1), { images, export: exported, now: 1_000 });
    await putArticle(article(2), { now: 2_000 });
    const before = await Promise.all([getRecord(article(1).url), getRecord(article(2).url)]);
    const deleted = await deleteArticles([article(1).url, article(2).url, 'https://www.woshipm.com/pd/404.html']);
    expect(deleted.records.map((r) => r.card.url)).toEqual([article(1).url, article(2).url]);
    expect(deleted.images.map((i) => i.hash)).toEqual([await sha256(png(1))]);
    expect(await listCards()).toEqual([]);
    expect(await getImage(await sha256(png(1)))).toBeNull();
    expect(await getTexts([article(1).url, article(2).url])).toEqual([null, null]);
    await restoreArticles(deleted);
    expect(await Promise.all([getRecord(article(1).url), getRecord(article(2).url)])).toEqual(before);
    expect((await getTexts([article(1).url, article(2).url])).map((t) => t?.title)).toEqual(['文章 1', '文章 2']);
    expect(new Uint8Array((await getImage(await sha256(png(1))))!.bytes as ArrayBuffer)).toEqual(png(1));
    // The counts are right again: one delete more removes the image.
    await deleteArticles([article(1).url]);
    expect(await getImage(await sha256(png(1)))).toBeNull();
  });

  it('删除全部数据 (deleteAllData) empties the library too', async () => {
    await putArticle(article(1));
    await deleteAllData();
    expect(await listCards()).toEqual([]);
  });

  it('clearLibrary empties every store', async () => {
    await putArticle(article(1), { images: new Map([['https://i/1.png', { bytes: png(1), type: 'image/png' }]]) });
    await clearLibrary();
    expect(await listCards()).toEqual([]);
    expect(await getImage(await sha256(png(1)))).toBeNull();
    expect(await getRecord(article(1).url)).toBeNull();
    expect(await getTexts([article(1).url])).toEqual([null]);
  });
});

describe('watchLibrary', () => {
  it('hears every change made in this page, on the channel every other page hears', async () => {
    const heard: LibraryChange[] = [];
    const unwatch = watchLibrary((change) => heard.push(change));
    const other = new BroadcastChannel('library'); // another page's view of the same channel
    const otherHeard: LibraryChange[] = [];
    other.onmessage = (event: MessageEvent<LibraryChange>) => otherHeard.push(event.data);
    await putArticle(article(1));
    await setState(article(1).url, 'read');
    const deleted = await deleteArticles([article(1).url]);
    await restoreArticles(deleted);
    await clearLibrary();
    await vi.waitFor(() => expect(heard).toHaveLength(5));
    unwatch();
    other.close();
    const urls = [article(1).url];
    expect(heard).toEqual([
      { kind: 'put', urls },
      { kind: 'state', urls },
      { kind: 'delete', urls },
      { kind: 'restore', urls },
      { kind: 'clear', urls: [] },
    ]);
    expect(otherHeard).toEqual(heard);
  });
});
