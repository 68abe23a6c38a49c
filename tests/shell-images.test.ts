/** The popup's image fetching: the Referer rule it installs, and what it makes of an article's images. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { unzipSync } from 'fflate';
import { downloadWithImages, inlineMarkdown } from '../entrypoints/popup/images';
import { articleImages } from '../shell/images';
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
    expect(result.article.html).toContain(`src="${result.files[0]!.path}"`);
    expect(result.article.html).toContain(`src="${missing}"`);
    expect(result.article.cover).toBe(result.files[0]!.path);
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

describe('the popup with images', () => {
  const request = {
    article,
    edited: null,
    render: async (a: Article) => a.html.replace(/<img src="([^"]+)">/g, '![]($1)').replace(/<\/?p>/g, '\n'),
    onProgress: () => undefined,
  };

  it('downloads `<name>.zip` with `<name>.md` and the images folder, under the ASCII name when refused', async () => {
    stubNetwork();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:zip'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const download = vi.spyOn(fakeBrowser.downloads, 'download').mockRejectedValueOnce(new Error('Invalid filename')).mockResolvedValue(1 as never);
    const outcome = await downloadWithImages({ ...request, mode: 'local', folder: 'assets' }, 'pmd/2024-01-02-图.md', '2024-01-02-woshipm-1.md');
    expect(outcome).toMatchObject({ total: 3, saved: 2 });
    expect(download.mock.calls.map(([o]) => o.filename)).toEqual(['pmd/2024-01-02-图.zip', '2024-01-02-woshipm-1.zip']);
    expect(download.mock.calls.map(([o]) => o.url)).toEqual(['blob:zip', 'blob:zip']);
    const files = unzipSync(new Uint8Array(await blobs[0]!.arrayBuffer()));
    // the image went into the zip as it arrived; the Markdown, which links it, comes last
    const [image, md] = Object.keys(files);
    expect(md).toBe('2024-01-02-图.md');
    expect(image).toMatch(/^assets\/[0-9a-f]{16}\.png$/);
    expect(files[image!]).toEqual(png);
    expect(new TextDecoder().decode(files[md!])).toContain(`![](${image})`);
  });

  it('puts the images into Markdown the user edited, by their URLs', async () => {
    stubNetwork();
    const edited = `# 我改过的\n\n![](${A})\n\n![](${missing})\n`;
    const { markdown, failures } = await inlineMarkdown({ ...request, edited });
    expect(markdown).toMatch(/^# 我改过的\n\n!\[\]\(data:image\/png;base64,[A-Za-z0-9+/=]+\)\n\n/);
    expect(markdown).toContain(`![](${missing})`);
    expect(failures.map((f) => f.url)).toEqual([missing]);
  });
});
