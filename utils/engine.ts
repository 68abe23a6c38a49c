/**
 * What the page side does on request, as plain functions of the page: extraction (whole article or
 * the selection), Markdown for the background's shortcut and menu, and revealing a heading or key
 * point. Loaded into the tab only when first asked (see entrypoints/content.ts).
 */
import { extractArticle } from './extract';
import { asciiFilename, createMarkdown, makeFilename, type MarkdownOptions } from './markdown';
import { reveal, type RevealTarget } from './page/reveal';
import type { Article, ExtractResult } from './types';
import { woshipm } from './site/woshipm';

export type ExtractReply = ExtractResult & { hasSelection: boolean };
export interface MarkdownRequest {
  selectionOnly?: boolean;
  options: MarkdownOptions;
  filenameTemplate: string;
}
export type MarkdownReply =
  | { ok: true; markdown: string; filename: string; fallbackName: string }
  | Extract<ExtractResult, { ok: false }>;

export interface Engine {
  extract(request: { selectionOnly?: boolean }): ExtractReply;
  markdown(request: MarkdownRequest): MarkdownReply;
  reveal(target: RevealTarget): boolean;
}

export function createEngine(doc: Document): Engine {
  const selection = () => {
    const sel = doc.getSelection();
    return sel && !sel.isCollapsed && sel.toString().trim() ? sel : null;
  };
  let last: Article | null = null;
  const win = doc.defaultView;
  if (!win) throw new Error('the engine needs a document with a window');
  const { toMarkdown } = createMarkdown(new win.DOMParser());
  const extract = (selectionOnly?: boolean) => {
    const result = extractArticle(doc, doc.location?.href ?? doc.URL, woshipm, { selection: selectionOnly ? selection() : null });
    if (result.ok && !selectionOnly) last = result.article;
    return result;
  };
  return {
    extract: ({ selectionOnly }) => ({ ...extract(selectionOnly), hasSelection: selection() !== null }),
    markdown({ selectionOnly, options, filenameTemplate }) {
      const result = extract(selectionOnly);
      if (!result.ok) return result;
      const { article } = result;
      return {
        ok: true,
        markdown: toMarkdown(article, options),
        filename: makeFilename(article, filenameTemplate),
        fallbackName: asciiFilename(article),
      };
    },
    reveal(target) {
      const article = last ?? (extract().ok ? last : null);
      return article ? reveal(doc, article, target) : false;
    },
  };
}
