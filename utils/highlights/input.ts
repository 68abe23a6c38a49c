/**
 * The user's input that opens, drives and closes the highlight toolbar, in one event tree (the page's
 * document, or the reader's shadow root, which keeps its key events to itself):
 *
 * - a mouse-up that leaves a selection in a surface offers the bar for it; one on a highlight opens its bar; elsewhere it closes;
 * - Shift, arrows, Home and End (selecting with the keyboard) offer the bar for the new selection;
 * - H highlights the selection, N highlights it and opens the note, Esc closes the bar: only when the
 *   focus is not in a text field and no Ctrl, ⌘ or Alt is held;
 * - Enter or Space on a highlight's mark (see `decorateMarks`) opens its bar.
 */
import { isMarkButton, markInPath } from './mark-access';
import type { EventTree } from './selection';

export interface InputHandlers<P> {
  /** True for events in the toolbar itself: it handles its own. */
  inToolbar(e: Event): boolean;
  /** The selection in this tree, cut to a surface; null when there is none in any. */
  selection(): P | null;
  /** What the bar is open for now. */
  toolbarMode(): 'new' | 'edit' | null;
  offerSelection(pending: P): void;
  /** Opens the bar of the highlight `mark` belongs to; false when the mark is in no surface of ours. */
  openMark(mark: HTMLElement, how: { fromKeyboard: boolean }): boolean;
  highlight(pending: P): void;
  note(pending: P): void;
  close(): void;
  /** The page scrolled: the bar follows what it is for. */
  reposition(): void;
}

/** Keys that change a selection made with the keyboard. */
const selectingKey = (key: string) => key === 'Shift' || key.startsWith('Arrow') || key === 'Home' || key === 'End';

/** Where typing goes: the page's own fields and editors keep their keys. */
const editable = (el: Element | null): boolean =>
  !!el && (el.matches('input, textarea, select, [contenteditable=""], [contenteditable="true"]') || (el as HTMLElement).isContentEditable);

/** Listens in `events` (capturing the keys, so the page's shortcuts do not see ours); returns the stop. */
export function listenForHighlightInput<P>(events: EventTree, h: InputHandlers<P>): () => void {
  // Only events from this tree: the reader's reach the document too, retargeted to its host.
  const ours = (e: Event) => !h.inToolbar(e) && (e.composedPath()[0] as Node | undefined)?.getRootNode?.() === events;

  const onMouseUp = (e: Event) => {
    if (!ours(e)) return;
    const mark = markInPath(e);
    // After the browser has settled the selection the press made or cleared.
    setTimeout(() => {
      const pending = h.selection();
      if (pending) return h.offerSelection(pending);
      if (!mark || !h.openMark(mark, { fromKeyboard: false })) h.close();
    });
  };
  const onKeyUp = (e: Event) => {
    const key = (e as KeyboardEvent).key;
    if (!ours(e) || key === 'Escape' || !selectingKey(key)) return;
    const pending = h.selection();
    if (pending) h.offerSelection(pending);
    else if (h.toolbarMode() === 'new') h.close();
  };
  const onKeyDown = (e: Event) => {
    const k = e as KeyboardEvent;
    const target = k.composedPath()[0];
    if (!ours(e) || k.ctrlKey || k.metaKey || k.altKey || editable(target as Element)) return;
    if (k.key === 'Escape' && h.toolbarMode()) return void (k.preventDefault(), h.close());
    if ((k.key === 'Enter' || k.key === ' ') && isMarkButton(target)) {
      k.preventDefault(); // Space would scroll the page
      h.openMark(target, { fromKeyboard: true });
      return;
    }
    if (k.key !== 'h' && k.key !== 'H' && k.key !== 'n' && k.key !== 'N') return;
    const pending = h.selection();
    if (!pending) return;
    k.preventDefault();
    k.stopPropagation();
    if (k.key.toLowerCase() === 'h') h.highlight(pending);
    else h.note(pending);
  };
  const onScroll = () => h.reposition();

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
