/**
 * What painted marks carry besides their colour: a note as the marks' tooltip (and a dotted line
 * under the last one), and one mark per highlight that the keyboard can reach, a button named after
 * its text that opens the highlight's toolbar.
 */
import type { Highlight } from './types';

const markSelector = 'mark[data-hl]';
/** Where a button inside would be a control in a control: keyboard users reach those through the outer one. */
const interactive = 'a[href], button, label, select, summary, textarea, input, [role="button"], [role="link"], [contenteditable=""], [contenteditable="true"]';

/** The marks of one highlight under `root`, in document order. */
export const marksOf = (root: ParentNode, id: string): HTMLElement[] => [...root.querySelectorAll<HTMLElement>(`mark[data-hl="${CSS.escape(id)}"]`)];

/** True for the mark that is a highlight's keyboard button (see `decorateMarks`). */
export const isMarkButton = (node: EventTarget | undefined): node is HTMLElement =>
  node instanceof HTMLElement && node.matches(markSelector) && node.getAttribute('role') === 'button';

/** The mark of a highlight that takes the focus, if one could be made focusable. */
export const focusableMark = (root: ParentNode, id: string): HTMLElement | null => marksOf(root, id).find(isMarkButton) ?? null;

/** A mark an event came from (its path is only there while the event is dispatched): the innermost. */
export const markInPath = (e: Event): HTMLElement | null =>
  e.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.matches(markSelector)) ?? null;

/**
 * Decorates the marks `paintHighlights` just made under `root`: notes as tooltips, and for each
 * highlight the first mark that is not inside a control or another highlight's button (nor holds one)
 * becomes a focusable button, its accessible name `label(its text)`. Overlapping highlights nest their
 * marks, so a highlight lying wholly inside an earlier one may have no button of its own.
 */
export function decorateMarks(root: ParentNode, highlights: readonly Highlight[], label: (text: string) => string): void {
  const buttons: HTMLElement[] = [];
  for (const h of highlights) {
    const marks = marksOf(root, h.id);
    if (h.note) {
      marks[marks.length - 1]?.setAttribute('data-hl-note', '');
      for (const mark of marks) mark.title = h.note;
    }
    const button = marks.find((m) => !m.parentElement?.closest(interactive) && !buttons.some((b) => b.contains(m) || m.contains(b)));
    if (!button) continue;
    button.tabIndex = 0;
    button.setAttribute('role', 'button');
    button.setAttribute('aria-label', label(button.textContent ?? ''));
    buttons.push(button);
  }
}
