/**
 * Which images of an article are worth saving, and at what size. woshipm's CDNs (UPYUN for
 * `image.woshipm.com`, Qiniu for `static.woshipm.com`) resize on the fly from a suffix of the URL;
 * without the suffix they serve the original the article shows.
 */
import type { Article } from '../types';

const imageExtension = String.raw`\.(?:jpe?g|png|gif|webp|avif|bmp|svg|ico|tiff?|heic)`;
/** UPYUN `x.jpg!/both/72x72`, `!/fw/600`, `!w600`; old Aliyun `x.jpg@100w_100h`: from `!`/`@` after the extension. */
const pathSuffix = new RegExp(`(${imageExtension})[!@][^/]*(?:/.*)?$`, 'i');
/** Qiniu / Tencent COS operations as the whole query: `?imageView2/1/w/72/h/72`, `?imageMogr2/...`, `?imageslim`. */
const processQuery = /^\?(?:imageView2|imageMogr2|imageslim|watermark|thumbnail)\b/i;
/** Aliyun OSS: `?x-oss-process=image/resize,w_600`. */
const ossProcess = 'x-oss-process';

/** The original of a CDN-resized image (resize, crop, format and quality suffixes removed); other URLs unchanged. */
export function fullSizeUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return url;
  // UPYUN's `!` is a literal in the path; URL keeps it as is.
  const { pathname, search: query } = u;
  const path = pathname.replace(pathSuffix, '$1');
  let search = query;
  if (processQuery.test(search)) search = '';
  else if (u.searchParams.has(ossProcess)) {
    u.searchParams.delete(ossProcess);
    search = u.search;
  }
  if (path === pathname && search === query) return url;
  return `${u.origin}${path}${search}${u.hash}`;
}

/** Only web images are fetched; `data:` images are inline already. */
const fetchable = /^https?:\/\//i;

/**
 * The distinct `src` URLs of the body's images, in body order, minus those matching
 * `excludePatterns` (avatars, badges, QR codes, promotions: `site.clutter.imageUrls`), tested on
 * the URL as shown and as full size. The URLs are as in `article.html`, the keys of the `links`
 * that `withImageLinks` applies.
 */
export function exportableImages(
  source: string | Pick<Article, 'html'>,
  parseHtml: (html: string) => Document,
  excludePatterns: readonly RegExp[] = [],
): string[] {
  const html = typeof source === 'string' ? source : source.html;
  const doc = parseHtml(`<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
  const urls = new Set<string>();
  for (const img of Array.from(doc.body.getElementsByTagName('img'))) {
    const src = img.getAttribute('src')?.trim();
    if (!src || !fetchable.test(src) || urls.has(src)) continue;
    const full = fullSizeUrl(src);
    if (excludePatterns.some((p) => p.test(src) || p.test(full))) continue;
    urls.add(src);
  }
  return [...urls];
}
