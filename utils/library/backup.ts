/**
 * The library backup: the whole library as the files of one zip, in the CLI library's layout
 * (`npm run md -- saved/ --out DIR --library`), so that the backup is also a folder of notes:
 *
 *   SUMMARY.md                          the GitBook index (utils/library/layout.ts)
 *   <category-slug>/<year>/<name>.md    each article's Markdown, its images linked `../../assets/<hash>.<ext>`
 *   assets/<hash>.<ext>                 each image kept offline, once (named as every zip export names them)
 *   library.json                        everything a restore needs (`LibraryJson`): cards, articles, images, highlights
 *
 * Pure: the library, its images and the highlights come through `BackupSource`, the files go to a
 * `BackupWriter` one by one (the zip, or the CLI's disk), so a backup holds one image at a time.
 * Reading a backup back, and merging it into the library, is ./restore.ts.
 */
import { ZipDeflate, ZipPassThrough } from 'fflate';
import { highlightsSupport } from '../highlights/markdown';
import type { ArticleHighlights } from '../highlights/types';
import { relativeLink, sniffImage, StoredZipWriter, withImageLinks } from '../images';
import { createMarkdown, makeFilename, type HtmlParser } from '../markdown';
import { defaultExportSettings, type ExportSettings } from '../markdown/options';
import type { Article } from '../types';
import { cardFieldsOf } from './card';
import { libraryFolder, libraryIndex, UniqueNames, type LibraryEntry } from './layout';
import type { LibraryCard, LibraryRecord } from './types';

export const libraryJsonName = 'library.json';
export const backupFormat = 'woshipm-reader-library';
/** library.json's schema version: a reader refuses a newer one (it could not know what it would drop). */
export const backupVersion = 1;

/** An image kept offline: its bytes and MIME type. */
export interface LibraryImage {
  bytes: Uint8Array;
  type: string;
}

/** One article in library.json: its card and `Article` as stored, its Markdown file, its images (URL -> SHA-256). */
export interface BackupArticle {
  /** The article's Markdown file in the backup, `/`-separated. */
  path: string;
  card: LibraryCard;
  article: Article;
  /** Image URL as in `article.html` -> SHA-256 of its bytes (a key of `LibraryJson.images`). */
  images: Record<string, string>;
}

/** library.json. */
export interface LibraryJson {
  format: typeof backupFormat;
  version: number;
  /** ms since epoch. */
  exportedAt: number;
  /** Who wrote it: the extension's backup or the CLI's `--library`. */
  generator: 'extension' | 'cli';
  articles: BackupArticle[];
  /** SHA-256 of an image's bytes -> its file in the backup and its MIME type. */
  images: Record<string, { path: string; type: string }>;
  /** The reader's highlights and notes (the live ones, of every article that has some). */
  highlights: ArticleHighlights[];
}

export function libraryJsonText(json: Omit<LibraryJson, 'format' | 'version'>): string {
  const { exportedAt, generator, articles, images, highlights } = json;
  return JSON.stringify({ format: backupFormat, version: backupVersion, exportedAt, generator, articles, images, highlights } satisfies LibraryJson) + '\n';
}

/** A card for an article new to the library (the CLI's; the extension's store makes its own the same way). */
export function newCard(article: Article, textHash: string, now: number, images = 0): LibraryCard {
  return {
    ...cardFieldsOf(article),
    savedAt: now,
    updatedAt: now,
    state: 'later',
    exports: [],
    textHash,
    images,
  };
}

/** SHA-256 as 64 hex characters (Web Crypto: browsers and Node alike); text as UTF-8 — the library's `textHash`. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The Markdown files' look and names: the export settings' (the CLI's defaults unless given). */
export type BackupLayout = Pick<ExportSettings, 'template' | 'keyPoints' | 'lead' | 'attribution' | 'highlightsSection' | 'filename' | 'assetsFolder'>;

export const defaultBackupLayout: BackupLayout = {
  template: defaultExportSettings.template,
  keyPoints: defaultExportSettings.keyPoints,
  lead: defaultExportSettings.lead,
  attribution: defaultExportSettings.attribution,
  highlightsSection: defaultExportSettings.highlightsSection,
  filename: defaultExportSettings.filename,
  assetsFolder: defaultExportSettings.assetsFolder,
};

/** The image file's path in the backup: the name every export gives these bytes (`assetName`: 16 hex of the SHA-256). */
const imagePath = (folder: string, hash: string, ext: string) => `${folder}/${hash.slice(0, 16)}.${ext}`;

/** What a backup reads: the library (cards newest first, then each record and image as it is reached) and the highlights. */
export interface BackupSource {
  cards: readonly LibraryCard[];
  record(url: string): Promise<LibraryRecord | null>;
  image(hash: string): Promise<LibraryImage | null>;
  highlights: readonly ArticleHighlights[];
}

/** Takes each file of the backup as it is made. */
export interface BackupWriter {
  add(path: string, data: Uint8Array | string): void | Promise<void>;
}

export interface BackupOptions {
  /** The DOM's parser (`new DOMParser()` in a page, a jsdom window's in Node). */
  parser: HtmlParser;
  now: number;
  layout?: Partial<BackupLayout>;
}

export interface BackupSummary {
  articles: number;
  images: number;
  /** Images a record names that the store no longer has, or whose bytes are not an image: left at their remote URL. */
  missingImages: number;
}

/** Writes the whole backup to `writer`: every article's Markdown and images, then SUMMARY.md and library.json. */
export async function writeBackup(source: BackupSource, writer: BackupWriter, options: BackupOptions): Promise<BackupSummary> {
  const layout = { ...defaultBackupLayout, ...options.layout };
  const assets = layout.assetsFolder;
  const markdown = createMarkdown(options.parser, highlightsSupport);
  const parseHtml = (html: string) => options.parser.parseFromString(html, 'text/html');
  const highlights = new Map(source.highlights.map((entry) => [entry.url, entry]));
  const names = new UniqueNames();
  const images: LibraryJson['images'] = {};
  const missing = new Set<string>();
  const articles: BackupArticle[] = [];
  const entries: LibraryEntry[] = [];
  for (const { url } of source.cards) {
    const record = await source.record(url);
    if (!record) continue; // deleted since the list was read
    const { article } = record;
    const folder = libraryFolder(article);
    const path = names.take(`${folder}/${makeFilename(article, layout.filename)}`);
    const links = new Map<string, string>();
    const kept: Record<string, string> = {};
    for (const [imageUrl, hash] of Object.entries(record.images)) {
      if (!images[hash] && !missing.has(hash)) {
        const image = await source.image(hash);
        const type = image && sniffImage(image.bytes, image.type);
        if (!image || !type) {
          missing.add(hash);
          continue;
        }
        images[hash] = { path: imagePath(assets, hash, type.ext), type: type.mime };
        await writer.add(images[hash].path, image.bytes);
      }
      const entry = images[hash];
      if (!entry) continue;
      kept[imageUrl] = hash;
      links.set(imageUrl, relativeLink(folder, entry.path));
    }
    const text = markdown.toMarkdown(withImageLinks(article, links, parseHtml), {
      template: layout.template,
      keyPoints: layout.keyPoints,
      lead: layout.lead,
      attribution: layout.attribution,
      highlightsSection: layout.highlightsSection,
      highlights: highlights.get(url)?.highlights ?? [],
    });
    await writer.add(path, text);
    articles.push({ path, card: record.card, article, images: kept });
    entries.push({ article, path });
  }
  if (entries.length) await writer.add('SUMMARY.md', libraryIndex(entries));
  const highlighted = source.highlights.filter((entry) => entry.highlights.length);
  await writer.add(libraryJsonName, libraryJsonText({ exportedAt: options.now, generator: 'extension', articles, images, highlights: highlighted }));
  return { articles: articles.length, images: Object.keys(images).length, missingImages: missing.size };
}

/**
 * The backup's zip, written entry by entry into `Blob`s (the zip so far and the entry being added are
 * all it holds): text deflated (library.json shrinks several times), images stored (compressed already).
 * Names are UTF-8 (fflate sets the flag), so CJK names unzip right.
 */
export class BackupZipWriter extends StoredZipWriter implements BackupWriter {
  /** Zip dates run from 1980: an earlier `mtime` (a test's clock) is written as 1980-01-01. */
  constructor(mtime: Date | number = Date.now()) {
    super(Math.max(+mtime, Date.UTC(1980, 0, 2)));
  }

  protected override entryFor(path: string, data: Uint8Array | string): ZipPassThrough | ZipDeflate {
    return typeof data === 'string' ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
  }
}
