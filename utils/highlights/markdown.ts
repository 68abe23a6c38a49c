/**
 * Highlights and notes in Markdown. In an article export (utils/markdown) each highlight found in the article's
 * clean HTML becomes `==text==` (front matter template; `**text**` for GitBook and plain, which have no `==`), its
 * note a footnote `[^hl-N]` right after it, and an optional 我的标注 section lists them all at the top. Plus the
 * highlights alone (只导出标注) and every article's highlights in one file. Highlights that can no longer be found
 * are listed, marked as such, never dropped.
 */
import type { Article } from '../types';
import { escapeMarkdown } from '../markdown/escape';
import type { Template } from '../markdown/options';
import { yamlBlock } from '../markdown/yaml';
import { anchorOffsets } from './anchor';
import { paintHighlights } from './paint';
import type { ArticleHighlights, Highlight } from './types';

/** How highlighted text is written: `==text==` where the template's readers know it, bold where not. */
type HighlightStyle = 'mark' | 'bold';
const highlightStyle = (template: Template): HighlightStyle => (template === 'frontmatter' ? 'mark' : 'bold');

const sectionTitle = '我的标注';
const orphanedLabel = '（原文已改动，未找到这段文字）';

const inline = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'VAR',
]);
const isMark = (node: Node | null): node is Element => !!node && node.nodeName === 'MARK' && (node as Element).hasAttribute('data-hl');
const isBoldElement = (node: Node | null) => !!node && (node.nodeName === 'STRONG' || node.nodeName === 'B');
const hasAncestor = (node: Node, test: (n: Node) => boolean) => {
  for (let up = node.parentNode; up; up = up.parentNode) if (test(up)) return true;
  return false;
};

function unwrap(element: Element): void {
  const parent = element.parentNode!;
  while (element.firstChild) parent.insertBefore(element.firstChild, element);
  parent.removeChild(element);
}

function rename(element: Element, name: string): Element {
  const replacement = element.ownerDocument.createElement(name);
  while (element.firstChild) replacement.appendChild(element.firstChild);
  element.parentNode!.replaceChild(replacement, element);
  return replacement;
}

/**
 * Marks cover text nodes one by one; Markdown wants them around whole inline elements: a bold span (or link)
 * whose text is all highlighted gets the mark outside it, so that `a<b>b</b>c` all marked is `==a**b**c==`.
 */
function liftMarks(body: Element): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const mark of Array.from(body.querySelectorAll('mark[data-hl]'))) {
      const parent = mark.parentNode;
      if (!parent || !inline.has(parent.nodeName) || hasAncestor(mark, isMark)) continue;
      const children = Array.from(parent.childNodes);
      if (!children.every((c) => isMark(c) || (c.nodeType === 3 && !c.textContent!.trim()))) continue;
      const lifted = mark.cloneNode(false) as Element;
      parent.parentNode!.insertBefore(lifted, parent);
      lifted.appendChild(parent);
      for (const child of children) if (isMark(child)) unwrap(child);
      changed = true;
    }
  }
  // A mark inside inline code would show its delimiters literally.
  for (const mark of Array.from(body.querySelectorAll('code mark[data-hl], pre mark[data-hl]'))) unwrap(mark);
}

const emphasis = new Set(['STRONG', 'B', 'EM', 'I']);
const isWordChar = (c: string | undefined) => !!c && !/[\s\p{P}\p{S}]/u.test(c);
const charBefore = (node: Node) => node.previousSibling?.textContent?.at(-1);
const charAfter = (node: Node) => node.nextSibling?.textContent?.[0];

/**
 * `==` and `**` stacked at a boundary with a letter outside (`说==**重点**…`, `说**==重点==…`) open nothing under
 * CommonMark's flanking rules. Where a highlight and the author's bold (or italics) begin or end together next
 * to a letter, the highlight wins for the marked part: `说==重点==**的**然后`.
 */
function unstackDelimiters(body: Element): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const mark of Array.from(body.querySelectorAll('mark[data-hl]'))) {
      if (hasAncestor(mark, isMark)) continue;
      const parent = mark.parentNode!;
      const first = mark.firstChild;
      const last = mark.lastChild;
      if (first && emphasis.has(first.nodeName) && !isMark(mark.previousSibling) && isWordChar(charBefore(mark))) {
        unwrap(first as Element);
        changed = true;
      } else if (last && emphasis.has(last.nodeName) && !isMark(mark.nextSibling) && isWordChar(charAfter(mark))) {
        unwrap(last as Element);
        changed = true;
      } else if (emphasis.has(parent.nodeName) && parent.firstChild === mark && isWordChar(charBefore(parent))) {
        parent.parentNode!.insertBefore(mark, parent);
        if (!parent.firstChild) parent.parentNode!.removeChild(parent);
        changed = true;
      } else if (emphasis.has(parent.nodeName) && parent.lastChild === mark && isWordChar(charAfter(parent))) {
        parent.parentNode!.insertBefore(mark, parent.nextSibling);
        if (!parent.firstChild) parent.parentNode!.removeChild(parent);
        changed = true;
      }
    }
  }
}

/** The last element of the run of adjacent marks that `node` is in. */
function runEnd(node: Node): Element | null {
  let mark: Element | null = null;
  for (let up: Node | null = node; up; up = up.parentNode) if (isMark(up)) mark = up;
  if (!mark) return null;
  while (isMark(mark.nextSibling)) mark = mark.nextSibling;
  return mark;
}

/** Bold style: highlighted runs become `<strong>` (turndown's bold rule merges the adjacent ones). */
function marksToBold(body: Element): void {
  for (const mark of Array.from(body.querySelectorAll('mark[data-hl]'))) {
    if (hasAncestor(mark, (n) => isMark(n) || isBoldElement(n))) {
      unwrap(mark);
      continue;
    }
    for (const bold of Array.from(mark.querySelectorAll('strong, b'))) unwrap(bold);
    rename(mark, 'strong');
  }
  for (const mark of Array.from(body.querySelectorAll('mark[data-hl]'))) unwrap(mark);
}

interface HighlightFootnote {
  label: number;
  note: string;
}

/**
 * Paints the highlights into a parsed article body for turndown (see the `highlightMark` and
 * `highlightNoteRef` rules) and returns the footnotes of their notes, numbered in reading order.
 */
function markHighlights(body: Element, highlights: readonly Highlight[], style: HighlightStyle): HighlightFootnote[] {
  paintHighlights(body, highlights);
  // The last text piece of each noted highlight, in reading order (marks are moved around below, text nodes are not).
  const lastText = new Map<string, Node>();
  for (const mark of Array.from(body.querySelectorAll('mark[data-hl]'))) {
    const text = mark.lastChild;
    if (text) lastText.set(mark.getAttribute('data-hl')!, text);
  }
  const byId = new Map(highlights.map((h) => [h.id, h]));
  const firstSeen = Array.from(body.querySelectorAll('mark[data-hl]')).map((m) => m.getAttribute('data-hl')!);
  const noted = [...new Set(firstSeen)].filter((id) => byId.get(id)!.note.trim());
  liftMarks(body);
  const footnotes: HighlightFootnote[] = [];
  const refsAt = new Map<Element, Element[]>();
  noted.forEach((id, i) => {
    const end = runEnd(lastText.get(id)!);
    if (!end) return;
    const ref = body.ownerDocument.createElement('sup');
    ref.setAttribute('data-hl-ref', String(i + 1));
    ref.textContent = String(i + 1); // an empty element would be dropped by turndown as blank
    refsAt.set(end, [...(refsAt.get(end) ?? []), ref]);
    footnotes.push({ label: i + 1, note: byId.get(id)!.note });
  });
  for (const [end, refs] of refsAt) for (const ref of refs.reverse()) end.parentNode!.insertBefore(ref, end.nextSibling);
  if (style === 'bold') marksToBold(body);
  else unstackDelimiters(body);
  return footnotes;
}

/** Markdown text on one line: escaped, `==` kept from starting a highlight, newlines as spaces. */
const escapeInline = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(={2,})/)
    .map((part, i) => (i % 2 ? '\\='.repeat(part.length) : escapeMarkdown(part)))
    .join('');

/** A note's lines, each escaped, blank lines kept as paragraph breaks. */
const noteLines = (note: string) =>
  note
    .trim()
    .split(/\r?\n/)
    .map((line) => escapeInline(line));

function footnotesMarkdown(footnotes: readonly HighlightFootnote[]): string {
  return footnotes
    .map(({ label, note }) => {
      const [first, ...rest] = noteLines(note);
      return [`[^hl-${label}]: ${first}`, ...rest.map((line) => (line ? `    ${line}` : ''))].join('\n');
    })
    .join('\n');
}

const delimiters: Record<HighlightStyle, string> = { mark: '==', bold: '**' };

/** Highlights in reading order: where each is in the article's text now, the orphaned after them. */
function inReadingOrder(text: string, highlights: readonly Highlight[]) {
  const index = { text, nodes: [], starts: [] };
  return highlights
    .map((h) => ({ highlight: h, at: anchorOffsets(index, h) }))
    .sort((a, b) => (a.at && b.at ? a.at.start - b.at.start : a.at ? -1 : b.at ? 1 : a.highlight.position.start - b.highlight.position.start));
}

const isWebUrl = (url: string) => /^https?:\/\/[^\s]+$/i.test(url);

/** Percent-encodes what would end a Markdown link destination. */
const linkTarget = (url: string) => url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** A link to the passage itself (a text fragment, `#:~:text=`): browsers that know them scroll to it and mark it. */
function passageLink(url: string, exact: string): string {
  const encode = (s: string) => encodeURIComponent(s).replace(/[-!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const lines = exact
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const fragment = lines.length > 1 ? `${encode(lines[0]!)},${encode(lines.at(-1)!)}` : encode(lines[0] ?? '');
  return `${url.replace(/#.*$/, '')}#:~:text=${fragment}`;
}

/** One list item per highlight: the quoted text, a link to the passage, the note as a quote under it. */
function highlightItems(entries: readonly { highlight: Highlight; at: unknown }[], style: HighlightStyle, url: string | null): string {
  const d = delimiters[style];
  return entries
    .map(({ highlight, at }) => {
      const quote = escapeInline(highlight.quote.exact);
      let line = `- ${d}${quote}${d}`;
      if (at === null) line += orphanedLabel;
      else if (url && isWebUrl(url)) line += `（[原文](${linkTarget(passageLink(url, highlight.quote.exact))})）`;
      const note = highlight.note.trim() ? noteLines(highlight.note).map((l) => (l ? `  > ${l}` : '  >')) : [];
      return [line, ...note].join('\n');
    })
    .join('\n');
}

/** The 我的标注 section at the top of an article export (no links: the passages are right below). */
function highlightsSection(article: Article, highlights: readonly Highlight[], style: HighlightStyle): string {
  return `## ${sectionTitle}\n\n${highlightItems(inReadingOrder(article.text, highlights), style, null)}`;
}

export interface HighlightsMarkdownOptions {
  template?: Template;
}

/**
 * 只导出标注: the article's highlights alone, in reading order, each with its note and a link back to the
 * passage in the article; the orphaned ones too, marked.
 */
export function highlightsMarkdown(article: Article, highlights: readonly Highlight[], options: HighlightsMarkdownOptions = {}): string {
  const template = options.template ?? 'frontmatter';
  const style = highlightStyle(template);
  const source = isWebUrl(article.url) ? `原文：[${escapeInline(article.title)}](${linkTarget(article.url)})` : '';
  const parts = [
    `# ${escapeInline(article.title)}`,
    source,
    `## ${sectionTitle}`,
    highlights.length ? highlightItems(inReadingOrder(article.text, highlights), style, article.url) : '',
  ];
  if (template === 'frontmatter') {
    parts.unshift(
      yamlBlock({
        title: article.title,
        source: isWebUrl(article.url) ? article.url : null,
        author: article.author.name,
        published: article.published,
        highlights: highlights.length,
      }),
    );
  }
  return parts.filter(Boolean).join('\n\n') + '\n';
}

const day = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '');

/** Every highlighted article in one Markdown file, the most recently highlighted first. */
export function libraryMarkdown(entries: readonly ArticleHighlights[]): string {
  const articles = [...entries].filter((e) => e.highlights.length).sort((a, b) => b.updatedAt - a.updatedAt);
  const parts = [`# ${sectionTitle}`];
  for (const entry of articles) {
    const title = escapeInline(entry.title || entry.url);
    parts.push(isWebUrl(entry.url) ? `## [${title}](${linkTarget(entry.url)})` : `## ${title}`);
    parts.push(`${day(entry.updatedAt)} · ${entry.highlights.length} 条标注`);
    const ordered = [...entry.highlights].sort((a, b) => a.position.start - b.position.start).map((highlight) => ({ highlight, at: undefined }));
    parts.push(highlightItems(ordered, 'mark', entry.url));
  }
  return parts.join('\n\n') + '\n';
}

/** What `createMarkdown(parser, highlightsSupport)` needs to write an article export with its highlights. */
export interface HighlightsSupport {
  style(template: Template): HighlightStyle;
  section(article: Article, highlights: readonly Highlight[], style: HighlightStyle): string;
  mark(body: Element, highlights: readonly Highlight[], style: HighlightStyle): HighlightFootnote[];
  footnotes(footnotes: readonly HighlightFootnote[]): string;
}

export const highlightsSupport: HighlightsSupport = {
  style: highlightStyle,
  section: highlightsSection,
  mark: markHighlights,
  footnotes: footnotesMarkdown,
};
