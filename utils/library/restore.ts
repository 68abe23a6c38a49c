/**
 * Reading a library backup back (./backup.ts writes it): a zip, or a folder the CLI wrote with
 * `--library` (the user picks it or its files), both as `BackupFiles`; its library.json checked field by
 * field and rebuilt from the checked fields only (a backup is input from anywhere: a broken or hostile
 * one gives a reason, never a crash, and sizes are capped before anything is inflated); and the plan of
 * merging it into the library: new articles, identical ones skipped, conflicts for the user to decide.
 * Pure: no browser APIs.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { checkedArticleHighlights } from '../highlights/backup';
import type { ArticleHighlights, Highlight } from '../highlights/types';
import { sniffImage } from '../images';
import type { Article, ReadField } from '../types';
import { backupFormat, backupVersion, libraryJsonName, newCard, sha256Hex, type LibraryImage } from './backup';
import type { LibraryCard, LibraryExport, LibraryRecord, ReadingState } from './types';

/** Why a backup cannot be read; callers word it (the extension's i18n). */
export type BackupFailure = 'not-zip' | 'too-large' | 'no-library' | 'not-json' | 'wrong-format' | 'newer-version' | 'invalid';

/** Bounds on what one backup may hold: far above real use, low enough that a hostile file cannot exhaust the page. */
const backupLimits = {
  entries: 200_000,
  libraryJsonBytes: 512 * 1024 * 1024,
  /** The export flow saves no image above 20 MB. */
  imageBytes: 20 * 1024 * 1024,
  /** All the files read from one backup. */
  totalBytes: 4 * 1024 * 1024 * 1024,
  articles: 100_000,
  imagesPerArticle: 5_000,
  images: 200_000,
  highlightArticles: 100_000,
  urlChars: 4_096,
  shortChars: 1_000,
  longChars: 100_000,
  bodyChars: 50_000_000,
  listItems: 10_000,
};

/** The files of a backup, by path relative to its root (`/`-separated): a zip's, or a picked folder's. */
export interface BackupFiles {
  /** Path -> size in bytes (as declared: a zip entry's uncompressed size). */
  sizes: ReadonlyMap<string, number>;
  /** The files' bytes; throws when one cannot be read (a corrupt entry, an unknown compression). */
  read(paths: readonly string[]): Promise<Map<string, Uint8Array>>;
}

class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly reason: BackupFailure,
    readonly detail = '',
  ) {
    super(`backup: ${reason}${detail ? `: ${detail}` : ''}`);
  }
}

/** The backup's root: the folder holding library.json (the shallowest), so a zip of the folder itself reads too. */
function rooted(paths: readonly string[]): { root: string; names: Map<string, string> } | null {
  let json: string | null = null;
  for (const path of paths) {
    if (path !== libraryJsonName && !path.endsWith(`/${libraryJsonName}`)) continue;
    if (json === null || path.split('/').length < json.split('/').length) json = path;
  }
  if (json === null) return null;
  const root = json.slice(0, -libraryJsonName.length);
  const names = new Map<string, string>();
  for (const path of paths) if (path.startsWith(root)) names.set(path.slice(root.length), path);
  return { root, names };
}

/** A zip's files, listed from its central directory without inflating any; throws a `BackupError` for what is not a zip. */
function zipBackupFiles(zip: Uint8Array): BackupFiles {
  const sizes = new Map<string, number>();
  let count = 0;
  try {
    unzipSync(zip, {
      filter: (file: UnzipFileInfo) => {
        if (++count > backupLimits.entries) throw new BackupError('too-large', `more than ${backupLimits.entries} files`);
        if (!file.name.endsWith('/')) sizes.set(file.name, file.originalSize);
        return false;
      },
    });
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('not-zip', error instanceof Error ? error.message : String(error));
  }
  return {
    sizes,
    read: async (paths) => {
      const wanted = new Set(paths);
      const files = unzipSync(zip, { filter: (file) => wanted.has(file.name) });
      return new Map(Object.entries(files));
    },
  };
}

/** A file the user picked (`<input type=file webkitdirectory>` gives the folder's, each named by its `webkitRelativePath`). */
export interface PickedFile {
  path: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

export function pickedBackupFiles(files: readonly PickedFile[]): BackupFiles {
  if (files.length > backupLimits.entries) throw new BackupError('too-large', `more than ${backupLimits.entries} files`);
  const byPath = new Map(files.map((file) => [file.path.replace(/\\/g, '/').replace(/^\/+/, ''), file]));
  return {
    sizes: new Map([...byPath].map(([path, file]) => [path, file.size])),
    read: async (paths) => {
      const out = new Map<string, Uint8Array>();
      for (const path of paths) {
        const file = byPath.get(path);
        if (file) out.set(path, await file.bytes());
      }
      return out;
    },
  };
}

/** A backup read and checked: its records ready to store (images by hash), their images to read, the highlights. */
export interface RestoredLibrary {
  exportedAt: number;
  generator: 'extension' | 'cli';
  /** Cards rebuilt from the articles (text hashes computed anew), in the backup's order. */
  records: LibraryRecord[];
  highlights: ArticleHighlights[];
  /** Images the backup names but does not hold (e.g. a CLI folder picked without its images folder), or too big. */
  missingImages: number;
  /**
   * The images of `record` whose bytes are there, are a raster image (no SVG) and hash as named: hash -> bytes and type.
   * Read on demand, so a restore holds one article's images at a time.
   */
  images(record: LibraryRecord): Promise<Map<string, LibraryImage>>;
}

export type ReadBackupResult = { ok: true; backup: RestoredLibrary } | { ok: false; reason: BackupFailure; detail: string };

/** `files` -> the backup, or why not. Never throws for anything in the files. */
export async function readBackup(files: BackupFiles): Promise<ReadBackupResult> {
  try {
    return { ok: true, backup: await read(files) };
  } catch (error) {
    if (error instanceof BackupError) return { ok: false, reason: error.reason, detail: error.detail };
    if (error instanceof Invalid) return { ok: false, reason: 'invalid', detail: error.at };
    return { ok: false, reason: 'invalid', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** A zip's bytes -> the backup, or why not. */
export async function readBackupZip(zip: Uint8Array): Promise<ReadBackupResult> {
  try {
    return await readBackup(zipBackupFiles(zip));
  } catch (error) {
    if (error instanceof BackupError) return { ok: false, reason: error.reason, detail: error.detail };
    throw error;
  }
}

async function read(files: BackupFiles): Promise<RestoredLibrary> {
  const found = rooted([...files.sizes.keys()]);
  if (!found) throw new BackupError('no-library', `no ${libraryJsonName}`);
  const jsonPath = found.names.get(libraryJsonName)!;
  const jsonSize = files.sizes.get(jsonPath)!;
  if (jsonSize > backupLimits.libraryJsonBytes) throw new BackupError('too-large', `${libraryJsonName}: ${jsonSize} bytes`);
  let bytes: Uint8Array | undefined;
  try {
    bytes = (await files.read([jsonPath])).get(jsonPath);
  } catch (error) {
    throw new BackupError('not-zip', `${libraryJsonName}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!bytes) throw new BackupError('no-library', `${libraryJsonName} unreadable`);
  if (bytes.length > backupLimits.libraryJsonBytes) throw new BackupError('too-large', `${libraryJsonName}: ${bytes.length} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new BackupError('not-json', error instanceof Error ? error.message : String(error));
  }
  if (!isObject(data) || data.format !== backupFormat) throw new BackupError('wrong-format', 'not a woshipm-reader library');
  if (!Number.isSafeInteger(data.version) || (data.version as number) < 1) throw new BackupError('wrong-format', `version ${String(data.version)}`);
  if ((data.version as number) > backupVersion) throw new BackupError('newer-version', `version ${String(data.version)}`);
  return checkLibrary(data, files, found.names);
}

// ---- checking, field by field -------------------------------------------------------------------------

class Invalid extends Error {
  constructor(readonly at: string) {
    super(`invalid at ${at}`);
  }
}
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
function check(ok: boolean, at: string): asserts ok {
  if (!ok) throw new Invalid(at);
}
function object(value: unknown, at: string): Json {
  check(isObject(value), at);
  return value;
}
function text(value: unknown, max: number, at: string): string {
  check(typeof value === 'string' && value.length <= max, at);
  return value;
}
const textOrNull = (value: unknown, max: number, at: string): string | null => (value === null ? null : text(value, max, at));
function count(value: unknown, at: string): number {
  check(Number.isSafeInteger(value) && (value as number) >= 0, at);
  return value as number;
}
const countOrNull = (value: unknown, at: string): number | null => (value === null ? null : count(value, at));
function time(value: unknown, at: string): number {
  check(typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 8.64e15, at);
  return value;
}
function list<T>(value: unknown, max: number, at: string, each: (item: unknown, at: string) => T): T[] {
  check(Array.isArray(value) && value.length <= max, at);
  return (value as unknown[]).map((item, i) => each(item, `${at}[${i}]`));
}
function webUrl(value: unknown, at: string): string {
  const url = text(value, backupLimits.urlChars, at);
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // checked below
  }
  check(!!parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:'), at);
  return url;
}
const webUrlOrNull = (value: unknown, at: string): string | null => (value === null ? null : webUrl(value, at));
function oneOf<T extends string>(value: unknown, options: readonly T[], at: string): T {
  check(options.includes(value as T), at);
  return value as T;
}

const readFields = Object.keys({
  title: 1,
  authorName: 1,
  authorUrl: 1,
  published: 1,
  lead: 1,
  cover: 1,
  canonical: 1,
  metaLine: 1,
  likes: 1,
  tags: 1,
  categoryLinks: 1,
  contentSelectors: 1,
} satisfies Record<ReadField, 1>) as ReadField[];

function checkArticle(value: unknown, at: string): Article {
  const a = object(value, at);
  const { shortChars: short, longChars: long, bodyChars: body, listItems: items } = backupLimits;
  const author = object(a.author, `${at}.author`);
  const category = object(a.category, `${at}.category`);
  const stats = object(a.stats, `${at}.stats`);
  const published = textOrNull(a.published, 40, `${at}.published`);
  check(published === null || /^\d{4}-\d{2}-\d{2}/.test(published), `${at}.published`);
  const strings = (key: string, max: number) => list(a[key], items, `${at}.${key}`, (s, where) => text(s, max, where));
  check(typeof a.truncated === 'boolean', `${at}.truncated`);
  check(typeof a.readingMinutes === 'number' && Number.isFinite(a.readingMinutes) && a.readingMinutes >= 0, `${at}.readingMinutes`);
  const readFrom = object(a.readFrom, `${at}.readFrom`);
  return {
    url: webUrl(a.url, `${at}.url`),
    title: text(a.title, short, `${at}.title`),
    author: { name: text(author.name, short, `${at}.author.name`), url: webUrlOrNull(author.url, `${at}.author.url`) },
    published,
    category: { slug: text(category.slug, short, `${at}.category.slug`), name: textOrNull(category.name, short, `${at}.category.name`) },
    stats: {
      views: countOrNull(stats.views, `${at}.stats.views`),
      comments: countOrNull(stats.comments, `${at}.stats.comments`),
      collects: countOrNull(stats.collects, `${at}.stats.collects`),
      likes: countOrNull(stats.likes, `${at}.stats.likes`),
    },
    readingMinutes: a.readingMinutes,
    tags: strings('tags', short),
    lead: textOrNull(a.lead, long, `${at}.lead`),
    cover: webUrlOrNull(a.cover, `${at}.cover`),
    keyPoints: strings('keyPoints', long),
    keySentences: strings('keySentences', long),
    outline: list(a.outline, items, `${at}.outline`, (item, where) => {
      const o = object(item, where);
      const level = count(o.level, `${where}.level`);
      check(level >= 1 && level <= 6, `${where}.level`);
      return { level, text: text(o.text, long, `${where}.text`), id: text(o.id, short, `${where}.id`) };
    }),
    html: text(a.html, body, `${at}.html`),
    text: text(a.text, body, `${at}.text`),
    wordCount: count(a.wordCount, `${at}.wordCount`),
    attribution: strings('attribution', long),
    truncated: a.truncated,
    readFrom: {
      fallbacks: list(readFrom.fallbacks, 100, `${at}.readFrom.fallbacks`, (item, where) => {
        const f = object(item, where);
        return {
          field: oneOf(f.field, readFields, `${where}.field`),
          source: textOrNull(f.source, short, `${where}.source`),
          primary: text(f.primary, short, `${where}.primary`),
        };
      }),
    },
  };
}

const states: readonly ReadingState[] = ['later', 'read'];
const exportPlaces: readonly LibraryExport['where'][] = ['folder', 'downloads', 'download'];

/** What of a card is the library's own (the rest is read off the article). */
function checkCardFacts(value: unknown, at: string): Pick<LibraryCard, 'url' | 'savedAt' | 'updatedAt' | 'state' | 'exports'> {
  const c = object(value, at);
  return {
    url: webUrl(c.url, `${at}.url`),
    savedAt: time(c.savedAt, `${at}.savedAt`),
    updatedAt: time(c.updatedAt, `${at}.updatedAt`),
    state: oneOf(c.state, states, `${at}.state`),
    exports: list(c.exports, backupLimits.listItems, `${at}.exports`, (item, where) => {
      const e = object(item, where);
      return {
        at: time(e.at, `${where}.at`),
        where: oneOf(e.where, exportPlaces, `${where}.where`),
        folder: text(e.folder, backupLimits.urlChars, `${where}.folder`),
        path: text(e.path, backupLimits.urlChars, `${where}.path`),
      };
    }),
  };
}

const hashPattern = /^[0-9a-f]{64}$/;
/** A relative path inside the backup: no absolute path, no `..`, no empty segment. */
const insidePath = (path: string) => !path.startsWith('/') && path.split('/').every((s) => s !== '' && s !== '.' && s !== '..') && !path.includes('\\');

async function checkLibrary(data: Json, files: BackupFiles, names: ReadonlyMap<string, string>): Promise<RestoredLibrary> {
  const exportedAt = time(data.exportedAt, 'exportedAt');
  const generator = oneOf(data.generator, ['extension', 'cli'] as const, 'generator');

  // The image table: only images whose file is in the backup and small enough count; the others are "missing".
  const table = object(data.images, 'images');
  const hashes = Object.keys(table);
  check(hashes.length <= backupLimits.images, 'images');
  const present = new Map<string, { file: string; type: string }>();
  let missing = 0;
  let total = 0;
  for (const hash of hashes) {
    const at = `images.${hash.slice(0, 80)}`;
    check(hashPattern.test(hash), at);
    const entry = object(table[hash], at);
    const path = text(entry.path, backupLimits.shortChars, `${at}.path`);
    check(insidePath(path), `${at}.path`);
    const type = text(entry.type, 100, `${at}.type`);
    check(/^image\/[\w.+-]+$/.test(type), `${at}.type`);
    const file = names.get(path);
    const size = file === undefined ? undefined : files.sizes.get(file);
    if (file === undefined || size === undefined || size > backupLimits.imageBytes) missing++;
    else {
      total += size;
      present.set(hash, { file, type });
    }
  }
  if (total > backupLimits.totalBytes) throw new BackupError('too-large', `images: ${total} bytes`);

  const records = await Promise.all(
    list(data.articles, backupLimits.articles, 'articles', async (item, at): Promise<LibraryRecord> => {
      const entry = object(item, at);
      const article = checkArticle(entry.article, `${at}.article`);
      const facts = checkCardFacts(entry.card, `${at}.card`);
      check(facts.url === article.url, `${at}.card.url`);
      const imageMap = object(entry.images, `${at}.images`);
      check(Object.keys(imageMap).length <= backupLimits.imagesPerArticle, `${at}.images`);
      const images: Record<string, string> = {};
      for (const [url, hash] of Object.entries(imageMap)) {
        text(url, backupLimits.urlChars, `${at}.images`);
        check(typeof hash === 'string' && hashPattern.test(hash), `${at}.images`);
        if (present.has(hash)) images[url] = hash;
      }
      const card = { ...newCard(article, await sha256Hex(article.text), facts.savedAt, Object.keys(images).length), ...facts };
      return { card, article, images };
    }),
  );
  check(new Set(records.map((r) => r.card.url)).size === records.length, 'articles: the same url twice');

  const highlights = list(data.highlights, backupLimits.highlightArticles, 'highlights', (item, at) => {
    const entry = checkedArticleHighlights(item);
    check(entry !== null, at);
    return entry;
  });
  check(new Set(highlights.map((h) => h.url)).size === highlights.length, 'highlights: the same url twice');

  return {
    exportedAt,
    generator,
    records,
    highlights,
    missingImages: missing,
    images: async (record) => {
      const wanted = [...new Set(Object.values(record.images))].filter((hash) => present.has(hash));
      const out = new Map<string, LibraryImage>();
      let bytes = new Map<string, Uint8Array>();
      try {
        bytes = await files.read(wanted.map((hash) => present.get(hash)!.file));
      } catch {
        // one unreadable entry: read them one by one, keeping those that read
        for (const hash of wanted) {
          const file = present.get(hash)!.file;
          const one = await files.read([file]).catch(() => new Map<string, Uint8Array>());
          if (one.has(file)) bytes.set(file, one.get(file)!);
        }
      }
      for (const hash of wanted) {
        const { file, type } = present.get(hash)!;
        const data = bytes.get(file);
        if (!data || data.length > backupLimits.imageBytes || (await sha256Hex(data)) !== hash) continue;
        const sniffed = sniffImage(data, type);
        // No SVG from a backup: it can carry script, and the library shows images from blob: URLs of the extension's origin.
        if (sniffed && sniffed.ext !== 'svg') out.set(hash, { bytes: data, type: sniffed.mime });
      }
      return out;
    },
  };
}

// ---- merging into the library ---------------------------------------------------------------------------

/** An article both in the library and in the backup, differently: the user keeps one (one URL, one record). */
export interface RestoreConflict {
  url: string;
  title: string;
  /** What differs: the text (its hash) or the reading state. */
  differs: Array<'text' | 'state'>;
  mine: Pick<LibraryCard, 'title' | 'state' | 'updatedAt' | 'textHash'>;
  backup: Pick<LibraryCard, 'title' | 'state' | 'updatedAt' | 'textHash'>;
}

/** 保留我的 (the library's copy) or 用备份的 (the backup's). */
export type RestoreChoice = 'mine' | 'backup';

export interface LibraryRestorePlan {
  /** Articles the library does not have. */
  added: LibraryRecord[];
  /** URLs of articles the same on both sides (text and state): skipped. */
  identical: string[];
  conflicts: RestoreConflict[];
}

const side = (card: LibraryCard) => ({ title: card.title, state: card.state, updatedAt: card.updatedAt, textHash: card.textHash });

/** What restoring `records` into a library holding `stored` would do. */
export function planLibraryRestore(stored: readonly LibraryCard[], records: readonly LibraryRecord[]): LibraryRestorePlan {
  const here = new Map(stored.map((card) => [card.url, card]));
  const plan: LibraryRestorePlan = { added: [], identical: [], conflicts: [] };
  for (const record of records) {
    const mine = here.get(record.card.url);
    if (!mine) {
      plan.added.push(record);
      continue;
    }
    const differs: RestoreConflict['differs'] = [];
    if (mine.textHash !== record.card.textHash) differs.push('text');
    if (mine.state !== record.card.state) differs.push('state');
    if (differs.length) plan.conflicts.push({ url: mine.url, title: record.card.title, differs, mine: side(mine), backup: side(record.card) });
    else plan.identical.push(mine.url);
  }
  return plan;
}

/**
 * The highlights after a restore, for the articles whose highlights change: each article's highlights
 * from both sides, by id; the same id on both sides keeps the one changed last. Nothing is dropped.
 */
export function mergeHighlights(stored: readonly ArticleHighlights[], incoming: readonly ArticleHighlights[]): ArticleHighlights[] {
  const here = new Map(stored.map((entry) => [entry.url, entry]));
  const changed: ArticleHighlights[] = [];
  for (const entry of incoming) {
    const mine = here.get(entry.url);
    if (!mine) {
      if (entry.highlights.length) changed.push(entry);
      continue;
    }
    const byId = new Map<string, Highlight>(mine.highlights.map((h) => [h.id, h]));
    let differs = false;
    for (const h of entry.highlights) {
      const current = byId.get(h.id);
      if (current && (current.updatedAt >= h.updatedAt || JSON.stringify(current) === JSON.stringify(h))) continue;
      byId.set(h.id, h);
      differs = true;
    }
    if (!differs) continue;
    const highlights = [...byId.values()].sort((a, b) => a.position.start - b.position.start || a.createdAt - b.createdAt);
    changed.push({ url: mine.url, title: mine.title || entry.title, updatedAt: Math.max(mine.updatedAt, entry.updatedAt), highlights });
  }
  return changed;
}
