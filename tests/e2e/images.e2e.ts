/**
 * Downloads with images from the popup, against a CDN stand-in that acts like woshipm's: 403 unless
 * the Referer is a woshipm page (tools/image-cdn.ts, a local HTTPS server the browser reaches as
 * image.woshipm.com and static.woshipm.com). The stand-in is a real server, not a Playwright route,
 * because a route does not see the Referer the extension's declarativeNetRequest rule sets.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, launch, root, screenshotsDir, shot, type Session } from '../../tools/browser-harness';
import { cdnArgs, cdnHosts, imageBytes, startImageCdn, type ImageCdn } from '../../tools/image-cdn';

const url = 'https://www.woshipm.com/pmd/5239764.html';
const wp = 'https://image.woshipm.com/wp-files';
/** The body's images in order; `full` is what the extension asks for (the CDN original), `fails` why it cannot be saved. */
const images = [
  { src: `${wp}/2024/01/cover-a.png` },
  { src: `${wp}/2024/01/chart.jpg!/fw/600`, full: `${wp}/2024/01/chart.jpg` },
  { src: 'https://static.woshipm.com/wp-files/2024/01/diagram.gif' },
  { src: `${wp}/2024/01/missing.png`, fails: '无法获取（HTTP 404）' },
  { src: `${wp}/2024/01/error.png`, fails: '不是图片（text/html; charset=utf-8）' },
  { src: `${wp}/2021/12/OjcVApK6ZD3lqO3Vzf0d.png` }, // the page's own image, moved to the CDN
];
const saved = images.filter((i) => !i.fails);

/** The classic-layout fixture with our images first in the body, and its own image (another host) on the CDN. */
function page(): string {
  const html = readFileSync(path.join(fixturesDir, 'pmd-2021-5239764', 'page.html'), 'utf8');
  const own = images.at(-1)!;
  const more = images
    .slice(0, -1)
    .map((i, n) => `<p>图 ${n + 1}：</p><p><img src="${i.src}" alt="图 ${n + 1}"></p>`)
    .join('\n');
  const out = html
    .replaceAll('https://image.yunyingpai.com/wp/2021/12/OjcVApK6ZD3lqO3Vzf0d.png', own.src)
    .replace('<div class="article--content grap">', `<div class="article--content grap">\n${more}`);
  expect(out).not.toBe(html);
  return out;
}

let cdn: ImageCdn;
let s: Session;
beforeAll(async () => {
  cdn = await startImageCdn();
  s = await launch({ args: cdnArgs(cdn.port), passThrough: cdnHosts });
  s.pages.set(url, page());
});
afterAll(async () => {
  await s?.close();
  await cdn?.close();
});

/** The image links of some Markdown, in order. */
const imageLinks = (markdown: string) => [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);

/** Waits for a new file in the downloads folder ending in `ext` and returns its path. */
async function nextDownload(before: string[], ext: string): Promise<string> {
  let found: string | undefined;
  await expect.poll(() => (found = readdirSync(s.downloads).find((f) => f.endsWith(ext) && !before.includes(f))), { timeout: 20_000 }).toBeTruthy();
  const file = path.join(s.downloads, found!);
  await expect.poll(() => readFileSync(file).length, { timeout: 5000 }).toBeGreaterThan(0);
  return file;
}
const listDownloads = () => {
  try {
    return readdirSync(s.downloads);
  } catch {
    return [];
  }
};

async function popupFor(mode: 'local' | 'inline' | 'remote'): Promise<Page> {
  const { tabId } = await s.openSite(url);
  const popup = await s.openPopup(tabId);
  await popup.locator('.card-title').waitFor();
  await popup.getByLabel('图片').selectOption(mode);
  return popup;
}

describe('the CDN stand-in', () => {
  it('refuses the extension without its Referer rule, like the real CDN', async () => {
    const popup = await s.openPopup(-1);
    const status = await popup.evaluate((u) => fetch(u).then((r) => r.status), images[0]!.src);
    expect(status).toBe(403);
    await popup.close();
  });
});

describe('download with images (zip)', () => {
  it('is the default, and zips the Markdown with every image it could save; the rest keep their URL and are listed', async () => {
    const { tabId } = await s.openSite(url);
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    expect(await popup.getByLabel('图片').inputValue()).toBe('local');
    await popup.getByText('复制时图片仍用在线地址').waitFor();

    const before = listDownloads();
    cdn.delayMs = 400; // slow enough to see the progress
    await popup.getByRole('button', { name: '下载 Markdown' }).click();
    await popup.getByText(/正在保存图片 [1-5]\/6/).waitFor();
    await shot(popup, 'popup-images-progress');
    await popup.getByText('已保存 4/6 张图片，以下图片保留在线地址：').waitFor({ timeout: 20_000 });
    cdn.delayMs = 0;
    await shot(popup, 'popup-images-done');
    const report = await popup.locator('.image-report li').allTextContents();
    expect(report).toEqual(images.filter((i) => i.fails).map((i) => `${i.src.split('/').pop()}${i.fails}`));

    const zipFile = await nextDownload(before, '.zip');
    expect(path.basename(zipFile)).toMatch(/\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync(zipFile)));
    const names = Object.keys(files);
    const mdName = path.basename(zipFile).replace(/\.zip$/, '.md');
    // each image goes into the zip as it arrives; the Markdown, which links them all, comes last
    expect(names.at(-1)).toBe(mdName);
    expect(names.slice(0, -1).every((n) => /^assets\/[0-9a-f]{16}\.(png|jpg|gif)$/.test(n))).toBe(true);
    expect(names).toHaveLength(1 + saved.length);

    const markdown = new TextDecoder().decode(files[mdName]);
    const links = imageLinks(markdown);
    expect(links).toHaveLength(images.length);
    for (const [i, image] of images.entries()) {
      const link = links[i]!;
      if (image.fails) {
        expect(link).toBe(image.src);
        continue;
      }
      // a local file whose bytes are what the CDN served for the original
      const fetched = image.full ?? image.src;
      expect(link, image.src).toMatch(/^assets\//);
      expect(files[link], link).toBeDefined();
      expect(Buffer.from(files[link]!)).toEqual(cdn.served.get(fetched));
      expect(Buffer.from(files[link]!)).toEqual(imageBytes(new URL(fetched).pathname).bytes);
    }
    expect(links[1]).toMatch(/\.jpg$/);
    expect(links[2]).toMatch(/\.gif$/);

    // Only the extension asks for the original of the resized image: that request carried the page's Referer.
    const original = cdn.requests.filter((r) => r.url === images[1]!.full);
    expect(original.length).toBeGreaterThan(0);
    expect(original.every((r) => r.referer === 'https://www.woshipm.com/' && r.status === 200)).toBe(true);
    await popup.close();
  });
});

describe('the other ways', () => {
  it('single file: one .md with data: URIs of the right bytes; failed images keep their URL', async () => {
    const popup = await popupFor('inline');
    const before = listDownloads();
    await popup.getByRole('button', { name: '下载 Markdown' }).click();
    await popup.getByText('已保存 4/6 张图片，以下图片保留在线地址：').waitFor({ timeout: 20_000 });
    const markdown = readFileSync(await nextDownload(before, '.md'), 'utf8');
    const links = imageLinks(markdown);
    expect(links).toHaveLength(images.length);
    const mimes = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif' } as Record<string, string>;
    for (const [i, image] of images.entries()) {
      if (image.fails) {
        expect(links[i]).toBe(image.src);
        continue;
      }
      const fetched = image.full ?? image.src;
      const ext = /\.(png|jpg|gif)(?:$|!)/.exec(image.src)![1]!;
      const [head, data] = links[i]!.split(',');
      expect(head).toBe(`data:${mimes[ext]};base64`);
      expect(Buffer.from(data!, 'base64')).toEqual(cdn.served.get(fetched));
    }
    await popup.close();
  });

  it('remote: today’s Markdown, the same the CLI writes for the page', async () => {
    const popup = await popupFor('remote');
    expect(await popup.getByText('复制时图片仍用在线地址').count()).toBe(0);
    const before = listDownloads();
    await popup.getByRole('button', { name: '下载 Markdown' }).click();
    const markdown = readFileSync(await nextDownload(before, '.md'), 'utf8');
    expect(imageLinks(markdown)).toEqual(images.map((i) => i.src));
    expect(await popup.locator('.image-report').count()).toBe(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'wr-images-'));
    writeFileSync(path.join(dir, 'page.html'), s.pages.get(url)!);
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    expect(markdown).toBe(execFileSync(tsx, [path.join(root, 'cli', 'md.ts'), path.join(dir, 'page.html')], { encoding: 'utf8' }));
    await popup.close();
  });

  it('copy with images as a zip puts the remote links on the clipboard', async () => {
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://www.woshipm.com' });
    const popup = await popupFor('local');
    await popup.getByRole('button', { name: '复制 Markdown' }).click();
    await popup.getByText('已复制到剪贴板').waitFor();
    const [site] = s.context
      .pages()
      .filter((p) => p.url() === url)
      .slice(-1);
    await site!.bringToFront();
    const copied = await site!.evaluate(() => navigator.clipboard.readText());
    expect(imageLinks(copied)).toEqual(images.map((i) => i.src));
    await popup.close();
  });
});

/** Runs one of the background's handlers, as the browser does on a shortcut or a menu click. */
async function background(fn: string, ...args: unknown[]): Promise<unknown> {
  const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
  return worker.evaluate(
    ([name, values]) => {
      const handlers = (globalThis as unknown as { woshipmReader: Record<string, (...a: unknown[]) => Promise<unknown>> }).woshipmReader;
      return handlers[name as string]!(...(values as unknown[]));
    },
    [fn, args] as const,
  );
}

/** Every local image link of `markdown` names a file of `files` holding the bytes the CDN served. */
function expectLinksResolve(files: Record<string, Uint8Array>, markdown: string, from = '') {
  const local = imageLinks(markdown).filter((l) => !/^https?:/.test(l));
  expect(local.length).toBeGreaterThan(0);
  for (const link of local) {
    const file = files[path.posix.join(from, decodeURIComponent(link))];
    expect(file, link).toBeDefined();
    expect(
      [...cdn.served.values()].some((b) => Buffer.from(file!).equals(b)),
      link,
    ).toBe(true);
  }
}

describe('with images from the shortcut, the context menu and the reader', () => {
  it('the shortcut downloads the zip with the saved settings', async () => {
    const { page } = await s.openSite(url);
    await page.bringToFront();
    const before = listDownloads();
    expect(await background('onCommand', 'export-markdown')).toBe(true);
    const zipFile = await nextDownload(before, '.zip');
    const files = unzipSync(new Uint8Array(readFileSync(zipFile)));
    const mdNames = Object.keys(files).filter((n) => n.endsWith('.md'));
    expect(mdNames).toEqual([expect.stringMatching(/^2021-12-07-深度思考.*\.md$/)]); // the browser may number the zip, not its entry
    const md = new TextDecoder().decode(files[mdNames[0]!]);
    expect(imageLinks(md)).toHaveLength(images.length);
    expectLinksResolve(files, md);
    for (const image of images.filter((i) => i.fails)) expect(md).toContain(`](${image.src})`);
    await page.close();
  });

  it('the selection from the context menu takes only its own images', async () => {
    const { page, tabId } = await s.openSite(url);
    await page.evaluate(() => {
      const [first, second] = [...document.querySelectorAll('.article--content img')].map((img) => img.closest('p')!);
      const range = document.createRange();
      range.setStartBefore(first!.previousElementSibling!);
      range.setEndAfter(second!);
      getSelection()!.addRange(range);
    });
    const before = listDownloads();
    expect(await background('onMenu', { menuItemId: 'export-selection' }, { id: tabId })).toBe(true);
    const files = unzipSync(new Uint8Array(readFileSync(await nextDownload(before, '.zip'))));
    expect(Object.keys(files).filter((n) => n.startsWith('assets/'))).toHaveLength(2);
    const md = new TextDecoder().decode(Object.entries(files).find(([n]) => n.endsWith('.md'))![1]);
    expect(imageLinks(md)).toHaveLength(2);
    expectLinksResolve(files, md);
    await page.close();
  });

  it('the reader’s export button saves the images too, and says how many', async () => {
    const { page } = await s.openSite(url);
    await page.bringToFront();
    await background('onCommand', 'toggle-reader');
    await page.locator('woshipm-reader .reader').waitFor();
    const before = listDownloads();
    await page.getByRole('button', { name: '导出 Markdown' }).click();
    await page.locator('woshipm-reader').getByText('已开始下载，已保存 4/6 张图片').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(screenshotsDir, 'reader-export-images.png') }); // the reader is fixed over the viewport
    const files = unzipSync(new Uint8Array(readFileSync(await nextDownload(before, '.zip'))));
    expect(Object.keys(files).filter((n) => n.startsWith('assets/'))).toHaveLength(saved.length);
    await page.close();
  });
});

describe('batch export with images', () => {
  it('puts 5 open articles into one zip with one images folder: no image’s bytes twice, every link resolves', async () => {
    for (const p of s.context.pages()) if (p.url().startsWith('https://www.woshipm.com/')) await p.close();
    const fixtures = ['woshipm-6025589', 'marketing-2023-5966719', 'pd-2024-6119971', 'it-2025-6200141', 'chuangye-2021-4425532'];
    const entries: { name: string; url: string }[] = JSON.parse(readFileSync(path.join(fixturesDir, 'manifest.json'), 'utf8'));
    const shared = `${wp}/2024/02/shared.png`;
    let tabId = -1;
    for (const [i, name] of fixtures.entries()) {
      const { url: pageUrl } = entries.find((e) => e.name === name)!;
      const own = `${wp}/2024/02/own-${i}.jpg`;
      const html = readFileSync(path.join(fixturesDir, name, 'page.html'), 'utf8');
      const withImages = html.replace(/(<div class="article--content[^"]*">)/, `$1<p><img src="${shared}" alt=""></p><p><img src="${own}" alt=""></p>`);
      expect(withImages).not.toBe(html);
      s.pages.set(pageUrl, withImages);
      ({ tabId } = await s.openSite(pageUrl));
    }
    const popup = await s.openPopup(tabId);
    const before = listDownloads();
    await popup.getByRole('button', { name: '导出所有打开的 woshipm 文章（5 篇）' }).click();
    await popup.getByText('完成：导出 5 篇，失败 0 篇').waitFor({ timeout: 60_000 });
    await shot(popup, 'popup-batch-images');
    const zipFile = await nextDownload(before, '.zip');
    expect(path.basename(zipFile)).toMatch(/^woshipm-\d{4}-\d{2}-\d{2}-5篇\.zip$/);
    expect(listDownloads().filter((f) => !before.includes(f))).toHaveLength(1);
    const zip = readFileSync(zipFile);
    const files = unzipSync(new Uint8Array(zip));
    const docs = Object.keys(files).filter((n) => n.endsWith('.md'));
    expect(docs).toHaveLength(5);
    for (const doc of docs) expectLinksResolve(files, new TextDecoder().decode(files[doc]));
    const assets = Object.keys(files).filter((n) => n.startsWith('assets/'));
    const bytes = assets.map((n) => Buffer.from(files[n]!).toString('hex'));
    expect(new Set(bytes).size).toBe(bytes.length);
    // shared.png is in every article and once in the zip; each own image once
    const sharedBytes = cdn.served.get(shared)!;
    expect(assets.filter((n) => Buffer.from(files[n]!).equals(sharedBytes))).toHaveLength(1);
    let records = 0;
    for (let at = zip.indexOf('PK\x01\x02'); at >= 0; at = zip.indexOf('PK\x01\x02', at + 4)) records++;
    expect(records).toBe(Object.keys(files).length);
    await popup.close();
  });
});
