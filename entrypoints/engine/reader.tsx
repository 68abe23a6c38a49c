/**
 * Reader mode in the page: the clean `Article` rendered by components/reader in a shadow root
 * (WXT's shadow-root UI), so the site's CSS and scripts cannot touch it and it cannot touch the
 * site, shown in the browser's top layer (shell/top-layer.ts). Leaving removes the host element: the
 * page is as it was, scroll position and focus included.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { TranslateContext } from '../../components/i18n';
import { Reader } from '../../components/reader/Reader';
import css from '../../components/reader/reader.css?inline';
import marksCss from '../../components/highlights/marks.css?inline';
import { libraryFailureText, outcomeText, t } from '../../shell/i18n';
import { sendToBackground } from '../../shell/messaging';
import { showInTopLayer } from '../../shell/top-layer';
import { readerSettings } from '../../shell/settings';
import type { Engine } from '../../utils/engine';
import type { ReaderPrefs } from '../../utils/reader-prefs';
import type { Article } from '../../utils/types';
import type { Highlighter } from './highlights';

let open: { ui: ShadowRootContentScriptUi<void>; ctx: ContentScriptContext; returnFocus: Element | null } | null = null;

function ReaderApp(props: { article: Article; prefs: ReaderPrefs; engine: Engine; highlighter: Highlighter | null }) {
  const [prefs, setPrefs] = useState(props.prefs);
  return (
    <Reader
      article={props.article}
      prefs={prefs}
      autospace={CSS.supports('text-autospace', 'ideograph-alpha')}
      onPrefs={async (next) => {
        setPrefs(next);
        await readerSettings.update(next);
      }}
      onClose={closeReader}
      onBody={props.highlighter ? (body) => props.highlighter!.attachReader(body) : undefined}
      onExport={async () => outcomeText(await sendToBackground('exportPage'))}
      onLibrary={() => void sendToBackground('openLibrary')}
      onCollect={async () => {
        const outcome = await sendToBackground('collect', {});
        return outcome.ok ? t('inLibrary.collected') : libraryFailureText(outcome);
      }}
    />
  );
}

/** The focused element, looked for inside open shadow roots (another extension's panel, say). */
function focusedElement(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

export function closeReader(): void {
  if (!open) return;
  const { ui, ctx, returnFocus } = open;
  open = null;
  ui.remove();
  ctx.abort();
  if (returnFocus instanceof HTMLElement) returnFocus.focus({ preventScroll: true });
}

/** Opens the reader (once: a second call leaves the open one alone). False when the page has no article. */
export async function openReader(engine: Engine, highlighter: Highlighter | null = null): Promise<boolean> {
  if (open) return true;
  const result = engine.extract({});
  if (!result.ok) return false;
  const prefs = await readerSettings.get();
  const ctx = new ContentScriptContext('reader');
  const ui = await createShadowRootUi(ctx, {
    name: 'woshipm-reader',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: css + marksCss,
    isolateEvents: true,
    onMount(container) {
      render(
        <TranslateContext.Provider value={t}>
          <ReaderApp article={result.article} prefs={prefs} engine={engine} highlighter={highlighter} />
        </TranslateContext.Provider>,
        container,
      );
    },
    onRemove(container) {
      if (container) render(null, container);
    },
  });
  if (open) return true; // another call won the race while the UI was being made
  open = { ui, ctx, returnFocus: focusedElement() };
  ui.mount();
  // Above other extensions' overlays, even those at the largest z-index added after ours.
  showInTopLayer(ui.shadowHost);
  // The site changes pages with the History API: the reader belongs to the article it was opened on.
  ctx.addEventListener(window, 'wxt:locationchange', () => closeReader());
  return true;
}

export async function toggleReader(engine: Engine, request: { open?: boolean }, highlighter: Highlighter | null = null): Promise<boolean> {
  const wantOpen = request.open ?? !open;
  if (!wantOpen) {
    closeReader();
    return false;
  }
  return openReader(engine, highlighter);
}
