import { articlePath, hostPattern, nonArticlePaths, origin } from '../site/woshipm';

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

/** What a URL points to, by its shape alone. Article URLs come back canonical (https, www, no query). */
export function classifyUrl(url: string): PageKind {
  const u = parse(url);
  if (!u || !/^https?:$/.test(u.protocol) || !hostPattern.test(u.hostname)) return { kind: 'not-woshipm' };
  const art = articlePath.exec(u.pathname);
  if (art) {
    const slug = art[1]!.toLowerCase();
    return { kind: 'article', slug, id: art[2]!, url: `${origin}/${slug}/${art[2]}.html` };
  }
  const known = nonArticlePaths.find((p) => p.path.test(u.pathname));
  return known ? { kind: 'non-article', page: known.kind } : { kind: 'unknown' };
}

const safeLinkProtocols = new Set(['http:', 'https:', 'mailto:']);
const safeImageProtocols = new Set(['http:', 'https:']);

/**
 * An absolute URL for `href` against `base`, or null when it is empty or not safe to follow
 * (`javascript:`, `data:`, `vbscript:`, `file:` ...). Protocol-relative and http woshipm URLs
 * become https.
 */
export function absoluteUrl(href: string | null | undefined, base: string, kind: 'link' | 'image' = 'link'): string | null {
  const raw = (href ?? '').trim();
  if (!raw) return null;
  const u = parse(raw, base);
  if (!u) return null;
  const allowed = kind === 'image' ? safeImageProtocols : safeLinkProtocols;
  if (!allowed.has(u.protocol)) return null;
  if (u.protocol === 'http:' && (hostPattern.test(u.hostname) || raw.startsWith('//'))) u.protocol = 'https:';
  return u.href;
}

/** A woshipm profile link in its one canonical form, or null if `href` is not one. */
export function profileUrl(href: string | null | undefined, base: string): string | null {
  const abs = absoluteUrl(href, base);
  const m = abs && /^https?:\/\/([a-z0-9-]+\.)?woshipm\.com\/u\/(\d+)\/?(?:[?#].*)?$/i.exec(abs);
  return m ? `${origin}/u/${m[2]}` : null;
}
