import { keySentences } from '../keysentences';
import { showsKeySentences } from '../points';
import type { SiteProfile } from '../site/profile';
import type { ExtractFailure, ExtractResult } from '../types';
import { extractBody, selectionBody } from './content';
import { readMetadata } from './metadata';
import { countWords } from './text';
import { documentOf, PageIndex, type Page } from './pageindex';
import { firstElement } from './selectors';
import { metaContent, readJsonLd } from './sources';
import { classifyUrl } from './urls';

export interface ExtractOptions {
  /** Reference time for relative dates (`3天前`); defaults to the current time. */
  now?: Date;
  /** Take the body from this selection instead of the whole article (same metadata, same cleaning). */
  selection?: Selection | null;
}

// A failure is a reason only: the UI (or the CLI) words it in the user's language.
const fail = (reason: ExtractFailure): ExtractResult => ({ ok: false, reason });

/** Signals that a page of unknown URL shape is an article. */
function looksLikeArticle(page: Page, site: SiteProfile): boolean {
  return metaContent(page, 'og:type') === 'article' || readJsonLd(page) !== null || site.contentSelectors.some((s) => firstElement(page, s));
}

/** The first h1 or h2 of the page (`querySelector('h1, h2')`, without a whole-page scan when there is one). */
function firstHeading(page: Page): Element | null {
  const [h1, h2] = [firstElement(page, 'h1'), firstElement(page, 'h2')];
  if (!h1 || !h2) return h1 ?? h2;
  return h1.compareDocumentPosition(h2) & 2 /* PRECEDING */ ? h2 : h1;
}

function isNotFound(page: Page, site: SiteProfile): boolean {
  const title = documentOf(page).title + ' ' + (firstHeading(page)?.textContent ?? '');
  return site.notFoundPatterns.some((p) => p.test(title)) && !looksLikeArticle(page, site);
}

/**
 * Document -> Article, by what `site` (its SiteProfile table) says about the site's pages. Pure:
 * reads `doc` and a clone of it, never changes the page, and never throws for bad pages: they come
 * back as a typed failure (a reason, no text).
 */
export function extractArticle(doc: Document, url: string, site: SiteProfile, options: ExtractOptions = {}): ExtractResult {
  const kind = classifyUrl(url, site);
  if (kind.kind === 'not-woshipm') return fail('not-woshipm');
  if (kind.kind === 'non-article') return fail('not-article');
  // The page is read through many look-ups and never changed: one listing of its elements serves them all.
  const page = new PageIndex(doc);
  const now = options.now ?? new Date();
  if (kind.kind === 'unknown' && !looksLikeArticle(page, site)) return fail('not-article');
  if (isNotFound(page, site)) return fail('not-article');

  const { fallbacks, ...meta } = readMetadata(page, url, now, site);
  const lead = { title: meta.title, lead: meta.lead };
  // A selection is taken whole: only the page's body is read within the limits.
  const selected = options.selection && selectionBody(doc, options.selection, meta.url, lead, site);
  const body = selected ? { ...selected, truncated: false, container: null } : extractBody(page, meta.url, lead, site);
  const wordCount = countWords(body.text);
  const hasBody = wordCount >= site.articleMinimum.words || /<img\s/i.test(body.html);
  if (!meta.title || site.articleMinimum.siteTitle.test(meta.title) || !hasBody) return fail('empty');
  // The points an article shows are its bold, else its numbered sections, else its key sentences
  // (utils/points.ts): the sentences are ranked only for an article that will show them.
  return {
    ok: true,
    article: {
      ...meta,
      readingMinutes: meta.readingMinutes ?? Math.max(1, Math.round(wordCount / site.readingSpeed)),
      html: body.html,
      text: body.text,
      keyPoints: body.keyPoints,
      keySentences: showsKeySentences(body) ? keySentences({ title: meta.title, text: body.text, outline: body.outline, lead: meta.lead }, { site }) : [],
      outline: body.outline,
      attribution: body.attribution,
      wordCount,
      truncated: body.truncated,
      // A selection's body has no container to miss.
      readFrom: { fallbacks: body.container ? [...fallbacks, body.container] : fallbacks },
    },
  };
}
