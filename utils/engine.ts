/**
 * What the page side does on request, as plain functions of the page: extraction (whole article or
 * the selection), Markdown for the background's shortcut and menu, and revealing a heading or key
 * point. Loaded into the tab only when first asked (see entrypoints/content.ts).
 */
import { extractArticle } from './extract';
import { articleReply, type ArticleReply, type ArticleReplyRequest } from './export/reply';
import { exportableImages } from './images';
import { keySentences } from './keysentences';
import { highlightsMarkdown, highlightsSupport } from './highlights/markdown';
import { createMarkdown, type MarkdownOptions } from './markdown';
import { reveal, type RevealTarget } from './page/reveal';
import { rehearsal } from './rehearsal';
import type { SiteProfile } from './site/profile';
import type { Article, ExtractResult } from './types';

export type ExtractReply = ExtractResult & { hasSelection: boolean };
export interface MarkdownRequest extends ArticleReplyRequest {
  selectionOnly?: boolean;
}
/** Markdown made in the page for an article the caller has: the highlights code lives here, not in the popup. */
export interface RenderRequest {
  article: Article;
  options: MarkdownOptions;
  only?: 'highlights';
}
export type MarkdownReply = ArticleReply | Extract<ExtractResult, { ok: false }>;
/** The whole article for the library, with its exportable image URLs (as in `article.html`, body order). */
export type LibraryCopyReply = { ok: true; article: Article; images: string[] } | Extract<ExtractResult, { ok: false }>;

export interface Engine {
  /**
   * Steps that prepare the first real request, each meant for an idle period of its own: the word
   * segmenter's dictionary, one extraction of a small built-in article (in a fresh page the first
   * extraction costs several times the next ones), then the page's own article, which answers the
   * first `extract` request without extracting again unless the page has changed since.
   */
  readonly warmUp: readonly (() => void)[];
  extract(request: { selectionOnly?: boolean }): ExtractReply;
  markdown(request: MarkdownRequest): MarkdownReply;
  /** The whole article as the page stands, and the image URLs an offline copy keeps. */
  libraryCopy(): LibraryCopyReply;
  /** An article (e.g. the popup's, its images localized) as Markdown; `only: 'highlights'` for 只导出标注. */
  render(request: RenderRequest): string;
  reveal(target: RevealTarget): boolean;
}

/**
 * The largest article (elements in its container, else in the page's body) that the warm-up extracts
 * ahead of the first request, in one idle task that must stay under 50 ms. Extraction time grows
 * with the article, not with the page around it: most fixture articles have 30 to 180 elements (the
 * one of bench:browser, 120, extracts in 15 to 25 ms in headless Chromium on a busy 2-core machine);
 * the longest (651) takes about twice as long, too close to 50 ms to run unasked.
 */
const prefetchMaxElements = 400;

/** Elements of the article container (or of the body when there is none): what extraction's time grows with. */
function articleSize(doc: Document, site: SiteProfile): number {
  const container = doc.querySelector(site.contentSelectors.join(',')) ?? doc.body;
  return container?.getElementsByTagName('*').length ?? 0;
}

/** The engine of `doc`, a page of the site `site` describes. */
export function createEngine(doc: Document, site: SiteProfile): Engine {
  const selection = () => {
    const sel = doc.getSelection();
    return sel && !sel.isCollapsed && sel.toString().trim() ? sel : null;
  };
  let last: Article | null = null;
  const win = doc.defaultView;
  if (!win) throw new Error('the engine needs a document with a window');
  const parser = new win.DOMParser();
  const { toMarkdown } = createMarkdown(parser, highlightsSupport);
  const parseHtml = (html: string) => parser.parseFromString(html, 'text/html');
  const extract = (selectionOnly?: boolean) => {
    const result = extractArticle(doc, doc.location?.href ?? doc.URL, site, { selection: selectionOnly ? selection() : null });
    if (result.ok && !selectionOnly) last = result.article;
    return result;
  };
  // The whole article as the page stands, extracted in the last warm-up step, until the page changes.
  let ready: ExtractResult | null = null;
  const watcher = new win.MutationObserver(() => {
    ready = null;
    watcher.disconnect();
  });
  const prefetch = () => {
    if (articleSize(doc, site) > prefetchMaxElements) return; // a longer article waits for the request
    const result = extract();
    if (!result.ok) return;
    ready = result;
    watcher.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  return {
    warmUp: [
      // The ranker apart: the rehearsal has bold, so its extraction ranks no sentences (Article.keySentences).
      () => keySentences({ title: '需求文档', text: '需求文档是产品与研发之间的约定。写清楚目标和边界，是第一要务。', outline: [], lead: null }, { site }),
      () => {
        const sample = rehearsal(site);
        extractArticle(parseHtml(sample.html), sample.url, site);
      },
      prefetch,
    ],
    extract: ({ selectionOnly }) => ({
      ...((!selectionOnly && ready) || extract(selectionOnly)),
      hasSelection: selection() !== null,
    }),
    markdown({ selectionOnly, ...request }) {
      const result = extract(selectionOnly);
      if (!result.ok) return result;
      return articleReply(result.article, request, toMarkdown, parseHtml, site.clutter.imageUrls);
    },
    libraryCopy() {
      const result = (ready?.ok && ready) || extract();
      if (!result.ok) return result;
      return { ok: true, article: result.article, images: exportableImages(result.article, parseHtml, site.clutter.imageUrls) };
    },
    render: ({ article, options, only }) =>
      only === 'highlights' ? highlightsMarkdown(article, options.highlights ?? [], { template: options.template }) : toMarkdown(article, options),
    reveal(target) {
      const article = last ?? (extract().ok ? last : null);
      return article ? reveal(doc, article, target) : false;
    },
  };
}
