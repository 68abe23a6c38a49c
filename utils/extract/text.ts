/** Text helpers: white space, counts and lengths of Chinese text, and the plain text of a body. */

const units: Record<string, number> = { 万: 10_000, w: 10_000, k: 1_000 };

/** `4021` -> 4021, `1,024` -> 1024, `1.2万` / `1.2w` -> 12000, `3k` -> 3000; anything else -> null. */
export function parseCount(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const m = /^(\d+(?:\.\d+)?)([万wk])?$/i.exec(raw.replace(/[,\s]/g, ''));
  if (!m) return null;
  return Math.round(Number(m[1]) * (m[2] ? units[m[2].toLowerCase()]! : 1));
}

/** Characters of CJK scripts plus Latin/number words: the usual length measure for Chinese text. */
export function countWords(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*/g)?.length ?? 0;
  return cjk + latin;
}

/** Drops zero-width spaces, collapses runs of white space (full-width and no-break too) and trims. */
export function squash(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

/** The elements that break text into blocks (utils/highlights/anchor.ts adds to these for its own block boundaries). */
export const blockTags: ReadonlySet<string> = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'UL',
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
