/** utils/images (pure core) and the CLI's `--images` on a page saved "complete". */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { marked } from 'marked';
import { describe, expect, it, vi } from 'vitest';
import { walkPages } from '../cli/library';
import { main } from '../cli/md';
import {
  assetName,
  collectImages,
  dataUri,
  exportableImages,
  fullSizeUrl,
  linkDestination,
  relativeLink,
  safeFolderName,
  savedImageFiles,
  sniffImage,
  withImageLinks,
  StoredZipWriter,
  type FetchImage,
} from '../utils/images';
import { woshipm } from '../utils/site/woshipm';
import { fixtureArticle, fixturesDir, loadDocument } from './helpers';

const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const bytes = (...values: number[]) => new Uint8Array(values);
const savedDir = path.join(fixturesDir, 'saved-complete');
const savedName = '加密货币 新规';
const savedFile = (file: string) => new Uint8Array(readFileSync(path.join(savedDir, `${savedName}_files`, file)));
const red = savedFile('239e4f14-dcf5-11ed-ab4d-00163e0b5ff3.png');
const grey = savedFile('a7d7a808-0e93-11f0-8fbc-00163e09d72f.png'); // a JPEG under a .png name
const blue = savedFile('a8c76bf4-0e93-11f0-8fbc-00163e09d72f.png');

describe('fullSizeUrl', () => {
  it.each([
    // UPYUN (image.woshipm.com), as the pages serve them
    ['https://image.woshipm.com/wp-files/2019/12/eExfcnn7GeqYxrRzlDJp.gif!/both/72x72', 'https://image.woshipm.com/wp-files/2019/12/eExfcnn7GeqYxrRzlDJp.gif'],
    [
      'https://image.woshipm.com/wp-files/2022/03/v2vWJy7VzhAtnveOAcni.jpeg!/both/72x72',
      'https://image.woshipm.com/wp-files/2022/03/v2vWJy7VzhAtnveOAcni.jpeg',
    ],
    ['https://image.woshipm.com/wp-files/2022/06/js8qmMAWmq9AQbSkwovU.jpg!/fw/600', 'https://image.woshipm.com/wp-files/2022/06/js8qmMAWmq9AQbSkwovU.jpg'],
    [
      'https://image.woshipm.com/wp-files/2022/06/js8qmMAWmq9AQbSkwovU.jpg!/fw/600/quality/80/format/webp',
      'https://image.woshipm.com/wp-files/2022/06/js8qmMAWmq9AQbSkwovU.jpg',
    ],
    [
      'https://image.woshipm.com/2024/07/26/1e4d4bc4-4b1b-11ef-a43d-00163e142b65.png!w600',
      'https://image.woshipm.com/2024/07/26/1e4d4bc4-4b1b-11ef-a43d-00163e142b65.png',
    ],
    // Qiniu (static.woshipm.com)
    [
      'https://static.woshipm.com/view/woshipm_api_def_20240921121255_6519.jpg?imageView2/1/w/72/h/72/q/100',
      'https://static.woshipm.com/view/woshipm_api_def_20240921121255_6519.jpg',
    ],
    [
      'https://static.woshipm.com/APP_U_202212_20221212182502_4453.jpeg?imageMogr2/thumbnail/600x/format/webp',
      'https://static.woshipm.com/APP_U_202212_20221212182502_4453.jpeg',
    ],
    ['https://static.woshipm.com/a.png?imageslim', 'https://static.woshipm.com/a.png'],
    // Aliyun OSS and old Aliyun image service
    ['https://example-oss.aliyuncs.com/a/b.png?x-oss-process=image/resize,w_600&v=2', 'https://example-oss.aliyuncs.com/a/b.png?v=2'],
    ['https://img.example.com/a/b.jpg@100w_100h_1e', 'https://img.example.com/a/b.jpg'],
  ])('%s', (url, full) => expect(fullSizeUrl(url)).toBe(full));

  it.each([
    'https://image.woshipm.com/wp-files/2020/11/hfwxx8mBooYTV6S7F7C2.jpg',
    'https://image.woshipm.com/2023/08/02/769bf6f4-30e6-11ee-b3cb-00163e0b5ff3.png',
    'https://static.woshipm.com/tag/1101_1@2x.png', // @2x is part of the name
    'https://image.yunyingpai.com/wp/2022/03/xEZiWTudbB029LYy3lNT.png',
    'https://example.com/chart.png?id=3',
    'https://example.com/wow!/image.png', // a `!` in a folder name, not after an image extension
    'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
    'not a url',
  ])('leaves %s alone', (url) => expect(fullSizeUrl(url)).toBe(url));
});

describe('exportableImages', () => {
  const html = [
    '<p><img src="https://image.woshipm.com/2024/07/26/a.png" alt=""></p>',
    '<p><img src="https://static.woshipm.com/view/woshipm_api_def_1.jpg?imageView2/1/w/72/h/72/q/100"></p>',
    '<p><img src="https://static.woshipm.com/tag/1101_1@2x.png"></p>',
    '<p><img src="https://api.pwmqr.com/qrcode/create/?url=x"></p>',
    '<p><img src="https://image.woshipm.com/wp-files/2022/06/b.jpg!/fw/600"><img src="https://image.woshipm.com/2024/07/26/a.png"></p>',
    '<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><img src="https://image.woshipm.com/ad/side-1.png"></p>',
  ].join('');

  it('lists the distinct body images in order, minus the site clutter patterns', () => {
    expect(exportableImages(html, parseHtml, woshipm.clutter.imageUrls)).toEqual([
      'https://image.woshipm.com/2024/07/26/a.png',
      'https://image.woshipm.com/wp-files/2022/06/b.jpg!/fw/600',
    ]);
  });

  it('takes an Article, and tests patterns on the full-size URL too', () => {
    expect(exportableImages({ html }, parseHtml, [/wp-files\/2022\/06\/b\.jpg$/])).not.toContain('https://image.woshipm.com/wp-files/2022/06/b.jpg!/fw/600');
  });

  it('finds every image of a real extracted article', () => {
    const article = fixtureArticle('it-2025-6200141');
    const urls = exportableImages(article, parseHtml, woshipm.clutter.imageUrls);
    expect(urls).toHaveLength(4);
    expect(urls.every((u) => u.startsWith('https://image.woshipm.com/'))).toBe(true);
  });
});

describe('sniffImage', () => {
  const ascii = (text: string) => new TextEncoder().encode(text);
  it.each([
    ['png', red, 'image/png'],
    ['jpg', grey, 'image/jpeg'],
    ['gif', ascii('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 'image/gif'],
    ['webp', ascii('RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00'), 'image/webp'],
    ['avif', bytes(0, 0, 0, 0x1c, ...ascii('ftypavif'), 0, 0, 0, 0, ...ascii('avifmif1miaf')), 'image/avif'],
    ['avif', bytes(0, 0, 0, 0x18, ...ascii('ftypmif1'), 0, 0, 0, 0, ...ascii('mif1avif')), 'image/avif'],
    ['bmp', bytes(0x42, 0x4d, 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0), 'image/bmp'],
    ['ico', bytes(0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0x68, 4, 0, 0, 0x16, 0, 0, 0), 'image/x-icon'],
    ['svg', ascii('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'), 'image/svg+xml'],
    ['svg', ascii('\ufeff<?xml version="1.0"?>\n<!-- 图 -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>图</svg>'), 'image/svg+xml'],
  ])('%s', (ext, data, mime) => expect(sniffImage(data)).toEqual({ ext, mime }));

  it('believes the bytes over the Content-Type', () => {
    expect(sniffImage(grey, 'image/png')).toEqual({ ext: 'jpg', mime: 'image/jpeg' });
  });

  it('falls back to the Content-Type for binary formats it does not check', () => {
    expect(sniffImage(bytes(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0), 'image/tiff; charset=binary')).toEqual({ ext: 'tif', mime: 'image/tiff' });
  });

  it('refuses an error page served as an image, and nonsense', () => {
    expect(sniffImage(ascii('<!DOCTYPE html><html><body>404 Not Found</body></html>'), 'image/png')).toBeNull();
    expect(sniffImage(ascii('{"error":"hotlink"}'), 'image/jpeg')).toBeNull();
    expect(sniffImage(bytes(1, 2, 3, 4, 5, 6), 'application/octet-stream')).toBeNull();
    expect(sniffImage(bytes(0x89, 0x50))).toBeNull();
  });
});

describe('names and links', () => {
  it('names a file by its content: 16 hex characters and the extension', async () => {
    const name = await assetName(red, 'png');
    expect(name).toMatch(/^[0-9a-f]{16}\.png$/);
    expect(await assetName(red.slice(), '.PNG')).toBe(name);
    expect(await assetName(blue, 'png')).not.toBe(name);
  });

  it('makes folder names every file system accepts', () => {
    expect(safeFolderName('attachments')).toBe('attachments');
    expect(safeFolderName('图片 附件')).toBe('图片 附件');
    expect(safeFolderName('a:b*c?"d"<e>|f')).toBe('a_b_c__d__e__f');
    expect(safeFolderName('media/img.')).toBe('media/img');
    expect(safeFolderName('../../etc')).toBe('etc');
    expect(safeFolderName('CON')).toBe('_CON');
    expect(safeFolderName('')).toBe('assets');
  });

  it('links relative to the Markdown file', () => {
    expect(relativeLink('', 'assets/a.png')).toBe('assets/a.png');
    expect(relativeLink('zhichang/2024', 'assets/a.png')).toBe('../../assets/a.png');
    expect(relativeLink('assets', 'assets/a.png')).toBe('a.png');
    expect(relativeLink('a/b', 'a/c/x.png')).toBe('../c/x.png');
  });

  it.each([
    ['my images (2)/a.png'],
    ['图片 附件/3f9a0c1b2d4e5f60.png'],
    ['职场攻略/2024/资料#1/a?.png'],
    [`${safeFolderName('a:b [x] 100% <y>')}/a.png`],
    ['tab\there/back\\slash/a.png'],
  ])('CommonMark reads the link to %s back to the same path', (target) => {
    const destination = relativeLink('', target);
    expect(destination).not.toMatch(/[\s()<>]/);
    const html = marked.parse(`![图](${destination})`, { async: false }) as string;
    const src = parseHtml(html).querySelector('img')!.getAttribute('src')!;
    expect(decodeURIComponent(src)).toBe(target);
    // and resolved as a URL, as Obsidian / Typora / GitBook do, it lands on the same file
    const resolved = new URL(destination, 'file:///export/');
    expect(decodeURIComponent(resolved.pathname)).toBe(`/export/${target.replace(/\\/g, '\\')}`);
  });

  it('keeps CJK readable in links', () => {
    expect(linkDestination('图片/a.png')).toBe('图片/a.png');
  });
});

/** A fetcher over a table of URL -> bytes (or an error). */
function fakeFetch(table: Record<string, Uint8Array | string | Error>, calls: string[] = []): FetchImage {
  return async (url) => {
    calls.push(url);
    const entry = table[url];
    if (entry === undefined) throw new Error('HTTP 404');
    if (entry instanceof Error) throw entry;
    if (typeof entry === 'string') return { bytes: new TextEncoder().encode(entry), contentType: 'image/png' };
    return { bytes: entry, contentType: 'image/png' };
  };
}

const A = 'https://image.woshipm.com/2025/04/01/a.png';
const B = 'https://image.woshipm.com/wp-files/2022/06/b.jpg!/fw/600';
const C = 'https://image.woshipm.com/2025/04/01/c.png';
const D = 'https://image.woshipm.com/2025/04/01/d.png';

describe('collectImages', () => {
  it('saves each image once, named by content, with links from the Markdown folder', async () => {
    const calls: string[] = [];
    const fetch = fakeFetch({ [A]: red, [fullSizeUrl(B)]: grey, [C]: red.slice() }, calls);
    const result = await collectImages([A, B, C, A], fetch, { mode: 'local', folder: 'attachments', linkFrom: 'it/2025' });
    expect(result.failures).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual([`attachments/${await assetName(red, 'png')}`, `attachments/${await assetName(grey, 'jpg')}`]);
    expect(result.files[1]!.bytes).toEqual(grey);
    expect(result.links.get(A)).toBe(`../../${result.files[0]!.path}`);
    expect(result.links.get(C)).toBe(result.links.get(A)); // same bytes, one file
    expect(result.links.get(B)).toBe(`../../${result.files[1]!.path}`);
    expect(calls.filter((u) => u === A)).toHaveLength(1);
    expect(calls).toContain('https://image.woshipm.com/wp-files/2022/06/b.jpg'); // the original, not the 600px copy
  });

  it('falls back to the size shown when the original cannot be had', async () => {
    const result = await collectImages([B], fakeFetch({ [B]: grey }), { mode: 'local' });
    expect(result.links.get(B)).toMatch(/^assets\/[0-9a-f]{16}\.jpg$/);
  });

  it('keeps files already written by earlier articles out of the result, and still links them', async () => {
    const written = new Set<string>();
    const first = await collectImages([A], fakeFetch({ [A]: red }), { mode: 'local', written });
    const second = await collectImages([C], fakeFetch({ [C]: red }), { mode: 'local', written, linkFrom: 'x' });
    expect(first.files).toHaveLength(1);
    expect(second.files).toEqual([]);
    expect(second.links.get(C)).toBe(`../${first.files[0]!.path}`);
  });

  it('reports what it could not save, and saves the rest', async () => {
    const fetch = fakeFetch({ [A]: red, [C]: '<!doctype html><title>403</title>防盗链', [D]: new Error('fetch failed') });
    const result = await collectImages([A, B, C, D], fetch, { mode: 'local' });
    expect(result.files).toHaveLength(1);
    expect([...result.links.keys()]).toEqual([A]);
    expect(result.failures).toEqual([
      { url: B, reason: 'unreachable', detail: 'HTTP 404' },
      { url: C, reason: 'not-image', detail: 'image/png' },
      { url: D, reason: 'unreachable', detail: 'fetch failed' },
    ]);
  });

  it('refuses images over the size limit', async () => {
    const result = await collectImages([A], fakeFetch({ [A]: red }), { mode: 'local', maxBytes: 10 });
    expect(result.failures[0]!.reason).toBe('too-large');
  });

  it('runs at most `concurrency` requests at once', async () => {
    let running = 0;
    let peak = 0;
    const fetch: FetchImage = async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return { bytes: red };
    };
    const urls = Array.from({ length: 9 }, (_, i) => `https://image.woshipm.com/${i}.png`);
    await collectImages(urls, fetch, { mode: 'local', concurrency: 3 });
    expect(peak).toBe(3);
  });

  it('reports progress once per distinct image, failures included', async () => {
    const progress: [number, number][] = [];
    await collectImages([A, B, A, C], fakeFetch({ [A]: red, [C]: red }), { mode: 'local', onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('inline: data: URIs that decode to the same bytes, no files', async () => {
    const result = await collectImages([A, B, C], fakeFetch({ [A]: red, [B]: grey, [C]: red }), { mode: 'inline' });
    expect(result.files).toEqual([]);
    const uri = result.links.get(A)!;
    expect(uri).toMatch(/^data:image\/png;base64,/);
    expect(result.links.get(C)).toBe(uri);
    expect(result.links.get(B)).toMatch(/^data:image\/jpeg;base64,/);
    const decoded = Uint8Array.from(atob(uri.slice(uri.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(red);
    // and a big one, past the slice size of the encoder
    const big = new Uint8Array(200_000).map((_, i) => (i * 7) & 255);
    const bigUri = dataUri(big, 'image/png');
    expect(Uint8Array.from(atob(bigUri.slice(22)), (c) => c.charCodeAt(0))).toEqual(big);
  });
});

describe('withImageLinks', () => {
  const article = {
    ...fixtureArticle('it-2025-6200141'),
  };
  const [first, second] = exportableImages(article, parseHtml, woshipm.clutter.imageUrls);

  it('points mapped images at their copies; the others keep their remote URL', () => {
    const links = new Map([[first!, 'assets/aaaa.png']]);
    const result = withImageLinks(article, links, parseHtml);
    expect(result).not.toBe(article);
    expect(article.html).toContain(first!); // the input is not changed
    const srcs = Array.from(parseHtml(result.html).querySelectorAll('img'), (img) => img.getAttribute('src'));
    expect(srcs[0]).toBe('assets/aaaa.png');
    expect(srcs).toContain(second);
    expect(result.cover === article.cover || result.cover === 'assets/aaaa.png').toBe(true);
  });

  it('returns the article itself when nothing maps', () => {
    expect(withImageLinks(article, new Map(), parseHtml)).toBe(article);
    expect(withImageLinks(article, new Map([['https://elsewhere/x.png', 'a.png']]), parseHtml)).toBe(article);
  });
});

describe('streaming an export into a zip (StoredZipWriter, onFile)', () => {
  it('round-trips names (CJK too, UTF-8 flagged) and bytes, every entry stored', async () => {
    const markdown = '# 标题\n\n![](assets/a.png)\n'.repeat(50);
    const entries = [
      { path: 'assets/a.png', bytes: red },
      { path: 'assets/b.jpg', bytes: grey },
      { path: '职场攻略/2024/文章 一.md', bytes: markdown },
    ];
    const writer = new StoredZipWriter(new Date('2024-01-02T03:04:05Z'));
    for (const { path, bytes } of entries) writer.add(path, bytes);
    const zip = new Uint8Array(await writer.end().arrayBuffer());
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(entries.map((e) => e.path));
    expect(new TextDecoder().decode(files['职场攻略/2024/文章 一.md'])).toBe(markdown);
    expect(files['assets/a.png']).toEqual(red);
    expect(files['assets/b.jpg']).toEqual(grey);
    // central directory: general purpose flag (UTF-8 is bit 11) and method (0 stored)
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const end = zip.length - 22; // no zip comment
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    const headers: { flag: number; method: number; name: string }[] = [];
    for (let at = view.getUint32(end + 16, true); view.getUint32(at, true) === 0x02014b50; ) {
      const nameLength = view.getUint16(at + 28, true);
      headers.push({
        flag: view.getUint16(at + 8, true),
        method: view.getUint16(at + 10, true),
        name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      });
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    expect(headers.map((h) => [h.name, h.method, !!(h.flag & 0x800)])).toEqual([
      ['assets/a.png', 0, false],
      ['assets/b.jpg', 0, false],
      ['职场攻略/2024/文章 一.md', 0, true],
    ]);
  });

  it('makes one zip of entries added as they come, as a zip Blob', async () => {
    const entries = [
      { path: 'assets/a.png', bytes: red },
      { path: '2024-04-02-文章.md', bytes: '# 标题\n\n![](assets/a.png)\n' },
    ];
    const writer = new StoredZipWriter();
    for (const { path, bytes } of entries) writer.add(path, bytes);
    const blob = writer.end();
    expect(blob.type).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    expect(Object.keys(files)).toEqual(entries.map((e) => e.path));
    expect(new TextDecoder().decode(files['2024-04-02-文章.md'])).toBe(entries[1]!.bytes);
    expect(files['assets/a.png']).toEqual(red);
  });

  it('collectImages hands each new file on as it comes when asked (onFile), and keeps none of them', async () => {
    const got: string[] = [];
    const fetchImage: FetchImage = async (url) => ({ bytes: url.includes('b') ? blue : red, contentType: 'image/png' });
    const result = await collectImages(['https://x/a.png', 'https://x/b.png', 'https://x/a2.png'], fetchImage, {
      mode: 'local',
      onFile: (file) => void got.push(file.path),
    });
    expect(result.files).toEqual([]);
    expect(got).toHaveLength(2); // a2 has a's bytes: one file
    expect(new Set(result.links.values()).size).toBe(2);
  });
});

describe('savedImageFiles', () => {
  it('maps the URLs extraction gives a saved page’s images back to the saved files', () => {
    const html = readFileSync(path.join(savedDir, `${savedName}.html`), 'utf8');
    const doc = loadDocument(html, 'https://www.woshipm.com/it/6200141.html');
    const files = savedImageFiles(doc);
    const base = `https://www.woshipm.com/it/${encodeURI(savedName)}_files/`;
    expect(files.get(`${base}239e4f14-dcf5-11ed-ab4d-00163e0b5ff3.png`)).toBe(`${savedName}_files/239e4f14-dcf5-11ed-ab4d-00163e0b5ff3.png`);
    // the lazy image: extraction takes data-original, the file is the saved src
    expect(files.get('https://image.woshipm.com/2025/04/01/a8c76bf4-0e93-11f0-8fbc-00163e09d72f.png')).toBe(
      `${savedName}_files/a8c76bf4-0e93-11f0-8fbc-00163e09d72f.png`,
    );
    // remote images (the avatar, the logo) are not files
    expect([...files.values()].every((f) => f.startsWith(`${savedName}_files/`))).toBe(true);
  });

  it('does not take a shared loading placeholder for the images it stands in for', () => {
    const doc = loadDocument(
      '<img src="p_files/spin.gif" data-original="https://image.woshipm.com/1.png"><img src="p_files/spin.gif" data-original="https://image.woshipm.com/2.png">' +
        '<img src="p_files/loading.gif" data-src="https://image.woshipm.com/3.png"><img src="p_files/%E5%9B%BE%201.png">',
      'https://www.woshipm.com/pd/1.html',
    );
    const files = savedImageFiles(doc);
    expect(files.has('https://image.woshipm.com/1.png')).toBe(false);
    expect(files.has('https://image.woshipm.com/3.png')).toBe(false);
    expect(files.get('https://www.woshipm.com/pd/p_files/%E5%9B%BE%201.png')).toBe('p_files/图 1.png');
  });
});

/** `npm run md -- …args` in this process (tests/reliability/cli-process.test.ts runs the real command). */
async function md(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { write: (t: string) => ((stdout += t), true) }, { write: (t: string) => ((stderr += t), true) });
  return { code, stdout, stderr };
}

/** The image destinations of some Markdown, as CommonMark reads them. */
function imageLinks(markdown: string): string[] {
  const html = marked.parse(markdown.replace(/^---\n[\s\S]*?\n---\n/, ''), { async: false }) as string;
  return Array.from(parseHtml(html).querySelectorAll('img'), (img) => img.getAttribute('src')!);
}

/** The saved page's body images, in body order: the bytes each link must lead to. */
const savedBodyImages = [
  '239e4f14-dcf5-11ed-ab4d-00163e0b5ff3.png',
  'a7d7a808-0e93-11f0-8fbc-00163e09d72f.png',
  'a8c76bf4-0e93-11f0-8fbc-00163e09d72f.png',
  'a9c60b50-0e93-11f0-8fbc-00163e09d72f.png',
];

/** Copies the saved-complete fixture to a temporary folder, to change it. */
function savedCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wr-saved-'));
  cpSync(savedDir, dir, { recursive: true });
  return dir;
}

describe('npm run md -- --images', () => {
  const page = path.join(savedDir, `${savedName}.html`);

  it('local: reads the _files/ folder, every link resolves to a file with the same bytes, each file once', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wr-images-'));
    const run = await md(page, '--images', 'local', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/未能保存/);
    const [markdownFile] = readdirSync(out).filter((f) => f.endsWith('.md'));
    const links = imageLinks(readFileSync(path.join(out, markdownFile!), 'utf8'));
    expect(links).toHaveLength(savedBodyImages.length);
    for (const [i, link] of links.entries()) {
      expect(link).toMatch(/^assets\/[0-9a-f]{16}\.(png|jpg)$/);
      expect(new Uint8Array(readFileSync(path.join(out, decodeURIComponent(link))))).toEqual(savedFile(savedBodyImages[i]!));
    }
    expect(links[1]).toMatch(/\.jpg$/); // named by its bytes, not its URL
    expect(readdirSync(path.join(out, 'assets'))).toHaveLength(3); // two images with the same bytes: one file
  });

  it('local, library: one shared images folder, links relative to each article, named by --assets', async () => {
    const input = savedCopy();
    const out = mkdtempSync(path.join(tmpdir(), 'wr-library-'));
    const run = await md(input, '--images', 'local', '--out', out, '--assets', '图片 附件');
    expect(run.code).toBe(0);
    const markdown = readFileSync(path.join(out, 'it', '2025', readdirSync(path.join(out, 'it', '2025'))[0]!), 'utf8');
    const links = imageLinks(markdown);
    expect(markdown).toMatch(/\]\(\.\.\/\.\.\/图片%20附件\/[0-9a-f]{16}\.png\)/);
    for (const [i, link] of links.entries()) {
      const file = path.join(out, 'it', '2025', decodeURIComponent(link));
      expect(new Uint8Array(readFileSync(file))).toEqual(savedFile(savedBodyImages[i]!));
    }
    expect(readdirSync(path.join(out, '图片 附件'))).toHaveLength(3);
  });

  it('does not take the frames saved in a <name>_files/ folder for pages', () => {
    const input = savedCopy();
    writeFileSync(path.join(input, `${savedName}_files`, 'saved_resource.html'), '<html><body>frame</body></html>');
    mkdirSync(path.join(input, 'notes_files'));
    writeFileSync(path.join(input, 'notes_files', 'page.html'), '<html></html>'); // no notes.html: an ordinary folder
    expect(walkPages(input).map((f) => path.relative(input, f))).toEqual([path.join('notes_files', 'page.html'), `${savedName}.html`]);
  });

  it('inline: the same bytes as data: URIs, Markdown to stdout', async () => {
    const run = await md(page, '--images', 'inline');
    expect(run.code).toBe(0);
    const links = imageLinks(run.stdout);
    expect(links.map((l) => l.slice(0, l.indexOf(';')))).toEqual(['data:image/png', 'data:image/jpeg', 'data:image/png', 'data:image/png']);
    for (const [i, link] of links.entries()) {
      const decoded = Uint8Array.from(atob(link.slice(link.indexOf(',') + 1)), (c) => c.charCodeAt(0));
      expect(decoded).toEqual(savedFile(savedBodyImages[i]!));
    }
  });

  it('refuses an unknown mode, and images for the card', async () => {
    const quiet = { write: () => true };
    expect(await main([page, '--images', 'all'], quiet, quiet)).toBe(2);
    expect(await main([page, '--images', 'local', '--format', 'card'], quiet, quiet)).toBe(2);
  });

  describe('offline', () => {
    it('writes the Markdown anyway, lists the missing images, keeps their remote URLs', async () => {
      const requested: string[] = [];
      // A spy, not vi.stubGlobal: unstubbing all globals would also take away the fake browser later files use.
      vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
        requested.push(String(url));
        throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
      });
      const input = savedCopy();
      const copy = path.join(input, `${savedName}.html`);
      // one image never saved (still remote), one saved file since deleted
      const remote = 'https://image.woshipm.com/2025/04/01/a9c60b50-0e93-11f0-8fbc-00163e09d72f.png';
      writeFileSync(copy, readFileSync(copy, 'utf8').replace(`./${savedName}_files/a9c60b50-0e93-11f0-8fbc-00163e09d72f.png`, remote));
      rmSync(path.join(input, `${savedName}_files`, 'a7d7a808-0e93-11f0-8fbc-00163e09d72f.png'));
      const out = mkdtempSync(path.join(tmpdir(), 'wr-offline-'));
      let stderr = '';
      const code = await main([copy, '--images', 'local', '--out', out], { write: () => true }, { write: (s: string) => (stderr += s) });
      expect(code).toBe(0);
      expect(stderr).toMatch(/2 张图片未能保存/);
      expect(stderr).toContain(remote);
      expect(stderr).toMatch(/a7d7a808-0e93-11f0-8fbc-00163e09d72f\.png.*ENOTFOUND/);
      expect(requested).toContain(remote);
      expect(requested.every((url) => !url.includes('239e4f14'))).toBe(true); // saved files are not fetched
      const links = imageLinks(readFileSync(path.join(out, readdirSync(out).find((f) => f.endsWith('.md'))!), 'utf8'));
      expect(links[1]).toMatch(/^https:\/\/www\.woshipm\.com\/it\/.*a7d7a808/);
      expect(links[3]).toBe(remote);
      for (const i of [0, 2]) expect(new Uint8Array(readFileSync(path.join(out, links[i]!)))).toEqual(savedFile(savedBodyImages[i]!));
    });
  });
});
