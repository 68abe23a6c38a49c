import { browser } from 'wxt/browser';
import { classifyUrl } from '../utils/extract/urls';
import { matches, titleSuffix, woshipmUrls } from '../utils/site/woshipm';
import { exportTab } from './export';
import { getExportSettings } from './settings';

export interface BatchItem {
  tabId: number;
  title: string;
  url: string;
  state: 'waiting' | 'done' | 'failed';
  detail?: string;
}

/** Open tabs whose URL is a woshipm article, in window and tab order. */
export async function articleTabs(): Promise<BatchItem[]> {
  const tabs = await browser.tabs.query({ url: matches });
  return tabs
    .filter((tab) => tab.id !== undefined && classifyUrl(tab.url ?? '', woshipmUrls).kind === 'article')
    .map((tab) => ({ tabId: tab.id!, title: (tab.title ?? tab.url ?? '').replace(titleSuffix, ''), url: tab.url ?? '', state: 'waiting' as const }));
}

/** Downloads every item's article with the saved export settings, one file each; `onItem` sees each result. */
export async function exportTabs(items: BatchItem[], onItem: (index: number, item: BatchItem) => void): Promise<void> {
  const settings = await getExportSettings();
  for (const [index, item] of items.entries()) {
    const outcome = await exportTab(item.tabId, settings);
    onItem(index, outcome.ok ? { ...item, state: 'done', detail: outcome.filename } : { ...item, state: 'failed', detail: outcome.detail });
  }
}
