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

const keyOf = (url: string) => `local:saved:${url}` as const;

export const getSavedRecord = async (url: string): Promise<SavedRecord | null> => storage.getItem<SavedRecord>(keyOf(url));
export const putSavedRecord = (record: SavedRecord): Promise<void> => storage.setItem(keyOf(record.url), record);
export const watchSavedRecord = (url: string, onChange: (record: SavedRecord | null) => void): (() => void) =>
  storage.watch<SavedRecord>(keyOf(url), onChange);

/** SHA-256 of `data` (UTF-8 for text), as 64 hex digits. */
export async function sha256(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
