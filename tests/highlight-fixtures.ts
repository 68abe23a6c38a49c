/** Small makers for the highlighter's unit tests: an article in the document, a highlight of some of its text, a selection. */
import { describeRange, rootText } from '../utils/highlights/anchor';
import type { Highlight } from '../utils/highlights/types';

/** `html` as the content of a new element appended to `parent` (the document's body by default). */
export function article(html: string, parent: ParentNode = document.body, tag = 'div'): HTMLElement {
  const root = document.createElement(tag);
  root.innerHTML = html;
  parent.append(root);
  return root;
}

/** A Range over the first occurrence of `text` in root's text (which may cross elements). */
export function rangeOf(root: Node, text: string): Range {
  const start = rootText(root).indexOf(text);
  if (start < 0) throw new Error(`no ${text}`);
  const end = start + text.length;
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

/** A highlight of `text` in root, described as the toolbar would describe the selection. */
export function highlightOf(root: Node, text: string, id: string, over: Partial<Highlight> = {}): Highlight {
  const described = describeRange(root, rangeOf(root, text))!;
  return { id, color: 'yellow', note: '', ...described, createdAt: 1, updatedAt: 1, ...over };
}

/** Selects `text` in root, as the user would with the mouse. */
export function select(root: Node, text: string): void {
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(rangeOf(root, text));
}
