/**
 * The highlight toolbar's element in the page: a host of ours at the end of the body, in the top
 * layer when shown (above the reader), rendering components/highlights/HighlightToolbar in its shadow
 * root, placed by what it is for. When it opens from the keyboard the focus goes into it; when it
 * closes with the focus inside, the focus goes back to where it came from.
 */
import { render } from 'preact';
import { TranslateContext } from '../../components/i18n';
import { HighlightToolbar } from '../../components/highlights/HighlightToolbar';
import toolbarCss from '../../components/highlights/toolbar.css?inline';
import { t } from '../../shell/i18n';
import { hidePopover, showInTopLayer } from '../../shell/top-layer';
import { toolbarPosition } from '../../utils/highlights/toolbar-position';
import type { ToolbarView } from '../../utils/highlights/toolbar-state';

export interface ToolbarElement {
  readonly host: HTMLElement;
  /**
   * Shows `view` placed by `anchor` (null: nothing to place it by, the bar closes); with `focus`, the
   * focus goes to its first control unless it is in the bar already.
   */
  show(view: ToolbarView, anchor: () => DOMRect | null | undefined, options?: { focus?: boolean }): void;
  /** Renders what changed, in place. */
  update(view: ToolbarView): void;
  /** Hides the bar; if the focus was in it, `returnFocus()` gets it (when it gives an element). */
  hide(returnFocus?: () => HTMLElement | null): void;
  /** Follows the anchor (scroll, resize); nothing when hidden. */
  place(): void;
  /** True for events from inside the bar. */
  contains(e: Event): boolean;
  /** Takes the element out of the page, its bar unmounted. */
  remove(): void;
}

/**
 * The toolbar element for `doc`; `onLostAnchor` is called when what it is placed by is gone (the
 * caller closes the bar through its state, which then calls `hide`).
 */
export function createToolbarElement(doc: Document, onLostAnchor: () => void): ToolbarElement {
  const host = doc.createElement('woshipm-highlight-toolbar');
  host.setAttribute('data-hl-ignore', '');
  // A popover in the top layer when shown (see show): none of the UA's popover box styles.
  host.style.cssText =
    'position:fixed;z-index:2147483647;inset:auto;top:0;left:0;margin:0;padding:0;border:0;background:transparent;overflow:visible;display:none;';
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = doc.createElement('style');
  sheet.textContent = toolbarCss;
  const mountPoint = doc.createElement('div');
  shadow.append(sheet, mountPoint);
  let anchor: (() => DOMRect | null | undefined) | null = null;

  const draw = (view: ToolbarView) =>
    render(
      <TranslateContext.Provider value={t}>
        <HighlightToolbar {...view} />
      </TranslateContext.Provider>,
      mountPoint,
    );
  const focusInside = () => doc.activeElement === host && shadow.activeElement !== null;

  function place() {
    if (!anchor) return;
    const rect = anchor();
    if (!rect) return onLostAnchor();
    const bar = { width: host.offsetWidth || 220, height: host.offsetHeight || 40 };
    const viewport = { width: doc.documentElement.clientWidth, height: doc.documentElement.clientHeight };
    const { top, left } = toolbarPosition(rect, bar, viewport);
    host.style.top = `${top}px`;
    host.style.left = `${left}px`;
  }

  return {
    host,
    show(view, anchorOf, options = {}) {
      anchor = anchorOf;
      // Last in the body, so that it is drawn over the reader (same z-index, later in the tree); and, as
      // the reader is in the top layer (shell/top-layer.ts), shown there again so it is the newest, on top.
      if (host.parentNode !== doc.body || host.nextSibling) doc.body.append(host);
      host.style.display = 'block';
      hidePopover(host);
      showInTopLayer(host);
      draw(view);
      if (options.focus && !focusInside()) shadow.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
      place();
      requestAnimationFrame(place);
    },
    update: draw,
    hide(returnFocus) {
      if (!anchor) return;
      anchor = null;
      const hadFocus = focusInside();
      hidePopover(host);
      host.style.display = 'none';
      render(null, mountPoint);
      if (hadFocus) returnFocus?.()?.focus({ preventScroll: true });
    },
    place,
    contains: (e) => e.composedPath().includes(host),
    remove() {
      anchor = null;
      render(null, mountPoint);
      host.remove();
    },
  };
}
