/**
 * Backup and move of the library (资料库), for extension pages (they need `DOMParser` and `Blob`; the library
 * page calls them). The files and their checks are utils/library/backup.ts and restore.ts.
 *
 *   libraryBackupZip(now?)          -> { zip, filename, fallbackName, summary }   the whole library as one zip: the CLI
 *                                      library's layout (<category>/<year>/<name>.md, SUMMARY.md, assets/) + library.json
 *   backupLibrary(now?)             -> { filename, summary }   the same zip saved into Downloads
 *   restoreLibrary(input, decide)   -> RestoreOutcome          a backup zip (bytes or Blob) or the files of a folder the
 *                                      user picked (the CLI's `--library` output, `<input type=file webkitdirectory>`),
 *                                      checked (a refused one: { ok: false, reason, detail }), then merged:
 *                                      new articles added, identical ones skipped,
 *                                      conflicts (same URL, other text or state) decided by `decide` (keep mine /
 *                                      take the backup's; missing answers keep mine), one transaction per article;
 *                                      highlights merged by id (nothing dropped)
 *   backupFailureText(reason, detail)  what a refused backup says to the user
 */
import { defaultBackupLayout, BackupZipWriter, writeBackup, type BackupLayout, type BackupSummary } from '../utils/library/backup';
import {
  mergeHighlights,
  pickedBackupFiles,
  planLibraryRestore,
  readBackup,
  readBackupZip,
  type BackupFailure,
  type ReadBackupResult,
  type RestoreChoice,
  type RestoreConflict,
} from '../utils/library/restore';
import { downloadFile } from './downloads';
import { listArticleHighlights, putArticleHighlights } from './highlights';
import { t, type MessageKey } from './i18n';
import { getImage, getRecord, LibraryError, listCards, restoreArticles, type DeletedArticles, type LibraryErrorKind } from './library';
import { exportSettings } from './settings';

/** Bytes of a Blob, an ArrayBuffer or a view (checked by shape: a buffer from IndexedDB or a frame may be of another realm). */
async function bytesOf(data: Blob | ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof (data as Blob).arrayBuffer === 'function') return new Uint8Array(await (data as Blob).arrayBuffer());
  return new Uint8Array(data as ArrayBuffer);
}

/** The backup's Markdown looks like the user's exports (template, sections, file names, images folder). */
async function layout(): Promise<BackupLayout> {
  const settings = await exportSettings.get();
  const picked = Object.fromEntries(Object.keys(defaultBackupLayout).map((key) => [key, settings[key as keyof BackupLayout]]));
  return { ...defaultBackupLayout, ...picked };
}

/** The whole library (and every highlight) as one zip. */
export async function libraryBackupZip(now = Date.now()): Promise<{ zip: Blob; filename: string; fallbackName: string; summary: BackupSummary }> {
  const [cards, highlights] = await Promise.all([listCards(), listArticleHighlights()]);
  const writer = new BackupZipWriter(now);
  const summary = await writeBackup(
    {
      cards,
      highlights,
      record: getRecord,
      image: async (hash) => {
        const image = await getImage(hash);
        return image && { bytes: await bytesOf(image.bytes), type: image.type };
      },
    },
    writer,
    { parser: new DOMParser(), now, layout: await layout() },
  );
  const day = new Date(now).toISOString().slice(0, 10);
  return { zip: writer.end(), filename: t('libraryBackup.filename', [day]), fallbackName: `woshipm-library-${day}.zip`, summary };
}

/** Saves the backup zip into Downloads; resolves with its name and what it holds. */
export async function backupLibrary(now = Date.now()): Promise<{ filename: string; summary: BackupSummary }> {
  const { zip, filename, fallbackName, summary } = await libraryBackupZip(now);
  await downloadFile(zip, filename, fallbackName);
  return { filename, summary };
}

/** A backup zip, or the files of a picked folder (each named by its `webkitRelativePath`). */
export type BackupInput = Uint8Array | ArrayBuffer | Blob | readonly File[];

async function readLibraryBackup(input: BackupInput): Promise<ReadBackupResult> {
  if (Array.isArray(input)) {
    const files = (input as readonly File[]).map((file) => ({
      path: file.webkitRelativePath || file.name,
      size: file.size,
      bytes: async () => new Uint8Array(await file.arrayBuffer()),
    }));
    try {
      return await readBackup(pickedBackupFiles(files));
    } catch (error) {
      return { ok: false, reason: 'too-large', detail: error instanceof Error ? error.message : String(error) };
    }
  }
  return readBackupZip(await bytesOf(input as Blob | ArrayBuffer | Uint8Array));
}

/** What a restore did. */
export interface RestoreOutcome {
  ok: true;
  /** Articles new to the library, now in it. */
  added: number;
  /** Conflicts where the backup's copy replaced the library's. */
  replaced: number;
  /** Conflicts where the library's copy was kept. */
  kept: number;
  /** The same on both sides: skipped. */
  identical: number;
  /** Articles whose highlights changed (merged in). */
  highlights: number;
  /** Images the backup names but could not give (not in it, or not the bytes named): those stay remote. */
  missingImages: number;
  /** Articles that could not be written, and why; after a `quota` failure the rest are not tried. */
  failed: { url: string; kind: LibraryErrorKind }[];
}

/**
 * Restores a backup into the library, merging: see the comment at the top. `decide` sees every conflict at
 * once (the page asks the user) and answers per URL; it is not called when there are none.
 */
export async function restoreLibrary(
  input: BackupInput,
  decide: (conflicts: RestoreConflict[]) => Promise<Record<string, RestoreChoice>> | Record<string, RestoreChoice>,
): Promise<RestoreOutcome | Extract<ReadBackupResult, { ok: false }>> {
  const read = await readLibraryBackup(input);
  if (!read.ok) return read;
  const { backup } = read;
  const plan = planLibraryRestore(await listCards(), backup.records);
  const choices = plan.conflicts.length ? await decide(plan.conflicts) : {};
  const byUrl = new Map(backup.records.map((record) => [record.card.url, record]));
  const taken = plan.conflicts.filter((c) => choices[c.url] === 'backup').map((c) => byUrl.get(c.url)!);
  const outcome: RestoreOutcome = {
    ok: true,
    added: 0,
    replaced: 0,
    kept: plan.conflicts.length - taken.length,
    identical: plan.identical.length,
    highlights: 0,
    missingImages: backup.missingImages,
    failed: [],
  };
  for (const [record, isNew] of [...plan.added.map((r) => [r, true] as const), ...taken.map((r) => [r, false] as const)]) {
    const images = await backup.images(record);
    const kept = Object.fromEntries(Object.entries(record.images).filter(([, hash]) => images.has(hash)));
    outcome.missingImages += new Set(Object.values(record.images)).size - new Set(Object.values(kept)).size;
    const stored: DeletedArticles['images'] = [...images].map(([hash, image]) => ({ hash, type: image.type, bytes: image.bytes.slice().buffer, refs: 0 }));
    try {
      // The card as the backup has it (saved when, state, exports), written whole in one transaction.
      await restoreArticles({ records: [{ ...record, images: kept, card: { ...record.card, images: Object.keys(kept).length } }], images: stored });
      if (isNew) outcome.added++;
      else outcome.replaced++;
    } catch (error) {
      if (!(error instanceof LibraryError)) throw error;
      outcome.failed.push({ url: record.card.url, kind: error.kind });
      if (error.kind === 'quota') break;
    }
  }
  const merged = mergeHighlights(await listArticleHighlights(), backup.highlights);
  if (merged.length) await putArticleHighlights(merged);
  outcome.highlights = merged.length;
  return outcome;
}

const failureKeys = {
  'not-zip': 'libraryBackup.failure.notZip',
  'too-large': 'libraryBackup.failure.tooLarge',
  'no-library': 'libraryBackup.failure.noLibrary',
  'not-json': 'libraryBackup.failure.notJson',
  'wrong-format': 'libraryBackup.failure.wrongFormat',
  'newer-version': 'libraryBackup.failure.newerVersion',
  invalid: 'libraryBackup.failure.invalid',
} as const satisfies Record<BackupFailure, MessageKey>;

/** What a backup that cannot be read says to the user (`invalid` names the field: `articles[3].article.title`). */
export const backupFailureText = (reason: BackupFailure, detail = ''): string => t(failureKeys[reason], [detail]);
