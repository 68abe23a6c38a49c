/**
 * Into the library (资料库), with the built extension in headless Chromium: 收藏到资料库 from the popup and
 * from the reader, exports by two ways out recorded with where they went, the card's 已在资料库 and its
 * reading state, a page changed since it was saved, and images kept offline (the CDN stand-in,
 * tools/image-cdn.ts). The library is read straight from IndexedDB in an extension page.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe, violationDetails } from '../../tools/axe';
import { launch, shot, type Session } from '../../tools/browser-harness';
import { cdnArgs, cdnHosts, startImageCdn, type ImageCdn } from '../../tools/image-cdn';
import { article } from './cases';

const second = 'https://www.woshipm.com/marketing/5966719.html';
const third = 'https://www.woshipm.com/operate/5957178.html';
const withImages = 'https://www.woshipm.com/data-analysis/6106918.html';

let cdn: ImageCdn;
let s: Session;
/** An extension page to read the database from. */
let helper: Page;
beforeAll(async () => {
  cdn = await startImageCdn();
  s = await launch({ args: cdnArgs(cdn.port), passThrough: cdnHosts });
  // Counts the extension pages' requests that the browser keep the library (navigator.storage.persist), in the
  // extension's localStorage (the popup closes; another page reads it). Chromium answers false to an extension (its
  // library is kept by unlimitedStorage); Firefox asks the user.
  await s.context.addInitScript(`if (location.protocol === 'chrome-extension:' && globalThis.StorageManager) {
    const persist = StorageManager.prototype.persist;
    StorageManager.prototype.persist = function () {
      localStorage.setItem('persist-asked', String(Number(localStorage.getItem('persist-asked') ?? 0) + 1));
      return persist.call(this);
    };
  }`);
  helper = await s.context.newPage();
  await helper.goto(`chrome-extension://${s.id}/options.html`);
});
afterAll(async () => {
  await s?.close();
  await cdn?.close();
});

interface Card {
  url: string;
  state: string;
  savedAt: number;
  updatedAt: number;
  textHash: string;
  images: number;
  exports: { where: string; folder: string; path: string }[];
}

/**
 * Run in an extension page: the records of a store of the library database (none before it exists: opening
 * an absent database here would create it without its stores). A string, so no named function crosses.
 */
const readStore = (store: 'cards' | 'articles' | 'images') => `(async () => {
  if (!(await indexedDB.databases()).some((d) => d.name === 'library')) return [];
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open('library'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  try {
    const all = await new Promise((resolve, reject) => { const q = db.transaction('${store}').objectStore('${store}').getAll(); q.onsuccess = () => resolve(q.result); q.onerror = () => reject(q.error); });
    return all.map((v) => (v.bytes ? { hash: v.hash, type: v.type, refs: v.refs, bytes: Array.from(new Uint8Array(v.bytes)) } : v));
  } finally { db.close(); }
})()`;
const cards = async () => (await helper.evaluate(readStore('cards'))) as Card[];
const cardOf = async (url: string) => (await cards()).find((c) => c.url === url);

async function popupFor(url: string) {
  const { page, tabId } = await s.openSite(url);
  const popup = await s.openPopup(tabId);
  await popup.locator('.card-title').waitFor();
  return { page, tabId, popup };
}

describe('into the library', () => {
  it('收藏到资料库 from the popup: the card says 已在资料库 and toggles 稍后读 / 已读', async () => {
    const { popup, page } = await popupFor(article);
    const persistAsked = () => helper.evaluate(() => localStorage.getItem('persist-asked'));
    expect(await persistAsked()).toBeNull();
    await popup.getByRole('button', { name: '收藏到资料库' }).click();
    await popup.getByText(/^已在资料库（收藏于 .+）$/).waitFor();
    // the first save asked the browser to keep the library, once
    await expect.poll(persistAsked).toBe('1');
    const card = await cardOf(article);
    expect(card).toMatchObject({ url: article, state: 'later', exports: [], images: 0 });
    expect(card!.textHash).toMatch(/^[0-9a-f]{64}$/);
    const state = popup.getByRole('group', { name: '阅读状态' });
    expect(await state.getByRole('button', { name: '稍后读' }).getAttribute('aria-pressed')).toBe('true');
    await state.getByRole('button', { name: '已读' }).click();
    await expect.poll(async () => (await cardOf(article))?.state).toBe('read');
    await expect.poll(() => state.getByRole('button', { name: '已读' }).getAttribute('aria-pressed')).toBe('true');
    await popup.close();
    // Opened again, the popup knows it.
    const again = await s.openPopup(await s.tabIdOf(page));
    await again.getByText(/^已在资料库（收藏于 .+）$/).waitFor();
    expect(await again.getByRole('button', { name: '收藏到资料库' }).count()).toBe(0);
    await again.close();
    await page.close();
  });

  it('an export from the popup and one by the shortcut are in the library, with where they went', async () => {
    const { popup, page } = await popupFor(second);
    await popup.getByLabel('图片').selectOption('remote');
    await popup.getByRole('button', { name: '下载 Markdown' }).click();
    await expect.poll(async () => (await cardOf(second))?.exports.length, { timeout: 20_000 }).toBe(1);
    const exported = (await cardOf(second))!;
    expect(exported.exports[0]).toMatchObject({ where: 'download', folder: '' });
    expect(exported.exports[0]!.path).toMatch(/\.md$/);
    expect(exported.state).toBe('later');
    // The open popup heard of it (the background's change reaches every page).
    await popup.getByText(/^已在资料库（收藏于 .+）$/).waitFor();
    await popup.close();
    await page.close();

    const shortcut = await s.openSite(third);
    await shortcut.page.bringToFront();
    const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
    expect(
      await worker.evaluate(() =>
        (globalThis as unknown as { woshipmReader: { onCommand(c: string): Promise<boolean> } }).woshipmReader.onCommand('export-markdown'),
      ),
    ).toBe(true);
    const byShortcut = (await cardOf(third))!;
    expect(byShortcut.exports).toHaveLength(1);
    expect(byShortcut.exports[0]!.path).toMatch(/\.(md|zip)$/);
    const articles = (await helper.evaluate(readStore('articles'))) as { url: string; article: { url: string; title: string; text: string } }[];
    expect(articles.find((a) => a.url === third)?.article.text.length).toBeGreaterThan(500);
    await shortcut.page.close();
  });

  it('a batch export of two open articles records both', async () => {
    const urls = ['https://www.woshipm.com/pd/6119971.html', 'https://www.woshipm.com/it/6200141.html'];
    const opened = await Promise.all(urls.map((url) => s.openSite(url)));
    const tabIds = opened.map((o) => o.tabId);
    const job = (await helper.evaluate(
      `chrome.runtime.sendMessage({ to: 'background', type: 'startExport', data: { kind: 'batch', tabIds: ${JSON.stringify(tabIds)} } })`,
    )) as { kind: string };
    expect(job.kind).toBe('batch');
    for (const url of urls) await expect.poll(async () => (await cardOf(url))?.exports.length, { timeout: 30_000 }).toBe(1);
    for (const url of urls) expect((await cardOf(url))!.exports[0]!.where).toBe('download');
    for (const { page } of opened) await page.close();
  });

  it('a page changed since it was saved: the card says so, offers 更新资料库中的副本, and the update keeps its state', async () => {
    const before = (await cardOf(article))!;
    const html = s.pages.get(article)!;
    const changed = html.replace(/(<div class="article--content[^"]*">)/, '$1<p>编者按：本文在发布后补充了一段说明，以回应读者的提问。</p>');
    expect(changed).not.toBe(html);
    s.pages.set(article, changed);
    try {
      const { popup, page } = await popupFor(article);
      await popup.getByText('这篇文章在收藏后有改动。').waitFor();
      const update = popup.getByRole('button', { name: '更新资料库中的副本' });
      await update.waitFor();
      await shot(popup, 'library-card-changed');
      const report = await runAxe(popup, 'popup/library card changed zh-CN', { unclip: true });
      expect(violationDetails(report)).toEqual([]);
      await update.click();
      await popup.getByText('这篇文章在收藏后有改动。').waitFor({ state: 'detached' });
      const after = (await cardOf(article))!;
      expect(after.textHash).not.toBe(before.textHash);
      expect(after).toMatchObject({ savedAt: before.savedAt, state: 'read' });
      expect(after.updatedAt).toBeGreaterThan(before.updatedAt);
      await popup.close();
      await page.close();
    } finally {
      s.pages.set(article, html);
    }
  });

  it('with 离线保存文章图片 on in Options, 收藏到资料库 from the reader keeps the images by hash', async () => {
    await helper.reload();
    await helper.getByLabel('离线保存文章图片（占用更多空间）').check();
    await helper.getByText(/已用空间：.+（5 篇文章）/).waitFor();
    const { popup, page } = await popupFor(withImages);
    await popup.getByRole('button', { name: '阅读模式' }).click();
    await page.locator('woshipm-reader .reader').waitFor();
    await page.locator('woshipm-reader').getByRole('button', { name: '收藏到资料库' }).click();
    await page.locator('woshipm-reader').getByText('已收藏到资料库').waitFor({ timeout: 20_000 });
    const card = (await cardOf(withImages))!;
    expect(card.images).toBeGreaterThan(0);
    const stored = (await helper.evaluate(readStore('articles'))) as { url: string; images: Record<string, string> }[];
    const map = stored.find((a) => a.url === withImages)!.images;
    const images = (await helper.evaluate(readStore('images'))) as { hash: string; type: string; bytes: number[] }[];
    // Each kept image is the CDN's bytes for its URL (or its full-size original), stored under their SHA-256.
    for (const [url, hash] of Object.entries(map)) {
      const image = images.find((i) => i.hash === hash)!;
      expect(image.type).toMatch(/^image\//);
      expect(createHash('sha256').update(Buffer.from(image.bytes)).digest('hex')).toBe(hash);
      const served = [...cdn.served].filter(([u]) => u.split('!')[0] === url.split('!')[0]).map(([, b]) => [...b].join());
      expect(served).toContain(image.bytes.join());
    }
    await helper.getByText(/已用空间：.+（6 篇文章）/).waitFor();
    await page.close();
    await popup.close().catch(() => undefined);
  });
});
