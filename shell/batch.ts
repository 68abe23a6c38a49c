import { browser } from 'wxt/browser';
import { classifyUrl } from '../utils/extract/urls';
import { woshipmUrls } from '../utils/site/woshipm';

export interface BatchItem {
  tabId: number;
  title: string;
  url: string;
  state: 'waiting' | 'done' | 'failed';
  detail?: string;
}

/** Open tabs whose URL is a woshipm article, in window and tab order. */
export async function articleTabs(): Promise<BatchItem[]> {
  const tabs = await browser.tabs.query({ url: woshipmUrls.matches });
  return tabs
    .filter((tab) => tab.id !== undefined && classifyUrl(tab.url ?? '', woshipmUrls).kind === 'article')
    .map((tab) => ({
      tabId: tab.id!,
      title: (tab.title ?? tab.url ?? '').replace(woshipmUrls.titleSuffix, ''),
      url: tab.url ?? '',
      state: 'waiting' as const,
    }));
}
