import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { onMessages, sendToBackground } from '../shell/messaging';
import { showPageButton } from '../shell/page-button';
import { readerButtonSetting } from '../shell/settings';
import type { Engine } from '../utils/engine';
import { classifyUrl } from '../utils/extract/urls';
import { matches, woshipmUrls } from '../utils/site/woshipm';

/** The engine with reader mode, as entrypoints/engine/index.ts leaves it. */
export type PageEngine = Engine & { reader(request: { open?: boolean }): Promise<boolean> };

declare global {
  // Set by entrypoints/engine/index.ts in this same (isolated) world.
  var __woshipmEngine: PageEngine | undefined;
}

/** The extraction engine, loaded into this tab on first use. */
async function engine(): Promise<PageEngine> {
  if (!globalThis.__woshipmEngine) await sendToBackground('loadEngine');
  if (!globalThis.__woshipmEngine) throw new Error('engine did not load');
  return globalThis.__woshipmEngine;
}

/**
 * After the page's load event, in idle periods: loads the engine (one task: the script's evaluation),
 * then runs its warm-up steps, one per idle period (each a task well under 50 ms), so that the first
 * popup or reader open runs compiled code and finds the article already extracted (see `Engine.warmUp`).
 */
function warmUpWhenIdle(): void {
  const idle = (step: () => void) => requestIdleCallback(step, { timeout: 5000 });
  const each = (steps: readonly (() => void)[], i = 0): void => {
    if (i < steps.length) idle(() => (steps[i]!(), each(steps, i + 1)));
  };
  const start = () => idle(() => void engine().then((e) => each(e.warmUp)).catch(() => undefined));
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

// At page load this only registers a listener: everything heavy is loaded and run on request.
export default defineContentScript({
  matches,
  runAt: 'document_idle',
  main() {
    onMessages({
      ping: () => ({ version: browser.runtime.getManifest().version, engine: !!globalThis.__woshipmEngine }),
      extract: async (request) => (await engine()).extract(request ?? {}),
      markdown: async (request) => (await engine()).markdown(request),
      reveal: async (target) => (await engine()).reveal(target),
      reader: async (request) => (await engine()).reader(request),
    });
    // On an article, load and warm the engine once the page has settled and the browser is idle, so the
    // first popup or reader open does not wait for it (nor, unless the page changes, for extraction).
    if (classifyUrl(location.href, woshipmUrls).kind === 'article') warmUpWhenIdle();
    // The optional page button: one storage read, and an element only when the user turned it on.
    let hide: (() => void) | null = null;
    const apply = (on: boolean) => {
      if (on && !hide) hide = showPageButton(document, () => void engine().then((e) => e.reader({ open: true })));
      if (!on && hide) (hide(), (hide = null));
    };
    void readerButtonSetting.getValue().then(apply);
    readerButtonSetting.watch((on) => apply(on ?? false));
  },
});
