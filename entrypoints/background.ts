import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { inlineMarkdownOf } from '../shell/export';
import { exportSettings } from '../shell/settings';
import { answerConflict, exportTabWithBadge, latestJob, serveExportJobs, startFromPopup, startLibraryExport } from '../shell/jobs';
import { t } from '../shell/i18n';
import { sendToTab, serveBackground, type LibraryOutcome } from '../shell/messaging';
import { ensureContentScript, openLibraryPage } from '../shell/tabs';
import { prepareLibrary, setState } from '../shell/library';
import { collectTab, libraryStatus, updateSavedTab } from '../shell/library-save';
import { openPagesOnTestRequest } from '../shell/test-hook';
import { classifyUrl } from '../utils/extract/urls';
import { woshipmUrls } from '../utils/site/woshipm';

const menus = { parent: 'woshipm-reader', page: 'export-page', selection: 'export-selection' } as const;

/** export-markdown (Alt+Shift+K): export the article in the active tab; toggle-reader (Alt+Shift+Y): reader mode on or off. */
async function onCommand(command: string): Promise<boolean> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined || classifyUrl(tab.url ?? '', woshipmUrls).kind === 'not-woshipm') return false;
  if (command === 'export-markdown') return (await exportTabWithBadge(tab.id)).ok;
  if (command === 'toggle-reader') {
    await ensureContentScript(tab.id);
    return sendToTab(tab.id, 'reader', {});
  }
  return false;
}

/** 导出为 Markdown / 导出选中内容为 Markdown in the page's context menu, under one item named after the extension. */
async function onMenu(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<boolean> {
  if (tab?.id === undefined) return false;
  return (await exportTabWithBadge(tab.id, info.menuItemId === menus.selection)).ok;
}

/** A library action for the given tab (the popup's) or the sender's (the reader's). */
async function withTab(tabId: number | undefined, run: (tabId: number) => Promise<LibraryOutcome>): Promise<LibraryOutcome> {
  return tabId === undefined ? { ok: false, error: 'page', detail: 'no tab' } : run(tabId);
}

function createMenus() {
  void browser.contextMenus.removeAll().then(() => {
    const parentId = menus.parent;
    browser.contextMenus.create({
      id: parentId,
      title: t('extName'),
      contexts: ['page', 'link', 'image', 'selection'],
      documentUrlPatterns: woshipmUrls.matches,
    });
    browser.contextMenus.create({
      parentId,
      id: menus.page,
      title: t('menu.exportPage'),
      contexts: ['page', 'link', 'image'],
      documentUrlPatterns: woshipmUrls.matches,
    });
    browser.contextMenus.create({
      parentId,
      id: menus.selection,
      title: t('menu.exportSelection'),
      contexts: ['selection'],
      documentUrlPatterns: woshipmUrls.matches,
    });
  });
}

export default defineBackground(() => {
  serveBackground({
    async loadEngine(_data, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return false;
      const frameIds = sender.frameId === undefined ? undefined : [sender.frameId];
      await browser.scripting.executeScript({ target: { tabId, frameIds }, files: ['/engine.js'] });
      return true;
    },
    async openLibrary() {
      // The page's first reads wait for the browser to open the extension's store (50 to 165 ms in a browser just
      // started, docs/evaluation.md): asked for here, before the tab, it is open (this worker holds it) as they start.
      void prepareLibrary().then(
        () => performance.mark('library-opened-for-page'),
        () => undefined,
      );
      await openLibraryPage();
      return true;
    },
    async exportPage(_data, sender) {
      if (sender.tab?.id === undefined) return { ok: false, detail: 'no tab' };
      return exportTabWithBadge(sender.tab.id);
    },
    startExport: (request) => startFromPopup(request),
    exportJob: (which) => latestJob(which),
    answerConflict: ({ jobId, choice }) => answerConflict(jobId, choice),
    exportLibrary: ({ urls }) => startLibraryExport(urls),
    inlineMarkdown: async ({ tabId, selectionOnly, edited }) => inlineMarkdownOf(tabId, await exportSettings.get(), { selectionOnly, edited }),
    collect: ({ tabId }, sender) => withTab(tabId ?? sender.tab?.id, collectTab),
    updateSaved: ({ tabId }, sender) => withTab(tabId ?? sender.tab?.id, updateSavedTab),
    libraryStatus: ({ url, textHash }) => libraryStatus(url, textHash),
    libraryState: ({ url, state }) => setState(url, state),
  });
  void serveExportJobs();
  browser.runtime.onInstalled.addListener(createMenus);
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'update') void prepareLibrary().catch(() => undefined); // opened again (and migrated) when next read
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenu(info, tab));
  browser.commands.onCommand.addListener((command) => void onCommand(command));
  // The same handlers, reachable from the worker's console (and the end-to-end tests, which cannot press
  // a browser shortcut or open a context menu in headless Chromium).
  Object.assign(globalThis, { woshipmReader: { onCommand, onMenu } });
  if (import.meta.env.WXT_E2E === '1') openPagesOnTestRequest();
});
