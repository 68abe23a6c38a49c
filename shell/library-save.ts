/**
 * The ways into the library, run by the background: 收藏到资料库 (collect) and 更新资料库中的副本 from the
 * popup and the reader, and every export of the one export flow (shell/jobs.ts records each one here).
 * The tab's page gives the whole article; its images are fetched as an export fetches them when the
 * user keeps images offline (`librarySettings.keepImagesOffline`).
 */
import type { LibraryExport, ReadingState } from '../utils/library/types';
import { sniffImage } from '../utils/images';
import { failureText } from './i18n';
import { saveImages } from './images';
import { getCard, LibraryError, putArticle } from './library';
import { sendToTab, type ExportOutcome, type ImagesOutcome, type LibraryOutcome, type LibraryStatus } from './messaging';
import { librarySettings } from './settings';
import { ensureContentScript } from './tabs';

/** A page that has no article to keep. */
class PageError extends Error {}

async function pageCopy(tabId: number) {
  await ensureContentScript(tabId);
  const reply = await sendToTab(tabId, 'libraryCopy');
  if (!reply.ok) throw new PageError(failureText(reply.reason));
  return reply;
}

/** The images fetched as the export flow does, by URL as in `article.html` (those that could not be are reported). */
async function offlineImages(urls: readonly string[]): Promise<{ images: Map<string, { bytes: Uint8Array; type: string }>; outcome: ImagesOutcome }> {
  const files = new Map<string, Uint8Array>();
  const saved = await saveImages(urls, { mode: 'local', folder: 'library', onFile: (file) => void files.set(file.path, file.bytes) });
  const images = new Map<string, { bytes: Uint8Array; type: string }>();
  for (const [url, link] of saved.links) {
    const bytes = files.get(decodeURIComponent(link)) ?? files.get(link);
    const type = bytes && sniffImage(bytes);
    if (bytes && type) images.set(url, { bytes, type: type.mime });
  }
  return { images, outcome: { total: saved.total, saved: images.size, failures: saved.failures } };
}

/** Puts the tab's article in the library (with its export, if any); never throws: a failure is an outcome. */
async function keep(tabId: number, options: { state?: ReadingState; export?: LibraryExport }): Promise<LibraryOutcome> {
  try {
    const { article, images: urls } = await pageCopy(tabId);
    const offline = (await librarySettings.get()).keepImagesOffline && urls.length ? await offlineImages(urls) : null;
    const card = await putArticle(article, { ...options, images: offline?.images });
    return { ok: true, card, images: offline?.outcome };
  } catch (error) {
    if (error instanceof LibraryError) return { ok: false, error: error.kind, detail: error.detail };
    return { ok: false, error: error instanceof PageError ? 'page' : 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** 收藏到资料库: the article kept without an export, 稍后读 when new to the library. */
export const collectTab = (tabId: number): Promise<LibraryOutcome> => keep(tabId, { state: 'later' });

/** 更新资料库中的副本: the page's current copy over the stored one (its state, saved date and exports kept). */
export const updateSavedTab = (tabId: number): Promise<LibraryOutcome> => keep(tabId, {});

/**
 * Records a finished export in the library (any way out): the article with where it went. Resolves with
 * what to add to the outcome; a library that cannot keep it never fails the export.
 */
export async function recordExport(tabId: number, outcome: ExportOutcome, at = Date.now()): Promise<ExportOutcome> {
  if (!outcome.ok) return outcome;
  const done = await keep(tabId, { export: { at, where: outcome.where, folder: outcome.folder, path: outcome.filename } });
  return { ...outcome, library: done.ok ? 'saved' : done.error };
}

/** The article's card, and whether the page's text (its hash) differs from the stored copy's. */
export async function libraryStatus(url: string, textHash?: string): Promise<LibraryStatus> {
  const card = await getCard(url);
  return card ? { ...card, changed: textHash !== undefined && textHash !== card.textHash } : null;
}
