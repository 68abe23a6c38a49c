/**
 * The library (资料库): every article the user saved or exported, kept in IndexedDB (`library`) through
 * `idb`, so that every page of the extension and its background read and write the same copy:
 *
 *   cards      url -> LibraryCard          what the list, filters and popup card need (indexes savedAt, updatedAt)
 *   articles   url -> StoredArticle        the `Article` as extracted, and its images' URL -> hash
 *   texts      url -> SearchText            the article's searchable text alone (~a third of its stored size): what a
 *                                           search checks its candidates against and the index is built from
 *   images     SHA-256 -> StoredImage       each image's bytes once, counted by the articles that show it
 *   search     string -> unknown            the library page's persisted search index (its own keys)
 *
 * An article is written in one transaction across cards, articles, texts and images: a refused write (quota,
 * disk) leaves what was saved before as it was, and rejects with a `LibraryError` the UI can word.
 * Every change is announced on the BroadcastChannel `library` (`watchLibrary`).
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Article } from '../utils/types';
import { cardFieldsOf } from '../utils/library/card';
import { searchTextOf } from '../utils/library/search-doc';
import type { LibraryCard, LibraryExport, LibraryRecord, ReadingState, SearchText } from '../utils/library/types';
import { announce, keepPersistent } from './library-changes';
import { sha256 } from './saved';

/** The `articles` store's value: the article and its images kept offline (URL in `article.html` -> hash). */
interface StoredArticle {
  url: string;
  article: Article;
  images: Record<string, string>;
}

/** One image's bytes, kept once however many articles show it; `refs` counts those articles. */
interface StoredImage {
  hash: string;
  /** Its MIME type (`image/png`). */
  type: string;
  bytes: Blob | ArrayBuffer;
  refs: number;
}

interface LibrarySchema extends DBSchema {
  cards: { key: string; value: LibraryCard; indexes: { savedAt: number; updatedAt: number } };
  articles: { key: string; value: StoredArticle };
  texts: { key: string; value: SearchText };
  images: { key: string; value: StoredImage };
  search: { key: string; value: unknown };
}

type Db = IDBPDatabase<LibrarySchema>;
type Store = 'cards' | 'articles' | 'texts' | 'images' | 'search';
type UpgradeTx = IDBPTransaction<LibrarySchema, Store[], 'versionchange'>;

/**
 * The schema's steps: entry n takes a database of version n to version n + 1. A new version is one more
 * entry (a new store, an index, records rewritten through `tx`); an existing entry is never changed.
 */
const migrations: ((db: Db, tx: UpgradeTx) => void | Promise<void>)[] = [
  // 0 -> 1
  (db) => {
    const cards = db.createObjectStore('cards', { keyPath: 'url' });
    cards.createIndex('savedAt', 'savedAt');
    cards.createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('articles', { keyPath: 'url' });
    db.createObjectStore('images', { keyPath: 'hash' });
    db.createObjectStore('search');
  },
  // 1 -> 2: each article's searchable text in a store of its own, filled from the articles already saved
  async (db, tx) => {
    const texts = db.createObjectStore('texts', { keyPath: 'url' });
    for (let cursor = await tx.objectStore('articles').openCursor(); cursor; cursor = await cursor.continue())
      await texts.put(searchTextOf(cursor.value.article));
  },
];
export const libraryDbName = 'library';
/** The library page's search index lives in a database of FlexSearch's, `flexsearch:` + this (shell/library-search.ts). */
export const storedIndexName = 'library-search';
export const libraryVersion = migrations.length;

let opened: Promise<Db> | null = null;
function library(): Promise<Db> {
  opened ??= openDB<LibrarySchema>(libraryDbName, libraryVersion, {
    // Each step's requests are chained in the one upgrade transaction (it stays open while they are pending), the
    // next step starting when the last request of the one before has answered.
    async upgrade(db, oldVersion, _newVersion, tx) {
      for (let version = oldVersion; version < libraryVersion; version++) await migrations[version]!(db, tx);
    },
    // A newer version opened in another page (after an update): let it upgrade, open again when next needed.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      opened = null;
    },
    terminated() {
      opened = null;
    },
  }).catch((error: unknown) => {
    opened = null;
    throw libraryError(error);
  });
  return opened;
}

/**
 * Opens the library, running the schema's migrations if the stored version is older: called by the background when
 * the extension is updated, so that a library saved by an earlier version is upgraded then (8,000 articles: ~7 s,
 * docs/evaluation.md), not when the popup or the library page first reads it.
 */
export async function prepareLibrary(): Promise<void> {
  await library();
}

/** Why the library could not be written or read: `quota` (the disk or the browser's quota is full), or any other failure. */
export type LibraryErrorKind = 'quota' | 'failed';

export class LibraryError extends Error {
  override readonly name = 'LibraryError';
  constructor(
    readonly kind: LibraryErrorKind,
    readonly detail: string,
  ) {
    super(`library: ${kind}: ${detail}`);
  }
}

function libraryError(error: unknown): LibraryError {
  if (error instanceof LibraryError) return error;
  const name = (error as { name?: string } | null)?.name;
  const message = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  return new LibraryError(name === 'QuotaExceededError' ? 'quota' : 'failed', name ? `${name}: ${message}` : message);
}

/**
 * Runs `body` in one read-write transaction over `stores` and waits for it to commit. Nothing but
 * IndexedDB requests may be awaited inside (the transaction commits at the first other await).
 * Any failure aborts it, so nothing of it is written, and rejects with a `LibraryError`.
 */
async function write<S extends Store[], T>(stores: S, body: (tx: IDBPTransaction<LibrarySchema, S, 'readwrite'>) => Promise<T>): Promise<T> {
  const db = await library();
  let tx: IDBPTransaction<LibrarySchema, S, 'readwrite'>;
  try {
    tx = db.transaction(stores, 'readwrite');
  } catch (error) {
    throw libraryError(error);
  }
  const committed = tx.done;
  committed.catch(() => undefined); // awaited below; an abort must not also surface as unhandled
  try {
    const result = await body(tx);
    await committed;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished (aborted by the failed request itself)
    }
    // The transaction's own error says why (QuotaExceededError) when a request's error only says AbortError.
    throw libraryError(tx.error && (error as { name?: string })?.name === 'AbortError' ? tx.error : error);
  }
}

type RecordTx = IDBPTransaction<LibrarySchema, ('cards' | 'articles' | 'texts' | 'images')[], 'readwrite'>;
const distinct = (images: Record<string, string>) => new Set(Object.values(images));

/** Image bytes at hand for a write: hash -> bytes and type. */
type ImageBytes = Map<string, { bytes: Blob | ArrayBuffer; type: string }>;

/**
 * Writes `record` over whatever the store has for its URL, keeping the images' counts right: the
 * images the old copy showed and this one does not lose a reference (and go with their last), the new
 * ones gain one (their bytes from `bytes` when not kept yet; an image without bytes is left out).
 */
async function writeRecord(tx: RecordTx, record: LibraryRecord, bytes: ImageBytes): Promise<LibraryRecord> {
  const images = tx.objectStore('images');
  const old = await tx.objectStore('articles').get(record.card.url);
  const before = distinct(old?.images ?? {});
  const kept: Record<string, string> = {};
  for (const [url, hash] of Object.entries(record.images)) {
    if (before.has(hash)) {
      kept[url] = hash;
      continue;
    }
    const stored = await images.get(hash);
    const given = bytes.get(hash);
    if (stored) await images.put({ ...stored, refs: stored.refs + (Object.values(kept).includes(hash) ? 0 : 1) });
    else if (given) await images.put({ hash, type: given.type, bytes: given.bytes, refs: 1 });
    else continue;
    kept[url] = hash;
  }
  const after = distinct(kept);
  for (const hash of before) if (!after.has(hash)) await unref(tx, hash);
  const card: LibraryCard = { ...record.card, images: Object.keys(kept).length };
  await tx.objectStore('cards').put(card);
  await tx.objectStore('articles').put({ url: card.url, article: record.article, images: kept });
  await tx.objectStore('texts').put(searchTextOf(record.article));
  return { card, article: record.article, images: kept };
}

/** One article fewer shows the image: the last one gone, so are its bytes (returned, for an undo). */
async function unref(tx: RecordTx, hash: string): Promise<StoredImage | null> {
  const images = tx.objectStore('images');
  const stored = await images.get(hash);
  if (!stored) return null;
  if (stored.refs > 1) {
    await images.put({ ...stored, refs: stored.refs - 1 });
    return null;
  }
  await images.delete(hash);
  return stored;
}

/** What `putArticle` is given besides the article. */
export interface PutOptions {
  /** The state of an article new to the library (default 稍后读); one already there keeps its own. */
  state?: ReadingState;
  /** The export that saved it, appended to its exports. */
  export?: LibraryExport;
  /** Its images kept offline: URL in `article.html` -> bytes and MIME type. Absent: the images kept before stay. */
  images?: Map<string, { bytes: Uint8Array | ArrayBuffer | Blob; type: string }>;
  /** When this happens (ms); default now. */
  now?: number;
}

const cardOf = (article: Article, base: Pick<LibraryCard, 'savedAt' | 'updatedAt' | 'state' | 'exports' | 'textHash'>): LibraryCard => ({
  ...cardFieldsOf(article),
  images: 0,
  ...base,
});

async function bytesOf(data: Uint8Array | ArrayBuffer | Blob): Promise<ArrayBuffer> {
  if (data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) return (data.buffer as ArrayBuffer).slice(data.byteOffset, data.byteOffset + data.byteLength);
  return data.arrayBuffer();
}

/**
 * Saves `article` in the library (new, or over its stored copy) with its export and images, in one
 * transaction: an article already there keeps when it was saved, its state and its exports (this one
 * appended); its text's hash is computed anew. Resolves with the stored card; rejects with a `LibraryError`.
 */
export async function putArticle(article: Article, options: PutOptions = {}): Promise<LibraryCard> {
  const now = options.now ?? Date.now();
  // Everything that is not IndexedDB is done before the transaction opens (it would commit at the first other await).
  const textHash = await sha256(article.text);
  const bytes: ImageBytes = new Map();
  const imageMap: Record<string, string> = {};
  for (const [url, image] of options.images ?? []) {
    const buffer = await bytesOf(image.bytes);
    const hash = await sha256(new Uint8Array(buffer));
    bytes.set(hash, { bytes: buffer, type: image.type });
    imageMap[url] = hash;
  }
  const stored = await write(['cards', 'articles', 'texts', 'images'], async (tx) => {
    const existing = await tx.objectStore('cards').get(article.url);
    const images = options.images ? imageMap : ((await tx.objectStore('articles').get(article.url))?.images ?? {});
    const card = cardOf(article, {
      savedAt: existing?.savedAt ?? now,
      updatedAt: now,
      state: existing?.state ?? options.state ?? 'later',
      exports: [...(existing?.exports ?? []), ...(options.export ? [options.export] : [])],
      textHash,
    });
    return (await writeRecord(tx, { card, article, images }, bytes)).card;
  });
  announce({ kind: 'put', urls: [article.url] });
  keepPersistent();
  return stored;
}

async function read<T>(body: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await body(await library());
  } catch (error) {
    throw libraryError(error);
  }
}

/** The article's card, or null when it is not in the library. */
export const getCard = (url: string): Promise<LibraryCard | null> => read(async (db) => (await db.get('cards', url)) ?? null);

/** Cards read by one request when the whole library is read. */
const cardSlice = 500;

/**
 * Every card, newest saved first; only the newest `limit` when given (what a page draws first). The whole list is
 * read `cardSlice` cards at a time, each slice in a transaction of its own, so that a page's other reads (a search)
 * are not queued behind one long read of thousands.
 */
export const listCards = (limit?: number): Promise<LibraryCard[]> =>
  read(async (db) => {
    if (limit === undefined) {
      const all: LibraryCard[] = [];
      for (let slice: LibraryCard[] = []; ; ) {
        const after = all.length ? IDBKeyRange.lowerBound(all[all.length - 1]!.url, true) : undefined;
        slice = await db.getAll('cards', after, cardSlice);
        all.push(...slice);
        if (slice.length < cardSlice) break;
      }
      // newest first; cards saved at the same moment by URL, last first (as the savedAt index read backwards gives them)
      return all.sort((a, b) => b.savedAt - a.savedAt || (a.url < b.url ? 1 : a.url > b.url ? -1 : 0));
    }
    const newest: LibraryCard[] = [];
    for (
      let cursor = await db.transaction('cards').store.index('savedAt').openCursor(null, 'prev');
      cursor && newest.length < limit;
      cursor = await cursor.continue()
    )
      newest.push(cursor.value);
    return newest;
  });

/** The whole stored article, or null. */
export const getRecord = (url: string): Promise<LibraryRecord | null> =>
  read(async (db) => {
    const tx = db.transaction(['cards', 'articles'], 'readonly');
    const [card, stored] = await Promise.all([tx.objectStore('cards').get(url), tx.objectStore('articles').get(url)]);
    return card && stored ? { card, article: stored.article, images: stored.images } : null;
  });

/**
 * The cards of `cardUrls` and the searchable texts of `textUrls` (null where none), read in one transaction: a
 * search's candidates, checked against their texts, shown with their cards.
 */
export const getCardsAndTexts = (
  cardUrls: readonly string[],
  textUrls: readonly string[],
): Promise<{ cards: Array<LibraryCard | null>; texts: Array<SearchText | null> }> =>
  read(async (db) => {
    const tx = db.transaction(['cards', 'texts'], 'readonly');
    const [cards, texts] = await Promise.all([
      Promise.all(cardUrls.map((url) => tx.objectStore('cards').get(url))),
      Promise.all(textUrls.map((url) => tx.objectStore('texts').get(url))),
    ]);
    return { cards: cards.map((card) => card ?? null), texts: texts.map((text) => text ?? null) };
  });

/** The searchable texts of `urls` (null where none), read in one transaction: what the index is built from. */
export const getTexts = async (urls: readonly string[]): Promise<Array<SearchText | null>> => (await getCardsAndTexts([], urls)).texts;

/** An image kept offline, by the hash a record names, or null. */
export const getImage = (hash: string): Promise<{ hash: string; type: string; bytes: Blob | ArrayBuffer } | null> =>
  read(async (db) => {
    const image = await db.get('images', hash);
    return image ? { hash: image.hash, type: image.type, bytes: image.bytes } : null;
  });

/** Marks the article 稍后读 or 已读; resolves with its card, or null when it is not in the library. */
export async function setState(url: string, state: ReadingState): Promise<LibraryCard | null> {
  const card = await write(['cards'], async (tx) => {
    const card = await tx.objectStore('cards').get(url);
    if (!card) return null;
    const next = { ...card, state };
    await tx.objectStore('cards').put(next);
    return next;
  });
  if (card) announce({ kind: 'state', urls: [url] });
  return card;
}

/** What `deleteArticles` removed: enough for `restoreArticles` to put it all back. */
export interface DeletedArticles {
  records: LibraryRecord[];
  /** The images no other article showed, removed with them. */
  images: StoredImage[];
}

/** Removes the articles (and the images only they showed) in one transaction; resolves with what was removed. */
export async function deleteArticles(urls: readonly string[]): Promise<DeletedArticles> {
  const deleted = await write(['cards', 'articles', 'texts', 'images'], async (tx) => {
    const out: DeletedArticles = { records: [], images: [] };
    for (const url of new Set(urls)) {
      const card = await tx.objectStore('cards').get(url);
      const stored = await tx.objectStore('articles').get(url);
      if (!card || !stored) continue;
      out.records.push({ card, article: stored.article, images: stored.images });
      for (const hash of distinct(stored.images)) {
        const gone = await unref(tx, hash);
        if (gone) out.images.push(gone);
      }
      await tx.objectStore('cards').delete(url);
      await tx.objectStore('articles').delete(url);
      await tx.objectStore('texts').delete(url);
    }
    return out;
  });
  if (deleted.records.length) announce({ kind: 'delete', urls: deleted.records.map((r) => r.card.url) });
  return deleted;
}

/** Undoes `deleteArticles`: the records and their images as they were (over any copy saved since). */
export async function restoreArticles(deleted: DeletedArticles): Promise<void> {
  const bytes: ImageBytes = new Map(deleted.images.map((image) => [image.hash, { bytes: image.bytes, type: image.type }]));
  await write(['cards', 'articles', 'texts', 'images'], async (tx) => {
    for (const record of deleted.records) await writeRecord(tx, record, bytes);
  });
  if (deleted.records.length) announce({ kind: 'restore', urls: deleted.records.map((r) => r.card.url) });
}

/** Empties the library: every article, image and the search index (删除全部数据). */
export async function clearLibrary(): Promise<void> {
  // its connections close on `versionchange` (FlexSearch's as idb's), so this is not left blocked
  await deleteDB(`flexsearch:${storedIndexName}`).catch((error: unknown) => {
    throw libraryError(error);
  });
  await write(['cards', 'articles', 'texts', 'images', 'search'], async (tx) => {
    await Promise.all([
      tx.objectStore('cards').clear(),
      tx.objectStore('articles').clear(),
      tx.objectStore('texts').clear(),
      tx.objectStore('images').clear(),
      tx.objectStore('search').clear(),
    ]);
  });
  announce({ kind: 'clear', urls: [] });
}

/** The space the extension's storage takes and may take (bytes, the browser's estimate), and how many articles the library holds. */
export async function usage(): Promise<{ usage: number | null; quota: number | null; articles: number }> {
  const articles = await read((db) => db.count('cards'));
  const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined);
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, articles };
}

/** What the library page keeps under `key` in the `search` store (its persisted index), or null. */
export const getSearchEntry = <T>(key: string): Promise<T | null> => read(async (db) => ((await db.get('search', key)) as T | undefined) ?? null);

/** Drops what the `search` store keeps under `key`. */
export const deleteSearchEntry = (key: string): Promise<void> =>
  write(['search'], async (tx) => {
    await tx.objectStore('search').delete(key);
  });

/** Keeps `value` under `key` in the `search` store, in one transaction (a refusal rejects with a `LibraryError`). */
export const putSearchEntry = (key: string, value: unknown): Promise<void> =>
  write(['search'], async (tx) => {
    await tx.objectStore('search').put(value, key);
  });
