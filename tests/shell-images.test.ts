/** The extension's image fetching: the Referer rule it installs, and what it makes of an article's images. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { saveImages } from '../shell/images';
import { exportableImages } from '../utils/images';
import { woshipm } from '../utils/site/woshipm';
import type { Article } from '../utils/types';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const A = 'https://image.woshipm.com/wp-files/2024/01/a.png';
const B = 'https://image.woshipm.com/wp-files/2024/01/b.png!/fw/600';
const missing = 'https://image.woshipm.com/wp-files/2024/01/missing.png';
const avatar = 'https://static.woshipm.com/view/x.png?imageView2/1/w/72/h/72/q/100';

const article = {
  title: '图',
  html: `<p><img src="${A}"></p><p><img src="${B}"></p><p><img src="${missing}"></p><p><img src="${avatar}"></p>`,
  cover: A,
} as Article;

/** The article's images as an export takes them (furniture such as avatars left out), saved. */
const articleImages = (a: Article, options: Parameters<typeof saveImages>[1]) =>
  saveImages(
    exportableImages(a, (html) => new DOMParser().parseFromString(html, 'text/html'), woshipm.clutter.imageUrls),
    options,
  );

function stubNetwork() {
  const rules = vi.spyOn(fakeBrowser.declarativeNetRequest, 'updateSessionRules').mockResolvedValue(undefined as never);
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    if (url.includes('missing')) return new Response('<h1>404</h1>', { status: 404 });
    return new Response(png, { headers: { 'content-type': 'image/png' } });
  });
  return { rules, fetch };
}

describe('articleImages', () => {
  it('installs one session rule: the woshipm Referer, on the image hosts, for requests from the extension only', async () => {
    const { rules } = stubNetwork();
    await articleImages(article, { mode: 'local', folder: 'assets' });
    await articleImages(article, { mode: 'local', folder: 'assets' });
    const self = new URL(fakeBrowser.runtime.getURL('/')).host;
    const expected = {
      removeRuleIds: [1],
      addRules: [
        {
          id: 1,
          priority: 1,
          action: { type: 'modifyHeaders', requestHeaders: [{ header: 'referer', operation: 'set', value: 'https://www.woshipm.com/' }] },
          condition: { requestDomains: ['image.woshipm.com', 'static.woshipm.com'], initiatorDomains: [self], resourceTypes: ['xmlhttprequest', 'other'] },
        },
      ],
    };
    expect(rules.mock.calls).toEqual([[expected], [expected]]); // replaced, never added twice
  });

  it('saves what it can (avatars left out), reports the rest with the reason, and links the saved ones', async () => {
    const { fetch } = stubNetwork();
    const progress: [number, number][] = [];
    const result = await articleImages(article, { mode: 'local', folder: 'attachments', onProgress: (done, total) => progress.push([done, total]) });
    expect(result.total).toBe(3);
    expect(result.saved).toBe(2);
    expect(result.failures).toEqual([{ url: missing, reason: 'unreachable', detail: 'HTTP 404' }]);
    expect(result.files).toHaveLength(1); // same bytes, one file
    expect(result.files[0]!.path).toMatch(/^attachments\/[0-9a-f]{16}\.png$/);
    expect(result.links.get(A)).toBe(result.files[0]!.path);
    expect(result.links.has(missing)).toBe(false);
    expect(progress).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(fetch.mock.calls.map(([url]) => String(url))).not.toContain(avatar);
    expect(fetch.mock.calls.map(([, init]) => init?.credentials)).toEqual(fetch.mock.calls.map(() => 'omit'));
  });

  it('asks for nothing when the body has no images', async () => {
    const { rules, fetch } = stubNetwork();
    const result = await articleImages({ ...article, html: '<p>文字</p>', cover: null }, { mode: 'inline', folder: 'assets' });
    expect(result).toMatchObject({ total: 0, saved: 0, failures: [], files: [] });
    expect(rules).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });
});
