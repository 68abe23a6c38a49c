/**
 * 保存到文件夹 in Firefox, which has no directory picker: the notes layout is written under Downloads
 * (`<folder>/<subfolder>/<name>.md` and `<folder>/<subfolder>/assets/<hash>.<ext>`) with the downloads API,
 * the images from the Referer-checking CDN stand-in (on port 443, which Firefox reaches for the CDN's host
 * names through `network.dns.localDomains`), and saving again replaces the file it wrote instead of numbering.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../tools/browser-harness';
import { firefoxShot, launchFirefox, labelled, type FirefoxSession, locate } from '../../tools/firefox-harness';
import { firefoxCdnPrefs, startImageCdn, type ImageCdn } from '../../tools/image-cdn';

const url = 'https://www.woshipm.com/pmd/5239764.html';
const wp = 'https://image.woshipm.com/wp-files/2024/03';
const srcs = [`${wp}/first.png`, `${wp}/second.gif`];

let cdn: ImageCdn;
let s: FirefoxSession;
beforeAll(async () => {
  cdn = await startImageCdn({ port: 443 });
  s = await launchFirefox({ prefs: firefoxCdnPrefs, acceptInsecureCerts: true });
  const html = readFileSync(path.join(fixturesDir, 'pmd-2021-5239764', 'page.html'), 'utf8');
  const more = srcs.map((src, n) => `<p><img src="${src}" alt="图 ${n + 1}"></p>`).join('\n');
  s.pages.set(url, html.replace(/(<div class="article--content[^"]*">)/, `$1\n${more}`));
}, 120_000);
afterAll(async () => {
  await s?.close();
  await cdn?.close();
});

const button = (page: Page, name: string) => locate(page, `button::-p-text(${name})`);
/** Every file under `dir`, relative, `/`-separated (no `.part` left: Firefox is done writing). */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('saving into a folder inside Downloads (Firefox)', () => {
  it('Options says Firefox writes only inside Downloads and takes the folder name there', async () => {
    const options = await s.openExtensionPage('options.html');
    await options.waitForSelector('::-p-text(保存位置)');
    await locate(options, 'input[type=radio][name=destination]:not(:checked)').click();
    await options.waitForSelector('::-p-text(Firefox 只允许扩展写入「下载」文件夹)');
    const folder = await labelled(options, '「下载」中的文件夹');
    expect(await folder.evaluate((input) => (input as HTMLInputElement).value)).toBe('woshipm');
    const subfolder = await labelled(options, '子文件夹');
    await subfolder.type('{year}');
    await subfolder.evaluate((input) => (input as HTMLInputElement).blur());
    await firefoxShot(options, 'options-notes-folder');
    await expect
      .poll(() =>
        s.inExtension(async () => {
          const storage = (
            globalThis as unknown as {
              browser: { storage: { sync: { get(key: string): Promise<Record<string, { destination?: string; subfolder?: string }>> } } };
            }
          ).browser.storage;
          return (await storage.sync.get('export')).export;
        }, null),
      )
      .toMatchObject({ destination: 'folder', subfolder: '{year}' });
    await options.close();
  });

  let note = '';
  it('writes the note and its images under Downloads/woshipm, byte for byte what the CDN served', async () => {
    const { tabId } = await s.openSite(url);
    const popup = await s.openPopup(tabId);
    await popup.waitForSelector('.card-title');
    await button(popup, '保存到文件夹').click();
    await popup.waitForSelector('::-p-text(已保存到 下载/woshipm/2021/)', { timeout: 20_000 });
    const root = path.join(s.downloads, 'woshipm');
    await expect.poll(() => files(root).filter((f) => f.endsWith('.md')).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => files(root).some((f) => f.endsWith('.part')), { timeout: 10_000 }).toBe(false);
    note = files(root).find((f) => f.endsWith('.md'))!;
    expect(note).toMatch(/^2021\/2021-12-07-[^/]+\.md$/);
    const markdown = readFileSync(path.join(root, note), 'utf8');
    expect(markdown).toContain(`source: "${url}"`);
    const links = [...markdown.matchAll(/!\[[^\]]*\]\((assets\/[^)\s]+)\)/g)].map((m) => decodeURIComponent(m[1]!));
    expect(links).toHaveLength(2);
    for (const [i, link] of links.entries()) expect(readFileSync(path.join(root, '2021', link)).equals(cdn.served.get(srcs[i]!)!), link).toBe(true);
    await firefoxShot(popup, 'popup-saved-to-folder');
    await popup.close();
  });

  it('saving again replaces the file it wrote (no `name(1).md`) and says so', async () => {
    const root = path.join(s.downloads, 'woshipm');
    const before = files(root);
    const { tabId } = await s.openSite(url);
    const popup = await s.openPopup(tabId);
    await popup.waitForSelector('.card-title');
    await (await labelled(popup, '包含要点')).click();
    await button(popup, '保存到文件夹').click();
    await popup.waitForSelector(`::-p-text(已覆盖上次保存的文件：下载/woshipm/${note})`, { timeout: 20_000 });
    await expect.poll(() => readFileSync(path.join(root, note), 'utf8').includes('## 要点'), { timeout: 10_000 }).toBe(true);
    expect(files(root)).toEqual(before);
    await popup.close();
  });
});
