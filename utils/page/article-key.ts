import { classifyUrl } from '../extract/urls';
import type { SiteUrls } from '../site/profile';

/**
 * The address an article's highlights are kept under: the canonical article URL the page declares
 * (og:url, then the canonical link) when it is one, else the page's own URL in its canonical form;
 * null when the page is not an article. Cheap: two look-ups, for the content script at page load.
 */
export function articleKey(doc: Document, site: SiteUrls): string | null {
  const declared = [
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    doc.URL,
  ];
  for (const url of declared) {
    const kind = url ? classifyUrl(url, site) : null;
    if (kind?.kind === 'article') return kind.url;
  }
  return null;
}
