/**
 * An article the caller already has (the page's, just extracted, or the library's stored copy) as the
 * export flow wants it: its Markdown (with `imageLinks` linked instead of the remote images), file
 * names, the exportable image URLs and the facts that decide where it is saved. One code path for the
 * page's engine and the background's export of stored articles.
 */
import { exportableImages, withImageLinks } from '../images';
import { asciiFilename, makeFilename, type MarkdownOptions } from '../markdown';
import type { Article } from '../types';

/** The facts of an article that decide where its export is saved (the canonical URL keys it). */
type ArticleFacts = Pick<Article, 'url' | 'title' | 'published' | 'category' | 'author'>;

export interface ArticleReply {
  ok: true;
  markdown: string;
  filename: string;
  fallbackName: string;
  /** The exportable image URLs of the article as rendered (before `imageLinks`), in body order. */
  images: string[];
  facts: ArticleFacts;
}

export interface ArticleReplyRequest {
  options: MarkdownOptions;
  filenameTemplate: string;
  /** Image URL -> its saved copy (a relative path or a `data:` URI): the Markdown links those instead. */
  imageLinks?: readonly (readonly [url: string, link: string])[];
}

export function articleReply(
  article: Article,
  { options, filenameTemplate, imageLinks }: ArticleReplyRequest,
  toMarkdown: (article: Article, options: MarkdownOptions) => string,
  parseHtml: (html: string) => Document,
  excludeImages: readonly RegExp[],
): ArticleReply {
  const linked = imageLinks?.length ? withImageLinks(article, new Map(imageLinks), parseHtml) : article;
  return {
    ok: true,
    markdown: toMarkdown(linked, options),
    filename: makeFilename(article, filenameTemplate),
    fallbackName: asciiFilename(article),
    images: exportableImages(article, parseHtml, excludeImages),
    facts: { url: article.url, title: article.title, published: article.published, category: article.category, author: article.author },
  };
}
