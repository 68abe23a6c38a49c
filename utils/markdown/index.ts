import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';
import type { Article } from '../types';
import { rules } from './rules';
import { defaultMarkdownOptions, type MarkdownOptions, type Template } from './options';
import { yamlBlock } from './yaml';
import { escapeMarkdown, escapeTags } from './escape';
import type { HighlightsSupport } from '../highlights/markdown';
import { pointsOf } from '../points';

export { templates, type MarkdownOptions, type Template } from './options';

let service: TurndownService | null = null;


function turndown(): TurndownService {
  if (service) return service;
  service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
  });
  service.use(gfm);
  // Text that looks like a tag (`<script>` written as text in the article) must stay text in Markdown.
  service.escape = escapeMarkdown;
  for (const [name, rule] of Object.entries(rules)) service.addRule(name, rule);
  service.remove(['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'form', 'button']);
  return service;
}

/** Parses HTML text into documents: a browser's DOMParser, or a jsdom window's. */
export type HtmlParser = Pick<DOMParser, 'parseFromString'>;

/** Clean body HTML parsed by `parser`, without highlight marks a painted page may have left in it. */
function parseBody(html: string, parser: HtmlParser): HTMLElement {
  const body = parser.parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
  // Unwrapped by hand: importing the highlights code would put it in every Markdown bundle.
  const marks = Array.from(body.querySelectorAll('mark[data-hl]'));
  for (const mark of marks) {
    while (mark.firstChild) mark.parentNode!.insertBefore(mark.firstChild, mark);
    mark.parentNode!.removeChild(mark);
  }
  if (marks.length) body.normalize();
  return body;
}

/**
 * A parsed body -> Markdown. The HTML is parsed by `parser`, so the popup and the CLI (each passing its own
 * DOM's parser) build the same tree and write the same bytes.
 */
function bodyToMarkdown(body: HTMLElement): string {
  return turndown()
    .turndown(body)
    .replace(/[ \t]+$/gm, (spaces) => (spaces === '  ' ? spaces : ''))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Clean body HTML -> Markdown. */
const htmlToMarkdown = (html: string, parser: HtmlParser) => bodyToMarkdown(parseBody(html, parser));

const capitalised = (slug: string) => slug.charAt(0).toUpperCase() + slug.slice(1);
const date = (published: string | null) => published?.slice(0, 10) ?? '';
const escapeText = (text: string) => turndown().escape(text);
const quoteLines = (text: string, esc = escapeText) => text.split(/\n+/).map((line) => `> ${esc(line)}`).join('\n');
const count = (n: number | null) => (n === null ? '-' : String(n));

/** The header of the public woshipm GitBook library, field for field. */
function gitbookHeader(a: Article, withLead: boolean): string {
  const author = escapeTags(a.author.name).replace(/[[\]]/g, '\\$&');
  const lines = [
    `# ${escapeTags(a.title)}`,
    '{% hint style="info" %}',
    `**Category:** ${capitalised(a.category.slug)}`,
    `**Author:** ${a.author.url ? `[${author}](${a.author.url})` : author}`,
    `**Published:** ${date(a.published)}  `,
    `**Stats:** 👁️ ${count(a.stats.views)} views | 💬 ${count(a.stats.comments)} comments | ⭐ ${count(a.stats.collects)} collects`,
    `**Tags:** ${a.tags.map((t) => `\`${t.replace(/`/g, "'")}\``).join(' ')}`,
    `**Original:** [View on woshipm.com](${a.url})`,
    '{% endhint %}',
  ];
  if (withLead && a.lead) lines.push(quoteLines(a.lead, escapeTags));
  return lines.join('\n') + '\n\n---';
}

function frontmatterHeader(a: Article, withLead: boolean, highlights: number): string {
  const yaml = yamlBlock({
    title: a.title,
    source: a.url,
    author: a.author.name,
    author_url: a.author.url,
    // Dates unquoted so that Obsidian reads them as dates; they were validated by extraction.
    published: a.published && /^\d{4}-\d{2}-\d{2}(T[\d:]+(Z|[+-]\d{2}:\d{2}))?$/.test(a.published) ? { raw: a.published } : null,
    category: a.category.name ?? a.category.slug,
    tags: a.tags,
    views: a.stats.views,
    comments: a.stats.comments,
    collects: a.stats.collects,
    likes: a.stats.likes,
    reading_minutes: a.readingMinutes,
    description: a.lead,
    cover: a.cover,
    highlights: highlights || null,
    truncated: a.truncated ? { raw: 'true' } : null,
  });
  const parts = [yaml, `# ${escapeText(a.title)}`];
  if (withLead && a.lead) parts.push(quoteLines(a.lead));
  return parts.join('\n\n');
}

function plainHeader(a: Article, withLead: boolean): string {
  const byline = [a.author.name, date(a.published), a.category.name ?? a.category.slug].filter(Boolean).join(' · ');
  const parts = [`# ${escapeText(a.title)}`, escapeText(byline), `原文：[${a.url}](${a.url})`];
  if (withLead && a.lead) parts.push(quoteLines(a.lead));
  return parts.join('\n\n');
}

const headers: Record<Template, (a: Article, withLead: boolean, highlights: number) => string> = {
  frontmatter: frontmatterHeader,
  gitbook: gitbookHeader,
  plain: plainHeader,
};

/** What the 要点 section lists, said in its heading (the same rule as the card: `pointsOf`). */
const pointsLabel = { keyPoints: '作者加粗', skeleton: '文章骨架：小标题', keySentences: '关键句，自动摘取' } as const;
/** Said where the body stops when extraction read only its start (`Article.truncated`), in every template. */
const truncationNote = (a: Article) => `> **未完**：原文正文过长，这里只收录了前 ${a.wordCount} 字，其余部分见原文：[${a.url}](${a.url})`;

/** Article -> Markdown document in the chosen template. Pure and deterministic. */
function articleToMarkdown(article: Article, options: MarkdownOptions, parser: HtmlParser, support?: HighlightsSupport): string {
  const o = { ...defaultMarkdownOptions, ...options };
  const highlights = support ? o.highlights : [];
  const style = support?.style(o.template) ?? 'mark';
  const parts = [headers[o.template](article, o.lead, highlights.length)];
  if (support && highlights.length && o.highlightsSection) parts.push(support.section(article, highlights, style));
  const points = pointsOf(article);
  if (o.keyPoints && points.items.length) {
    parts.push(`## 要点（${pointsLabel[points.kind]}）\n\n${points.items.map((p, i) => `${i + 1}. ${escapeText(p)}`).join('\n')}`);
  }
  const body = parseBody(article.html, parser);
  const footnotes = support && highlights.length ? support.mark(body, highlights, style) : [];
  parts.push(bodyToMarkdown(body));
  if (article.truncated) parts.push(truncationNote(article));
  if (o.attribution && article.attribution.length) parts.push(`---\n\n${article.attribution.map(escapeText).join('\n\n')}`);
  if (support && footnotes.length) parts.push(support.footnotes(footnotes));
  return parts.filter(Boolean).join('\n\n') + '\n';
}

export interface Markdown {
  /** Article -> Markdown document in the chosen template. */
  toMarkdown(article: Article, options?: MarkdownOptions): string;
  /** Clean body HTML -> Markdown. */
  htmlToMarkdown(html: string): string;
}

/**
 * The Markdown writer for one DOM: `parser` is its DOMParser (`new DOMParser()` in a page or popup, a jsdom
 * window's in Node). `highlights`: `highlightsSupport` of utils/highlights/markdown.ts, for exports that carry
 * the reader's highlights (`MarkdownOptions.highlights`, ignored without it); given separately so that the
 * highlights code is loaded only where there are highlights.
 */
export function createMarkdown(parser: HtmlParser, highlights?: HighlightsSupport): Markdown {
  return {
    toMarkdown: (article, options = {}) => articleToMarkdown(article, options, parser, highlights),
    htmlToMarkdown: (html) => htmlToMarkdown(html, parser),
  };
}

export { asciiFilename, makeFilename } from './filename';
