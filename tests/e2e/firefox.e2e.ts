/**
 * The built extension in headless Firefox (firefox-esr, WebDriver BiDi through puppeteer-core): the card, a
 * download that is the CLI's bytes, the states instead of a blank popup, the shortcut, reader mode and the
 * batch export, with what tests/e2e/cases.ts expects of the Chromium runs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxShot, launchFirefox, labelled, type FirefoxSession, locate } from '../../tools/firefox-harness';
import { root, screenshotsDir } from '../../tools/browser-harness';
import { testHookPath } from '../../utils/test-hook';
import { article, articleExpected, articleFile, batchTabs, clutter, cliMarkdown, expectArticleCard, hash, noArticleStates, pageState, readCard } from './cases';

let s: FirefoxSession;
beforeAll(async () => {
  s = await launchFirefox();
}, 120_000);
afterAll(async () => s?.close());

/** A file in the downloads folder once Firefox has finished writing it (it writes `<name>.part` until then). */
async function downloaded(name: string): Promise<string> {
  const file = path.join(s.downloads, name);
  await expect.poll(() => existsSync(file) && !readdirSync(s.downloads).some((f) => f.endsWith('.part')), { timeout: 10_000 }).toBe(true);
  return readFileSync(file, 'utf8');
}

const button = (page: Page, name: string) => locate(page, `button::-p-text(${name})`);

/** Picks the template and 包含要点 in the popup (saved: the shortcut uses them too) and remote images. */
async function exportOptions(popup: Page, template: 'frontmatter' | 'gitbook', keyPoints: boolean) {
  await (await labelled(popup, '模板')).select(template);
  const box = await labelled(popup, '包含要点');
  if ((await box.evaluate((input) => (input as HTMLInputElement).checked)) !== keyPoints) await box.click();
  await (await labelled(popup, '图片')).select('remote'); // the CLI's default
  // Saved before the popup may close (the settings item `sync:export`, shell/settings.ts).
  const saved = () =>
    s.inExtension(async () => {
      const storage = (globalThis as unknown as { browser: { storage: { sync: { get(key: string): Promise<Record<string, unknown>> } } } }).browser.storage;
      return (await storage.sync.get('export')).export as { template?: string; keyPoints?: boolean; images?: string } | undefined;
    }, null);
  await expect.poll(saved).toMatchObject({ template, keyPoints, images: 'remote' });
}

describe('the builds', () => {
  it('ship no test hook: only the test build opens extension pages on request', () => {
    const background = (build: string) => readFileSync(path.join(root, '.output', build, 'background.js'), 'utf8');
    expect(background('firefox-mv3-e2e')).toContain(testHookPath);
    expect(background('firefox-mv3')).not.toContain(testHookPath);
    expect(background('chrome-mv3')).not.toContain(testHookPath);
  });
});

describe('the popup in Firefox', () => {
  it('shows the article card with the article facts', async () => {
    const { tabId } = await s.openSite(article);
    const popup = await s.openPopup(tabId);
    await popup.waitForSelector('.card-title');
    expectArticleCard(await popup.evaluate(readCard));
    await firefoxShot(popup, 'popup-card');
    await popup.close();
  });

  it('downloads the same Markdown the CLI writes, under the template file name', async () => {
    const { tabId } = await s.openSite(article);
    const popup = await s.openPopup(tabId);
    await popup.waitForSelector('.card-title');
    await exportOptions(popup, 'gitbook', true);
    await button(popup, '下载 Markdown').click();
    await popup.waitForSelector('::-p-text(已开始下载)');
    expect(await downloaded(articleFile)).toBe(cliMarkdown('woshipm-6025589', '--template', 'gitbook', '--key-points'));
    await popup.close();
  });

  it.each(noArticleStates)('says so for %s', async (name, url, title) => {
    const { tabId } = await s.openSite(url);
    const popup = await s.openPopup(tabId);
    await popup.waitForSelector(`h1::-p-text(${title})`);
    await firefoxShot(popup, `popup-state-${name.replace(/\s+/g, '-')}`);
    await popup.close();
  });

  it('exports the active article with the saved options on the shortcut, and shows it on the icon', async () => {
    const { page, tabId } = await s.openSite('https://www.woshipm.com/pmd/5239764.html');
    const popup = await s.openPopup(tabId);
    await popup.waitForSelector('.card-title');
    await exportOptions(popup, 'frontmatter', false);
    await popup.close();
    await page.bringToFront();
    expect(await s.command('export-markdown')).toBe(true);
    // The toolbar icon's badge says it went well, for 4 s (`action` in MV3; MV2 has only `browserAction`).
    type Action = { getBadgeText(details: object): Promise<string> };
    const badge = async (id: number) => {
      const api = (globalThis as unknown as { browser: { action?: Action; browserAction?: Action } }).browser;
      return (api.action ?? api.browserAction)!.getBadgeText({ tabId: id });
    };
    expect(await s.inExtension(badge, tabId)).toBe('✓');
    expect(await downloaded('2021-12-07-深度思考 - 产品经理要不要懂技术的底层逻辑.md')).toBe(cliMarkdown('pmd-2021-5239764'));
  });
});

describe('reader mode in Firefox', () => {
  const reader = (page: Page) => page.waitForSelector('woshipm-reader >>> .reader');
  const closed = (page: Page) => page.waitForFunction(() => !document.querySelector('woshipm-reader'));

  it('opens from the popup with the clean article, and Esc closes it', async () => {
    const { page, tabId } = await s.openSite(article);
    const popup = await s.openPopup(tabId);
    await popup.waitForSelector('.card-title');
    await button(popup, '阅读模式').click();
    await page.bringToFront();
    await reader(page);
    const shown = await page.evaluate(() => {
      const root = document.querySelector('woshipm-reader')!.shadowRoot!;
      return {
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text (hidden text left out) is what is checked
        text: (root.querySelector('.reader') as HTMLElement).innerText,
        title: root.querySelector('h1')?.textContent,
        outline: [...root.querySelectorAll('nav.outline a')].map((a) => a.textContent),
      };
    });
    for (const item of clutter) expect(shown.text, item).not.toContain(item);
    expect(shown.title).toBe(articleExpected.title);
    expect(shown.outline).toEqual(articleExpected.outline.map((h) => h.text));
    await page.screenshot({ path: path.join(screenshotsDir, 'firefox-reader.png') as `${string}.png` });
    await page.keyboard.press('Escape');
    await closed(page);
    await popup.close();
  });

  it('leaves the page exactly as it was: same DOM, same scroll position, focus back', async () => {
    const { page } = await s.openSite(article);
    await page.bringToFront();
    await page.evaluate(() => {
      scrollTo(0, 1234);
      (document.querySelector('.article--wrapper a.ui-captionStrong') as HTMLElement).focus({ preventScroll: true });
    });
    const before = await page.evaluate(pageState);
    expect(before.focus).toBe('A:霞光社');
    expect(await s.command('toggle-reader')).toBe(true);
    await reader(page);
    await page.select('woshipm-reader >>> #reader-theme', 'dark');
    await page.screenshot({ path: path.join(screenshotsDir, 'firefox-reader-dark.png') as `${string}.png` });
    await page.select('woshipm-reader >>> #reader-theme', 'auto');
    await page.mouse.wheel({ deltaY: 2500 }); // scrolls the reader, not the page
    await page.keyboard.press('Escape');
    await closed(page);
    const after = await page.evaluate(pageState);
    expect(hash(after.html)).toBe(hash(before.html));
    expect([after.x, after.y]).toEqual([before.x, before.y]);
    expect(after.focus).toBe(before.focus);
  });
});

describe('batch export in Firefox', () => {
  it('downloads every open woshipm article, with progress and a result per tab', async () => {
    await s.closeSites();
    const earlier = new Set(readdirSync(s.downloads));
    for (const url of batchTabs.articles) await s.openSite(url);
    await s.openSite(batchTabs.notArticle);
    const { tabId } = await s.openSite(batchTabs.articles[0]!);
    const popup = await s.openPopup(tabId);
    await button(popup, batchTabs.button).click();
    await popup.waitForSelector(`::-p-text(${batchTabs.done})`);
    expect(await popup.$$eval('.batch-items li.done', (items) => items.length)).toBe(4);
    await firefoxShot(popup, 'popup-batch-done');
    const names = () => readdirSync(s.downloads).filter((f) => f.endsWith('.md') && !earlier.has(f));
    await expect.poll(() => names().length, { timeout: 10_000 }).toBe(4);
    expect(names().some((n) => n.startsWith(batchTabs.oneOfTheFiles))).toBe(true);
  });
});
