/**
 * The library (资料库) in Firefox, with the test build, smaller than tests/e2e/library.e2e.ts: two articles saved two
 * ways from the popup (收藏到资料库, and a Markdown download: every export records the article) with images kept
 * offline (from the Referer-checking CDN stand-in, reached through `network.dns.localDomains`), the card then saying
 * 已在资料库, the library page listing both newest first, the search finding each by a phrase of its body, one opened with
 * every request aborted and read complete (images from the library), a delete undone, and 资料库 in the popup opening
 * the library page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../tools/browser-harness';
import { firefoxShot, launchFirefox, type FirefoxSession, locate } from '../../tools/firefox-harness';
import { firefoxCdnPrefs, startImageCdn, type ImageCdn } from '../../tools/image-cdn';

interface Expected {
  url: string;
  title: string;
  text: string;
}
const fixture = (name: string) => JSON.parse(readFileSync(path.join(fixturesDir, name, 'expected.json'), 'utf8')) as Expected;
/** Collected with 收藏到资料库, then exported with 下载 Markdown. */
const [collected, exported] = [fixture('woshipm-6025589'), fixture('marketing-2023-5966719')];
const squash = (s: string) => s.replace(/\s+/g, '');

/** A phrase of the body: the first run of 10 Chinese characters in the second half of its long paragraphs, in no other of the two. */
function bodyPhrase(a: Expected): string {
  const paragraphs = a.text.split(/\n+/).filter((p) => p.length > 60);
  for (const p of paragraphs.slice(Math.floor(paragraphs.length / 2))) {
    for (const [phrase] of p.matchAll(/[\u4e00-\u9fff]{10}/g)) if (![collected, exported].some((o) => o !== a && o.text.includes(phrase))) return phrase;
  }
  throw new Error(`no phrase in ${a.url}`);
}

let cdn: ImageCdn;
let s: FirefoxSession;
beforeAll(async () => {
  cdn = await startImageCdn({ port: 443 });
  s = await launchFirefox({ prefs: firefoxCdnPrefs, acceptInsecureCerts: true });
}, 120_000);
afterAll(async () => {
  await s?.close();
  await cdn?.close();
});

const button = (page: Page, name: string) => locate(page, `button::-p-text(${name})`);
const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '').catch(() => '');
const cardTitles = (page: Page) => page.$$eval('.lib-card h3', (els) => els.map((el) => el.textContent ?? ''));

/** Types `query` into the search box and waits for the list to show that very query's results. */
async function search(page: Page, query: string) {
  await page.$eval('#lib-query', (input) => ((input as HTMLInputElement).value = ''));
  await page.type('#lib-query', query);
  await expect.poll(() => page.$eval('.lib-list', (el) => (el as HTMLElement).dataset.query ?? null), { timeout: 10_000 }).toBe(query);
}

describe('the library in Firefox', () => {
  it('keeps images offline once Options says so', async () => {
    const options = await s.openExtensionPage('options.html');
    await options.waitForSelector('.library-settings input[type=checkbox]');
    const keep = (await options.$('.library-settings label.check input'))!;
    expect(await keep.evaluate((input) => input.parentElement?.textContent?.trim())).toBe('离线保存文章图片（占用更多空间）');
    if (!(await keep.evaluate((input) => (input as HTMLInputElement).checked))) await keep.click();
    await expect.poll(() => keep.evaluate((input) => (input as HTMLInputElement).checked)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the setting written
    await options.close();
  });

  it('saves one article with 收藏到资料库 and one by exporting it, and the card says 已在资料库', async () => {
    {
      const { tabId } = await s.openSite(collected.url);
      const popup = await s.openPopup(tabId);
      await popup.waitForSelector('.card-title');
      await button(popup, '收藏到资料库').click();
      await popup.waitForSelector('::-p-text(已收藏到资料库)', { timeout: 20_000 });
      await popup.waitForSelector('.in-library::-p-text(已在资料库)');
      await firefoxShot(popup, 'popup-in-library');
      await popup.close();
    }
    {
      const { tabId } = await s.openSite(exported.url);
      const popup = await s.openPopup(tabId);
      await popup.waitForSelector('.card-title');
      await popup.waitForSelector('button::-p-text(收藏到资料库)');
      await button(popup, '下载 Markdown').click();
      await popup.waitForSelector('::-p-text(已开始下载)', { timeout: 20_000 });
      await popup.waitForSelector('.in-library::-p-text(已在资料库)', { timeout: 10_000 });
      await popup.close();
    }
    // Opened again, each card says it from the library's own record.
    for (const a of [collected, exported]) {
      const { tabId } = await s.openSite(a.url);
      const popup = await s.openPopup(tabId);
      await popup.waitForSelector('.in-library::-p-text(已在资料库)', { timeout: 10_000 });
      await popup.close();
    }
    await s.closeSites();
  });

  let page: Page;
  it('lists both, newest first, and finds each by a phrase of its body', async () => {
    page = await s.openExtensionPage('library.html');
    await expect.poll(() => cardTitles(page), { timeout: 10_000 }).toEqual([exported.title, collected.title]);
    for (const a of [collected, exported]) {
      const phrase = bodyPhrase(a);
      await search(page, phrase);
      expect((await cardTitles(page))[0], `${phrase} -> ${a.title}`).toBe(a.title);
      expect(squash((await page.$$eval('.lib-card:first-child .lib-passage mark', (els) => els.map((el) => el.textContent ?? ''))).join(''))).toContain(
        squash(phrase).slice(0, 2),
      );
    }
    await firefoxShot(page, 'library-search');
  });

  it('opens an article with every request aborted and it reads complete, its images from the library', async () => {
    await search(page, bodyPhrase(exported));
    // The harness answers the web from fixtures: instead, refuse everything that is not the extension's own.
    const refused: string[] = [];
    page.removeAllListeners('request');
    page.on('request', (request: HTTPRequest) => {
      if (/^(moz-extension|blob|data):/.test(request.url())) return void request.continue().catch(() => undefined);
      refused.push(request.url());
      void request.abort().catch(() => undefined);
    });
    await locate(page, `[data-open="${exported.url}"]`).click();
    await page.waitForSelector('.reader .body');
    await expect.poll(() => text(page, '.reader h1')).toBe(exported.title);
    const shown = squash(await text(page, '.reader .body'));
    for (const paragraph of exported.text.split(/\n+/).filter(Boolean)) expect(shown).toContain(squash(paragraph));
    const images = await page.$$eval('.reader .body img', (imgs) =>
      Promise.all(
        imgs.map(async (img) => ({ src: (img as HTMLImageElement).src, bytes: (await (await fetch((img as HTMLImageElement).src)).arrayBuffer()).byteLength })),
      ),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const img of images) {
      expect(img.src).toMatch(/^blob:moz-extension:/);
      expect(img.bytes).toBeGreaterThan(8);
    }
    expect(refused).toEqual([]);
    await firefoxShot(page, 'library-reader-offline');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.$('.reader').then((el) => el === null)).toBe(true);
  });

  it('deletes an article and brings it back with 撤销', async () => {
    await page.$eval('#lib-query', (input) => ((input as HTMLInputElement).value = ''));
    await page.type('#lib-query', ' ');
    await page.keyboard.press('Backspace');
    await expect.poll(() => cardTitles(page), { timeout: 10_000 }).toEqual([exported.title, collected.title]);
    await locate(page, `.lib-card:has([data-open="${collected.url}"]) button::-p-text(删除)`).click();
    await expect.poll(() => cardTitles(page)).toEqual([exported.title]);
    expect(await text(page, '.lib-toast')).toContain('已删除 1 篇');
    await locate(page, '.lib-toast button::-p-text(撤销)').click();
    await expect.poll(() => cardTitles(page)).toEqual([exported.title, collected.title]);
    await page.close();
  });

  it('opens the library page from 资料库 in the popup (through the background), listing both', async () => {
    // the library pages open in tabs, as the extension's own pages see them
    const libraryViews = () =>
      s.openExtensionPage('options.html').then(async (probe) => {
        const count = await probe.evaluate(
          () =>
            (globalThis as unknown as { browser: { extension: { getViews(q: { type: string }): Window[] } } }).browser.extension
              .getViews({ type: 'tab' })
              .filter((view) => view.location.pathname === '/library.html' && view.document.querySelectorAll('.lib-card').length === 2).length,
        );
        await probe.close();
        return count;
      });
    expect(await libraryViews()).toBe(0);
    const popup = await s.openExtensionPage('popup.html?tabId=-1');
    await button(popup, '资料库').click();
    await expect.poll(libraryViews, { timeout: 15_000, interval: 500 }).toBe(1);
  });
});
