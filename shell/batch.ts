import { browser } from 'wxt/browser';
import { classifyUrl } from '../utils/extract/urls';
import { titleSuffix, woshipm } from '../utils/site/woshipm';
import { downloadMarkdown } from './downloads';
import { failureText } from './i18n';
import { savedMarkdownOptions } from './export';
import { sendToTab } from './messaging';
import { filenameSetting } from './settings';
import { ensureContentScript } from './tabs';

export interface BatchItem {
  tabId: number;
  title: string;
  url: string;
  state: 'waiting' | 'done' | 'failed';
  detail?: string;
}

/** Open tabs whose URL is a woshipm article, in window and tab order. */
export async function articleTabs(): Promise<BatchItem[]> {
  const tabs = await browser.tabs.query({ url: ['*://*.woshipm.com/*'] });
  return tabs
    .filter((tab) => tab.id !== undefined && classifyUrl(tab.url ?? '', woshipm).kind === 'article')
    .map((tab) => ({ tabId: tab.id!, title: (tab.title ?? tab.url ?? '').replace(titleSuffix, ''), url: tab.url ?? '', state: 'waiting' as const }));
}

/** Downloads every item's article with the saved options, one file each; `onItem` sees each result. */
export async function exportTabs(items: BatchItem[], onItem: (index: number, item: BatchItem) => void): Promise<void> {
  const options = await savedMarkdownOptions();
  const filenameTemplate = await filenameSetting.getValue();
  for (const [index, item] of items.entries()) {
    let result: BatchItem;
    try {
      await ensureContentScript(item.tabId);
      const reply = await sendToTab(item.tabId, 'markdown', { options, filenameTemplate });
      if (reply.ok) {
        await downloadMarkdown(reply.markdown, reply.filename, reply.fallbackName);
        result = { ...item, state: 'done', detail: reply.filename };
      } else result = { ...item, state: 'failed', detail: failureText(reply.reason) };
    } catch (error) {
      result = { ...item, state: 'failed', detail: String(error) };
    }
    onItem(index, result);
  }
}
