import * as site from '../site/woshipm';
import type { Article } from '../types';
import { normalizeDate } from './dates';
import { parseCount, squash } from './numbers';
import { firstElement, linksOf, queryAll } from './selectors';
import { firstOf, metaContent, readJsonLd } from './sources';
import { absoluteUrl, classifyUrl, profileUrl } from './urls';

export type Metadata = Pick<
  Article,
  'url' | 'title' | 'author' | 'published' | 'category' | 'stats' | 'tags' | 'lead' | 'cover'
> & { readingMinutes: number | null };

/** The address a page declares for itself (og:url, canonical link, JSON-LD), any kind of page. */
export function declaredUrl(doc: Document): string | null {
  return firstOf(doc, site.fields.canonical, readJsonLd(doc), (v) => absoluteUrl(v, site.origin));
}

/** The canonical article URL: the page's own (og:url, canonical link, JSON-LD) when it is an article URL. */
export function canonicalUrl(doc: Document, pageUrl: string, jsonLd = readJsonLd(doc)): string {
  const own = firstOf(doc, site.fields.canonical, jsonLd, (v) => {
    const kind = classifyUrl(absoluteUrl(v, pageUrl) ?? '');
    return kind.kind === 'article' ? kind.url : null;
  });
  if (own) return own;
  const kind = classifyUrl(pageUrl);
  return kind.kind === 'article' ? kind.url : (absoluteUrl(pageUrl, pageUrl) ?? pageUrl);
}

/**
 * The meta line (`N 评论 N 浏览 N 收藏 N 分钟`): a site selector, else the smallest element whose text
 * carries both a view and a comment count.
 */
function findMetaLine(doc: Document): Element | null {
  const hasCounts = (el: Element) => {
    const line = countsText(el);
    return site.metaLine.mustHave.every((k) => site.statPatterns[k].some((p) => p.test(line)));
  };
  for (const selector of site.metaLine.selectors) {
    const el = firstElement(doc, selector);
    if (el && hasCounts(el)) return el;
  }
  // Climb from each text node that names a count to the first ancestor that holds all of them.
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
function countsText(el: Element | null): string {
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

function readLikes(doc: Document): number | null {
  for (const region of site.likes.regions) {
    const el = firstElement(doc, region);
    const count = el ? matchCount(squash(el.textContent), site.likes.patterns) : null;
    if (count !== null) return count;
  }
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

function readAuthor(doc: Document, base: string, jsonLd: ReturnType<typeof readJsonLd>): Article['author'] {
  let found: Element[] | null = null; // the page's profile links, listed only when a fallback needs them
  const profileLinks = () => (found ??= linksWhere(linksOf(doc), (href) => !!profileUrl(href, base)));
  const name =
    firstOf(doc, site.fields.authorName, jsonLd) ??
    profileLinks().map((a) => squash(a.textContent)).find((t) => t.length > 0) ??
    '';
  const url =
    firstOf(doc, site.fields.authorUrl, jsonLd, (v) => profileUrl(v, base)) ??
    profileUrl(profileLinks().find((a) => squash(a.textContent) === name)?.getAttribute('href'), base) ??
    profileUrl(profileLinks()[0]?.getAttribute('href'), base);
  return { name, url };
}

function readTags(doc: Document, base: string): string[] {
  const texts = (els: Iterable<Element>) => [...new Set([...els].map((a) => squash(a.textContent)).filter(Boolean))];
  for (const selector of site.tags.selectors) {
    const found = texts(queryAll(doc, selector));
    if (found.length) return found;
  }
  const shaped = texts(
    linksWhere(linksOf(doc), (href) => site.linkShapes.tag.test(absoluteUrl(href, base) ?? '')),
  );
  if (shaped.length) return shaped;
  const keywords = metaContent(doc, site.tags.keywordsMeta) ?? '';
  return [...new Set(keywords.split(/[,，、]/).map((t) => squash(t)).filter(Boolean))];
}

/** The first short text on the page that is a date (the header comes before the body). */
function firstDateText(doc: Document, now: Date): string | null {
  if (!doc.body) return null;
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = squash(node.nodeValue);
    if (!text || text.length > site.dateTextMaxLength) continue;
    const date = normalizeDate(text, now);
    if (date) return date;
  }
  return null;
}

function readPublished(doc: Document, jsonLd: ReturnType<typeof readJsonLd>, metaLine: Element | null, now: Date) {
  return (
    firstOf(doc, site.fields.published, jsonLd, (v) => normalizeDate(v, now)) ??
    // Without a date element, the date is printed in the meta line or, failing that, near the title.
    normalizeDate(squash(metaLine?.textContent), now) ??
    firstDateText(doc, now)
  );
}

function readCategory(doc: Document, url: string): Article['category'] {
  const kind = classifyUrl(url);
  const slug = kind.kind === 'article' ? kind.slug : '';
  const ownPage = new RegExp(`/category/${slug}/?$`, 'i');
  const linkName = (selector: string) =>
    squash(queryAll(doc, selector).find((a) => ownPage.test(a.getAttribute('href') ?? ''))?.textContent);
  const name = linkName(site.categoryLinks.breadcrumb) || site.categoryNames[slug] || linkName(site.categoryLinks.any);
  return { slug, name: name || null };
}

/** Reads every header field from the page, each through its ordered fallbacks. Does not modify `doc`. */
export function readMetadata(doc: Document, pageUrl: string, now: Date): Metadata {
  const jsonLd = readJsonLd(doc);
  const url = canonicalUrl(doc, pageUrl, jsonLd);
  const metaLine = findMetaLine(doc);
  const counts = countsText(metaLine);
  const title = firstOf(doc, site.fields.title, jsonLd, (v) => v.replace(site.titleSuffix, '').trim()) ?? '';
  const cover = firstOf(doc, site.fields.cover, jsonLd, (v) => absoluteUrl(v, url, 'image'));
  return {
    url,
    title,
    author: readAuthor(doc, url, jsonLd),
    published: readPublished(doc, jsonLd, metaLine, now),
    category: readCategory(doc, url),
    stats: {
      views: matchCount(counts, site.statPatterns.views),
      comments: matchCount(counts, site.statPatterns.comments),
      collects: matchCount(counts, site.statPatterns.collects),
      likes: readLikes(doc),
    },
    readingMinutes: matchCount(counts, site.statPatterns.readingMinutes),
    tags: readTags(doc, url),
    lead: firstOf(doc, site.fields.lead, jsonLd),
    cover,
  };
}
