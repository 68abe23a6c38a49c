/**
 * Images as the page got them. woshipm's CDNs refuse requests without a woshipm Referer, and a
 * request from an extension page carries none (`fetch`'s `referrer` cannot name another origin):
 * a session rule of declarativeNetRequest sets the one a woshipm page sends cross-origin, only on
 * requests to the image hosts that the extension itself makes.
 */
import { browser } from 'wxt/browser';
import { collectImages, type CollectOptions, type FetchImage, type ImageFailure } from '../utils/images';

/** What a woshipm page sends to its CDN under the default referrer policy (strict-origin-when-cross-origin). */
const referer = 'https://www.woshipm.com/';
const imageHosts = ['image.woshipm.com', 'static.woshipm.com'];
/** Fixed, so installing the rule again replaces it. */
const refererRuleId = 1;
const timeoutMs = 20_000;

/** Installs (or replaces) the Referer rule for this browser session. Idempotent. */
async function allowImageReferer(): Promise<void> {
  // Chrome: the extension id; Firefox: the moz-extension UUID.
  const self = new URL(browser.runtime.getURL('/')).host;
  await browser.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [refererRuleId],
    addRules: [
      {
        id: refererRuleId,
        priority: 1,
        action: {
          type: 'modifyHeaders',
          requestHeaders: [{ header: 'referer', operation: 'set', value: referer }],
        },
        condition: {
          requestDomains: imageHosts,
          initiatorDomains: [self],
          resourceTypes: ['xmlhttprequest', 'other'],
        },
      },
    ],
  });
}

/** One image over the network (host permissions: no CORS needed), or throws `HTTP 404`, a timeout… */
const fetchImage: FetchImage = async (url) => {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new Error((error as Error).name === 'TimeoutError' ? `timeout ${timeoutMs / 1000} s` : String(error));
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
};

export interface SavedImages {
  /** Image URL -> link (`local`: relative path; `inline`: `data:` URI), for each image saved. */
  links: Map<string, string>;
  /** `local` without `onFile`: the files, `<folder>/<hash>.<ext>`. */
  files: { path: string; bytes: Uint8Array }[];
  /** How many images there were (those worth saving), how many were saved. */
  total: number;
  saved: number;
  failures: ImageFailure[];
}

/** An image's bytes kept with the article (the library's, when images are kept offline), or null when not kept. */
export type KeptImage = (url: string) => Promise<Awaited<ReturnType<FetchImage>> | null>;

/**
 * Fetches `urls` as the page got them and saves them (`local`: files handed to `onFile` or returned;
 * `inline`: `data:` URIs); those that cannot be saved are listed and keep their remote URL. An image
 * `kept` has is taken from there, not the network.
 */
export async function saveImages(urls: readonly string[], options: CollectOptions, kept?: KeptImage): Promise<SavedImages> {
  options.onProgress?.(0, urls.length);
  if (urls.length) await allowImageReferer();
  const fetchKept: FetchImage = kept ? async (url) => (await kept(url).catch(() => null)) ?? fetchImage(url) : fetchImage;
  const { links, files, failures } = await collectImages(urls, fetchKept, options);
  return { links, files, total: urls.length, saved: links.size, failures };
}
