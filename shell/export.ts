import { browser } from 'wxt/browser';
import { StoredZipWriter } from '../utils/images';
import type { MarkdownReply, MarkdownRequest } from '../utils/engine';
import type { ExportSettings } from '../utils/markdown/options';
import { failureText, outcomeText } from './i18n';
import { downloadMarkdown, downloadZip } from './downloads';
import { saveImages } from './images';
import { sendToTab, type ExportOutcome, type ImagesOutcome } from './messaging';
import type { BatchItem } from './batch';
import { exportSettings } from './settings';
import { ensureContentScript } from './tabs';

/** What the page side needs to make the Markdown and its file name from these settings. */
function markdownRequest({ filename, images: _images, assetsFolder: _assetsFolder, ...options }: ExportSettings, selectionOnly = false): MarkdownRequest {
  return { selectionOnly, options, filenameTemplate: filename };
}

type Rendered = Extract<MarkdownReply, { ok: true }>;

/**
 * The tab's article as Markdown with the images as the settings say: `remote` as it comes; `local`
 * with each saved image handed to `zip` (the Markdown goes at the zip's root, beside the images folder)
 * unless `written` has its path already (a batch saves the same bytes once); `inline` embedded.
 */
async function renderTab(
  tabId: number,
  settings: ExportSettings,
  selectionOnly: boolean,
  zip?: { writer: StoredZipWriter; written: Set<string> },
): Promise<{ ok: true; reply: Rendered; images?: ImagesOutcome } | { ok: false; detail: string }> {
  await ensureContentScript(tabId);
  const request = markdownRequest(settings, selectionOnly);
  const reply = await sendToTab(tabId, 'markdown', request);
  if (!reply.ok) return { ok: false, detail: failureText(reply.reason) };
  if (settings.images === 'remote' || !reply.images.length) return { ok: true, reply };
  const images = await saveImages(reply.images, {
    mode: settings.images,
    folder: settings.assetsFolder,
    written: zip?.written,
    onFile: zip && ((file) => zip.writer.add(file.path, file.bytes)),
  });
  const outcome = { total: images.total, saved: images.saved, failures: images.failures };
  if (!images.links.size) return { ok: true, reply, images: outcome };
  // The same article again, its images linked to the saved copies.
  const linked = await sendToTab(tabId, 'markdown', { ...request, imageLinks: [...images.links] });
  if (!linked.ok) return { ok: false, detail: failureText(linked.reason) };
  return { ok: true, reply: linked, images: outcome };
}

/**
 * The one export flow for a tab without the popup's DOM (shortcut, menu, the reader's button, batch):
 * make sure the content script is there, ask it for the article as Markdown, fetch its images as the
 * settings say, download the `.md` (or, with images saved, a `.zip` of it and its images folder).
 * Never throws.
 */
export async function exportTab(tabId: number, settings: ExportSettings, selectionOnly = false): Promise<ExportOutcome> {
  try {
    const writer = settings.images === 'local' ? new StoredZipWriter() : undefined;
    const rendered = await renderTab(tabId, settings, selectionOnly, writer && { writer, written: new Set() });
    if (!rendered.ok) return rendered;
    const { reply, images } = rendered;
    if (writer && images) {
      writer.add(reply.filename, reply.markdown);
      await downloadZip(writer.end(), reply.filename, reply.fallbackName);
    } else await downloadMarkdown(reply.markdown, reply.filename, reply.fallbackName);
    return { ok: true, filename: reply.filename, images };
  } catch (error) {
    return { ok: false, detail: String(error) };
  }
}

/**
 * Several tabs into one zip (images `local`): each article's Markdown at its file name (a repeated
 * name numbered), one shared images folder holding each image's bytes once, linked from
 * every article that shows it. `onItem` sees each tab's outcome; the zip is downloaded as `zipName`
 * once all are done. Never throws: a tab that fails is reported and left out.
 */
export async function exportTabsToZip(
  tabIds: readonly number[],
  settings: ExportSettings,
  zipName: { filename: string; fallbackName: string },
  onItem: (index: number, outcome: ExportOutcome) => void,
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
      const rendered = await renderTab(tabId, { ...settings, images: 'local' }, false, { writer, written });
      if (!rendered.ok) {
        onItem(index, rendered);
        continue;
      }
      const filename = unique(rendered.reply.filename);
      writer.add(filename, rendered.reply.markdown);
      count++;
      onItem(index, { ok: true, filename, images: rendered.images });
    } catch (error) {
      onItem(index, { ok: false, detail: String(error) });
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

/**
 * Downloads every item's article with the saved export settings: with images (`local`) all in one zip
 * sharing one images folder, otherwise one file each. `onItem` sees each result.
 */
export async function exportTabs(items: BatchItem[], onItem: (index: number, item: BatchItem) => void): Promise<void> {
  const settings = await exportSettings.get();
  const report = (index: number, outcome: ExportOutcome) => {
    const item = items[index]!;
    onItem(index, outcome.ok ? { ...item, state: 'done', detail: outcome.filename } : { ...item, state: 'failed', detail: outcome.detail });
  };
  if (settings.images === 'local') {
    await exportTabsToZip(items.map((item) => item.tabId), settings, batchZipName(items.length), report);
    return;
  }
  for (const [index, item] of items.entries()) report(index, await exportTab(item.tabId, settings));
}

/** Shows the outcome on the toolbar icon for a moment (shortcut and menu exports have no popup). */
async function badge(tabId: number, ok: boolean, title: string) {
  await browser.action.setBadgeBackgroundColor({ tabId, color: ok ? '#1a7f37' : '#b42318' });
  await browser.action.setBadgeText({ tabId, text: ok ? '✓' : '!' });
  await browser.action.setTitle({ tabId, title });
  setTimeout(() => void browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined), 4000);
}

/** Downloads the article of `tabId` (or only its selection) with the saved options, and says how it went on the icon. */
export async function exportTabWithBadge(tabId: number, selectionOnly = false): Promise<ExportOutcome> {
  const outcome = await exportTab(tabId, await exportSettings.get(), selectionOnly);
  await badge(tabId, outcome.ok, outcomeText(outcome)).catch(() => undefined);
  return outcome;
}
