import { classifyUrl } from '../extract/urls';
import type { SiteUrls } from '../site/profile';

/**
 * The address an article's highlights are kept under: the canonical article URL the page declares
 * (og:url, then the canonical link), else the page's own URL in its canonical form; null when the page
 * is not an article. A declared URL of another article than the address bar's is stale (the site moves
 * between articles with the History API and may leave its old meta tags): the address bar wins then.
 * Cheap: two look-ups, for the content script at page load.
 */
export function articleKey(doc: Document, site: SiteUrls): string | null {
  const own = classifyUrl(doc.URL, site);
  const declared = [doc.querySelector('meta[property="og:url"]')?.getAttribute('content'), doc.querySelector('link[rel="canonical"]')?.getAttribute('href')];
  for (const url of declared) {
    const kind = url ? classifyUrl(url, site) : null;
    if (kind?.kind === 'article' && (own.kind !== 'article' || own.id === kind.id)) return kind.url;
  }
  return own.kind === 'article' ? own.url : null;
}
