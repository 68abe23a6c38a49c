/**
 * Text-quote anchoring (the W3C Web Annotation TextQuoteSelector + TextPositionSelector model): a highlight is
 * stored as its text with some context either side and its offsets, and found again in a page whose markup,
 * whitespace or wording changed a little. Pure: it reads only the nodes it is given (any DOM: the browser's,
 * jsdom, domino), and needs no Range except to hand one out.
 */
import search from 'approx-string-match';
import { blockTags } from '../extract/text';
import type { Highlight, PositionSelector, QuoteSelector } from './types';

/** Context kept either side of a quote, in characters. */
const contextLength = 32;

const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

const isSkipped = (node: Node): boolean =>
  node.nodeType === ELEMENT_NODE && (skipped.has(node.nodeName.toUpperCase()) || (node as Element).hasAttribute('data-hl-ignore'));

/** The text nodes under a root that selectors count in, and where each starts in their concatenation. */
export interface TextIndex {
  text: string;
  nodes: Text[];
  /** `starts[i]`: offset of `nodes[i]` in `text`. */
  starts: number[];
}

export function textIndex(root: Node): TextIndex {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  const visit = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        const data = (child as Text).data;
        if (!data) continue;
        nodes.push(child as Text);
        starts.push(length);
        parts.push(data);
        length += data.length;
      } else if (child.nodeType === ELEMENT_NODE && !isSkipped(child)) visit(child);
    }
  };
  if (root.nodeType === TEXT_NODE) {
    nodes.push(root as Text);
    starts.push(0);
    parts.push((root as Text).data);
  } else if (!isSkipped(root)) visit(root);
  return { text: parts.join(''), nodes, starts };
}

/** The text the selectors count in: the text nodes under root, minus scripts, styles, templates and `data-hl-ignore`. */
export const rootText = (root: Node): string => textIndex(root).text;

/** Index of the last node that starts at or before `offset` (binary search). */
function nodeAt(index: TextIndex, offset: number): number {
  let [lo, hi] = [0, index.starts.length - 1];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
const CONTAINED_BY = 16; // Node.DOCUMENT_POSITION_CONTAINED_BY

/** The text offset of a boundary point (container, offset): how much indexed text comes before it. */
function offsetOf(index: TextIndex, container: Node, offset: number): number {
  const i = index.nodes.indexOf(container as Text);
  if (i >= 0) return index.starts[i]! + Math.min(offset, index.nodes[i]!.data.length);
  // A point between children: before `child`, or at the end of `container`.
  const child = container.childNodes[offset] ?? null;
  const isAfter = (node: Text) => {
    if (child) return !!(child.compareDocumentPosition(node) & (FOLLOWING | CONTAINED_BY)) || child === node;
    const position = container.compareDocumentPosition(node);
    return !!(position & FOLLOWING) && !(position & CONTAINED_BY);
  };
  // Text nodes are in document order: find the first one at or after the point.
  let [lo, hi] = [0, index.nodes.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isAfter(index.nodes[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo < index.nodes.length ? index.starts[lo]! : index.text.length;
}

/** text.ts's blocks plus MAIN, the table cells and BR. */
const blockNames: ReadonlySet<string> = new Set([...blockTags, 'MAIN', 'TD', 'TH', 'BR']);

function blockOf(node: Node, root: Node): Node {
  let current: Node | null = node.parentNode;
  while (current && current !== root && !blockNames.has(current.nodeName.toUpperCase())) current = current.parentNode;
  return current ?? root;
}

/** Runs of whitespace as one space, or one newline when the run has one. */
const collapse = (text: string) => text.replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : ' '));

/**
 * The quote as a reader sees it: the text of [start, end) with a newline where it crosses from one block
 * (paragraph, list item…) into another without whitespace in the text (clean HTML has none between `<p>`s).
 */
function quoteText(index: TextIndex, root: Node, start: number, end: number): string {
  let quote = '';
  let previous: Text | null = null;
  for (let i = nodeAt(index, start); i < index.nodes.length && index.starts[i]! < end; i++) {
    const node = index.nodes[i]!;
    const piece = node.data.slice(Math.max(0, start - index.starts[i]!), end - index.starts[i]!);
    if (!piece) continue;
    if (previous && blockOf(previous, root) !== blockOf(node, root) && !/\s$/.test(quote) && !/^\s/.test(piece)) {
      quote += '\n';
    }
    quote += piece;
    previous = node;
  }
  return collapse(quote);
}

/** Up to `contextLength` characters of context (whitespace collapsed) before or after an offset. */
function context(text: string, offset: number, side: 'before' | 'after'): string {
  // Take generously, then cut after collapsing: indentation in page source would otherwise eat the context.
  const span = contextLength * 4;
  if (side === 'before') return collapse(text.slice(Math.max(0, offset - span), offset)).slice(-contextLength);
  return collapse(text.slice(offset, offset + span)).slice(0, contextLength);
}

/**
 * The selectors for a selection: null when it is collapsed, outside root or only whitespace. Whitespace at
 * either end of the selection is left out, and a selection reaching outside root is cut to it.
 */
export function describeRange(root: Node, range: Range): { quote: QuoteSelector; position: PositionSelector } | null {
  if (range.collapsed) return null;
  const index = textIndex(root);
  if (!index.nodes.length) return null;
  const within = (node: Node) => node === root || !!(root.compareDocumentPosition(node) & CONTAINED_BY);
  const startInside = within(range.startContainer);
  const endInside = within(range.endContainer);
  if (!startInside && !endInside) {
    // Outside, unless the range wraps the whole root.
    if (!(range.intersectsNode?.(root) ?? false)) return null;
  }
  let start = startInside ? offsetOf(index, range.startContainer, range.startOffset) : 0;
  let end = endInside ? offsetOf(index, range.endContainer, range.endOffset) : index.text.length;
  while (start < end && /\s/.test(index.text[start]!)) start++;
  while (end > start && /\s/.test(index.text[end - 1]!)) end--;
  if (start >= end) return null;
  return {
    quote: {
      exact: quoteText(index, root, start, end),
      prefix: context(index.text, start, 'before'),
      suffix: context(index.text, end, 'after'),
    },
    position: { start, end },
  };
}

/** A text with its whitespace removed, and for each kept character its offset in the original. */
export interface Squashed {
  text: string;
  offsets: Int32Array;
}

export function squashWithOffsets(text: string): Squashed {
  const runs: string[] = [];
  const offsets = new Int32Array(text.length);
  let kept = 0;
  // By runs of non-space (a regex per character is ten times slower on a long article).
  for (const run of text.matchAll(/\S+/g)) {
    runs.push(run[0]);
    for (let i = 0, at = run.index; i < run[0].length; i++) offsets[kept++] = at + i;
  }
  return { text: runs.join(''), offsets: offsets.subarray(0, kept) };
}

const squash = (text: string) => text.replace(/\s+/g, '');

/** Levenshtein distance of two short strings (contexts: a few dozen characters). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** 0..1: how alike `stored` context is to `actual` (edit distance, whitespace ignored). */
function similarity(stored: string, actual: string): number {
  if (stored === actual || !stored) return 1;
  if (!actual) return 0;
  return Math.max(0, 1 - editDistance(stored, actual) / stored.length);
}

interface Candidate {
  /** Squashed offsets. */
  start: number;
  end: number;
  errors: number;
}

/**
 * Approximate matches of `pattern` in `text` (at most `maxErrors` edits), filter then verify: split into
 * maxErrors + 1 pieces, a match holds at least one piece unchanged, so only the windows around exact hits of a
 * piece are searched (a deleted passage on a long article costs next to nothing instead of a whole-text scan).
 */
function fuzzySearch(text: string, pattern: string, maxErrors: number): Candidate[] {
  const pieceLength = Math.floor(pattern.length / (maxErrors + 1));
  const windows: [number, number][] = [];
  for (let p = 0; p <= maxErrors && pieceLength > 0; p++) {
    const offset = p * pieceLength;
    const piece = pattern.slice(offset, offset + pieceLength);
    for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
      if (windows.length > 1000) return search(text, pattern, maxErrors);
      windows.push([Math.max(0, at - offset - maxErrors), Math.min(text.length, at - offset + pattern.length + 2 * maxErrors)]);
    }
  }
  windows.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const w of windows) {
    const last = merged.at(-1);
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([...w]);
  }
  // The best of each window, not only the best overall: a look-alike sentence elsewhere with fewer changes
  // must not hide the passage itself, which its context then picks out.
  return merged.flatMap(([a, b]) => search(text.slice(a, b), pattern, maxErrors).map((m) => ({ start: m.start + a, end: m.end + a, errors: m.errors })));
}

/**
 * Where a quote is in an indexed text, as offsets into `index.text`, or null when it cannot be found.
 * Whitespace does not count (page source and clean HTML differ in it); among several places the one whose
 * context agrees best wins, then the one nearest the stored position; failing an exact match, a fuzzy one
 * (at most a quarter of the quote's characters changed) whose context agrees.
 */
export function anchorOffsets(
  index: TextIndex,
  target: Pick<Highlight, 'quote' | 'position'>,
  squashed: Squashed = squashWithOffsets(index.text),
): PositionSelector | null {
  const exact = squash(target.quote.exact);
  if (!exact || !squashed.text) return null;
  const prefix = squash(target.quote.prefix);
  const suffix = squash(target.quote.suffix);

  const textLength = index.text.length || 1;
  const score = (candidate: Candidate) => {
    const before = squashed.text.slice(Math.max(0, candidate.start - prefix.length), candidate.start);
    const after = squashed.text.slice(candidate.end, candidate.end + suffix.length);
    const context = (similarity(prefix, before) + similarity(suffix, after)) / 2;
    // A fuzzy match must be supported by its context, all the more so for a short quote.
    if (candidate.errors && context < (exact.length < 12 ? 0.75 : 0.4)) return { context, total: -Infinity };
    const nearness = 1 - Math.min(1, Math.abs(squashed.offsets[candidate.start]! - target.position.start) / textLength);
    return { context, total: (1 - candidate.errors / exact.length) * 4 + context * 2 + nearness };
  };
  const pick = (candidates: Candidate[]) => {
    let best: { candidate: Candidate; context: number; total: number } | null = null;
    for (const candidate of candidates) {
      const s = score(candidate);
      if (s.total > -Infinity && (!best || s.total > best.total)) best = { candidate, ...s };
    }
    return best;
  };

  const exactMatches: Candidate[] = [];
  for (let at = squashed.text.indexOf(exact); at >= 0; at = squashed.text.indexOf(exact, at + 1)) {
    exactMatches.push({ start: at, end: at + exact.length, errors: 0 });
  }
  let best = pick(exactMatches);
  // No exact match, or none in quite the same context (the same words elsewhere, the passage itself edited):
  // look for the passage with a few characters changed too.
  const maxErrors = Math.floor(exact.length / 4);
  if ((!best || best.context < 1) && maxErrors >= 1) {
    const fuzzy = pick(fuzzySearch(squashed.text, exact, maxErrors).filter((m) => m.end > m.start && m.errors > 0));
    if (fuzzy && (!best || fuzzy.total > best.total)) best = fuzzy;
  }
  if (!best) return null;
  return {
    start: squashed.offsets[best.candidate.start]!,
    end: squashed.offsets[best.candidate.end - 1]! + 1,
  };
}

/** A Range over [start, end) of the indexed text. */
function rangeOf(index: TextIndex, root: Node, { start, end }: PositionSelector): Range {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
  const range = doc.createRange();
  const first = nodeAt(index, start);
  // The end lies in the last node that starts before it.
  const last = nodeAt(index, Math.max(start, end - 1));
  range.setStart(index.nodes[first]!, start - index.starts[first]!);
  range.setEnd(index.nodes[last]!, end - index.starts[last]!);
  return range;
}

/** The Range a highlight covers under root now, or null when its text cannot be found (orphaned). */
export function anchor(root: Node, target: Pick<Highlight, 'quote' | 'position'>): Range | null {
  const index = textIndex(root);
  const found = anchorOffsets(index, target);
  return found ? rangeOf(index, root, found) : null;
}
