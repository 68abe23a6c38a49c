import { browser } from 'wxt/browser';
import { requestedExtensionPage } from '../utils/test-hook';

/**
 * Only in the end-to-end tests' build (`WXT_E2E=1 wxt build`; the shipped build drops this code): a tab
 * that opens the test hook's address (utils/test-hook.ts) becomes the extension page it names.
 */
export function openPagesOnTestRequest(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    const page = change.url && requestedExtensionPage(change.url);
    if (page) void browser.tabs.update(tabId, { url: browser.runtime.getURL(`/${page}` as '/popup.html') });
  });
}
