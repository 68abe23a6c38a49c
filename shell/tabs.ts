import { browser } from 'wxt/browser';
import { sendToTab } from './messaging';

const noReceiver = /Receiving end does not exist|Could not establish connection|No matching message handler/i;
export const isNoReceiver = (error: unknown) => noReceiver.test(String(error));

/**
 * Makes sure the tab has our content script: a tab opened before the extension was installed (or
 * updated) has none, so it is injected once. Throws when the tab cannot be scripted.
 */
export async function ensureContentScript(tabId: number): Promise<void> {
  try {
    await sendToTab(tabId, 'ping');
  } catch (error) {
    if (!isNoReceiver(error)) throw error;
    await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
  }
}

/** Opens the library page (资料库) in a new tab: the background's `openLibrary`, which the popup, Options and the reader ask for. */
export async function openLibraryPage(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
}
