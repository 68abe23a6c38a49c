import type { SiteProfile } from '../site/profile';
import type { Article } from '../types';
import { normalizeDate } from './dates';
import { parseCount, squash } from './text';
import { documentOf, type Page } from './pageindex';
import { firstElement, linksOf, queryAll } from './selectors';
import { firstOf, metaContent, readJsonLd } from './sources';
import { absoluteUrl, classifyUrl, profileUrl } from './urls';

export type Metadata = Pick<
  Article,
  'url' | 'title' | 'author' | 'published' | 'category' | 'stats' | 'tags' | 'lead' | 'cover'
> & { readingMinutes: number | null };

/** The address a page declares for itself (og:url, canonical link, JSON-LD), any kind of page. */
export function declaredUrl(page: Page, site: SiteProfile): string | null {
  return firstOf(page, site.fields.canonical, readJsonLd(page), (v) => absoluteUrl(v, site.origin, site));
}

/** The canonical article URL: the page's own (og:url, canonical link, JSON-LD) when it is an article URL. */
function canonicalUrl(page: Page, pageUrl: string, site: SiteProfile, jsonLd = readJsonLd(page)): string {
  const own = firstOf(page, site.fields.canonical, jsonLd, (v) => {
    const kind = classifyUrl(absoluteUrl(v, pageUrl, site) ?? '', site);
    return kind.kind === 'article' ? kind.url : null;
  });
  if (own) return own;
  const kind = classifyUrl(pageUrl, site);
  return kind.kind === 'article' ? kind.url : (absoluteUrl(pageUrl, pageUrl, site) ?? pageUrl);
}

/**
 * The meta line (`N 评论 N 浏览 N 收藏 N 分钟`): a site selector, else the smallest element whose text
 * carries both a view and a comment count.
 */
function findMetaLine(page: Page, site: SiteProfile): Element | null {
  const hasCounts = (el: Element) => {
    const line = countsText(el, site);
    return site.metaLine.mustHave.every((k) => site.statPatterns[k].some((p) => p.test(line)));
  };
  for (const selector of site.metaLine.selectors) {
    const el = firstElement(page, selector);
    if (el && hasCounts(el)) return el;
  }
  // Climb from each text node that names a count to the first ancestor that holds all of them.
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

function readLikes(page: Page, site: SiteProfile): number | null {
  for (const region of site.likes.regions) {
    const el = firstElement(page, region);
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

function readAuthor(page: Page, base: string, jsonLd: ReturnType<typeof readJsonLd>, site: SiteProfile): Article['author'] {
  let found: Element[] | null = null; // the page's profile links, listed only when a fallback needs them
  const profileLinks = () => (found ??= linksWhere(linksOf(page), (href) => !!profileUrl(href, base, site)));
  const name =
    firstOf(page, site.fields.authorName, jsonLd) ??
    profileLinks().map((a) => squash(a.textContent)).find((t) => t.length > 0) ??
    '';
  const url =
    firstOf(page, site.fields.authorUrl, jsonLd, (v) => profileUrl(v, base, site)) ??
    profileUrl(profileLinks().find((a) => squash(a.textContent) === name)?.getAttribute('href'), base, site) ??
    profileUrl(profileLinks()[0]?.getAttribute('href'), base, site);
  return { name, url };
}

function readTags(page: Page, base: string, site: SiteProfile): string[] {
  const texts = (els: Iterable<Element>) => [...new Set([...els].map((a) => squash(a.textContent)).filter(Boolean))];
  for (const selector of site.tags.selectors) {
    const found = texts(queryAll(page, selector));
    if (found.length) return found;
  }
  const shaped = texts(
    linksWhere(linksOf(page), (href) => site.linkShapes.tag.test(absoluteUrl(href, base, site) ?? '')),
  );
  if (shaped.length) return shaped;
  const keywords = metaContent(page, site.tags.keywordsMeta) ?? '';
  return [...new Set(keywords.split(/[,，、]/).map((t) => squash(t)).filter(Boolean))];
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

function readPublished(page: Page, jsonLd: ReturnType<typeof readJsonLd>, metaLine: Element | null, now: Date, site: SiteProfile) {
  return (
    firstOf(page, site.fields.published, jsonLd, (v) => normalizeDate(v, now, site)) ??
    // Without a date element, the date is printed in the meta line or, failing that, near the title.
    normalizeDate(squash(metaLine?.textContent), now, site) ??
    firstDateText(page, now, site)
  );
}

function readCategory(page: Page, url: string, site: SiteProfile): Article['category'] {
  const kind = classifyUrl(url, site);
  const slug = kind.kind === 'article' ? kind.slug : '';
  const ownPage = new RegExp(`/category/${slug}/?$`, 'i');
  const linkName = (selector: string) =>
    squash(queryAll(page, selector).find((a) => ownPage.test(a.getAttribute('href') ?? ''))?.textContent);
  const name = linkName(site.categoryLinks.breadcrumb) || site.categoryNames[slug] || linkName(site.categoryLinks.any);
  return { slug, name: name || null };
}

/** Reads every header field from the page, each through its ordered fallbacks. Does not modify `page`. */
export function readMetadata(page: Page, pageUrl: string, now: Date, site: SiteProfile): Metadata {
  const jsonLd = readJsonLd(page);
  const url = canonicalUrl(page, pageUrl, site, jsonLd);
  const metaLine = findMetaLine(page, site);
  const counts = countsText(metaLine, site);
  const title = firstOf(page, site.fields.title, jsonLd, (v) => v.replace(site.titleSuffix, '').trim()) ?? '';
  const cover = firstOf(page, site.fields.cover, jsonLd, (v) => absoluteUrl(v, url, site, 'image'));
  return {
    url,
    title,
    author: readAuthor(page, url, jsonLd, site),
    published: readPublished(page, jsonLd, metaLine, now, site),
    category: readCategory(page, url, site),
    stats: {
      views: matchCount(counts, site.statPatterns.views),
      comments: matchCount(counts, site.statPatterns.comments),
      collects: matchCount(counts, site.statPatterns.collects),
      likes: readLikes(page, site),
    },
    readingMinutes: matchCount(counts, site.statPatterns.readingMinutes),
    tags: readTags(page, url, site),
    lead: firstOf(page, site.fields.lead, jsonLd),
    cover,
  };
}
