import { browser } from 'wxt/browser';
import { t } from '../shell/i18n';
import { defineBackground } from 'wxt/utils/define-background';
import { exportTab } from '../shell/export';
import { onMessages } from '../shell/messaging';
import { matches } from '../utils/site/woshipm';

const menus = { page: 'export-page', selection: 'export-selection' } as const;

export default defineBackground(() => {
  onMessages({
    async loadEngine(_data, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return false;
      const frameIds = sender.frameId === undefined ? undefined : [sender.frameId];
      await browser.scripting.executeScript({ target: { tabId, frameIds }, files: ['/engine.js'] });
      return true;
    },
  });

  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus.removeAll().then(() => {
      browser.contextMenus.create({
        id: menus.page,
        title: t('menu.exportPage'),
        contexts: ['page', 'link', 'image'],
        documentUrlPatterns: matches,
      });
      browser.contextMenus.create({
        id: menus.selection,
        title: t('menu.exportSelection'),
        contexts: ['selection'],
        documentUrlPatterns: matches,
      });
    });
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (tab?.id !== undefined) void exportTab(tab.id, info.menuItemId === menus.selection);
  });

  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'export-markdown') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined && tab.url && /^https?:\/\/([^/]+\.)?woshipm\.com\//.test(tab.url)) await exportTab(tab.id);
  });
});
