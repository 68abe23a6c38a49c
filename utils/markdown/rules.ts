import type TurndownService from 'turndown';

type Rule = TurndownService.Rule;

const isBold = (node: globalThis.Node | null): boolean => !!node && (node.nodeName === 'STRONG' || node.nodeName === 'B') && !!node.textContent?.trim();

const leadingPunct = /^[\p{P}\p{S}]+/u;
const trailingPunct = /[\p{P}\p{S}]+$/u;
/** A letter or digit: next to one, a `**` touching punctuation does not open or close (CommonMark flanking). */
const isWordChar = (c: string | undefined) => !!c && !/[\s\p{P}\p{S}]/u.test(c);

function outerText(node: globalThis.Node | null, side: 'before' | 'after'): string | undefined {
  const text = node?.textContent ?? '';
  return side === 'before' ? text.at(-1) : text[0];
}

/**
 * `content` between `delimiter`s that CommonMark-style renderers really show: where punctuation at an end meets
 * a letter outside (`的**“引号”**后文` is not bold under CommonMark's flanking rules) the punctuation moves
 * outside the delimiters. `opens` / `closes`: false where a run of the same style goes on next door.
 */
function delimit(content: string, node: globalThis.Node, delimiter: string, opens: boolean, closes: boolean): string {
  let [before, body, after] = ['', content, ''];
  if (opens && isWordChar(outerText(node.previousSibling, 'before'))) {
    before = body.match(leadingPunct)?.[0] ?? '';
    body = body.slice(before.length);
  }
  if (closes && isWordChar(outerText(node.nextSibling, 'after'))) {
    after = body.match(trailingPunct)?.[0] ?? '';
    body = body.slice(0, body.length - after.length);
  }
  if (!body.trim()) return content; // all punctuation: nothing to mark
  return `${before}${opens ? delimiter : ''}${body}${closes ? delimiter : ''}${after}`;
}

/**
 * Bold, kept so that CommonMark renderers (Obsidian, Typora) really show it: runs the editor split
 * (`<b>a</b><b>b</b>`) become one `**ab**`, and punctuation at an end moves outside where it must (`delimit`).
 */
const keepBold: Rule = {
  filter: ['strong', 'b'],
  replacement(content, node) {
    if (!content.trim()) return content;
    if (node.parentNode && /^H[1-6]$/.test(node.parentNode.nodeName)) return content; // a heading is bold already
    return delimit(content, node, '**', !isBold(node.previousSibling), !isBold(node.nextSibling));
  },
};

const isHighlight = (node: globalThis.Node | null): boolean => !!node && node.nodeName === 'MARK' && !!(node as Element).hasAttribute?.('data-hl');

/**
 * A reader's highlight (utils/highlights/markdown.ts marks them): `==text==`. Adjacent marks are one run, a
 * mark inside another (overlapping highlights) adds nothing, whitespace stays outside the delimiters.
 */
const highlightMark: Rule = {
  filter: (node) => isHighlight(node),
  replacement(content, node) {
    for (let up = node.parentNode; up; up = up.parentNode) if (isHighlight(up)) return content;
    if (!content.trim()) return content;
    const [, lead, body, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(content)!;
    return lead + delimit(body!, node, '==', !isHighlight(node.previousSibling), !isHighlight(node.nextSibling)) + trail;
  },
};

/** The footnote reference of a highlight's note, `[^hl-N]` (the footnotes are written by utils/highlights/markdown.ts). */
const highlightNoteRef: Rule = {
  filter: (node) => node.nodeName === 'SUP' && !!(node as Element).hasAttribute?.('data-hl-ref'),
  replacement: (_content, node) => `[^hl-${(node as Element).getAttribute('data-hl-ref')}]`,
};

/** URLs in `(...)`: the characters that would end or break the destination, percent-encoded. */
const escapeUrl = (url: string) => url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const escapeLabel = (text: string) => text.replace(/([\\[\]])/g, '\\$1');

/** Images with their absolute `src` (made so by extraction); parentheses and spaces encoded. */
const absoluteImage: Rule = {
  filter: 'img',
  replacement(_content, node) {
    const img = node as HTMLImageElement;
    const src = img.getAttribute('src');
    if (!src) return '';
    const alt = escapeLabel((img.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim());
    return `![${alt}](${escapeUrl(src)})`;
  },
};

/** Inline links; a link without a target keeps its text. */
const safeLink: Rule = {
  filter: (node) => node.nodeName === 'A' && !!(node as HTMLElement).getAttribute('href'),
  replacement(content, node) {
    const href = (node as HTMLElement).getAttribute('href')!;
    if (!content.trim()) return '';
    return `[${content}](${escapeUrl(href)})`;
  },
};

function fenceFor(code: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

/** Code blocks, `<pre>` with or without `<code>`, fenced with a fence longer than any run inside. */
const fencedCode: Rule = {
  filter: (node) => node.nodeName === 'PRE',
  replacement(_content, node) {
    const code = (node.textContent ?? '').replace(/\n$/, '');
    const language = /language-([\w+-]+)/.exec(node.querySelector?.('code')?.className ?? '')?.[1] ?? '';
    const fence = fenceFor(code);
    return `\n\n${fence}${language}\n${code}\n${fence}\n\n`;
  },
};

const cell = (content: string) =>
  content
    .replace(/\s*\n+\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();

/** Table cells on one line, pipes escaped. */
const tableCell: Rule = {
  filter: ['th', 'td'],
  replacement: (content) => ` ${cell(content)} |`,
};

/** Rows; the first row of a table is its header (woshipm tables seldom mark one). */
const tableRow: Rule = {
  filter: 'tr',
  replacement(content, node) {
    const row = `|${content}\n`;
    const table = (node as HTMLTableRowElement).closest?.('table');
    if (!table || table.rows[0] !== node) return row;
    const columns = (node as HTMLTableRowElement).cells.length;
    return row + '|' + ' --- |'.repeat(Math.max(columns, 1)) + '\n';
  },
};

const table: Rule = {
  filter: 'table',
  replacement: (content) => `\n\n${content.replace(/\n+/g, '\n').trim()}\n\n`,
};

/** Row groups only wrap rows. */
const tableSection: Rule = {
  filter: ['thead', 'tbody', 'tfoot'],
  replacement: (content) => content,
};

/** Our rules by name; added after the gfm plugin so that they win. */
export const rules: Record<string, Rule> = {
  keepBold,
  highlightMark,
  highlightNoteRef,
  absoluteImage,
  safeLink,
  fencedCode,
  tableCell,
  tableRow,
  tableSection,
  table,
};
