/**
 * The library page (资料库) with the built extension (test build) in headless Chromium: five fixture
 * articles collected through the real extension (the background's `collect`, images kept offline), the
 * list, filters, search as you type by a phrase of each body and by each highlight's note, an article
 * opened with every request aborted and read complete (images from the library, highlights painted),
 * Esc back to the list with the search kept, mark read, delete and undo, export one; axe on each view;
 * the page's CSP; and articles holding hostile HTML (one collected from a hostile page, one written
 * straight into the database, past extraction's sanitizer) that execute nothing when opened.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsLine, runAxe, violationDetails } from '../../tools/axe';
import { e2eExtensionDir, fixturesDir, launch, screenshotsDir, type Session } from '../../tools/browser-harness';
import { cdnArgs, cdnHosts, startImageCdn, type ImageCdn } from '../../tools/image-cdn';

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });

interface Expected {
  url: string;
  title: string;
  text: string;
  html: string;
  published: string | null;
}
const fixture = (name: string) => JSON.parse(readFileSync(path.join(fixturesDir, name, 'expected.json'), 'utf8')) as Expected;
const names = ['woshipm-6025589', 'marketing-2023-5966719', 'operate-2023-5957178', 'pd-2024-6119971', 'data-analysis-2024-6106918'];
const articles = names.map(fixture);
const notes = ['出海动机值得再读', '品牌预算怎么分配', '留微信的话术清单', '架构评审要问的问题', '指标口径先对齐'];
const squash = (s: string) => s.replace(/\s+/g, '');

/** A phrase of the body: the first run of 10 Chinese characters in the second half of its long paragraphs, found in no other of the five. */
function bodyPhrase(a: Expected): string {
  const paragraphs = a.text.split(/\n+/).filter((p) => p.length > 60);
  for (const p of paragraphs.slice(Math.floor(paragraphs.length / 2))) {
    for (const [phrase] of p.matchAll(/[\u4e00-\u9fff]{10}/g)) if (articles.every((o) => o === a || !o.text.includes(phrase))) return phrase;
  }
  throw new Error(`no phrase in ${a.url}`);
}
/** The passage each article's highlight covers: a sentence early in its body. */
const highlightOf = (a: Expected) =>
  a.text
    .split(/\n+/)
    .find((p) => p.length > 30)!
    .slice(0, 20);

let s: Session;
let ext: Page;
let cdn: ImageCdn;
beforeAll(async () => {
  // Images come from a stand-in of woshipm's CDN, which (like the real one) wants a woshipm Referer.
  cdn = await startImageCdn();
  s = await launch({ extension: e2eExtensionDir, args: cdnArgs(cdn.port), passThrough: cdnHosts });
  ext = await s.context.newPage();
  await ext.goto(`chrome-extension://${s.id}/options.html`);
});
afterAll(async () => {
  await s?.close();
  await cdn?.close();
});

const background = (type: string, data: unknown) =>
  ext.evaluate(
    ([type, data]) =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        to: 'background',
        type,
        data,
      }),
    [type, data] as const,
  );

async function openLibrary(): Promise<Page> {
  const page = await s.context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  await page.goto(`chrome-extension://${s.id}/library.html`);
  await page.locator('h1').waitFor();
  return page;
}

/** Every serious or critical axe finding on the page as it is now (printed with the counts). */
async function axe(page: Page, name: string): Promise<string[]> {
  const report = await runAxe(page, name, { unclip: true });
  console.log(countsLine(report));
  return violationDetails(report, 'serious');
}

/** Page script (for `addInitScript`): types `query` into the search box as soon as the box exists. */
const typedAsTheBoxAppears = (query: string) => `let typed = false;
      new MutationObserver(() => {
        const box = document.querySelector('#lib-query');
        if (!box || typed) return;
        typed = true;
        box.value = ${JSON.stringify(query)};
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }).observe(document, { subtree: true, childList: true });`;
const cardTitles = (page: Page) => page.locator('.lib-card h3').allTextContents();
const search = async (page: Page, query: string) => {
  await page.fill('#lib-query', query);
  // The results of this very query (the list says which query it shows).
  await expect.poll(() => page.locator('.lib-list').getAttribute('data-query'), { timeout: 5000 }).toBe(query.trim());
};

describe('the library page', () => {
  let page: Page;

  it('says how to add articles while the library is empty', async () => {
    page = await openLibrary();
    await expect.poll(() => page.locator('.lib-empty h2').textContent()).toBe('资料库还是空的');
    expect(await page.locator('.lib-empty p').textContent()).toContain('收藏到资料库');
    expect(await page.title()).toContain('资料库');
    await screenshot(page, 'library-empty');
    expect(await axe(page, 'library/empty zh-CN')).toEqual([]);
  });

  it('lists five articles collected through the extension, newest first, with the space used', async () => {
    // Images kept offline, as the Options switch sets it.
    await ext.getByLabel('离线保存文章图片（占用更多空间）').check();
    await expect.poll(() => ext.getByLabel('离线保存文章图片（占用更多空间）').isChecked()).toBe(true);
    await ext.waitForTimeout(300);
    for (const a of articles) {
      const { page: tab, tabId } = await s.openSite(a.url);
      const outcome = (await background('collect', { tabId })) as { ok: boolean; images?: { total: number; saved: number } };
      expect(outcome, a.url).toMatchObject({ ok: true });
      expect(outcome.images?.saved, `${a.url} images kept`).toBe(outcome.images?.total);
      await tab.close();
    }
    // The open page hears the library change (no reload).
    await expect.poll(() => page.locator('.lib-card').count(), { timeout: 10_000 }).toBe(5);
    expect(await cardTitles(page)).toEqual(articles.map((a) => a.title).reverse());
    expect(await page.locator('.lib-usage').textContent()).toMatch(/已用空间 [\d.]+ [KM]B · 5 篇文章/);
    expect(await page.locator('.lib-card .lib-state').allTextContents()).toEqual(Array(5).fill('稍后读'));
  });

  it('shows the live highlights of each article (added while the page is open) and filters by them', async () => {
    await ext.evaluate(
      ([list]) => {
        const entries: Record<string, unknown> = {};
        for (const { url, title, exact, note, at } of list) {
          const highlight = {
            id: `h-${at}`,
            color: 'yellow',
            note,
            quote: { exact, prefix: '', suffix: '' },
            position: { start: 0, end: exact.length },
            createdAt: at,
            updatedAt: at,
          };
          entries[`highlights:${url}`] = { url, title, updatedAt: at, highlights: [highlight] };
        }
        return (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set(entries);
      },
      [articles.slice(0, 4).map((a, i) => ({ url: a.url, title: a.title, exact: highlightOf(a), note: notes[i]!, at: Date.now() + i }))] as const,
    );
    await expect.poll(() => page.locator('.lib-count').count(), { timeout: 5000 }).toBe(4);
    await page.getByLabel('有划线').check();
    expect(await page.locator('.lib-card').count()).toBe(4);
    await page.getByLabel('有划线').uncheck();
    await page.selectOption('#lib-category', 'marketing');
    expect(await cardTitles(page)).toEqual([articles[1]!.title]);
    await page.selectOption('#lib-category', '');
    await page.selectOption('#lib-year', '2024');
    expect((await cardTitles(page)).sort()).toEqual(
      articles
        .filter((a) => a.published?.startsWith('2024'))
        .map((a) => a.title)
        .sort(),
    );
    await page.selectOption('#lib-year', '');
    await screenshot(page, 'library-list');
    expect(await axe(page, 'library/list zh-CN')).toEqual([]);
  });

  it('finds each article by a phrase of its body and by its note, with the hits marked', async () => {
    for (const [i, a] of articles.entries()) {
      const phrase = bodyPhrase(a);
      await search(page, phrase);
      expect((await cardTitles(page))[0], `${phrase} -> ${a.title}`).toBe(a.title);
      const first = page.locator('.lib-card').first();
      expect(squash((await first.locator('.lib-passage mark').allTextContents()).join(''))).toContain(squash(phrase).slice(0, 2));
      expect(await first.locator('.lib-field').textContent()).toBe('正文');
      if (i >= 4) continue;
      await search(page, notes[i]!);
      expect(await cardTitles(page), notes[i]).toContain(a.title);
      const hit = page.locator('.lib-card', { hasText: a.title });
      expect(await hit.locator('.lib-field').textContent()).toBe('笔记');
      expect(squash((await hit.locator('.lib-passage mark').allTextContents()).join(''))).toBe(notes[i]);
    }
    await search(page, '没有这种文字的查询词组合');
    expect(await page.locator('#lib-list-title').textContent()).toContain('没有找到');
    await search(page, bodyPhrase(articles[0]!));
    await screenshot(page, 'library-search');
    expect(await axe(page, 'library/search zh-CN')).toEqual([]);
    // The index was saved: opened again, the page indexes nothing anew.
    const again = await openLibrary();
    await expect.poll(() => again.evaluate(() => document.documentElement.dataset.searchIndex ?? ''), { timeout: 10_000 }).not.toBe('');
    expect(JSON.parse((await again.evaluate(() => document.documentElement.dataset.searchIndex))!)).toEqual({ added: 0, removed: 0, fresh: false });
    await again.close();
  });

  it('does not search the letters an input method is still composing, and searches what it commits', async () => {
    await page.fill('#lib-query', '');
    await expect.poll(() => page.locator('#lib-list-title').textContent()).toBe('共 5 篇');
    await page.focus('#lib-query');
    // Chromium's own input-method path (CDP), as a pinyin keyboard composes: yong, then 用户 chosen
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'yong', selectionStart: 4, selectionEnd: 4 });
    expect(await page.inputValue('#lib-query')).toBe('yong');
    await cdp.send('Input.imeSetComposition', { text: 'yonghu', selectionStart: 6, selectionEnd: 6 });
    // a search for the letters would say so within a few milliseconds (data-query="yonghu", 没有找到)
    await page.waitForTimeout(500);
    expect(await page.locator('.lib-list').getAttribute('data-query')).toBeNull();
    expect(await page.locator('#lib-list-title').textContent()).toBe('共 5 篇');
    const phrase = bodyPhrase(articles[2]!);
    await cdp.send('Input.insertText', { text: phrase }); // the choice commits the composition
    await cdp.detach();
    expect(await page.inputValue('#lib-query')).toBe(phrase);
    await expect.poll(() => page.locator('.lib-list').getAttribute('data-query')).toBe(phrase.trim());
    expect((await cardTitles(page))[0]).toBe(articles[2]!.title);
    await search(page, bodyPhrase(articles[0]!)); // as the test before left it: the next opens from these results
  });

  it('searches a query typed while the library is still read once, and once more when its highlights are in (not at every render)', async () => {
    const phrase = bodyPhrase(articles[1]!);
    const slow = await s.context.newPage();
    // the highlights (browser.storage.local) come 800 ms late: the page stays 'loading' that long, the query already typed
    await slow.addInitScript(`(() => {
      const local = chrome.storage.local, get = local.get.bind(local);
      local.get = (...args) => new Promise((resolve) => setTimeout(resolve, 800)).then(() => get(...args));
      ${typedAsTheBoxAppears(phrase)}
    })()`);
    try {
      await slow.goto(`chrome-extension://${s.id}/library.html`);
      await expect.poll(() => slow.locator('.lib-list').getAttribute('data-query'), { timeout: 10_000 }).toBe(phrase);
      await expect.poll(() => slow.evaluate(() => document.documentElement.dataset.searchIndex ?? null), { timeout: 10_000 }).not.toBeNull();
      await slow.waitForTimeout(300);
      expect((await cardTitles(slow))[0]).toBe(articles[1]!.title);
      const searches = await slow.evaluate(() => performance.getEntriesByName('library-search').length);
      expect(searches).toBeGreaterThanOrEqual(1);
      expect(searches).toBeLessThanOrEqual(2);
    } finally {
      await slow.close();
    }
  });

  it('shows the results of a query typed while the list is still read, the filters drawn but disabled until it is', async () => {
    const phrase = bodyPhrase(articles[2]!);
    const slow = await s.context.newPage();
    // the whole of storage.local (the highlights, which the library's first read waits for) comes 2 s late; the
    // language setting, read by key, at once
    await slow.addInitScript(`(() => {
      const local = chrome.storage.local, get = local.get.bind(local);
      local.get = (...args) => (args[0] == null ? new Promise((resolve) => setTimeout(resolve, 2000)).then(() => get(...args)) : get(...args));
      ${typedAsTheBoxAppears(phrase)}
    })()`);
    const disabled = () => slow.evaluate(() => document.querySelector('#lib-category')?.matches(':disabled') ?? null);
    try {
      const opened = Date.now();
      await slow.goto(`chrome-extension://${s.id}/library.html`);
      await expect.poll(() => slow.locator('.lib-list').getAttribute('data-query'), { timeout: 10_000 }).toBe(phrase);
      expect(Date.now() - opened).toBeLessThan(2000);
      expect(await slow.evaluate(() => performance.getEntriesByName('library-newest').length)).toBe(0);
      expect((await cardTitles(slow))[0]).toBe(articles[2]!.title);
      expect(await slow.locator('.lib-card mark').count()).toBeGreaterThan(0);
      expect(await disabled()).toBe(true);
      expect(await slow.locator('.lib-actions button').first().isDisabled()).toBe(true);
      await screenshot(slow, 'library-results-while-loading');
      expect(await axe(slow, 'library results while the list is read')).toEqual([]);
      // the library read: the same results, the filters usable
      await expect.poll(disabled, { timeout: 10_000 }).toBe(false);
      expect((await cardTitles(slow))[0]).toBe(articles[2]!.title);
      expect(await slow.locator('.lib-list').getAttribute('data-query')).toBe(phrase);
    } finally {
      await slow.close();
    }
  });

  it('opens an article with every request aborted and it reads complete, images from the library and highlights painted', async () => {
    const requests: string[] = [];
    await page.route('**', (route) => {
      const url = route.request().url();
      if (url.startsWith('chrome-extension:') || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await s.context.setOffline(true);
    const a = articles[0]!;
    await page.locator(`[data-open="${a.url}"]`).click();
    const body = page.locator('.reader .body');
    await body.waitFor();
    await expect.poll(() => page.locator('.reader h1').textContent()).toBe(a.title);
    // Complete: every paragraph of the stored text is in the reader's body.
    const shown = squash((await body.textContent()) ?? '');
    for (const paragraph of a.text.split(/\n+/).filter(Boolean)) expect(shown).toContain(squash(paragraph));
    // The stand-in CDN's bytes are not decodable pictures: what counts is that each src is a blob: of the kept bytes.
    const images = await body.locator('img').evaluateAll((imgs) =>
      Promise.all(
        imgs.map(async (img) => ({
          src: (img as HTMLImageElement).src,
          bytes: (await (await fetch((img as HTMLImageElement).src)).arrayBuffer()).byteLength,
        })),
      ),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const img of images) {
      expect(img.src).toMatch(/^blob:chrome-extension:/);
      expect(img.bytes).toBeGreaterThan(8);
    }
    expect(squash((await body.locator('mark[data-hl]').allTextContents()).join(''))).toBe(squash(highlightOf(a)));
    expect(await page.locator('.reader .outline li').count()).toBeGreaterThan(0);
    expect(requests).toEqual([]);
    await screenshot(page, 'library-reader-offline');
    expect(await axe(page, 'library/reader zh-CN')).toEqual([]);
    // Esc: back to the list, the search as it was, the focus on the article it opened.
    await page.keyboard.press('Escape');
    await page.locator('.reader').waitFor({ state: 'detached' });
    expect(await page.inputValue('#lib-query')).toBe(bodyPhrase(a));
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-open'))).toBe(a.url);
    await s.context.setOffline(false);
    await page.unroute('**');
  });

  it('marks read, deletes with an undo, and exports one', async () => {
    await page.fill('#lib-query', '');
    await expect.poll(() => page.locator('.lib-card').count()).toBe(5);
    const card = (title: string) => page.locator('.lib-card', { hasText: title });
    const a = articles[2]!;
    await card(a.title)
      .getByRole('button', { name: /标为已读/ })
      .click();
    await expect.poll(() => card(a.title).locator('.lib-state').textContent()).toBe('已读');
    await page.selectOption('#lib-state', 'read');
    expect(await cardTitles(page)).toEqual([a.title]);
    await page.selectOption('#lib-state', '');

    await card(a.title).getByRole('button', { name: /^删除/ }).click();
    await expect.poll(() => page.locator('.lib-card').count()).toBe(4);
    expect(await page.locator('.lib-toast').textContent()).toContain('已删除 1 篇');
    await screenshot(page, 'library-deleted');
    await page.locator('.lib-toast').getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => page.locator('.lib-card').count()).toBe(5);
    expect(await card(a.title).locator('.lib-state').textContent()).toBe('已读');

    // A selection: deleted together, back together.
    await page.getByLabel(`选择「${articles[3]!.title}」`).check();
    await page.getByLabel(`选择「${articles[4]!.title}」`).check();
    await page.getByRole('button', { name: '删除所选' }).click();
    await expect.poll(() => page.locator('.lib-card').count()).toBe(3);
    await page.locator('.lib-toast').getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => page.locator('.lib-card').count()).toBe(5);

    const listDownloads = () => (existsSync(s.downloads) ? readdirSync(s.downloads, { recursive: true }).map(String) : []);
    const before = new Set(listDownloads());
    const cdnBefore = cdn.requests.length;
    await card(articles[1]!.title).getByRole('button', { name: /^导出/ }).click();
    await expect.poll(() => page.locator('.lib-status').textContent(), { timeout: 15_000 }).toBe('导出完成：1 篇成功，0 篇失败');
    await expect.poll(() => listDownloads().filter((f) => !before.has(f) && /\.(md|zip)$/.test(f)), { timeout: 10_000 }).toHaveLength(1);
    // Its images were kept offline: the zip has them from the library, none fetched again.
    const [zipFile] = listDownloads().filter((f) => !before.has(f) && f.endsWith('.zip'));
    const files = unzipSync(new Uint8Array(readFileSync(path.join(s.downloads, zipFile!))));
    const images = Object.keys(files).filter((f) => /\.(png|jpe?g|gif|webp)$/i.test(f));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images)
      expect(
        [...cdn.served.values()].some((bytes) => Buffer.from(files[image]!).equals(bytes)),
        image,
      ).toBe(true);
    expect(cdn.requests.slice(cdnBefore)).toEqual([]);
  });

  it('is reachable by keyboard: the search box first after the heading, then the filters', async () => {
    await page.locator('h1').click(); // where sequential focus starts
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lib-query');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lib-category');
    // Enter on an article's title opens it; Esc comes back.
    await page.locator(`[data-open="${articles[0]!.url}"]`).focus();
    await page.keyboard.press('Enter');
    await page.locator('.reader').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.reader').waitFor({ state: 'detached' });
    await screenshot(page, 'library-focus');
  });

  it('opens from 资料库 in the popup and in Options, the background opening the store before the page’s code runs', async () => {
    const worker = s.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${s.id}/`))!;
    // when the background last opened the store for a page (absolute times: the worker's clock and the page's)
    const storeOpened = () =>
      worker.evaluate(`performance.getEntriesByName('library-opened-for-page').map((m) => performance.timeOrigin + m.startTime).at(-1) ?? null`) as Promise<
        number | null
      >;
    for (const [from, name] of [
      ['popup.html?tabId=-1', '资料库'],
      ['options.html', '打开资料库：收藏和导出过的文章'],
    ] as const) {
      const before = await storeOpened();
      const opener = await s.context.newPage();
      await opener.goto(`chrome-extension://${s.id}/${from}`);
      const tab = s.context.waitForEvent('page', (p) => p.url().endsWith('/library.html'));
      await opener.getByRole('button', { name, exact: true }).click();
      const library = await tab;
      await library.locator('.lib-card').first().waitFor();
      const script = (await library.evaluate(`performance.timeOrigin + performance.getEntriesByName('library-script')[0].startTime`)) as number;
      const opened = await storeOpened();
      expect(opened, from).not.toBeNull();
      expect(opened, from).not.toBe(before);
      expect(opened!, from).toBeLessThan(script);
      await library.close();
      if (!opener.isClosed()) await opener.close();
    }
  });

  it('at 135 articles lists the newest 100 (显示更多 for the rest), and searches a screenful (20) at a time', async () => {
    // 130 copies of the first article, written straight in by the library's own putArticle (the test build's hook)
    const [full] = (await page.evaluate(async (url) => {
      const record = await new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('library');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('articles').objectStore('articles').get(url);
          get.onsuccess = () => resolve([(get.result as { article: unknown }).article]);
          get.onerror = () => reject(get.error);
        };
      });
      return record;
    }, articles[0]!.url)) as [Record<string, unknown>];
    // saved while the library page is closed (from another page, as the background saves): open, with 135 in
    // the library, it indexes the 130 at once (with it open, each save is indexed as it comes, ~0.5 s apiece here)
    await page.goto('about:blank');
    const writer = await s.context.newPage();
    await writer.goto(`chrome-extension://${s.id}/library.html?hook-only`);
    await writer.evaluate(async (article) => {
      const put = (globalThis as unknown as { woshipmLibrary: { put(a: unknown): Promise<unknown> } }).woshipmLibrary.put;
      for (let n = 1; n <= 130; n++) await put({ ...article, url: `${article.url as string}?copy=${n}`, title: `${article.title as string}（副本 ${n}）` });
    }, full);
    await writer.close();
    await page.goto(`chrome-extension://${s.id}/library.html`);
    await page.locator('h1').waitFor();
    await page.fill('#lib-query', '');
    await expect.poll(() => page.locator('#lib-list-title').textContent(), { timeout: 20_000 }).toBe('共 135 篇');
    expect(await page.locator('.lib-card').count()).toBe(100);
    await page.getByRole('button', { name: '显示更多（还有 35 篇）' }).click();
    expect(await page.locator('.lib-card').count()).toBe(135);

    const phrase = bodyPhrase(articles[0]!);
    // what the list shows while it says it is busy: a new query's first screenful, drawn before the rest is checked
    await page.evaluate(() => {
      const seen: number[] = [];
      (globalThis as unknown as { busyCounts: number[] }).busyCounts = seen;
      new MutationObserver(() => {
        const list = document.querySelector('.lib-list[aria-busy="true"]');
        if (list) seen.push(list.querySelectorAll('.lib-card').length);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const marksBefore = await page.evaluate(() => performance.getEntriesByName('library-search-checked').length);
    await search(page, phrase);
    await expect.poll(() => page.locator('.lib-card').count(), { timeout: 20_000 }).toBe(20);
    expect(await page.locator('#lib-list-title').textContent()).toBe('最相关的 20 篇（还有更多）');
    expect(await page.locator('.lib-list').getAttribute('aria-busy')).toBeNull();
    const busy = await page.evaluate(() => (globalThis as unknown as { busyCounts: number[] }).busyCounts);
    expect(Math.max(...busy)).toBeGreaterThan(0);
    expect(Math.max(...busy)).toBeLessThanOrEqual(8);
    // two steps: a dozen candidates checked for the first 8, then the rest of the 20 from the same candidates (and a
    // search run again for the same query, when the index or the list changes, keeps its rows: no first step again)
    const checked = await page.evaluate(
      (from) =>
        performance
          .getEntriesByName('library-search-checked')
          .slice(from)
          .map((m) => (m as PerformanceMark).detail as number),
      marksBefore,
    );
    expect(checked.length).toBeGreaterThanOrEqual(2);
    expect(checked[0]).toBeLessThanOrEqual(12);
    for (const n of checked.slice(1)) expect(n).toBeGreaterThanOrEqual(20);
    await page.getByRole('button', { name: '显示更多结果' }).click();
    await expect.poll(() => page.locator('.lib-card').count()).toBe(40);
    for (const passage of await page.locator('.lib-passage').allTextContents()) expect(squash(passage)).toContain(phrase);
    await screenshot(page, 'library-more-results');
    expect(await axe(page, 'library/more results zh-CN')).toEqual([]);
    await page.fill('#lib-query', '');
  });
});

describe('security', () => {
  it('runs under the extension pages’ default CSP: no inline script runs', async () => {
    const manifest = JSON.parse(readFileSync(path.join(e2eExtensionDir, 'manifest.json'), 'utf8')) as { content_security_policy?: unknown };
    expect(manifest.content_security_policy).toBeUndefined();
    const page = await openLibrary();
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.documentElement.dataset.inline = "ran"';
      document.head.append(script);
      return document.documentElement.dataset.inline ?? 'blocked';
    });
    expect(ran).toBe('blocked');
    await page.close();
  });

  it('fetches its search code with the page and starts opening the store before its own code runs; no other page loads the search', async () => {
    const searchChunk = /\/chunks\/search-index-[^/]*\.js$/;
    const loaded = (page: Page) => {
      const urls: string[] = [];
      page.on('request', (r) => void urls.push(r.url()));
      return urls;
    };
    const page = await s.context.newPage();
    const libraryRequests = loaded(page);
    await page.goto(`chrome-extension://${s.id}/library.html`);
    await page.locator('h1').waitFor();
    const { preloads, warm, script } = await page.evaluate(async () => ({
      // the page as the browser got it (the search code's own loader adds such links too, later)
      preloads: [...new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html').querySelectorAll('link[rel="modulepreload"]')].map(
        (l) => l.getAttribute('href') ?? '',
      ),
      warm: performance.getEntriesByName('library-warm')[0]?.startTime ?? null,
      script: performance.getEntriesByName('library-script')[0]?.startTime ?? null,
    }));
    expect(preloads.some((href) => searchChunk.test(href))).toBe(true);
    expect(libraryRequests.some((url) => searchChunk.test(url))).toBe(true);
    expect(warm).not.toBeNull();
    expect(warm!).toBeLessThan(script!);
    await page.close();
    for (const other of ['popup.html?tabId=-1', 'options.html']) {
      const otherPage = await s.context.newPage();
      const requests = loaded(otherPage);
      await otherPage.goto(`chrome-extension://${s.id}/${other}`);
      await otherPage.locator('h1, main').first().waitFor();
      await otherPage.waitForLoadState('networkidle');
      expect(requests.filter((url) => url.includes('/chunks/')).length).toBeGreaterThan(0);
      expect(requests.filter((url) => searchChunk.test(url) || url.endsWith('/library-warm.js'))).toEqual([]);
      await otherPage.close();
    }
  });

  it('opens articles holding hostile HTML and nothing in them runs or reaches the extension API', async () => {
    const payloads: string[] = JSON.parse(readFileSync(path.join(fixturesDir, 'xss', 'payloads.json'), 'utf8'));
    // 1. A hostile page collected through the extension (extraction sanitizes it).
    const hostile = fixture('it-2025-6200141');
    const original = s.pages.get(hostile.url)!;
    // Each in a paragraph of its own; those that swallow the rest of the page unclosed (style, math, noscript, template) only in 2.
    const inPage = payloads.filter((p) => !/<(style|math|noscript|template)/i.test(p)).map((p) => `<p>${p}</p>`);
    s.pages.set(hostile.url, original.replace(/(<div class="article--content[^"]*">)/, `$1<div><p>正文前</p>${inPage.join('')}<p>正文后</p></div>`));
    const { page: tab, tabId } = await s.openSite(hostile.url);
    const collected = await background('collect', { tabId });
    expect(collected, JSON.stringify(collected)).toMatchObject({ ok: true });
    await tab.close();
    // Payloads that, should anything run, would say so where the test looks (the page's own document).
    const pwn = [
      '<img src=x onerror="document.documentElement.dataset.pwned=1">',
      '<svg onload="document.documentElement.dataset.pwned=2"></svg>',
      '<a href="javascript:document.documentElement.dataset.pwned=3" id="pwn">链</a>',
    ];
    // 2. An article written straight into the database with the payloads as its html: the page's own sanitizing is all that stands.
    const raw = {
      ...fixture('woshipm-6025589'),
      url: 'https://www.woshipm.com/zhichang/9999999.html',
      title: '恶意正文直接入库',
      html: `<h2 id="wr-h1">小标题</h2><p>开头</p>${[...payloads, ...pwn].join('\n')}<p>结尾</p>`,
    };
    const storageKeys = () =>
      ext.evaluate(async () =>
        Object.keys(await (globalThis as unknown as { chrome: { storage: { local: { get(): Promise<object> } } } }).chrome.storage.local.get()).sort(),
      );
    const keysBefore = await storageKeys();
    const page = await openLibrary();
    const violations: string[] = [];
    page.on('dialog', (d) => {
      violations.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!/^(chrome-extension|blob|data):/.test(r.url())) violations.push(`request ${r.url()}`);
    });
    await page.evaluate(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        document.documentElement.dataset.csp = `${document.documentElement.dataset.csp ?? ''}${e.violatedDirective} ${e.blockedURI} ${e.sample} ${(e.target as Element | null)?.outerHTML?.slice(0, 200)};`;
      });
    });
    await page.evaluate((article) => (globalThis as unknown as { woshipmLibrary: { put(a: unknown): Promise<unknown> } }).woshipmLibrary.put(article), raw);
    await page.route('**', (route) => (/^(chrome-extension|blob|data):/.test(route.request().url()) ? route.continue() : route.abort()));
    for (const title of [hostile.title, raw.title]) {
      await expect.poll(() => page.locator('.lib-open', { hasText: title }).count(), { timeout: 10_000 }).toBe(1);
      await page.locator('.lib-open', { hasText: title }).click();
      const body = page.locator('.reader .body');
      await body.waitFor();
      await page.waitForTimeout(500); // time for any handler, autofocus or toggle to fire
      const found = await body.evaluate((root) => {
        const bad: string[] = [];
        for (const el of root.querySelectorAll('*')) {
          if (/^(script|iframe|object|embed|form|input|button|style|link|meta|base|svg|math|template|video|audio|source|noscript)$/i.test(el.tagName))
            bad.push(el.tagName);
          for (const attr of el.attributes) {
            if (/^on/i.test(attr.name) || /^(style|srcdoc|formaction|xlink:href)$/i.test(attr.name)) bad.push(`${el.tagName}@${attr.name}`);
            if (attr.name === 'id' && !/^wr-h\d+$/.test(attr.value)) bad.push(`${el.tagName}@id`);
            if (/^(href|src|action|data)$/i.test(attr.name) && /^\s*(javascript|vbscript|data|file):/i.test(attr.value))
              bad.push(`${el.tagName}@${attr.name}=${attr.value}`);
          }
        }
        return bad;
      });
      expect(found, `${title}: ${found.join(' ')}`).toEqual([]);
      // Every link left in it is a plain web link: clicking one runs nothing here.
      for (const link of await body.locator('a[href]').all()) expect(await link.getAttribute('href')).toMatch(/^(https?:|mailto:)/);
      if (title === raw.title) expect(await body.textContent()).toContain('开头');
      await screenshot(page, `library-hostile-${title === raw.title ? 'raw' : 'collected'}`);
      await page.keyboard.press('Escape');
      await page.locator('.reader').waitFor({ state: 'detached' });
    }
    // Chromium reports the inline handlers of hostile markup parsed even into an inert document (the sanitizer's DOMParser
    // copy): the page's CSP refuses each (script-src-attr). Nothing else may be refused, and nothing may have run.
    const csp = (await page.evaluate(() => document.documentElement.dataset.csp ?? '')).split(';').filter(Boolean);
    expect(
      csp.filter((v) => !v.startsWith('script-src-attr inline')),
      csp.join(';'),
    ).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.dataset.pwned ?? 'no')).toBe('no');
    expect(violations).toEqual([]);
    // Nothing reached the extension API: the storage holds no key a payload could have written.
    expect(await storageKeys()).toEqual(keysBefore);
    await page.close();
  });
});
