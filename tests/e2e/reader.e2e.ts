/** Reader mode in the page, with the built extension in headless Chromium. */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, screenshotsDir, type Session } from '../../tools/browser-harness';
import { article as url, clutter, articleExpected as expected, hash, pageState } from './cases';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => s?.close());



async function background(command: string): Promise<unknown> {
  const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
  return worker.evaluate(
    (c) => (globalThis as unknown as { woshipmReader: { onCommand(c: string): Promise<unknown> } }).woshipmReader.onCommand(c),
    command,
  );
}

/** Text a reader sees in the reader (its shadow root), with layout: innerText skips hidden text. */
// biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the rendered text, on purpose
const readerText = (page: Page) => page.locator('woshipm-reader .reader').innerText();

describe('reader mode', () => {
  it('opens from the popup, shows the clean article and no clutter', async () => {
    const { page, tabId } = await s.openSite(url);
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    await popup.getByRole('button', { name: '阅读模式' }).click();
    await page.bringToFront();
    await page.locator('woshipm-reader .reader').waitFor();
    const text = await readerText(page);
    for (const item of clutter) expect(text, item).not.toContain(item);
    for (const h of expected.outline) expect(await page.locator('woshipm-reader .body h2, woshipm-reader .body h3').filter({ hasText: h.text }).count()).toBe(1);
    expect(await page.locator('woshipm-reader h1').textContent()).toBe(expected.title);
    expect(await page.locator('woshipm-reader nav.outline a').allTextContents()).toEqual(expected.outline.map((h) => h.text));
    await page.keyboard.press('Escape');
    await page.locator('woshipm-reader').waitFor({ state: 'detached' });
  });

  it('leaves the page exactly as it was: same DOM, same scroll position, focus back', async () => {
    const { page } = await s.openSite(url);
    await page.bringToFront();
    await page.evaluate(() => scrollTo(0, 1234));
    await page.locator('.article--wrapper a.ui-captionStrong').focus({ preventScroll: true } as never);
    await page.evaluate(() => scrollTo(0, 1234));
    const before = await page.evaluate(pageState);
    expect(before.focus).toBe('A:霞光社');
    expect(await background('toggle-reader')).toBe(true);
    await page.locator('woshipm-reader .reader').waitFor();
    expect(await page.evaluate(() => (document.querySelector('woshipm-reader')?.shadowRoot?.activeElement as HTMLElement | null)?.getAttribute('aria-label'))).toBe('关闭阅读模式');
    await page.mouse.wheel(0, 2500); // scrolls the reader, not the page
    await page.keyboard.press('Escape');
    await page.locator('woshipm-reader').waitFor({ state: 'detached' });
    const after = await page.evaluate(pageState);
    expect(hash(after.html)).toBe(hash(before.html));
    expect([after.x, after.y]).toEqual([before.x, before.y]);
    expect(after.focus).toBe(before.focus);
  });

  it('does not stack two readers, and closes on the shortcut again', async () => {
    const { page } = await s.openSite(url);
    await page.bringToFront();
    await s.openPopup(-1).then(async (p) => p.close());
    await background('toggle-reader');
    await page.locator('woshipm-reader .reader').waitFor();
    const worker = s.context.serviceWorkers()[0]!;
    const tabId = await s.tabIdOf(page);
    await worker.evaluate(async (id) => {
      const chrome = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      await Promise.all([chrome.tabs.sendMessage(id, { type: 'reader', data: { open: true } }), chrome.tabs.sendMessage(id, { type: 'reader', data: { open: true } })]);
    }, tabId);
    expect(await page.locator('woshipm-reader').count()).toBe(1);
    expect(await background('toggle-reader')).toBe(false);
    await page.locator('woshipm-reader').waitFor({ state: 'detached' });
  });

  it('closes when the site navigates with the History API', async () => {
    const { page } = await s.openSite(url);
    await page.bringToFront();
    await background('toggle-reader');
    await page.locator('woshipm-reader .reader').waitFor();
    await page.evaluate(() => history.pushState({}, '', '/pmd/5239764.html'));
    await page.locator('woshipm-reader').waitFor({ state: 'detached', timeout: 5000 });
  });

  it('switches themes and text size, remembered for next time; screenshots of each theme', async () => {
    const { page } = await s.openSite(url);
    await page.bringToFront();
    await background('toggle-reader');
    const reader = page.locator('woshipm-reader .reader');
    await reader.waitFor();
    const colours = async () => reader.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
    const themes: Record<string, string> = {};
    for (const theme of ['light', 'sepia', 'dark'] as const) {
      await page.locator('woshipm-reader #reader-theme').selectOption(theme);
      await expect.poll(() => reader.getAttribute('class')).toContain(`theme-${theme}`);
      themes[theme] = (await colours())[0]!;
      await page.screenshot({ path: path.join(screenshotsDir, `reader-${theme}.png`) });
    }
    expect(new Set(Object.values(themes)).size).toBe(3);
    expect(themes.dark).toBe('rgb(22, 24, 28)');
    const size = () => reader.evaluate((el) => getComputedStyle(el).fontSize);
    expect(await size()).toBe('18px');
    await page.getByRole('button', { name: '放大字号' }).click();
    await page.getByRole('button', { name: '放大字号' }).click();
    expect(await size()).toBe('22px');
    await page.keyboard.press('Escape');
    await background('toggle-reader');
    await page.locator('woshipm-reader .reader').waitFor();
    expect(await page.locator('woshipm-reader .reader').getAttribute('class')).toContain('theme-dark');
    expect(await page.locator('woshipm-reader .reader').evaluate((el) => getComputedStyle(el).fontSize)).toBe('22px');
    await page.locator('woshipm-reader #reader-theme').selectOption('auto');
    await page.getByRole('button', { name: '缩小字号' }).click();
    await page.getByRole('button', { name: '缩小字号' }).click();
    await page.keyboard.press('Escape');
  });

  it('exports Markdown from the reader', async () => {
    const { page } = await s.openSite('https://www.woshipm.com/data-analysis/6106918.html');
    await page.bringToFront();
    await background('toggle-reader');
    await page.locator('woshipm-reader .reader').waitFor();
    await page.getByRole('button', { name: '导出 Markdown' }).click();
    await page.locator('woshipm-reader').getByText('已开始下载').waitFor();
  });

  it('can be entered from an optional page button (off by default)', async () => {
    const first = await s.openSite(url);
    expect(await first.page.locator('woshipm-reader-button').count()).toBe(0);
    const options = await s.context.newPage();
    await options.goto(`chrome-extension://${s.id}/options.html`);
    await options.getByLabel('在页面上显示「阅读模式」按钮').check();
    await options.close();
    const { page } = await s.openSite(url);
    await page.bringToFront();
    await page.locator('woshipm-reader-button').waitFor();
    await page.locator('woshipm-reader-button').click();
    await page.locator('woshipm-reader .reader').waitFor();
    await page.keyboard.press('Escape');
    const settings = await s.context.newPage();
    await settings.goto(`chrome-extension://${s.id}/options.html`);
    await settings.getByLabel('在页面上显示「阅读模式」按钮').uncheck();
    await settings.close();
    await page.locator('woshipm-reader-button').waitFor({ state: 'detached' });
  });
});
