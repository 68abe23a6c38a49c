/**
 * Highlights in the page: the selection toolbar, painting, and keeping the paint right. Loaded with
 * the engine, started by the content script on a page that has highlights or once the user selects
 * text in the article. Two surfaces carry the same highlights: the page's article container and,
 * while reader mode is open, the reader's body; each is anchored by the same quote selectors.
 */
import { render } from 'preact';
import { TranslateContext } from '../../components/i18n';
import { HighlightToolbar, type HighlightToolbarProps } from '../../components/highlights/HighlightToolbar';
import marksCss from '../../components/highlights/marks.css?inline';
import toolbarCss from '../../components/highlights/toolbar.css?inline';
import { getArticleHighlights, updateArticleHighlights, watchArticleHighlights } from '../../shell/highlights';
import { t } from '../../shell/i18n';
import { hidePopover, showInTopLayer } from '../../shell/top-layer';
import type { HighlightsReport } from '../../shell/messaging';
import { describeRange, paintHighlights, rootText, unpaintHighlights, type ArticleHighlights, type Highlight, type HighlightColor } from '../../utils/highlights';
import { woshipm } from '../../utils/site/woshipm';
const { contentSelectors } = woshipm;

export interface Highlighter {
  /** The content script saw a selection before this was loaded: offer the toolbar for it. */
  selection(): void;
  /** The article's highlights and which of them could not be found in the page (or the reader). */
  report(): Promise<HighlightsReport>;
  /** Scrolls to a highlight (in the reader when it is open) and flashes it. */
  reveal(id: string): Promise<boolean>;
  /** The highlights as stored now, for exports made in the page. */
  current(): Promise<readonly Highlight[]>;
  /** Reader mode opened: paint its body too, and offer the toolbar there. Returns the detach. */
  attachReader(body: HTMLElement): () => void;
}

interface Surface {
  root: Element;
  /** Where its events and selection live: the document, or the reader's shadow root. */
  events: Document | ShadowRoot;
  painted: Set<string>;
  /** The root's text after the last paint: a mutation that leaves it and the marks alone needs no re-paint. */
  text: string;
  observer: MutationObserver;
}

type Pending = { surface: Surface; range: Range };
type ToolbarState =
  | { mode: 'new'; pending: Pending; editingNote: false }
  | { mode: 'edit'; id: string; surface: Surface; editingNote: boolean };

const flashFrames: Keyframe[] = [{ boxShadow: '0 0 0 4px rgba(255, 160, 0, 0.8)' }, { boxShadow: '0 0 0 4px transparent' }];
const randomId = () => (crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
const editable = (el: Element | null) =>
  !!el && (el.matches('input, textarea, select, [contenteditable=""], [contenteditable="true"]') || (el as HTMLElement).isContentEditable);

/** The selection as a Range inside `events`' tree: the shadow root's own (Chromium), a composed range, or the document's. */
function selectionRange(events: Document | ShadowRoot): Range | null {
  const doc = events instanceof Document ? events : events.ownerDocument;
  const own = (events as Document & { getSelection?: () => Selection | null }).getSelection?.();
  const sel = own ?? doc.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  if (!own && !(events instanceof Document)) {
    const composed = (sel as Selection & { getComposedRanges?(o: { shadowRoots: ShadowRoot[] }): StaticRange[] }).getComposedRanges?.({ shadowRoots: [events] })[0];
    if (composed) {
      const range = doc.createRange();
      range.setStart(composed.startContainer, composed.startOffset);
      range.setEnd(composed.endContainer, composed.endOffset);
      return range;
    }
  }
  return sel.getRangeAt(0);
}

/** `range` cut to `root`'s contents; null when nothing of it is inside. */
function clip(range: Range, root: Element): Range | null {
  const inside = root.ownerDocument.createRange();
  inside.selectNodeContents(root);
  if (range.compareBoundaryPoints(Range.END_TO_START, inside) >= 0 || range.compareBoundaryPoints(Range.START_TO_END, inside) <= 0) return null;
  const out = range.cloneRange();
  if (out.compareBoundaryPoints(Range.START_TO_START, inside) < 0) out.setStart(inside.startContainer, inside.startOffset);
  if (out.compareBoundaryPoints(Range.END_TO_END, inside) > 0) out.setEnd(inside.endContainer, inside.endOffset);
  return out.collapsed || !out.toString().trim() ? null : out;
}

let started: { url: string; highlighter: Highlighter; stop(): void } | null = null;

/** Stops the running highlighter (the page is no longer an article): its marks, toolbar and listeners go. */
export function stopHighlighter(): void {
  started?.stop();
  started = null;
}

/** The highlighter if the content script started one. */
export const runningHighlighter = (): Highlighter | null => started?.highlighter ?? null;

/** Starts highlighting in `doc` for the article kept under `url` (once; later calls return the same). */
export function startHighlighter(doc: Document, url: string, title: () => string): Highlighter {
  if (started?.url === url) return started.highlighter;
  // The site moved to another article (History API): the old one's highlighter goes, marks and all.
  started?.stop();
  const teardown: (() => void)[] = [];
  let entry: ArticleHighlights | null = null;
  let lastColor: HighlightColor = 'yellow';
  const surfaces: Surface[] = [];
  const ready = getArticleHighlights(url).then((stored) => {
    entry = stored;
    repaintAll();
  });
  const unwatch = watchArticleHighlights(url, (stored) => {
    if (stored?.updatedAt === entry?.updatedAt && stored?.highlights.length === entry?.highlights.length) return;
    entry = stored;
    repaintAll();
    refreshToolbar();
  });

  // The page's marks need a style of ours (the reader has them in its own CSS), added with the first mark.
  const style = doc.createElement('style');
  style.setAttribute('data-hl-ignore', '');
  style.textContent = marksCss;

  // ---- painting ----
  const highlights = () => entry?.highlights ?? [];
  function paint(s: Surface) {
    s.observer.disconnect();
    if (highlights().length && s.events === doc && !style.isConnected) doc.head.append(style);
    unpaintHighlights(s.root); // also the marks of highlights removed since the last paint
    const { painted } = paintHighlights(s.root, highlights());
    for (const h of highlights()) {
      const marks = s.root.querySelectorAll<HTMLElement>(`mark[data-hl="${CSS.escape(h.id)}"]`);
      if (!h.note) continue;
      marks[marks.length - 1]?.setAttribute('data-hl-note', '');
      for (const mark of marks) mark.title = h.note;
    }
    s.painted = new Set(painted);
    s.text = rootText(s.root);
    observe(s);
  }
  function observe(s: Surface) {
    s.observer.observe(s.root, { childList: true, subtree: true, characterData: true });
  }
  /** After the site (or anything) changed the surface: re-paint only if its text or our marks changed. */
  function check(s: Surface) {
    const intact = [...s.painted].every((id) => s.root.querySelector(`mark[data-hl="${CSS.escape(id)}"]`));
    if (!intact || rootText(s.root) !== s.text) paint(s);
  }
  function repaintAll() {
    for (const s of surfaces) paint(s);
  }
  function addSurface(root: Element, events: Document | ShadowRoot): Surface {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const s: Surface = {
      root,
      events,
      painted: new Set(),
      text: '',
      observer: new MutationObserver(() => {
        clearTimeout(timer);
        timer = setTimeout(() => surfaces.includes(s) && s.root.isConnected && check(s), 250);
      }),
    };
    surfaces.push(s);
    paint(s);
    return s;
  }

  // The page's article container; the site may render it late or replace it, so watch the body for it.
  let pageSurface: Surface | null = null;
  const findContainer = () => contentSelectors.map((sel) => doc.querySelector(sel)).find((el) => el !== null) ?? null;
  function attachPage() {
    const container = findContainer();
    if (!container || container === pageSurface?.root) return;
    if (pageSurface) detachSurface(pageSurface);
    pageSurface = addSurface(container, doc);
  }
  let bodyTimer: ReturnType<typeof setTimeout> | undefined;
  const bodyObserver = new MutationObserver(() => {
    clearTimeout(bodyTimer);
    bodyTimer = setTimeout(attachPage, 250);
  });
  bodyObserver.observe(doc.body, { childList: true, subtree: true });
  attachPage();

  function detachSurface(s: Surface) {
    s.observer.disconnect();
    surfaces.splice(surfaces.indexOf(s), 1);
  }

  // ---- saving ----
  const save = (change: (list: Highlight[]) => Highlight[]) =>
    updateArticleHighlights(url, (current) => ({
      url,
      title: current?.title || title(),
      updatedAt: Date.now(),
      highlights: change(current?.highlights ?? []),
    })).then((saved) => {
      entry = saved;
      repaintAll();
      return saved;
    });

  async function create({ surface, range }: Pending, color: HighlightColor): Promise<string | null> {
    const selectors = describeRange(surface.root, range);
    if (!selectors) return null;
    const now = Date.now();
    const highlight: Highlight = { id: randomId(), color, note: '', ...selectors, createdAt: now, updatedAt: now };
    lastColor = color;
    await save((list) => [...list, highlight]);
    (surface.events instanceof Document ? surface.events : doc).getSelection()?.removeAllRanges();
    return highlight.id;
  }
  const edit = (id: string, patch: Partial<Pick<Highlight, 'color' | 'note'>>) =>
    save((list) => list.map((h) => (h.id === id ? { ...h, ...patch, updatedAt: Date.now() } : h)));
  const remove = (id: string) => save((list) => list.filter((h) => h.id !== id));

  // ---- the toolbar ----
  const host = doc.createElement('woshipm-highlight-toolbar');
  host.setAttribute('data-hl-ignore', '');
  // A popover in the top layer when shown (see showToolbar): none of the UA's popover box styles.
  host.style.cssText = 'position:fixed;z-index:2147483647;inset:auto;top:0;left:0;margin:0;padding:0;border:0;background:transparent;overflow:visible;display:none;';
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = doc.createElement('style');
  sheet.textContent = toolbarCss;
  const mountPoint = doc.createElement('div');
  shadow.append(sheet, mountPoint);
  let toolbar: ToolbarState | null = null;

  function place() {
    if (!toolbar) return;
    const anchorRect =
      toolbar.mode === 'new'
        ? toolbar.pending.range.getBoundingClientRect()
        : toolbar.surface.root.querySelector(`mark[data-hl="${CSS.escape(toolbar.id)}"]`)?.getBoundingClientRect();
    if (!anchorRect) return hideToolbar();
    const height = host.offsetHeight || 40;
    const width = host.offsetWidth || 220;
    const above = anchorRect.top - height - 8;
    const viewport = doc.documentElement.clientHeight;
    const top = Math.min(Math.max(8, above >= 8 ? above : anchorRect.bottom + 8), viewport - height - 8);
    const left = Math.min(Math.max(8, anchorRect.left + anchorRect.width / 2 - width / 2), doc.documentElement.clientWidth - width - 8);
    host.style.top = `${Math.round(top)}px`;
    host.style.left = `${Math.round(left)}px`;
  }

  function showToolbar(state: ToolbarState) {
    toolbar = state;
    // Last in the body, so that it is drawn over the reader (same z-index, later in the tree); and, as
    // the reader is in the top layer (shell/top-layer.ts), shown there again so it is the newest, on top.
    if (host.parentNode !== doc.body || host.nextSibling) doc.body.append(host);
    host.style.display = 'block';
    hidePopover(host);
    showInTopLayer(host);
    refreshToolbar();
    place();
    requestAnimationFrame(place);
  }
  function hideToolbar() {
    if (!toolbar) return;
    toolbar = null;
    hidePopover(host);
    host.style.display = 'none';
    render(null, mountPoint);
  }
  function refreshToolbar() {
    if (!toolbar) return;
    const state = toolbar;
    const existing = state.mode === 'edit' ? highlights().find((h) => h.id === state.id) : undefined;
    if (state.mode === 'edit' && !existing) return hideToolbar();
    const props: HighlightToolbarProps = {
      mode: state.mode,
      color: existing?.color ?? lastColor,
      note: existing?.note ?? '',
      editingNote: state.editingNote,
      async onColor(color) {
        if (state.mode === 'new') {
          await create(state.pending, color);
          hideToolbar();
        } else {
          lastColor = color;
          await edit(state.id, { color });
          refreshToolbar();
        }
      },
      async onNote() {
        if (state.mode === 'edit') return showToolbar({ ...state, editingNote: true });
        const id = await create(state.pending, lastColor);
        if (id) showToolbar({ mode: 'edit', id, surface: state.pending.surface, editingNote: true });
      },
      async onSaveNote(note) {
        if (state.mode === 'edit') await edit(state.id, { note });
        hideToolbar();
      },
      async onRemove() {
        if (state.mode === 'edit') await remove(state.id);
        hideToolbar();
      },
      onClose: hideToolbar,
    };
    render(
      <TranslateContext.Provider value={t}>
        <HighlightToolbar {...props} />
      </TranslateContext.Provider>,
      mountPoint,
    );
  }

  // ---- events, per surface tree (the reader's shadow root keeps its key events to itself) ----
  const surfaceOf = (events: Document | ShadowRoot) => surfaces.filter((s) => s.events === events);
  function pendingSelection(events: Document | ShadowRoot): Pending | null {
    const range = selectionRange(events);
    if (!range) return null;
    for (const surface of surfaceOf(events)) {
      const clipped = clip(range, surface.root);
      if (clipped) return { surface, range: clipped };
    }
    return null;
  }
  function offerFor(events: Document | ShadowRoot): boolean {
    const pending = pendingSelection(events);
    if (pending) showToolbar({ mode: 'new', pending, editingNote: false });
    return pending !== null;
  }
  const inToolbar = (e: Event) => e.composedPath().includes(host);

  function listen(events: Document | ShadowRoot): () => void {
    // Only events from this tree: the reader's reach the document too, retargeted to its host.
    const ours = (e: Event) => !inToolbar(e) && (e.composedPath()[0] as Node | undefined)?.getRootNode?.() === events;
    const onMouseUp = (e: Event) => {
      if (!ours(e)) return;
      // The innermost mark clicked, if any (the path is only there while the event is dispatched).
      const mark = e.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.matches('mark[data-hl]'));
      setTimeout(() => {
        if (offerFor(events)) return;
        const surface = mark && surfaceOf(events).find((s) => s.root.contains(mark));
        if (mark && surface) showToolbar({ mode: 'edit', id: mark.dataset.hl!, surface, editingNote: false });
        else hideToolbar();
      });
    };
    const onKeyUp = (e: Event) => {
      const key = (e as KeyboardEvent).key;
      if (!ours(e) || key === 'Escape') return;
      if (key === 'Shift' || key.startsWith('Arrow') || key === 'Home' || key === 'End') {
        if (!offerFor(events) && toolbar?.mode === 'new') hideToolbar();
      }
    };
    const onKeyDown = (e: Event) => {
      const k = e as KeyboardEvent;
      if (!ours(e) || k.ctrlKey || k.metaKey || k.altKey || editable(k.composedPath()[0] as Element)) return;
      if (k.key === 'Escape' && toolbar) return void (k.preventDefault(), hideToolbar());
      if (k.key !== 'h' && k.key !== 'H' && k.key !== 'n' && k.key !== 'N') return;
      const pending = pendingSelection(events);
      if (!pending) return;
      k.preventDefault();
      k.stopPropagation();
      if (k.key.toLowerCase() === 'h') void create(pending, lastColor).then(hideToolbar);
      else {
        showToolbar({ mode: 'new', pending, editingNote: false });
        void (async () => {
          const id = await create(pending, lastColor);
          if (id) showToolbar({ mode: 'edit', id, surface: pending.surface, editingNote: true });
        })();
      }
    };
    const onScroll = () => toolbar && place();
    events.addEventListener('mouseup', onMouseUp);
    events.addEventListener('keyup', onKeyUp);
    events.addEventListener('keydown', onKeyDown, true);
    events.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => {
      events.removeEventListener('mouseup', onMouseUp);
      events.removeEventListener('keyup', onKeyUp);
      events.removeEventListener('keydown', onKeyDown, true);
      events.removeEventListener('scroll', onScroll, { capture: true });
    };
  }
  const onResize = () => toolbar && place();
  doc.defaultView?.addEventListener('resize', onResize);
  teardown.push(
    listen(doc),
    unwatch,
    () => bodyObserver.disconnect(),
    () => clearTimeout(bodyTimer),
    () => doc.defaultView?.removeEventListener('resize', onResize),
    () => hideToolbar(),
    () => host.remove(),
    () => [...surfaces].forEach((s) => (detachSurface(s), unpaintHighlights(s.root))),
  );

  const visible = (s: Surface | undefined) => !!s && s.root.isConnected;
  const highlighter: Highlighter = {
    selection: () => void ready.then(() => offerFor(doc)),
    async report() {
      await ready;
      for (const s of surfaces) check(s);
      const all = highlights();
      return {
        url,
        title: entry?.title ?? '',
        highlights: all,
        orphaned: all.filter((h) => !surfaces.some((s) => s.painted.has(h.id))).map((h) => h.id),
      };
    },
    async reveal(id) {
      await ready;
      const ordered = [...surfaces].reverse(); // the reader (attached last) first
      const target = ordered.filter(visible).map((s) => s.root.querySelectorAll<HTMLElement>(`mark[data-hl="${CSS.escape(id)}"]`)).find((m) => m.length > 0);
      if (!target) return false;
      target[0]!.scrollIntoView({ behavior: doc.visibilityState === 'visible' ? 'smooth' : 'instant', block: 'center' });
      for (const mark of target) mark.animate?.(flashFrames, { duration: 1600, easing: 'ease-out' });
      return true;
    },
    current: () => ready.then(highlights),
    attachReader(body) {
      const events = body.getRootNode() as ShadowRoot | Document;
      const surface = addSurface(body, events);
      const unlisten = events === doc ? () => undefined : listen(events);
      void ready.then(() => surface.root.isConnected && paint(surface));
      return () => {
        unlisten();
        detachSurface(surface);
        if (toolbar && (toolbar.mode === 'new' ? toolbar.pending.surface : toolbar.surface) === surface) hideToolbar();
      };
    },
  };
  started = { url, highlighter, stop: () => teardown.forEach((undo) => undo()) };
  return highlighter;
}
