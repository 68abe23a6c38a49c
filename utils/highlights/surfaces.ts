/**
 * The surfaces highlights are painted on: the page's article container and, while reader mode is
 * open, the reader's body. Each surface is painted when added and whenever the highlights change, and
 * watches its own tree: when the site (or anything) changes its text or takes our marks away, it is
 * painted again after the changes settle; a change that leaves both alone (our own paint) is not.
 */
import { rootText } from './anchor';
import { focusableMark } from './mark-access';
import { paintHighlights, unpaintHighlights } from './paint';
import type { EventTree } from './selection';
import type { Highlight } from './types';

export interface Surface {
  readonly root: Element;
  /** Where its events and selection live: the document, or the reader's shadow root. */
  readonly events: EventTree;
  /** The highlights found and painted in it at the last paint. */
  readonly painted: ReadonlySet<string>;
}

export interface SurfaceOptions {
  /** The highlights to paint, as they are now. */
  highlights(): readonly Highlight[];
  /** Called before each paint (e.g. to add the marks' style to the page with the first mark). */
  beforePaint?(surface: Surface): void;
  /** Called after each paint with the new marks in place (tooltips, keyboard access). */
  decorate?(surface: Surface, highlights: readonly Highlight[]): void;
  /** How long the tree must stay still after a change before it is checked (ms). */
  settleMs?: number;
}

export interface Surfaces {
  /** Adds and paints a surface; a root already added gives its surface back, painted again. */
  add(root: Element, events: EventTree): Surface;
  /** Stops watching a surface and forgets it, marks left in place; false (and nothing removed) when it was not there. */
  remove(surface: Surface): boolean;
  /** The surfaces in the order they were added (the reader, when open, last). */
  all(): readonly Surface[];
  /** The surfaces whose events live in `events`. */
  inTree(events: EventTree): Surface[];
  /** Paints one surface again. */
  paint(surface: Surface): void;
  /** Paints every surface again (the highlights changed). */
  paintAll(): void;
  /** Paints a surface again only if its text or our marks changed since its last paint. */
  check(surface: Surface): void;
  /** Removes every surface and its marks. */
  clear(): void;
}

interface Entry extends Surface {
  painted: Set<string>;
  /** The root's text after the last paint: a mutation that leaves it and the marks alone needs no re-paint. */
  text: string;
  observer: MutationObserver;
  timer?: ReturnType<typeof setTimeout>;
}

export function createSurfaces({ highlights, beforePaint, decorate, settleMs = 250 }: SurfaceOptions): Surfaces {
  const entries: Entry[] = [];
  const own = (surface: Surface) => entries.find((e) => e === surface);

  function observe(e: Entry) {
    e.observer.observe(e.root, { childList: true, subtree: true, characterData: true });
  }
  function paint(e: Entry) {
    e.observer.disconnect();
    beforePaint?.(e);
    // A repaint replaces the marks: the one the keyboard was on gets the focus back.
    const active = (e.root.getRootNode() as Document | ShadowRoot).activeElement;
    const focused = active instanceof HTMLElement && active.matches('mark[data-hl]') && e.root.contains(active) ? active : null;
    unpaintHighlights(e.root); // also the marks of highlights removed since the last paint
    const list = highlights();
    e.painted = new Set(paintHighlights(e.root, list).painted);
    decorate?.(e, list);
    if (focused && !focused.isConnected) focusableMark(e.root, focused.getAttribute('data-hl') ?? '')?.focus({ preventScroll: true });
    e.text = rootText(e.root);
    observe(e);
  }
  function check(e: Entry) {
    const intact = [...e.painted].every((id) => e.root.querySelector(`mark[data-hl="${CSS.escape(id)}"]`));
    if (!intact || rootText(e.root) !== e.text) paint(e);
  }
  function remove(surface: Surface): boolean {
    const e = own(surface);
    if (!e) return false;
    e.observer.disconnect();
    clearTimeout(e.timer);
    entries.splice(entries.indexOf(e), 1);
    return true;
  }

  return {
    add(root, events) {
      const known = entries.find((e) => e.root === root && e.events === events);
      if (known) {
        paint(known);
        return known;
      }
      const e: Entry = {
        root,
        events,
        painted: new Set(),
        text: '',
        observer: new MutationObserver(() => {
          clearTimeout(e.timer);
          e.timer = setTimeout(() => entries.includes(e) && e.root.isConnected && check(e), settleMs);
        }),
      };
      entries.push(e);
      paint(e);
      return e;
    },
    remove,
    all: () => entries,
    inTree: (events) => entries.filter((e) => e.events === events),
    paint: (surface) => {
      const e = own(surface);
      if (e) paint(e);
    },
    paintAll: () => entries.forEach(paint),
    check: (surface) => {
      const e = own(surface);
      if (e) check(e);
    },
    clear() {
      for (const e of [...entries]) {
        remove(e);
        unpaintHighlights(e.root);
      }
    },
  };
}
