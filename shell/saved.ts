/**
 * Where each article was last saved, keyed by its canonical URL (extension local storage): so that the
 * card can say 已保存到 …, and saving again rewrites that file instead of making `name (1).md`, unless the
 * file changed since we wrote it (the hash of what we wrote tells).
 */
import { storage } from '@wxt-dev/storage';

/** `folder`: the chosen notes folder; `downloads`: the notes layout inside Downloads; `download`: a zip or file in Downloads. */
export type SavedWhere = 'folder' | 'downloads' | 'download';

export interface SavedRecord {
  /** The article's canonical URL (the `source` of its front matter). */
  url: string;
  where: SavedWhere;
  /** The notes folder's name (`folder`), the folder inside Downloads (`downloads`), or '' (`download`). */
  folder: string;
  /** The file, relative to `folder` (`download`: the downloaded file's name). */
  path: string;
  /** SHA-256 (hex) of the bytes written: a file that no longer has it was changed by someone else. */
  hash: string;
  /** ISO time of the save. */
  savedAt: string;
}

/** What is kept per article: every place it was saved to (one per destination and folder), and which was last. */
interface SavedArticle {
  url: string;
  places: SavedRecord[];
}

const keyOf = (url: string) => `local:saved:${url}` as const;
const newest = (entry: SavedArticle | null): SavedRecord | null =>
  entry?.places.reduce<SavedRecord | null>((last, place) => (!last || place.savedAt > last.savedAt ? place : last), null) ?? null;

/** Where the article was last saved (the card's 已保存到 …), or null. */
export const getSavedRecord = async (url: string): Promise<SavedRecord | null> => newest(await storage.getItem<SavedArticle>(keyOf(url)));

/** Where the article was saved in this destination and folder (a download in between does not make that file a stranger), or null. */
export async function getSavedPlace(url: string, where: SavedWhere, folder: string): Promise<SavedRecord | null> {
  const entry = await storage.getItem<SavedArticle>(keyOf(url));
  return entry?.places.find((place) => place.where === where && place.folder === folder) ?? null;
}

/** Records a save: it replaces what was known of that destination and folder, and becomes the latest. */
export async function putSavedRecord(record: SavedRecord): Promise<void> {
  const entry = await storage.getItem<SavedArticle>(keyOf(record.url));
  const places = (entry?.places ?? []).filter((place) => !(place.where === record.where && place.folder === record.folder));
  await storage.setItem<SavedArticle>(keyOf(record.url), { url: record.url, places: [...places, record] });
}

/** Calls `onChange` with the latest save of the article whenever one is recorded (in any page of the extension). */
export const watchSavedRecord = (url: string, onChange: (record: SavedRecord | null) => void): (() => void) =>
  storage.watch<SavedArticle>(keyOf(url), (entry) => onChange(newest(entry)));

/** SHA-256 of `data` (UTF-8 for text), as 64 hex digits. */
export async function sha256(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
