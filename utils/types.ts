/** The contract between extraction, Markdown, popup, reader and CLI. Field names are fixed. */

interface Author {
  name: string;
  /** Profile URL, `https://www.woshipm.com/u/N`, or null when the page links none. */
  url: string | null;
}

interface Category {
  /** From the URL path, e.g. `zhichang`. */
  slug: string;
  /** Chinese name as the site labels it, or null when neither the page nor the site table knows it. */
  name: string | null;
}

interface Stats {
  views: number | null;
  comments: number | null;
  collects: number | null;
  likes: number | null;
}

interface OutlineItem {
  level: number;
  text: string;
  /** The `id` given to the heading in `html`, so UIs can jump to it. */
  id: string;
}

/**
 * A piece of the page by the name of its entry in the site table (`SiteProfile` in utils/site/profile.ts):
 * a header field, the meta line of counts, the likes, tags, category links, or the body's container.
 */
export type ReadField =
  | 'title'
  | 'authorName'
  | 'authorUrl'
  | 'published'
  | 'lead'
  | 'cover'
  | 'canonical'
  | 'metaLine'
  | 'likes'
  | 'tags'
  | 'categoryLinks'
  | 'contentSelectors';

/** A piece read other than by the site's own first way: what a changed page looks like from inside. */
export interface Fallback {
  field: ReadField;
  /** The way that gave it, as the table or the code names it (`meta og:title`, `profile link text`, `body`); null when none did. */
  source: string | null;
  /** The site's own way, which gave nothing: the entry's first source (`css h2.article--title`). */
  primary: string;
}

export interface Article {
  /** Canonical article URL (https). */
  url: string;
  title: string;
  author: Author;
  /** `YYYY-MM-DD`, or an ISO date-time when the page gives a time; null when unknown. */
  published: string | null;
  category: Category;
  stats: Stats;
  /** The page's own figure when shown, else estimated from length. */
  readingMinutes: number;
  tags: string[];
  /** The editor's lead (导语). */
  lead: string | null;
  cover: string | null;
  /** Bolded spans of the body, in order, de-duplicated. */
  keyPoints: string[];
  /**
   * The body's key sentences (extractive, `utils/keysentences`), in article order: 3 for a
   * short article, up to 7 for a long one (fewer only when the body has fewer complete sentences).
   * Ranked from the text alone, and only for an article that shows them (`pointsOf` in utils/points.ts):
   * one with no bold and no numbered sections; empty for the others.
   */
  keySentences: string[];
  outline: OutlineItem[];
  /** Clean, sanitized body HTML with absolute URLs. */
  html: string;
  /** Plain body text, paragraphs separated by blank lines. */
  text: string;
  /** CJK characters + Latin words of `text`. */
  wordCount: number;
  /** Lines such as 本文由 @X 原创发布于人人都是产品经理… or 题图来自…, in page order; not part of `text`. */
  attribution: string[];
  /**
   * True when the page's body was longer than extraction reads (`bodyLimits` in utils/extract/content.ts)
   * and its end is missing from `html` and `text`; the card and the Markdown say so.
   */
  truncated: boolean;
  /**
   * How the page was read, for a diagnostic: each piece not read by the site's own first way, in reading order.
   * Empty for a page the table knows well.
   */
  readFrom: { fallbacks: Fallback[] };
}

export type ExtractFailure = 'not-woshipm' | 'not-article' | 'empty';

export type ExtractResult = { ok: true; article: Article } | { ok: false; reason: ExtractFailure };
