/**
 * The user's selection as a Range a highlight can be made from: read in the tree it lives in (the
 * page's document or the reader's shadow root) and cut to one surface's root.
 */

/** Where a surface's events and selection live: the document, or the reader's shadow root. */
export type EventTree = Document | ShadowRoot;

/** The selection as a Range inside `events`' tree: the shadow root's own (Chromium), a composed range, or the document's. */
export function selectionRange(events: EventTree): Range | null {
  const doc = events instanceof Document ? events : events.ownerDocument;
  const own = (events as Document & { getSelection?: () => Selection | null }).getSelection?.();
  const sel = own ?? doc.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  if (!own && !(events instanceof Document)) {
    const composed = (sel as Selection & { getComposedRanges?(o: { shadowRoots: ShadowRoot[] }): StaticRange[] }).getComposedRanges?.({
      shadowRoots: [events],
    })[0];
    if (composed) {
      const range = doc.createRange();
      range.setStart(composed.startContainer, composed.startOffset);
      range.setEnd(composed.endContainer, composed.endOffset);
      return range;
    }
  }
  return sel.getRangeAt(0);
}

/** `range` cut to `root`'s contents; null when nothing of it (or only white space) is inside. */
export function clipRange(range: Range, root: Element): Range | null {
  const inside = root.ownerDocument.createRange();
  inside.selectNodeContents(root);
  if (range.compareBoundaryPoints(Range.END_TO_START, inside) >= 0 || range.compareBoundaryPoints(Range.START_TO_END, inside) <= 0) return null;
  const out = range.cloneRange();
  if (out.compareBoundaryPoints(Range.START_TO_START, inside) < 0) out.setStart(inside.startContainer, inside.startOffset);
  if (out.compareBoundaryPoints(Range.END_TO_END, inside) > 0) out.setEnd(inside.endContainer, inside.endOffset);
  return out.collapsed || !out.toString().trim() ? null : out;
}

/** Empties the selection of `events`' tree (after a highlight was made from it). */
export function clearSelection(events: EventTree): void {
  (events instanceof Document ? events : events.ownerDocument).getSelection()?.removeAllRanges();
}
