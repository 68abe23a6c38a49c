/**
 * Painting highlights into a DOM: each highlight's text wrapped in `<mark data-hl="<id>" data-hl-color="<color>">`,
 * one mark per text node piece (a highlight across a bold span or two paragraphs is several marks; overlapping
 * highlights nest). Unpainting takes the marks out again and leaves the DOM as it was.
 */
import { anchorOffsets, squashWithOffsets, textIndex, type TextIndex } from './anchor';
import type { Highlight, PositionSelector } from './types';

const markSelector = 'mark[data-hl]';

/** Removes marks (all, or those of one highlight), merging the text they split back together. */
export function unpaintHighlights(root: Node, id?: string): void {
  removeMarks(root, id === undefined ? null : new Set([id]));
}

function removeMarks(root: Node, ids: ReadonlySet<string> | null): void {
  const scope = root as ParentNode;
  if (typeof scope.querySelectorAll !== 'function') return;
  const parents = new Set<Node>();
  for (const mark of Array.from(scope.querySelectorAll(markSelector))) {
    if (ids && !ids.has(mark.getAttribute('data-hl') ?? '')) continue;
    const parent = mark.parentNode;
    if (!parent) continue;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    parents.add(parent);
  }
  for (const parent of parents) parent.normalize();
}

/** Splits the indexed text nodes so that every offset in `cuts` falls between two nodes; returns the new index. */
function splitAt(index: TextIndex, cuts: readonly number[]): TextIndex {
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  const nodes: Text[] = [];
  const starts: number[] = [];
  let c = 0;
  index.nodes.forEach((node, i) => {
    const start = index.starts[i]!;
    const end = start + node.data.length;
    while (c < sorted.length && sorted[c]! <= start) c++;
    let current = node;
    let currentStart = start;
    nodes.push(current);
    starts.push(currentStart);
    while (c < sorted.length && sorted[c]! < end) {
      current = current.splitText(sorted[c]! - currentStart);
      currentStart = sorted[c]!;
      nodes.push(current);
      starts.push(currentStart);
      c++;
    }
  });
  return { text: index.text, nodes, starts };
}

/** Where each highlight is in the indexed text now (null: orphaned). */
function locateHighlights(index: TextIndex, highlights: readonly Highlight[]): (PositionSelector | null)[] {
  const squashed = squashWithOffsets(index.text);
  return highlights.map((h) => anchorOffsets(index, h, squashed));
}

/**
 * Paints the highlights found under root; re-painting a highlight first removes its old marks, so painting
 * twice gives the same DOM as painting once. Returns which were painted and which could not be found.
 */
export function paintHighlights(root: Node, highlights: readonly Highlight[]): { painted: string[]; orphaned: string[] } {
  const unique = [...new Map(highlights.map((h) => [h.id, h])).values()];
  removeMarks(root, new Set(unique.map((h) => h.id)));
  const painted: string[] = [];
  const orphaned: string[] = [];
  const index = textIndex(root);
  const found = locateHighlights(index, unique);
  const cuts = found.flatMap((f) => (f ? [f.start, f.end] : []));
  const split = splitAt(index, cuts);
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
  unique.forEach((highlight, i) => {
    const at = found[i];
    if (!at) {
      orphaned.push(highlight.id);
      return;
    }
    painted.push(highlight.id);
    // The first piece at or after `start` (pieces start exactly at the cuts).
    let [lo, hi] = [0, split.starts.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (split.starts[mid]! < at.start) lo = mid + 1;
      else hi = mid;
    }
    for (let p = lo; p < split.nodes.length && split.starts[p]! < at.end; p++) {
      const piece = split.nodes[p]!;
      if (!piece.data.trim() || !piece.parentNode) continue; // whitespace between blocks stays unmarked
      const mark = doc.createElement('mark');
      mark.setAttribute('data-hl', highlight.id);
      mark.setAttribute('data-hl-color', highlight.color);
      piece.parentNode.insertBefore(mark, piece);
      mark.appendChild(piece);
    }
  });
  return { painted, orphaned };
}
