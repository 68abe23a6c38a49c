import type { SiteProfile, SiteUrls } from '../site/profile';

export type PageKind =
  | { kind: 'not-woshipm' }
  | { kind: 'article'; slug: string; id: string; url: string }
  | { kind: 'non-article'; page: string }
  | { kind: 'unknown' };

function parse(url: string, base?: string): URL | null {
  try {
    return base ? new URL(url, base) : new URL(url);
  } catch {
    return null;
  }
}

/** What a URL points to on `site`, by its shape alone. Article URLs come back canonical (https, www, no query). */
export function classifyUrl(url: string, site: SiteUrls): PageKind {
  const u = parse(url);
  if (!u || !/^https?:$/.test(u.protocol) || !site.hostPattern.test(u.hostname)) return { kind: 'not-woshipm' };
  const art = site.articlePath.exec(u.pathname);
  if (art) {
    const slug = art[1]!.toLowerCase();
    return { kind: 'article', slug, id: art[2]!, url: `${site.origin}/${slug}/${art[2]}.html` };
  }
  const known = site.nonArticlePaths.find((p) => p.path.test(u.pathname));
  return known ? { kind: 'non-article', page: known.kind } : { kind: 'unknown' };
}

const safeLinkProtocols = new Set(['http:', 'https:', 'mailto:']);
const safeImageProtocols = new Set(['http:', 'https:']);

/**
 * An absolute URL for `href` against `base`, or null when it is empty or not safe to follow
 * (`javascript:`, `data:`, `vbscript:`, `file:` ...). Protocol-relative URLs and http URLs of
 * the site's hosts become https.
 */
export function absoluteUrl(
  href: string | null | undefined,
  base: string,
  site: Pick<SiteProfile, 'hostPattern'>,
  kind: 'link' | 'image' = 'link',
): string | null {
  const raw = (href ?? '').trim();
  if (!raw) return null;
  const u = parse(raw, base);
  if (!u) return null;
  const allowed = kind === 'image' ? safeImageProtocols : safeLinkProtocols;
  if (!allowed.has(u.protocol)) return null;
  if (u.protocol === 'http:' && (site.hostPattern.test(u.hostname) || raw.startsWith('//'))) u.protocol = 'https:';
  return u.href;
}

/** An author's profile link on `site` in its one canonical form, or null if `href` is not one. */
export function profileUrl(href: string | null | undefined, base: string, site: SiteProfile): string | null {
  const abs = absoluteUrl(href, base, site);
  const m = abs && site.profileLink.exec(abs);
  return m ? site.profileUrl(m[1]!) : null;
}
