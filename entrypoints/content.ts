import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { onMessages } from '../shell/messaging';
import { extractArticle } from '../utils/extract';
import { matches } from '../utils/site/woshipm';

// Costs nothing at page load: it only registers a listener. Extraction runs when asked.
export default defineContentScript({
  matches,
  runAt: 'document_idle',
  main() {
    onMessages({
      ping: () => ({ version: browser.runtime.getManifest().version }),
      extract: () => extractArticle(document, location.href),
    });
  },
});
