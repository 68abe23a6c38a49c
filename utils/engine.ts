/**
 * What the page side does on request, as plain functions of the page: extraction (whole article or
 * the selection), Markdown for the background's shortcut and menu, and revealing a heading or key
 * point. Loaded into the tab only when first asked (see entrypoints/content.ts).
 */
import { extractArticle } from './extract';
import { exportableImages, withImageLinks } from './images';
import { keySentences } from './keysentences';
import { highlightsMarkdown, highlightsSupport } from './highlights/markdown';
import { asciiFilename, createMarkdown, makeFilename, type MarkdownOptions } from './markdown';
import { reveal, type RevealTarget } from './page/reveal';
import type { Article, ExtractResult } from './types';
import { clutterImageUrls, woshipm } from './site/woshipm';

export type ExtractReply = ExtractResult & { hasSelection: boolean };
export interface MarkdownRequest {
  selectionOnly?: boolean;
  options: MarkdownOptions;
  filenameTemplate: string;
  /** Image URL -> its saved copy (a relative path or a `data:` URI): the Markdown links those instead. */
  imageLinks?: readonly (readonly [url: string, link: string])[];
}
/** Markdown made in the page for an article the caller has: the highlights code lives here, not in the popup. */
export interface RenderRequest {
  article: Article;
  options: MarkdownOptions;
  only?: 'highlights';
}
export type MarkdownReply =
  /** `images`: the exportable image URLs of the article as rendered (before `imageLinks`), in body order. */
  | { ok: true; markdown: string; filename: string; fallbackName: string; images: string[] }
  | Extract<ExtractResult, { ok: false }>;

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
  /** An article (e.g. the popup's, its images localized) as Markdown; `only: 'highlights'` for 只导出标注. */
  render(request: RenderRequest): string;
  reveal(target: RevealTarget): boolean;
}

/**
 * A short article in the site's layout, with each kind of content extraction handles: extracting it
 * compiles the code paths a real article takes (in a fresh page the first extraction costs several
 * times the next ones), at a fraction of a real page's cost.
 */
export const rehearsal = {
  url: 'https://www.woshipm.com/pd/1.html',
  html: `<!doctype html><html><head><title>示例 | 人人都是产品经理</title><meta property="og:url" content="https://www.woshipm.com/pd/1.html"><meta property="og:type" content="article"></head><body>
<div class="article--wrapper"><h2 class="article--title">产品经理如何写好一份需求文档</h2>
<div class="authorCard--title"><a href="https://www.woshipm.com/u/1">作者</a></div><time datetime="2024-04-02">2024-04-02</time>
<div class="meta--sup__right">1 评论 120 浏览 3 收藏 5 分钟</div>
<div class="article--content"><blockquote><p>一份好的需求文档，能让团队少走弯路。本文分享写作的方法。</p></blockquote>
<h2>一、为什么需求文档重要</h2><p>需求文档是产品、设计与研发之间的约定。<strong>写清楚目标和边界，是需求文档的第一要务。</strong>否则团队会在细节上反复讨论，浪费时间。</p>
<p>很多团队忽视了这一点，结果在上线前才发现理解不一致，只能返工。</p><ul><li>目标：要解决什么问题</li><li>范围：做什么，不做什么</li></ul>
<h3>1. 结构</h3><p>文档的结构要清晰，读者才能快速找到需要的信息。<b>先写结论</b>，再写细节。</p>
<table><tr><th>字段</th><th>说明</th></tr><tr><td>标题</td><td>简明扼要</td></tr></table>
<p><img src="https://image.woshipm.com/wp-files/2024/04/sample.png" alt="示意图"></p><pre><code>const a = 1;</code></pre>
<p>本文由 @作者 原创发布于人人都是产品经理，未经许可，禁止转载。</p></div>
<div class="taglist"><a href="https://www.woshipm.com/tag/需求">需求</a></div></div></body></html>`,
};

/**
 * The largest article (elements in its container, else in the page's body) that the warm-up extracts
 * ahead of the first request, in one idle task that must stay under 50 ms. Extraction time grows
 * with the article, not with the page around it: most fixture articles have 30 to 180 elements (the
 * one of bench:browser, 120, extracts in 15 to 25 ms in headless Chromium on a busy 2-core machine);
 * the longest (651) takes about twice as long, too close to 50 ms to run unasked.
 */
const prefetchMaxElements = 400;

/** Elements of the article container (or of the body when there is none): what extraction's time grows with. */
function articleSize(doc: Document): number {
  const container = doc.querySelector(woshipm.contentSelectors.join(',')) ?? doc.body;
  return container?.getElementsByTagName('*').length ?? 0;
}

export function createEngine(doc: Document): Engine {
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
    const result = extractArticle(doc, doc.location?.href ?? doc.URL, woshipm, { selection: selectionOnly ? selection() : null });
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
    if (articleSize(doc) > prefetchMaxElements) return; // a longer article waits for the request
    const result = extract();
    if (!result.ok) return;
    ready = result;
    watcher.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  return {
    warmUp: [
      // The ranker apart: the rehearsal has bold, so its extraction ranks no sentences (Article.keySentences).
      () => keySentences({ title: '需求文档', text: '需求文档是产品与研发之间的约定。写清楚目标和边界，是第一要务。', outline: [], lead: null }),
      () => extractArticle(new win.DOMParser().parseFromString(rehearsal.html, 'text/html'), rehearsal.url, woshipm),
      prefetch,
    ],
    extract: ({ selectionOnly }) => ({
      ...((!selectionOnly && ready) || extract(selectionOnly)),
      hasSelection: selection() !== null,
    }),
    markdown({ selectionOnly, options, filenameTemplate, imageLinks }) {
      const result = extract(selectionOnly);
      if (!result.ok) return result;
      const { article } = result;
      const linked = imageLinks?.length ? withImageLinks(article, new Map(imageLinks), parseHtml) : article;
      return {
        ok: true,
        markdown: toMarkdown(linked, options),
        filename: makeFilename(article, filenameTemplate),
        fallbackName: asciiFilename(article),
        images: exportableImages(article, parseHtml, clutterImageUrls),
      };
    },
    render: ({ article, options, only }) =>
      only === 'highlights' ? highlightsMarkdown(article, options.highlights ?? [], { template: options.template }) : toMarkdown(article, options),
    reveal(target) {
      const article = last ?? (extract().ok ? last : null);
      return article ? reveal(doc, article, target) : false;
    },
  };
}
