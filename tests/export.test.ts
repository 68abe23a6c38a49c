/**
 * Exports without the popup (shortcut, menu, the reader's button, batch) with images: the real
 * page-side engine answering in fixture pages, the network and downloads faked at the browser's edge.
 */
import { unzipSync } from 'fflate';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { batchZipName, exportTab, exportTabsToZip, inlineMarkdownOf } from '../shell/export';
import { outcomeText } from '../shell/i18n';
import type { ExportOutcome } from '../shell/messaging';
import { createEngine, type Engine } from '../utils/engine';
import { woshipm } from '../utils/site/woshipm';
import { defaultExportSettings, type ExportSettings } from '../utils/markdown/options';
import { loadDocument } from './helpers';
import { fakeImageNetwork, pageWithImages, png, wp } from './library-fixtures';

/** Distinct bytes per image name; `shared.png` is in two articles. */
const bytesOf: Record<string, Uint8Array> = { 'a.png': png(1), 'shared.png': png(2), 'c.png': png(3) };

/** A fixture article with `srcs` as the first images of its body. */
const page = (fixture: string, srcs: string[]) => pageWithImages(fixture, srcs);

let engines: Map<number, Engine>;
let downloads: { filename: string; blob: Blob }[];

beforeEach(() => {
  engines = new Map();
  downloads = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: { type: string; data: never }) => {
    const engine = engines.get(tabId)!;
    if (message.type === 'ping') return { version: '0', engine: true };
    if (message.type === 'markdown') return engine.markdown(message.data);
    throw new Error(`unexpected ${message.type}`);
  }) as never);
  fakeImageNetwork(bytesOf);
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.downloads, 'download').mockImplementation(async ({ url, filename }) => {
    downloads.push({ filename: filename!, blob: blobs.get(url)! });
    return downloads.length;
  });
});

const settings = (over: Partial<ExportSettings> = {}): ExportSettings => ({ ...defaultExportSettings, ...over });
const unzip = async (blob: Blob) => unzipSync(new Uint8Array(await blob.arrayBuffer()));
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const imageLinks = (markdown: string) => [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);

describe('exportTab (shortcut, menu, the reader)', () => {
  it('with images: one zip of the Markdown and its images folder; the image that failed keeps its URL and is counted', async () => {
    const { doc } = page('pd-2024-6119971', [`${wp}/a.png`, `${wp}/shared.png!/fw/600`, `${wp}/gone.png`]);
    engines.set(7, createEngine(doc, woshipm));
    const outcome = await exportTab(7, settings({ images: 'local', assetsFolder: '附件 图' }));
    // the page's own images are not on this fake CDN: they fail like gone.png
    expect(outcome).toMatchObject({ ok: true, images: { saved: 2 } });
    expect(outcome.ok && outcome.images!.failures[0]).toEqual({ url: `${wp}/gone.png`, reason: 'unreachable', detail: 'HTTP 404' });
    expect(outcomeText(outcome)).toMatch(/^已开始下载，已保存 2\/\d+ 张图片/);
    expect(downloads).toHaveLength(1);
    const [{ filename, blob }] = downloads as [(typeof downloads)[0]];
    expect(filename).toMatch(/\.zip$/);
    const files = await unzip(blob);
    const md = text(files[filename.replace(/\.zip$/, '.md')]);
    const links = imageLinks(md);
    expect(links.slice(0, 3)).toEqual([expect.stringMatching(/^附件%20图\/[0-9a-f]{16}\.png$/), expect.stringMatching(/^附件%20图\//), `${wp}/gone.png`]);
    // the resized image was saved from its original, and every local link is a file with the bytes served
    expect(files[decodeURIComponent(links[0]!)]).toEqual(bytesOf['a.png']);
    expect(files[decodeURIComponent(links[1]!)]).toEqual(bytesOf['shared.png']);
  });

  it('single file: data: URIs in one .md; remote: the CDN addresses as before', async () => {
    engines.set(1, createEngine(page('pd-2024-6119971', [`${wp}/a.png`]).doc, woshipm));
    await exportTab(1, settings({ images: 'inline' }));
    await exportTab(1, settings({ images: 'remote' }));
    const [inline, remote] = await Promise.all(downloads.map(async (d) => ({ name: d.filename, md: await d.blob.text() })));
    expect(inline!.name).toMatch(/\.md$/);
    expect(imageLinks(inline!.md)[0]).toBe(`data:image/png;base64,${Buffer.from(bytesOf['a.png']!).toString('base64')}`);
    expect(imageLinks(remote!.md)[0]).toBe(`${wp}/a.png`);
    expect(remote!.md).toBe(inline!.md.replace(imageLinks(inline!.md)[0]!, `${wp}/a.png`));
  });

  it('only the selection, with its images', async () => {
    const { doc } = page('pd-2024-6119971', [`${wp}/c.png`]);
    const img = doc.querySelector('.article--content img')!.parentElement!;
    const range = doc.createRange();
    range.setStartBefore(img);
    range.setEndAfter([...doc.querySelectorAll('.article--content > p')].find((p) => (p.textContent ?? '').length > 40)!);
    doc.getSelection()!.addRange(range);
    engines.set(3, createEngine(doc, woshipm));
    const outcome = await exportTab(3, settings({ images: 'local' }), { selectionOnly: true });
    // the selection holds c.png and the page's cover (not on this fake CDN), not the article's other 11 images
    expect(outcome).toMatchObject({ ok: true, images: { total: 2, saved: 1 } });
    const files = await unzip(downloads[0]!.blob);
    expect(Object.keys(files)).toHaveLength(2);
  });

  it('downloads under the ASCII name when the browser refuses the real one; the images go into the zip as they arrive, the Markdown last', async () => {
    engines.set(2, createEngine(page('pd-2024-6119971', [`${wp}/a.png`]).doc, woshipm));
    const download = vi.mocked(fakeBrowser.downloads.download);
    download.mockImplementationOnce(async () => Promise.reject(new Error('Invalid filename')));
    const outcome = await exportTab(2, settings({ images: 'local' }));
    expect(outcome).toMatchObject({ ok: true, where: 'download' });
    expect(download.mock.calls.map(([o]) => o.filename)).toEqual([expect.stringMatching(/[^\x00-\x7f].*\.zip$/), expect.stringMatching(/^[\x20-\x7e]+\.zip$/)]);
    const files = await unzip(downloads[0]!.blob);
    const names = Object.keys(files);
    expect(names.at(-1)).toMatch(/\.md$/);
    expect(names[0]).toMatch(/^assets\/[0-9a-f]{16}\.png$/);
  });

  it('saves the text the user edited, its images relinked by their syntax, only those still in it', async () => {
    const { doc } = page('pd-2024-6119971', [`${wp}/a.png`, `${wp}/c.png`]);
    engines.set(4, createEngine(doc, woshipm));
    const edited = `# 我改过的\n\n![封面 (a)](${wp}/a.png "题")\n\n[不是图片](${wp}/c.png)\n`;
    const fetched: string[] = [];
    const fetch = vi.mocked(globalThis.fetch);
    const answer = fetch.getMockImplementation()!;
    fetch.mockImplementation(async (input, init) => (fetched.push(String(input)), answer(input, init)));
    const outcome = await exportTab(4, settings({ images: 'local' }), { edited });
    expect(outcome).toMatchObject({ ok: true, images: { total: 1, saved: 1 } });
    expect(fetched).toEqual([`${wp}/a.png`]);
    const files = await unzip(downloads[0]!.blob);
    const md = text(files[Object.keys(files).find((n) => n.endsWith('.md'))!]);
    expect(md).toMatch(
      /^# 我改过的\n\n!\[封面 \(a\)\]\(assets\/[0-9a-f]{16}\.png "题"\)\n\n\[不是图片\]\(https:\/\/image\.woshipm\.com\/wp-files\/2024\/01\/c\.png\)\n$/,
    );
  });

  it('for the clipboard: the edited text with its images embedded by their syntax, a URL the writer percent-encoded too', async () => {
    engines.set(6, createEngine(page('pd-2024-6119971', [`${wp}/a.png`, `${wp}/c (1).png`]).doc, woshipm));
    bytesOf['c (1).png'] = png(9);
    const edited = `# 我改过的\n\n![](${wp}/a.png)\n\n![图 二](${wp}/c%20%281%29.png "标题")\n\n![](${wp}/gone.png)\n`;
    const { markdown, saved, failures } = await inlineMarkdownOf(6, settings({ images: 'inline' }), { edited });
    const uri = (bytes: Uint8Array) => `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
    expect(markdown).toBe(`# 我改过的\n\n![](${uri(bytesOf['a.png']!)})\n\n![图 二](${uri(bytesOf['c (1).png']!)} "标题")\n\n![](${wp}/gone.png)\n`);
    expect(saved).toBe(2);
    expect(failures).toEqual([]); // gone.png is no image of the article: not fetched
    expect(downloads).toHaveLength(0);
  });

  it('says why when the tab has no article, and downloads nothing', async () => {
    engines.set(5, createEngine(loadDocument('<p>不是文章</p>', 'https://www.woshipm.com/'), woshipm));
    const outcome = await exportTab(5, settings());
    expect(outcome.ok).toBe(false);
    expect(downloads).toHaveLength(0);
  });
});

describe('exportTabsToZip (batch)', () => {
  it('puts every article in one zip with one shared images folder: each image’s bytes once', async () => {
    const fixtures = ['pd-2024-6119971', 'zhichang-2025-6191298', 'it-2025-6200141'];
    const srcs = [[`${wp}/a.png`, `${wp}/shared.png`], [`${wp}/shared.png`, `${wp}/c.png`], [`${wp}/shared.png!/both/800x600`]];
    fixtures.forEach((f, i) => {
      engines.set(i + 1, createEngine(page(f, srcs[i]!).doc, woshipm));
    });
    engines.set(9, createEngine(loadDocument('<p>不是文章</p>', 'https://www.woshipm.com/'), woshipm));
    const outcomes: [number, ExportOutcome][] = [];
    const name = batchZipName(4, new Date('2026-11-28T10:00:00Z'));
    expect(name).toEqual({ filename: 'woshipm-2026-11-28-4篇', fallbackName: 'woshipm-2026-11-28-4' });
    const count = await exportTabsToZip([1, 2, 9, 3, 1], settings(), name, (i, o) => outcomes.push([i, o]));
    expect(count).toBe(4);
    expect(outcomes.map(([i, o]) => [i, o.ok])).toEqual([
      [0, true],
      [1, true],
      [2, false],
      [3, true],
      [4, true],
    ]);
    expect(downloads.map((d) => d.filename)).toEqual(['woshipm-2026-11-28-4篇.zip']);
    const files = await unzip(downloads[0]!.blob);
    const images = Object.keys(files).filter((n) => n.startsWith('assets/'));
    expect(images).toHaveLength(3); // a, shared, c: shared saved once
    const docs = Object.keys(files).filter((n) => n.endsWith('.md'));
    // the same article twice (two tabs) gets a second name, not an overwritten entry
    expect(docs).toHaveLength(4);
    expect(docs[3]).toBe(docs[0]!.replace(/\.md$/, ' (2).md'));
    for (const doc of docs) {
      const local = imageLinks(text(files[doc])).filter((l) => !l.startsWith('http'));
      expect(local.length, doc).toBeGreaterThan(0);
      for (const link of local) expect(files[decodeURIComponent(link)], `${doc} -> ${link}`).toBeDefined();
    }
    // and no entry twice: as many central-directory records as distinct names
    const zip = Buffer.from(await downloads[0]!.blob.arrayBuffer());
    let records = 0;
    for (let at = zip.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0; at = zip.indexOf('PK\x01\x02', at + 4, 'latin1')) records++;
    expect(records).toBe(Object.keys(files).length);
    const all = Object.values(files).filter((_, i) => Object.keys(files)[i]!.startsWith('assets/'));
    expect(new Set(all.map((b) => Buffer.from(b).toString('hex'))).size).toBe(all.length);
  });
});
