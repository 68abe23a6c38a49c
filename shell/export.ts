/**
 * The one export flow, run by the background for every way out (popup, shortcut, menu, selection,
 * reader, batch): ask the tab's page for the article as Markdown, fetch its images as the settings say,
 * and save it where the settings say:
 *
 *   download   Downloads: `<name>.zip` with `<name>.md` and the images folder, or one `.md` (as always)
 *   folder     the user's notes folder: `<subfolder>/<name>.md` and `<subfolder>/<assets>/<hash>.<ext>`,
 *              written straight into the chosen folder (Chrome, Edge), or the same layout under
 *              Downloads/<downloadsFolder>/ where the browser has no folder picker (Firefox) or the folder
 *              cannot be written (no permission: that export says so)
 *
 * Saving an article again rewrites the file it was saved to (found by its canonical URL, shell/saved.ts),
 * unless that file changed since: then `ask` decides (the popup asks the user; elsewhere: a new file).
 */
import { browser } from 'wxt/browser';
import { StoredZipWriter } from '../utils/images';
import type { MarkdownReply, MarkdownRequest } from '../utils/engine';
import { notePath, numbered, subfolderFor } from '../utils/export/paths';
import { imageUrlKey, imageUrlsIn, relinkImages } from '../utils/export/relink';
import { obsidianOpenUrl } from '../utils/export/obsidian';
import type { ExportSettings } from '../utils/markdown/options';
import { failureText } from './i18n';
import { downloadFile, downloadMarkdown, downloadZip } from './downloads';
import { folderAccess, getNotesFolder, hasFileAt, readFileAt, writeWholeFile, type NotesFolder } from './folder';
import { saveImages, type KeptImage } from './images';
import { sendToTab, type ConflictChoice, type ExportOutcome, type FolderFallback, type ImagesOutcome } from './messaging';
import { getSavedPlace, putSavedRecord, sha256, type SavedRecord, type SavedWhere } from './saved';
import { ensureContentScript } from './tabs';

/** What one article's export is given besides the tab and the settings. */
export interface ExportContext {
  selectionOnly?: boolean;
  /** The Markdown as edited in the popup's preview: saved instead of a fresh rendering, its images relinked. */
  edited?: string | null;
  /** Image progress of this article. */
  onProgress?(done: number, total: number): void;
  /** Images kept with the article (the library's): used instead of fetching them again. */
  keptImage?: KeptImage;
  /** The file at `path` changed since we wrote it: what now (no `ask`: save as a new file). */
  ask?(path: string, folder: string): Promise<ConflictChoice>;
}

/** What the page side needs to make the Markdown and its file name from these settings. */
function markdownRequest(settings: ExportSettings, selectionOnly = false): MarkdownRequest {
  const { template, keyPoints, lead, attribution, highlightsSection } = settings;
  return { selectionOnly, options: { template, keyPoints, lead, attribution, highlightsSection }, filenameTemplate: settings.filename };
}

type Rendered = Extract<MarkdownReply, { ok: true }>;

/**
 * Where the article's Markdown comes from: the page in a tab (its content script renders it), or a copy
 * the caller has (the library's stored article), rendered here.
 */
type Source = number | { render(request: MarkdownRequest): Rendered };
const renderFrom = async (source: Source, request: MarkdownRequest): Promise<MarkdownReply> =>
  typeof source === 'number' ? sendToTab(source, 'markdown', request) : source.render(request);

/** The tab's article as Markdown (the page's highlights in it); throws the page's reason when it has none. */
async function renderTab(tabId: number, settings: ExportSettings, selectionOnly: boolean): Promise<Rendered> {
  await ensureContentScript(tabId);
  const reply = await sendToTab(tabId, 'markdown', markdownRequest(settings, selectionOnly));
  if (!reply.ok) throw new Error(failureText(reply.reason));
  return reply;
}

/** The image URLs worth saving: the article's, or of those the ones still in the edited text. */
function imagesToSave(reply: Rendered, edited: string | null | undefined): string[] {
  if (edited === null || edited === undefined) return reply.images;
  const kept = new Set(imageUrlsIn(edited).map(imageUrlKey));
  return reply.images.filter((url) => kept.has(imageUrlKey(url)));
}

/** The Markdown with the saved images linked: the edited text relinked by its image syntax, or the article rendered again. */
async function linkedMarkdown(source: Source, reply: Rendered, links: Map<string, string>, settings: ExportSettings, context: ExportContext): Promise<string> {
  if (context.edited !== null && context.edited !== undefined) return relinkImages(context.edited, links).markdown;
  if (!links.size) return reply.markdown;
  const linked = await renderFrom(source, { ...markdownRequest(settings, context.selectionOnly), imageLinks: [...links] });
  if (!linked.ok) throw new Error(failureText(linked.reason));
  return linked.markdown;
}

const outcomeOf = ({ total, saved, failures }: ImagesOutcome): ImagesOutcome => ({ total, saved, failures });
const dirOf = (path: string) => path.split('/').slice(0, -1).join('/');
const join = (...parts: string[]) => parts.filter(Boolean).join('/');

/** Where the notes layout of an export is written: the chosen folder, or a folder inside Downloads. */
type NotesTarget = { where: 'folder'; folder: NotesFolder } | { where: 'downloads'; folder: string; fallback?: FolderFallback; wanted?: string };

/** The notes folder if the export may write there now, else the Downloads layout and why. */
async function notesTarget(settings: ExportSettings): Promise<NotesTarget> {
  const downloads = { where: 'downloads', folder: settings.downloadsFolder || 'woshipm' } as const;
  if (import.meta.env.FIREFOX) return downloads; // no directory picker: Downloads is where Firefox may write
  const folder = await getNotesFolder();
  if (!folder) return { ...downloads, fallback: 'no-folder' };
  if ((await folderAccess.query(folder.handle)) !== 'granted') return { ...downloads, fallback: 'permission', wanted: folder.name };
  return { where: 'folder', folder };
}

/**
 * The note's path inside the target: where this article was saved there before, else from the
 * subfolder and file-name templates; with a changed file there, what `ask` chose.
 */
async function chooseNotePath(
  target: Extract<NotesTarget, { where: 'folder' }>,
  record: SavedRecord | null,
  proposed: string,
  context: ExportContext,
): Promise<{ path: string; replaced: boolean; renamed: boolean } | null> {
  const root = target.folder.handle;
  const ours = record;
  const path = ours?.path ?? proposed;
  const existing = await readFileAt(root, path);
  if (!existing) return { path, replaced: false, renamed: false }; // new, or deleted by the user: written anew
  if (ours && (await sha256(existing)) === ours.hash) return { path, replaced: true, renamed: false };
  const choice = context.ask ? await context.ask(path, target.folder.name) : 'new';
  if (choice === 'cancel') return null;
  if (choice === 'overwrite') return { path, replaced: true, renamed: false };
  for (let n = 2; ; n++) {
    const candidate = numbered(path, n);
    if (!(await hasFileAt(root, candidate))) return { path: candidate, replaced: false, renamed: true };
  }
}

/** One article saved in the notes layout (folder or Downloads): its images one at a time, then the note. */
async function saveToNotes(source: Source, reply: Rendered, settings: ExportSettings, context: ExportContext): Promise<ExportOutcome> {
  let target = await notesTarget(settings);
  const placeOf = (t: NotesTarget) => getSavedPlace(reply.facts.url, t.where, t.where === 'folder' ? t.folder.name : t.folder);
  const proposed = notePath(subfolderFor(reply.facts, settings.subfolder), reply.filename);
  let chosen: { path: string; replaced: boolean; renamed: boolean } | null;
  if (target.where === 'folder') {
    try {
      chosen = await chooseNotePath(target, await placeOf(target), proposed, context);
    } catch {
      target = { where: 'downloads', folder: settings.downloadsFolder || 'woshipm', fallback: 'write-failed', wanted: target.folder.name };
      chosen = null;
    }
    if (target.where === 'folder' && !chosen) return { ok: false, detail: 'cancelled', cancelled: true };
  }
  if (target.where === 'downloads') {
    // The file there cannot be read back: saving again replaces the one we wrote (and says so).
    const ours = await placeOf(target);
    chosen = { path: ours?.path ?? proposed, replaced: !!ours, renamed: false };
  }
  const { path, replaced, renamed } = chosen!;
  try {
    return await writeNotes(source, reply, settings, context, target, { path, replaced, renamed });
  } catch (error) {
    if (target.where !== 'folder') throw error;
    // The folder refused a write (gone, full, permission revoked): the export is not lost, it goes to Downloads.
    const downloads: NotesTarget = { where: 'downloads', folder: settings.downloadsFolder || 'woshipm', fallback: 'write-failed', wanted: target.folder.name };
    return writeNotes(source, reply, settings, context, downloads, { path: proposed, replaced: false, renamed: false });
  }
}

async function writeNotes(
  source: Source,
  reply: Rendered,
  settings: ExportSettings,
  context: ExportContext,
  target: NotesTarget,
  { path, replaced, renamed }: { path: string; replaced: boolean; renamed: boolean },
): Promise<ExportOutcome> {
  const noteDir = dirOf(path);
  const write =
    target.where === 'folder'
      ? (file: string, data: Uint8Array | string) => writeWholeFile(target.folder.handle, file, data)
      : (file: string, data: Uint8Array | string) =>
          downloadFile(
            new Blob([data as BlobPart], { type: typeof data === 'string' ? 'text/markdown;charset=utf-8' : 'application/octet-stream' }),
            join(target.folder, file),
            join(target.folder, file),
            'overwrite',
          );
  const urls = settings.images === 'remote' ? [] : imagesToSave(reply, context.edited);
  let images: ImagesOutcome | undefined;
  let links = new Map<string, string>();
  if (urls.length) {
    const exists = async (file: string) => target.where === 'folder' && (await hasFileAt(target.folder.handle, file));
    const saved = await saveImages(
      urls,
      {
        mode: settings.images === 'inline' ? 'inline' : 'local',
        folder: join(noteDir, settings.assetsFolder),
        linkFrom: noteDir,
        onProgress: context.onProgress,
        // Content-hash names: a file already there holds these very bytes.
        onFile: async (file) => void ((await exists(file.path)) || (await write(file.path, file.bytes))),
      },
      context.keptImage,
    );
    images = outcomeOf(saved);
    links = saved.links;
  }
  const markdown = await linkedMarkdown(source, reply, links, settings, context);
  await write(path, markdown);
  const folder = target.where === 'folder' ? target.folder.name : target.folder;
  await putSavedRecord({ url: reply.facts.url, where: target.where, folder, path, hash: await sha256(markdown), savedAt: new Date().toISOString() });
  const outcome: ExportOutcome = { ok: true, filename: path, where: target.where, folder, images, replaced, renamed };
  if (target.where === 'downloads' && target.fallback) Object.assign(outcome, { fallback: target.fallback, wanted: target.wanted });
  if (target.where === 'folder' && target.folder.obsidian && settings.openInObsidian) {
    outcome.opened = obsidianOpenUrl(target.folder.name, path);
    await browser.tabs.create({ url: outcome.opened, active: true }).catch(() => undefined);
  }
  return outcome;
}

/** One article downloaded as before: a zip with its images folder, or one `.md`. */
async function download(source: Source, reply: Rendered, settings: ExportSettings, context: ExportContext): Promise<ExportOutcome> {
  const where: SavedWhere = 'download';
  const urls = settings.images === 'remote' ? [] : imagesToSave(reply, context.edited);
  const writer = settings.images === 'local' && urls.length ? new StoredZipWriter() : undefined;
  let images: ImagesOutcome | undefined;
  let links = new Map<string, string>();
  if (urls.length) {
    const saved = await saveImages(
      urls,
      {
        mode: settings.images === 'inline' ? 'inline' : 'local',
        folder: settings.assetsFolder,
        onProgress: context.onProgress,
        onFile: writer && ((file) => writer.add(file.path, file.bytes)),
      },
      context.keptImage,
    );
    images = outcomeOf(saved);
    links = saved.links;
  }
  const markdown = await linkedMarkdown(source, reply, links, settings, context);
  let filename = reply.filename;
  if (writer) {
    writer.add(reply.filename.split('/').pop()!, markdown);
    await downloadZip(writer.end(), reply.filename, reply.fallbackName);
    filename = reply.filename.replace(/\.md$/i, '.zip');
  } else await downloadMarkdown(markdown, reply.filename, reply.fallbackName);
  await putSavedRecord({ url: reply.facts.url, where, folder: '', path: filename, hash: await sha256(markdown), savedAt: new Date().toISOString() });
  return { ok: true, filename, where, folder: '', images };
}

/** The tab's article (or `context.edited`) with its images embedded (`data:` URIs), for the clipboard. Throws the page's reason. */
export async function inlineMarkdownOf(tabId: number, settings: ExportSettings, context: ExportContext = {}): Promise<{ markdown: string } & ImagesOutcome> {
  const reply = await renderTab(tabId, settings, context.selectionOnly ?? false);
  const saved = await saveImages(imagesToSave(reply, context.edited), { mode: 'inline', folder: '', onProgress: context.onProgress });
  return { markdown: await linkedMarkdown(tabId, reply, saved.links, settings, context), ...outcomeOf(saved) };
}

/** Exports the article of `tabId` with `settings`, where they say. Never throws: a failure is an outcome. */
export async function exportTab(tabId: number, settings: ExportSettings, context: ExportContext = {}): Promise<ExportOutcome> {
  try {
    const reply = await renderTab(tabId, settings, context.selectionOnly ?? false);
    return settings.destination === 'folder' ? await saveToNotes(tabId, reply, settings, context) : await download(tabId, reply, settings, context);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * An article the caller has (the library's stored copy), exported with `settings` where they say, as a
 * tab's article would be: `render` makes its Markdown for a request (the caller's DOM and highlights).
 * Never throws: a failure is an outcome.
 */
export async function exportArticle(
  render: (request: MarkdownRequest) => Rendered,
  settings: ExportSettings,
  context: ExportContext = {},
): Promise<ExportOutcome> {
  try {
    const source: Source = { render };
    const reply = render(markdownRequest(settings));
    return settings.destination === 'folder' ? await saveToNotes(source, reply, settings, context) : await download(source, reply, settings, context);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Several tabs downloaded into one zip (destination `download`, images `local`): each article's Markdown
 * at its file name (a repeated name numbered), one shared images folder holding each image's bytes once,
 * linked from every article that shows it. `onItem` sees each tab's outcome; the zip is downloaded as
 * `zipName` once all are done. Never throws: a tab that fails is reported and left out.
 */
export async function exportTabsToZip(
  tabIds: readonly number[],
  settings: ExportSettings,
  zipName: { filename: string; fallbackName: string },
  onItem: (index: number, outcome: ExportOutcome) => void,
  onProgress?: (index: number, done: number, total: number) => void,
): Promise<number> {
  const writer = new StoredZipWriter();
  const written = new Set<string>();
  const names = new Set<string>();
  const unique = (name: string) => {
    let candidate = name;
    for (let n = 2; names.has(candidate.toLowerCase()); n++) candidate = name.replace(/(\.md)?$/i, ` (${n})$1`);
    names.add(candidate.toLowerCase());
    return candidate;
  };
  let count = 0;
  for (const [index, tabId] of tabIds.entries()) {
    try {
      const reply = await renderTab(tabId, settings, false);
      const saved = reply.images.length
        ? await saveImages(reply.images, {
            mode: 'local',
            folder: settings.assetsFolder,
            written,
            onProgress: (done, total) => onProgress?.(index, done, total),
            onFile: (file) => writer.add(file.path, file.bytes),
          })
        : null;
      const markdown = await linkedMarkdown(tabId, reply, saved?.links ?? new Map(), settings, {});
      const filename = unique(reply.filename);
      writer.add(filename, markdown);
      count++;
      onItem(index, { ok: true, filename, where: 'download', folder: zipName.filename, images: saved ? outcomeOf(saved) : undefined });
    } catch (error) {
      onItem(index, { ok: false, detail: error instanceof Error ? error.message : String(error) });
    }
  }
  if (count) await downloadZip(writer.end(), zipName.filename, zipName.fallbackName);
  return count;
}

/** The batch zip's name: `woshipm-2026-11-28-5篇.zip` (`…-5.zip` where the browser refuses non-ASCII names). */
export function batchZipName(count: number, now = new Date()): { filename: string; fallbackName: string } {
  const day = now.toISOString().slice(0, 10);
  return { filename: `woshipm-${day}-${count}篇`, fallbackName: `woshipm-${day}-${count}` };
}
