import { putArticle, usage } from '../../shell/library';
import type { Article } from '../../utils/types';
import type { ReadingState } from '../../utils/library/types';
import type { LibrarySearch } from './search-index';

/**
 * Only in the end-to-end tests' build: the library's own write (`putArticle`, the one every way in uses),
 * reachable from the test driver, which cannot pass a Map or bytes: images come as base64; and how many articles
 * the library holds (a bench run again on a kept profile finds its library written).
 */
export function exposeForTests(): void {
  const put = (article: Article, state?: ReadingState, images: [url: string, base64: string, type: string][] = []) =>
    putArticle(article, {
      state,
      images: images.length
        ? new Map(images.map(([url, base64, type]) => [url, { bytes: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)), type }]))
        : undefined,
    });
  Object.assign(globalThis, { woshipmLibrary: { put, count: async () => (await usage()).articles } });
}

/** Only in the test build: the page's own search (its loaded index), for `npm run bench:library` to time queries in the page. */
export function exposeSearchForTests(search: LibrarySearch): void {
  Object.assign(globalThis, { woshipmLibrarySearch: search });
}

/**
 * Only in the test build: `library.html?hook-only` exposes the write and renders nothing, so a bench can fill the
 * library without the page reading and indexing each article as it arrives.
 */
export const hookOnly = () => new URLSearchParams(location.search).has('hook-only');
