/** Finds the tab the popup is about and asks its content script for the article. */
import { browser, type Browser } from 'wxt/browser';
import { sendToTab } from '../../shell/messaging';
import { ensureContentScript, isNoReceiver } from '../../shell/tabs';
import { classifyUrl } from '../../utils/extract/urls';
import type { Article } from '../../utils/types';
import { woshipmUrls } from '../../utils/site/woshipm';

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'not-woshipm' }
  | { kind: 'not-article' }
  | { kind: 'empty' }
  | { kind: 'no-script'; tabId: number }
  | { kind: 'failed'; error: string; url: string }
  | { kind: 'ready'; article: Article; tabId: number; hasSelection: boolean };

/** The tab named by `?tabId=` (tests, and the popup opened as a page), else the active tab. */
export async function targetTab(): Promise<Browser.tabs.Tab | undefined> {
  const id = Number(new URLSearchParams(location.search).get('tabId'));
  if (id) return browser.tabs.get(id);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function waitForComplete(tabId: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      browser.tabs.onUpdated.removeListener(listener);
      clearTimeout(timer);
      resolve();
    };
    const listener = (id: number, info: Browser.tabs.OnUpdatedInfo) => {
      if (id === tabId && info.status === 'complete') done();
    };
    const timer = setTimeout(done, timeoutMs);
    browser.tabs.onUpdated.addListener(listener);
  });
}

/** Loads the article of the target tab; `onState` sees every step (loading, then a final state). */
export async function loadArticle(onState: (state: PopupState) => void): Promise<void> {
  onState({ kind: 'loading' });
  const tab = await targetTab().catch(() => undefined);
  const url = tab?.url ?? '';
  if (!tab?.id || classifyUrl(url, woshipmUrls).kind === 'not-woshipm') return onState({ kind: 'not-woshipm' });
  const tabId = tab.id;
  try {
    // Ask at once; only a tab without our content script (opened before the install) costs a second try.
    const extract = () => sendToTab(tabId, 'extract', { selectionOnly: false });
    let result = await extract().catch(async (error: unknown) => {
      if (!isNoReceiver(error)) throw error;
      await ensureContentScript(tabId);
      return extract();
    });
    if (!result.ok && result.reason === 'empty' && tab.status === 'loading') {
      await waitForComplete(tabId, 10_000); // the site finishes the page with scripts: ask again once it is done
      result = await extract();
    }
    if (result.ok) onState({ kind: 'ready', article: result.article, tabId, hasSelection: result.hasSelection });
    else if (result.reason === 'not-woshipm') onState({ kind: 'not-woshipm' });
    else onState({ kind: result.reason === 'empty' ? 'empty' : 'not-article' });
  } catch (error) {
    if (/Cannot access|cannot be scripted|Missing host permission/i.test(String(error)) || isNoReceiver(error)) {
      onState({ kind: 'no-script', tabId });
    } else onState({ kind: 'failed', error: String(error), url });
  }
}
