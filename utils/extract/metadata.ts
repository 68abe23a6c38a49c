import type { SiteProfile } from '../site/profile';
import type { Article, Fallback, ReadField } from '../types';
import { normalizeDate } from './dates';
import { parseCount, squash } from './text';
import { documentOf, type Page } from './pageindex';
import { firstElement, linksOf, queryAll } from './selectors';
import { describeSource, firstOf, firstSource, metaContent, readJsonLd } from './sources';
import { absoluteUrl, classifyUrl, profileUrl } from './urls';

export type Metadata = Pick<Article, 'url' | 'title' | 'author' | 'published' | 'category' | 'stats' | 'tags' | 'lead' | 'cover'> & {
  readingMinutes: number | null;
  fallbacks: Fallback[];
};

type Json = ReturnType<typeof readJsonLd>;

/** A way of reading a field the code knows beyond the table's sources (`profile link`), tried in order after them. */
type Way = readonly [name: string, read: () => string | null];

/** What reading a page shares: the page, its JSON-LD, and the fallbacks noted so far (`Article.readFrom`). */
interface Reading {
  page: Page;
  site: SiteProfile;
  jsonLd: Json;
  fallbacks: Fallback[];
}

const css = (selector: string | undefined) => `css ${selector ?? ''}`;

/**
 * Notes that `field` was read by `ways`' entry `index` (null: by none); the first, the site's own way, is not
 * a fallback and is not noted. `ways` names the field's ways in order.
 */
function noteWay(r: Reading, field: ReadField, ways: (i: number) => string, index: number | null): void {
  if (index !== 0) r.fallbacks.push({ field, source: index === null ? null : ways(index), primary: ways(0) });
}

/**
 * A header field: its sources in the table, in order, then the code's own `more` ways; the way that gave it is noted
 * when it is not the table's first source.
 */
function readField(r: Reading, field: keyof SiteProfile['fields'], accept?: (v: string) => string | null, more: readonly Way[] = []): string | null {
  const sources = r.site.fields[field];
  const found = firstSource(r.page, sources, r.jsonLd, accept);
  if (found?.index === 0) return found.value;
  const primary = sources[0] ? describeSource(sources[0]) : 'none';
  let value = found?.value ?? null;
  let source = found ? describeSource(sources[found.index]!) : null;
  for (const [name, read] of value === null ? more : []) {
    value = read();
    if (value !== null) {
      source = name;
      break;
    }
  }
  r.fallbacks.push({ field, source, primary });
  return value;
}

/** The address a page declares for itself (og:url, canonical link, JSON-LD), any kind of page. */
export function declaredUrl(page: Page, site: SiteProfile): string | null {
  return firstOf(page, site.fields.canonical, readJsonLd(page), (v) => absoluteUrl(v, site.origin, site));
}

/** The canonical article URL: the page's own (og:url, canonical link, JSON-LD) when it is an article URL, else the page's address. */
function canonicalUrl(r: Reading, pageUrl: string): string {
  const { site } = r;
  const pageAddress = (): string => {
    const kind = classifyUrl(pageUrl, site);
    return kind.kind === 'article' ? kind.url : (absoluteUrl(pageUrl, pageUrl, site) ?? pageUrl);
  };
  const own = readField(
    r,
    'canonical',
    (v) => {
      const kind = classifyUrl(absoluteUrl(v, pageUrl, site) ?? '', site);
      return kind.kind === 'article' ? kind.url : null;
    },
    [['page address', pageAddress]],
  );
  return own ?? pageAddress();
}

/**
 * The meta line (`N 评论 N 浏览 N 收藏 N 分钟`): a site selector, else the smallest element whose text
 * carries both a view and a comment count.
 */
function findMetaLine(r: Reading): Element | null {
  const { page, site } = r;
  const ways = (i: number) => (i < site.metaLine.selectors.length ? css(site.metaLine.selectors[i]) : 'text climb');
  const hasCounts = (el: Element) => {
    const line = countsText(el, site);
    return site.metaLine.mustHave.every((k) => site.statPatterns[k].some((p) => p.test(line)));
  };
  for (const [i, selector] of site.metaLine.selectors.entries()) {
    const el = firstElement(page, selector);
    if (el && hasCounts(el)) {
      noteWay(r, 'metaLine', ways, i);
      return el;
    }
  }
  const climbed = climbToMetaLine(page, site, hasCounts);
  noteWay(r, 'metaLine', ways, climbed ? site.metaLine.selectors.length : null);
  return climbed;
}

/** Climbs from each text node that names a count to the first ancestor that holds all of them. */
function climbToMetaLine(page: Page, site: SiteProfile, hasCounts: (el: Element) => boolean): Element | null {
  const doc = documentOf(page);
  if (!doc.body) return null;
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!site.metaLine.keyword.test(node.nodeValue ?? '')) continue;
    for (let el = node.parentElement; el; el = el.parentElement) {
      if ((el.textContent?.length ?? 0) > site.metaLine.maxLength) break;
      if (hasCounts(el)) return el;
    }
  }
  return null;
}

/** The meta line's text with the date cut out: old pages run it into the counts (`2024-04-021 评论` is 1 comment). */
function countsText(el: Element | null, site: SiteProfile): string {
  return squash(el?.textContent).replace(site.datePatterns.absolute, ' ');
}

function matchCount(text: string | null, patterns: readonly RegExp[]): number | null {
  if (!text) return null;
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return parseCount(m[1]);
  }
  return null;
}

function readLikes(r: Reading): number | null {
  const { regions, patterns } = r.site.likes;
  for (const [i, region] of regions.entries()) {
    const el = firstElement(r.page, region);
    const count = el ? matchCount(squash(el.textContent), patterns) : null;
    if (count !== null) {
      noteWay(r, 'likes', (k) => css(regions[k]), i);
      return count;
    }
  }
  // The site's own region without a count is an article nobody has liked yet (its button shows no number): no fallback.
  noteWay(r, 'likes', (k) => css(regions[k]), regions[0] && firstElement(r.page, regions[0]) ? 0 : null);
  return null;
}

/** `test` over `links`' hrefs, each distinct href tested once (a page repeats its links many times over). */
function linksWhere(links: Element[], test: (href: string) => boolean): Element[] {
  const seen = new Map<string, boolean>();
  return links.filter((a) => {
    const href = a.getAttribute('href') ?? '';
    let ok = seen.get(href);
    if (ok === undefined) seen.set(href, (ok = test(href)));
    return ok;
  });
}

function readAuthor(r: Reading, base: string): Article['author'] {
  const { page, site } = r;
  let found: Element[] | null = null; // the page's profile links, listed only when a fallback needs them
  const profileLinks = () => (found ??= linksWhere(linksOf(page), (href) => !!profileUrl(href, base, site)));
  const name =
    readField(r, 'authorName', undefined, [
      [
        'profile link text',
        () =>
          profileLinks()
            .map((a) => squash(a.textContent))
            .find((t) => t.length > 0) ?? null,
      ],
    ]) ?? '';
  const url = readField(r, 'authorUrl', (v) => profileUrl(v, base, site), [
    [
      'profile link of that name',
      () =>
        profileUrl(
          profileLinks()
            .find((a) => squash(a.textContent) === name)
            ?.getAttribute('href'),
          base,
          site,
        ),
    ],
    ['first profile link', () => profileUrl(profileLinks()[0]?.getAttribute('href'), base, site)],
  ]);
  return { name, url };
}

function readTags(r: Reading, base: string): string[] {
  const { page, site } = r;
  const { selectors, keywordsMeta } = site.tags;
  const ways = (i: number) => (i < selectors.length ? css(selectors[i]) : i === selectors.length ? 'tag links' : `meta ${keywordsMeta}`);
  const texts = (els: Iterable<Element>) => [...new Set([...els].map((a) => squash(a.textContent)).filter(Boolean))];
  for (const [i, selector] of selectors.entries()) {
    const found = texts(queryAll(page, selector));
    if (found.length) {
      noteWay(r, 'tags', ways, i);
      return found;
    }
  }
  const shaped = texts(linksWhere(linksOf(page), (href) => site.linkShapes.tag.test(absoluteUrl(href, base, site) ?? '')));
  if (shaped.length) {
    noteWay(r, 'tags', ways, selectors.length);
    return shaped;
  }
  const keywords = metaContent(page, keywordsMeta) ?? '';
  const listed = [
    ...new Set(
      keywords
        .split(/[,，、]/)
        .map((t) => squash(t))
        .filter(Boolean),
    ),
  ];
  noteWay(r, 'tags', ways, listed.length ? selectors.length + 1 : null);
  return listed;
}

/** The first short text on the page that is a date (the header comes before the body). */
function firstDateText(page: Page, now: Date, site: SiteProfile): string | null {
  const doc = documentOf(page);
  if (!doc.body) return null;
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = squash(node.nodeValue);
    if (!text || text.length > site.dateTextMaxLength) continue;
    const date = normalizeDate(text, now, site);
    if (date) return date;
  }
  return null;
}

function readPublished(r: Reading, metaLine: Element | null, now: Date) {
  const { page, site } = r;
  // Without a date element, the date is printed in the meta line or, failing that, near the title.
  return readField(r, 'published', (v) => normalizeDate(v, now, site), [
    ['meta line', () => normalizeDate(squash(metaLine?.textContent), now, site)],
    ['date text', () => firstDateText(page, now, site)],
  ]);
}

function readCategory(r: Reading, url: string): Article['category'] {
  const { page, site } = r;
  const kind = classifyUrl(url, site);
  const slug = kind.kind === 'article' ? kind.slug : '';
  const ownPage = new RegExp(`/category/${slug}/?$`, 'i');
  const linkName = (selector: string) => squash(queryAll(page, selector).find((a) => ownPage.test(a.getAttribute('href') ?? ''))?.textContent);
  const ways = [() => linkName(site.categoryLinks.breadcrumb), () => site.categoryNames[slug], () => linkName(site.categoryLinks.any)];
  const names = [css(site.categoryLinks.breadcrumb), 'categoryNames', css(site.categoryLinks.any)];
  for (const [i, way] of ways.entries()) {
    const name = way();
    if (name) {
      noteWay(r, 'categoryLinks', (k) => names[k]!, i);
      return { slug, name };
    }
  }
  noteWay(r, 'categoryLinks', (k) => names[k]!, null);
  return { slug, name: null };
}

/**
 * Reads every header field from the page, each through its ordered fallbacks, and notes each one not read by
 * the site's own first way (`fallbacks`). Does not modify `page`.
 */
export function readMetadata(page: Page, pageUrl: string, now: Date, site: SiteProfile): Metadata {
  const r: Reading = { page, site, jsonLd: readJsonLd(page), fallbacks: [] };
  const url = canonicalUrl(r, pageUrl);
  const title = readField(r, 'title', (v) => v.replace(site.titleSuffix, '').trim()) ?? '';
  const author = readAuthor(r, url);
  const metaLine = findMetaLine(r);
  const counts = countsText(metaLine, site);
  const published = readPublished(r, metaLine, now);
  const category = readCategory(r, url);
  const likes = readLikes(r);
  const tags = readTags(r, url);
  const lead = readField(r, 'lead');
  const cover = readField(r, 'cover', (v) => absoluteUrl(v, url, site, 'image'));
  return {
    url,
    title,
    author,
    published,
    category,
    stats: {
      views: matchCount(counts, site.statPatterns.views),
      comments: matchCount(counts, site.statPatterns.comments),
      collects: matchCount(counts, site.statPatterns.collects),
      likes,
    },
    readingMinutes: matchCount(counts, site.statPatterns.readingMinutes),
    tags,
    lead,
    cover,
    fallbacks: r.fallbacks,
  };
}
