import { browser } from 'wxt/browser';
import type { MarkdownRequest } from '../utils/engine';
import type { ExportSettings } from '../utils/markdown/options';
import { failureText, t } from './i18n';
import { downloadMarkdown } from './downloads';
import { sendToTab } from './messaging';
import { getExportSettings } from './settings';
import { ensureContentScript } from './tabs';

/** What the page side needs to make the Markdown and its file name from these settings. */
// Images are the popup's (remote here: shortcut, menu and batch exports keep the CDN addresses).
export function markdownRequest({ filename, images: _images, assetsFolder: _assetsFolder, ...options }: ExportSettings, selectionOnly = false): MarkdownRequest {
  return { selectionOnly, options, filenameTemplate: filename };
}

export type ExportOutcome = { ok: true; filename: string } | { ok: false; detail: string };

/**
 * The one export flow for a tab without the popup's DOM (shortcut, menu, batch): make sure the
 * content script is there, ask it for the article as Markdown, download that. Never throws.
 */
export async function exportTab(tabId: number, settings: ExportSettings, selectionOnly = false): Promise<ExportOutcome> {
  try {
    await ensureContentScript(tabId);
    const reply = await sendToTab(tabId, 'markdown', markdownRequest(settings, selectionOnly));
    if (!reply.ok) return { ok: false, detail: failureText(reply.reason) };
    await downloadMarkdown(reply.markdown, reply.filename, reply.fallbackName);
    return { ok: true, filename: reply.filename };
  } catch (error) {
    return { ok: false, detail: String(error) };
  }
}

/** Shows the outcome on the toolbar icon for a moment (shortcut and menu exports have no popup). */
async function badge(tabId: number, ok: boolean, title: string) {
  await browser.action.setBadgeBackgroundColor({ tabId, color: ok ? '#1a7f37' : '#b42318' });
  await browser.action.setBadgeText({ tabId, text: ok ? '✓' : '!' });
  await browser.action.setTitle({ tabId, title });
  setTimeout(() => void browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined), 4000);
}

/** Downloads the article of `tabId` (or only its selection) with the saved options, and says how it went on the icon. */
export async function exportTabWithBadge(tabId: number, selectionOnly = false): Promise<boolean> {
  const outcome = await exportTab(tabId, await getExportSettings(), selectionOnly);
  await badge(tabId, outcome.ok, outcome.ok ? t('action.downloaded') : outcome.detail).catch(() => undefined);
  return outcome.ok;
}
