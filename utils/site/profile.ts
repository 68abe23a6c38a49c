/**
 * What the generic extraction code (utils/extract) needs to know about a site, as data: one
 * table per site (utils/site/woshipm.ts is one). The pipeline receives the table as a value, so a
 * second site is a second table, not edits across utils/extract.
 */

/** One way of reading a field. The first source that yields a non-empty value wins. */
export type Source =
  | { css: string; attr?: string } // text of (or attribute of) the first match
  | { meta: string } // <meta property|name=...> content
  | { jsonld: string }; // dotted path into the page's JSON-LD Article

type Stat = 'comments' | 'views' | 'collects' | 'readingMinutes';

/**
 * The part of the table the extension reads without extracting: which pages are the site's articles,
 * the match patterns, the site's suffix of a tab title, the article's container, the furniture images.
 * The content script, popup and background take only this part: the whole table adds 2.6 kB gzip to
 * the content script, which every page of the site loads. Shaped as a subset of `SiteProfile`, so a
 * full profile serves wherever this is asked for.
 */
export type SiteUrls = Pick<SiteProfile, 'origin' | 'hostPattern' | 'matches' | 'articlePath' | 'nonArticlePaths' | 'titleSuffix' | 'contentSelectors'> & {
  clutter: Pick<SiteProfile['clutter'], 'imageUrls'>;
};

export interface SiteProfile {
  /** `https://host`, the form canonical URLs take. */
  origin: string;
  /** Hosts of the site (links to them are upgraded to https). */
  hostPattern: RegExp;
  /** The same hosts as match patterns: the content script, the host permission, the menus and the batch's tab query. */
  matches: string[];
  /** An article's path; group 1 is the category slug, group 2 the id. */
  articlePath: RegExp;
  /** Paths that are never an article, whatever they contain. */
  nonArticlePaths: readonly { kind: string; path: RegExp }[];
  /** An author's profile link; group 1 is the author's id. */
  profileLink: RegExp;
  /** The canonical profile URL of an author id. */
  profileUrl: (id: string) => string;
  /** Category slug -> name as the site labels it. */
  categoryNames: Readonly<Record<string, string>>;
  /** Links to a category page: the breadcrumb's, then any. */
  categoryLinks: { breadcrumb: string; any: string };
  /** The article body on the site's layout; without it Readability finds the body on its own. */
  contentSelectors: readonly string[];
  /** What the site appends to `<title>` after the article title. */
  titleSuffix: RegExp;
  /** Each header field's sources, in order of trust. */
  fields: Readonly<Record<'title' | 'authorName' | 'authorUrl' | 'published' | 'lead' | 'cover' | 'canonical', readonly Source[]>>;
  tags: { selectors: readonly string[]; keywordsMeta: string };
  /** Links whose shape says what they point to. */
  linkShapes: { author: RegExp; tag: RegExp };
  /** The line of counts (views, comments …) and how to find it without its selectors. */
  metaLine: { selectors: readonly string[]; mustHave: readonly Stat[]; keyword: RegExp; maxLength: number };
  /** Patterns for each count in the meta line; group 1 is the number. */
  statPatterns: Readonly<Record<Stat, readonly RegExp[]>>;
  likes: { regions: readonly string[]; patterns: readonly RegExp[] };
  /** Date shapes in text: absolute (groups year, month, day) and relative (`3天前`). */
  datePatterns: { absolute: RegExp; relative: RegExp };
  dateTextMaxLength: number;
  /** The site's own time zone: dates without one are read in it. */
  siteUtcOffsetHours: number;
  /** Furniture removed before Readability and again from its output. */
  clutter: {
    selectors: readonly string[];
    linkHosts: readonly RegExp[];
    sectionHeadings: readonly RegExp[];
    imageUrls: readonly RegExp[];
    imageAlts: readonly RegExp[];
    blockTexts: readonly RegExp[];
  };
  /** Paragraphs that credit the source, kept out of the body wherever they are (本文由…发布, 题图来自…). */
  attributionPatterns: readonly RegExp[];
  /** Labels over the credits (专栏作家 over the writer's bio): out of the body with them, but not kept as attribution. */
  attributionLabels: readonly RegExp[];
  /** Bylines (作者：, 来源公众号：, the writer's bio), credits only in the closing run (utils/extract/credits.ts). */
  bylinePatterns: readonly RegExp[];
  /** Longest paragraph that counts as part of the closing run of credits. */
  attributionTailMaxLength: number;
  /** Pages that say the article is gone. */
  notFoundPatterns: readonly RegExp[];
  /**
   * A paragraph wholly in bold that is a heading, not a key point, when it does not end as a sentence
   * (`sentenceEnd`): numbered, up to `maxChars`; a label ending in a colon, up to `maxLabelChars`;
   * anything else (a question, a phrase), up to `maxPlainChars`.
   */
  boldHeading: {
    maxChars: number;
    maxLabelChars: number;
    maxPlainChars: number;
    numbered: RegExp;
    label: RegExp;
    sentenceEnd: RegExp;
  };
  /** Characters per minute, for the reading time estimate. */
  readingSpeed: number;
  articleMinimum: { siteTitle: RegExp; words: number };
  /**
   * Examples the table must read right (tests check each against the patterns above), from which the
   * engine's warm-up also builds its sample article (utils/rehearsal.ts).
   */
  samples: {
    urls: { article: readonly string[]; notArticle: readonly string[]; otherSite: readonly string[] };
    /** A meta line as the site prints it: each of `statPatterns` finds its count. */
    metaLine: string;
    /** A credit line as the site prints it: one of `attributionPatterns` matches. */
    credit: string;
  };
}
