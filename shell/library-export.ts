/**
 * An article of the library as the export flow wants it: its stored copy rendered to Markdown here, in
 * the background, with the article's live highlights (never a copy of them), and its images from the
 * library when they were kept offline (the network only for the others). The background has no DOM
 * in Chrome's MV3 service worker: the Markdown is written from a domino tree, which gives the same bytes
 * as the page's DOM (tests/fixtures.test.ts checks that for the CLI, which does the same).
 */
import { createDocument } from '@mixmark-io/domino';
import { articleReply, type ArticleReply } from '../utils/export/reply';
import type { MarkdownRequest } from '../utils/engine';
import { highlightsSupport } from '../utils/highlights/markdown';
import { createMarkdown } from '../utils/markdown';
import { woshipm } from '../utils/site/woshipm';
import { getArticleHighlights } from './highlights';
import type { KeptImage } from './images';
import { getImage, getRecord } from './library';

const parser = { parseFromString: (html: string) => createDocument(html, true) };
const { toMarkdown } = createMarkdown(parser, highlightsSupport);
const parseHtml = (html: string) => parser.parseFromString(html);

/**
 * The stored article of `url` (its title, its Markdown for a request, and its images kept offline), or null when
 * the library has none.
 */
export async function storedArticle(url: string): Promise<{ title: string; render(request: MarkdownRequest): ArticleReply; keptImage: KeptImage } | null> {
  const record = await getRecord(url);
  if (!record) return null;
  const highlights = (await getArticleHighlights(url))?.highlights ?? [];
  return {
    title: record.article.title,
    keptImage: async (src) => {
      const hash = record.images[src];
      const image = hash ? await getImage(hash) : null;
      if (!image) return null;
      const bytes = image.bytes instanceof Blob ? new Uint8Array(await image.bytes.arrayBuffer()) : new Uint8Array(image.bytes);
      return { bytes, contentType: image.type };
    },
    render: ({ options, ...request }) =>
      articleReply(
        record.article,
        { ...request, options: highlights.length ? { ...options, highlights } : options },
        toMarkdown,
        parseHtml,
        woshipm.clutter.imageUrls,
      ),
  };
}
