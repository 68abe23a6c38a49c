/**
 * Highlights in the page: the wiring. Loaded with the engine, started by the content script on a page
 * that has highlights or once the user selects text in the article. Two surfaces carry the same
 * highlights: the page's article container and, while reader mode is open, the reader's body; each is
 * anchored by the same quote selectors. The parts, each with its own test:
 *
 *   shell/highlight-session.ts           the article's highlights: read, watched, saved
 *   utils/highlights/surfaces.ts         where they are painted, and kept painted
 *   utils/highlights/mark-access.ts      notes as tooltips, a mark per highlight the keyboard reaches
 *   utils/highlights/toolbar-state.ts    what the toolbar is open for and what it does
 *   ./highlight-toolbar.tsx              the toolbar's element in the page
 *   utils/highlights/input.ts            the mouse and keys that drive it
 */
import marksCss from '../../components/highlights/marks.css?inline';
import { openHighlightSession } from '../../shell/highlight-session';
import { t } from '../../shell/i18n';
import type { HighlightsReport } from '../../shell/messaging';
import { describeRange, type Highlight } from '../../utils/highlights';
import { listenForHighlightInput } from '../../utils/highlights/input';
import { decorateMarks, focusableMark, marksOf } from '../../utils/highlights/mark-access';
import { clearSelection, clipRange, selectionRange, type EventTree } from '../../utils/highlights/selection';
import { createSurfaces, type Surface } from '../../utils/highlights/surfaces';
import { createToolbarState, type Pending, type ToolbarTarget } from '../../utils/highlights/toolbar-state';
import { scrollBehavior } from '../../utils/page/reveal';
import { woshipm } from '../../utils/site/woshipm';
import { createToolbarElement } from './highlight-toolbar';

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

const flashFrames: Keyframe[] = [{ boxShadow: '0 0 0 4px rgba(255, 160, 0, 0.8)' }, { boxShadow: '0 0 0 4px transparent' }];

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

  const session = openHighlightSession(url, title, (change) => {
    surfaces.paintAll();
    if (change === 'elsewhere') toolbar.refresh();
  });

  // The page's marks need a style of ours (the reader has them in its own CSS), added with the first mark.
  const style = doc.createElement('style');
  style.setAttribute('data-hl-ignore', '');
  style.textContent = marksCss;
  const surfaces = createSurfaces({
    highlights: session.highlights,
    beforePaint: (s) => {
      if (session.highlights().length && s.events === doc && !style.isConnected) doc.head.append(style);
    },
    decorate: (s, list) => decorateMarks(s.root, list, (text) => t('highlight.mark', [text])),
  });

  const element = createToolbarElement(doc, () => toolbar.close());
  const anchorOf = (target: ToolbarTarget<Surface>) => () =>
    target.mode === 'new' ? target.pending.range.getBoundingClientRect() : marksOf(target.surface.root, target.id)[0]?.getBoundingClientRect();
  const toolbar = createToolbarState<Surface>(
    {
      highlights: session.highlights,
      async create({ surface, range }, color) {
        const selectors = describeRange(surface.root, range);
        if (!selectors) return null;
        const id = await session.add(selectors, color);
        clearSelection(surface.events);
        return id;
      },
      edit: session.edit,
      remove: session.remove,
    },
    {
      show: (target, view) => element.show(view, anchorOf(target), { focus: target.mode === 'edit' && target.fromKeyboard === true }),
      update: (view) => element.update(view),
      hide: (target) => element.hide(() => (target.mode === 'edit' ? focusableMark(target.surface.root, target.id) : null)),
    },
  );

  // The page's article container; the site may render it late or replace it, so watch the body for it.
  let pageSurface: Surface | null = null;
  const findContainer = () => woshipm.contentSelectors.map((sel) => doc.querySelector(sel)).find((el) => el !== null) ?? null;
  function attachPage() {
    const container = findContainer();
    if (!container || container === pageSurface?.root) return;
    if (pageSurface) surfaces.remove(pageSurface);
    pageSurface = surfaces.add(container, doc);
  }
  let bodyTimer: ReturnType<typeof setTimeout> | undefined;
  const bodyObserver = new MutationObserver(() => {
    clearTimeout(bodyTimer);
    bodyTimer = setTimeout(attachPage, 250);
  });
  bodyObserver.observe(doc.body, { childList: true, subtree: true });
  attachPage();

  /** The selection in `events`' tree, cut to the first of its surfaces it reaches into. */
  function pendingIn(events: EventTree): Pending<Surface> | null {
    const range = selectionRange(events);
    if (!range) return null;
    for (const surface of surfaces.inTree(events)) {
      const clipped = clipRange(range, surface.root);
      if (clipped) return { surface, range: clipped };
    }
    return null;
  }
  function offerIn(events: EventTree): void {
    const pending = pendingIn(events);
    if (pending) toolbar.openForSelection(pending);
  }
  const listen = (events: EventTree) =>
    listenForHighlightInput(events, {
      inToolbar: element.contains,
      selection: () => pendingIn(events),
      toolbarMode: () => toolbar.target()?.mode ?? null,
      offerSelection: toolbar.openForSelection,
      openMark(mark, how) {
        const surface = surfaces.inTree(events).find((s) => s.root.contains(mark));
        if (!surface) return false;
        toolbar.openForHighlight(mark.getAttribute('data-hl') ?? '', surface, how);
        return true;
      },
      highlight: (pending) => void toolbar.highlightSelection(pending),
      note: (pending) => void toolbar.noteSelection(pending),
      close: toolbar.close,
      reposition: element.place,
    });

  const onResize = () => element.place();
  doc.defaultView?.addEventListener('resize', onResize);
  const teardown: (() => void)[] = [
    listen(doc),
    session.stop,
    () => bodyObserver.disconnect(),
    () => clearTimeout(bodyTimer),
    () => doc.defaultView?.removeEventListener('resize', onResize),
    toolbar.close,
    element.remove,
    surfaces.clear,
  ];

  const highlighter: Highlighter = {
    selection: () => void session.ready.then(() => offerIn(doc)),
    async report() {
      await session.ready;
      for (const s of surfaces.all()) surfaces.check(s);
      const all = session.highlights();
      return {
        url,
        title: session.title(),
        highlights: [...all],
        orphaned: all.filter((h) => !surfaces.all().some((s) => s.painted.has(h.id))).map((h) => h.id),
      };
    },
    async reveal(id) {
      await session.ready;
      const ordered = [...surfaces.all()].reverse(); // the reader (attached last) first
      const target = ordered.filter((s) => s.root.isConnected).map((s) => marksOf(s.root, id)).find((m) => m.length > 0);
      if (!target) return false;
      target[0]!.scrollIntoView({ behavior: scrollBehavior(doc), block: 'center' });
      for (const mark of target) mark.animate?.(flashFrames, { duration: 1600, easing: 'ease-out' });
      return true;
    },
    current: () => session.ready.then(session.highlights),
    attachReader(body) {
      const events = body.getRootNode() as EventTree;
      const surface = surfaces.add(body, events);
      const unlisten = events === doc ? () => undefined : listen(events);
      void session.ready.then(() => surface.root.isConnected && surfaces.paint(surface));
      return () => {
        unlisten();
        surfaces.remove(surface);
        toolbar.closeOn(surface);
      };
    },
  };
  started = { url, highlighter, stop: () => {
      for (const undo of teardown) undo();
    } };
  return highlighter;
}
