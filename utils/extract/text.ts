import { squash } from './numbers';

const blockTags = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);

export const isBlock = (el: Element) => blockTags.has(el.tagName);

/** The nearest block-level ancestor of `node` (or `root`). */
export function blockOf(node: Node, root: Element): Element {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) if (isBlock(el)) return el;
  return root;
}

/** Plain text of `root`: one paragraph per block, separated by blank lines; table cells by tabs. */
export function toPlainText(root: Element): string {
  const paragraphs: string[] = [];
  let line = '';
  const flush = () => {
    const text = line
      .split('\t')
      .map((cell) => squash(cell))
      .join('\t')
      .replace(/^\t+|\t+$/g, '');
    if (text.trim()) paragraphs.push(text);
    line = '';
  };
  const visit = (node: Node) => {
    if (node.nodeType === 3) {
      line += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.tagName === 'BR') line += ' ';
    const block = isBlock(el);
    if (block) flush();
    for (let child = el.firstChild; child; child = child.nextSibling) visit(child);
    if (el.tagName === 'TD' || el.tagName === 'TH') line += '\t';
    if (block) flush();
  };
  visit(root);
  flush();
  return paragraphs.join('\n\n');
}

/** Splits text into sentences at Chinese and Latin sentence punctuation, keeping the punctuation. */
export function sentences(text: string): string[] {
  return (text.match(/[^。！？!?；;…]+(?:[。！？!?；;…]+[”’」』）)]*|$)/g) ?? []).map((s) => s.trim()).filter(Boolean);
}
