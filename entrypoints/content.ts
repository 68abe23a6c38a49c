import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { getArticleHighlights } from '../shell/highlights';
import { sendToBackground, serveTab } from '../shell/messaging';
import { showPageButton } from '../shell/page-button';
import { readerSettings } from '../shell/settings';
import type { Engine } from '../utils/engine';
import { classifyUrl } from '../utils/extract/urls';
import { articleKey } from '../utils/page/article-key';
import { woshipmUrls } from '../utils/site/woshipm';
import type { Highlighter } from './engine/highlights';

/** The engine with reader mode and highlights, as entrypoints/engine/index.ts leaves it. */
export type PageEngine = Engine & {
  reader(request: { open?: boolean }): Promise<boolean>;
  /** Starts (once) the highlighter for the article kept under `url`. */
  highlighter(url: string): Highlighter;
  /** Stops it (the site moved to a page that is not an article). */
  stopHighlighter(): void;
};

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
  const start = () =>
    idle(
      () =>
        void engine()
          .then((e) => each(e.warmUp))
          .catch(() => undefined),
    );
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

/** Is there a selection that touches the site's article container? (Cheap: no engine needed to ask.) */
function selectionInArticle(): boolean {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return false;
  const container = woshipmUrls.contentSelectors.map((sel) => document.querySelector(sel)).find((el) => el !== null);
  return !!container && selection.getRangeAt(0).intersectsNode(container);
}

/**
 * Highlights: the code is in the engine, loaded only on a page that has some (one storage read at
 * load) or once the user selects text in the article (a mouseup/keyup listener until then).
 */
function watchForHighlights(key: () => string | null): void {
  const start = async (url: string) => (await engine()).highlighter(url);
  const onSelect = () => {
    const url = key();
    if (!url || !selectionInArticle()) return;
    stop();
    void start(url).then((h) => h.selection());
  };
  const stop = () => {
    document.removeEventListener('mouseup', onSelect);
    document.removeEventListener('keyup', onSelect);
  };
  document.addEventListener('mouseup', onSelect);
  document.addEventListener('keyup', onSelect);
  const url = key();
  if (url) {
    void getArticleHighlights(url).then((stored) => {
      if (stored?.highlights.length) stop(), void start(url);
    });
  }
}

// At page load this only registers listeners: everything heavy is loaded and run on request.
export default defineContentScript({
  matches: woshipmUrls.matches,
  runAt: 'document_idle',
  main(ctx) {
    // Asked each time: the site moves between articles with the History API.
    const key = () => articleKey(document, woshipmUrls);
    const withHighlighter = async () => {
      const e = await engine();
      const url = key();
      return { e, h: url ? e.highlighter(url) : null };
    };
    const reader = async (request: { open?: boolean }) => (await withHighlighter()).e.reader(request);
    serveTab({
      ping: () => ({ version: browser.runtime.getManifest().version, engine: !!globalThis.__woshipmEngine }),
      extract: async (request) => (await engine()).extract(request),
      markdown: async (request) => {
        // Exports of the whole article made in the page (shortcut, menu, batch) carry its highlights.
        const url = request.selectionOnly ? null : key();
        const highlights = (url && (await getArticleHighlights(url))?.highlights) || [];
        const options = highlights.length ? { ...request.options, highlights } : request.options;
        return (await engine()).markdown({ ...request, options });
      },
      reveal: async (target) => {
        const { e, h } = await withHighlighter();
        return target.kind === 'highlight' ? (h?.reveal(target.id) ?? false) : e.reveal(target);
      },
      reader,
      libraryCopy: async () => (await engine()).libraryCopy(),
      renderMarkdown: async ({ article, options, only }) => {
        const url = key();
        const highlights = (url && (await getArticleHighlights(url))?.highlights) || [];
        return (await engine()).render({ article, options: { ...options, highlights }, only });
      },
      highlights: async () => {
        const { h } = await withHighlighter();
        return h ? h.report() : { url: location.href, title: document.title, highlights: [], orphaned: [] };
      },
    });
    watchForHighlights(key);
    // Another article through the History API: its own highlights (the old ones' marks go with the old
    // highlighter). The Navigation API says so at once where there is one; WXT's watcher polls.
    const onNavigate = () => {
      const url = key();
      const loaded = globalThis.__woshipmEngine;
      if (loaded) return void (url ? loaded.highlighter(url) : loaded.stopHighlighter());
      if (url) void getArticleHighlights(url).then((stored) => stored?.highlights.length && void engine().then((e) => e.highlighter(url)));
    };
    ctx.addEventListener(window, 'wxt:locationchange', onNavigate);
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    navigation?.addEventListener('currententrychange', onNavigate);
    ctx.onInvalidated(() => navigation?.removeEventListener('currententrychange', onNavigate));
    // On an article, load and warm the engine once the page has settled and the browser is idle, so the
    // first popup or reader open does not wait for it (nor, unless the page changes, for extraction).
    if (classifyUrl(location.href, woshipmUrls).kind === 'article') warmUpWhenIdle();
    // The optional page button: one storage read, and an element only when the user turned it on.
    let hide: (() => void) | null = null;
    const apply = (on: boolean) => {
      if (on && !hide) hide = showPageButton(document, () => void reader({ open: true }));
      if (!on && hide) hide(), (hide = null);
    };
    void readerSettings.get().then((settings) => apply(settings.pageButton));
    readerSettings.watch((settings) => apply(settings.pageButton));
  },
});
