/** Small makers for the highlighter's unit tests: an article in the document, a highlight of some of its text, a selection. */
import { describeRange, rootText } from '../utils/highlights/anchor';
import { vi } from 'vitest';
import type { Highlight } from '../utils/highlights/types';
import type { ToolbarView } from '../utils/highlights/toolbar-state';

/** `html` as the content of a new element appended to `parent` (the document's body by default). */
export function article(html: string, parent: ParentNode = document.body, tag = 'div'): HTMLElement {
  const root = document.createElement(tag);
  root.innerHTML = html;
  parent.append(root);
  return root;
}

/** A Range over [start, end) of root's text (which may cross elements). */
export function rangeAt(root: Node, start: number, end: number): Range {
  const nodes: { node: Text; start: number }[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let length = 0;
  while (walker.nextNode()) {
    nodes.push({ node: walker.currentNode as Text, start: length });
    length += (walker.currentNode as Text).data.length;
  }
  const point = (offset: number, isEnd: boolean) => {
    const hit = nodes.findLast((n) => (isEnd ? n.start < offset : n.start <= offset))!;
    return [hit.node, offset - hit.start] as const;
  };
  const range = document.createRange();
  range.setStart(...point(start, false));
  range.setEnd(...point(end, true));
  return range;
}

/** A Range over the first occurrence of `text` in root's text (which may cross elements). */
export function rangeOf(root: Node, text: string): Range {
  const start = rootText(root).indexOf(text);
  if (start < 0) throw new Error(`no ${text}`);
  return rangeAt(root, start, start + text.length);
}

/** A highlight of `text` in root, described as the toolbar would describe the selection. */
export const highlightOf = (root: Node, text: string, id: string, over: Partial<Highlight> = {}): Highlight => highlightIn(root, rangeOf(root, text), id, over);

/** A highlight of what `range` covers in root. */
export function highlightIn(root: Node, range: Range, id: string, over: Partial<Highlight> = {}): Highlight {
  const described = describeRange(root, range)!;
  return { id, color: 'yellow', note: '', ...described, createdAt: 1, updatedAt: 1, ...over };
}

/** Selects `text` in root, as the user would with the mouse. */
export function select(root: Node, text: string): void {
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(rangeOf(root, text));
}

/** What the toolbar is shown with: a highlight being edited unless `over` says otherwise, every action a mock. */
export const toolbarView = (over: Partial<ToolbarView> = {}): ToolbarView => ({
  mode: 'edit',
  color: 'yellow',
  note: '',
  editingNote: false,
  onColor: vi.fn(),
  onNote: vi.fn(),
  onSaveNote: vi.fn(),
  onRemove: vi.fn(),
  onClose: vi.fn(),
  ...over,
});
