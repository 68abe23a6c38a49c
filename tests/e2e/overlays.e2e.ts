/**
 * Living beside other extensions: a page that already carries another extension's fixed overlays at the
 * largest z-index (2147483647), added after ours, as the last children of <html>. Our reader must still
 * be on top and take the keyboard, the page button must stay visible and clickable, and closing the
 * reader must give focus back and leave the page as it was.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, screenshotsDir, type Session } from '../../tools/browser-harness';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => s?.close());

const url = 'https://www.woshipm.com/zhichang/6025589.html';

/** Another extension's UI: a toolbar across the top and a panel with a text field over the bottom-right corner. */
const addOverlays = (page: Page) =>
  page.evaluate(() => {
    const bar = document.createElement('div');
    bar.id = 'other-bar';
    bar.style.cssText = 'position:fixed;top:0;left:0;right:0;height:64px;z-index:2147483647;background:#7c3aed;color:#fff';
    bar.textContent = 'another extension';
    const panel = document.createElement('div');
    panel.id = 'other-panel';
    panel.style.cssText = 'position:fixed;right:0;bottom:0;width:420px;height:360px;z-index:2147483647;background:#dc2626';
    const input = document.createElement('input');
    input.id = 'other-input';
    input.setAttribute('aria-label', 'other extension field');
    panel.append(input);
    document.documentElement.append(bar, panel);
  });

/** The page's DOM (hashed), scroll position and focused element. */
const snapshot = async (page: Page) => {
  const state = await page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    y: scrollY,
    focus: document.activeElement && (document.activeElement.id || document.activeElement.tagName),
  }));
  return { ...state, html: createHash('sha256').update(state.html).digest('hex') };
};

/** The element the user would hit at (x, y): shadow hosts stand for everything inside them. */
const hitAt = (page: Page, x: number, y: number) => page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.tagName.toLowerCase() ?? null, [x, y]);

async function background(command: string): Promise<unknown> {
  const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
  return worker.evaluate((c) => (globalThis as unknown as { woshipmReader: { onCommand(c: string): Promise<unknown> } }).woshipmReader.onCommand(c), command);
}

const readerFocus = (page: Page) =>
  page.evaluate(() => {
    const host = document.querySelector('woshipm-reader');
    return { outer: document.activeElement?.tagName.toLowerCase(), inner: (host?.shadowRoot?.activeElement as HTMLElement | null)?.getAttribute('aria-label') };
  });

describe('beside another extension’s overlays at z-index 2147483647', () => {
  it('the reader opens on top of them, takes focus, and gives it back on close', async () => {
    const { page } = await s.openSite(url);
    await page.bringToFront();
    await addOverlays(page);
    await page.evaluate(() => scrollTo(0, 900));
    await page.locator('#other-input').focus();
    expect(await hitAt(page, 600, 30)).toBe('div'); // the bar is on top of the page…
    const before = await snapshot(page);
    expect(before.focus).toBe('other-input');

    expect(await background('toggle-reader')).toBe(true);
    await page.locator('woshipm-reader .reader').waitFor();
    // …and the reader on top of both: the bar, the panel and the middle of the window are ours.
    for (const [x, y] of [
      [600, 30],
      [1100, 800],
      [600, 450],
      [20, 880],
    ] as const)
      expect(await hitAt(page, x, y), `${x},${y}`).toBe('woshipm-reader');
    await expect.poll(() => readerFocus(page)).toEqual({ outer: 'woshipm-reader', inner: '关闭阅读模式' });
    // The window only (a full-page shot resizes it), caret left alone (hiding it writes style="" on the page's inputs).
    await page.screenshot({ path: path.join(screenshotsDir, 'reader-over-other-overlays.png'), caret: 'initial' });
    // The keyboard reaches the reader, not the other extension's field.
    await page.keyboard.type('abc');
    expect(await page.locator('#other-input').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await page.locator('woshipm-reader').waitFor({ state: 'detached' });

    const after = await snapshot(page);
    expect(after).toEqual(before); // same DOM, scroll position and focus
    expect(await hitAt(page, 600, 30)).toBe('div');
  });

  it('the page button stays visible and clickable above them, and gets focus back when the reader closes', async () => {
    const options = await s.context.newPage();
    await options.goto(`chrome-extension://${s.id}/options.html`);
    await options.getByLabel('在页面上显示「阅读模式」按钮').check();
    await options.close();
    try {
      const { page } = await s.openSite(url);
      await page.bringToFront();
      const button = page.locator('woshipm-reader-button');
      await button.waitFor();
      await addOverlays(page); // after our button, later in the document: equal z-index would put them above it
      const box = (await button.boundingBox())!;
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      // The button sits inside the panel's area and is what a click there hits.
      expect(x).toBeGreaterThan(1200 - 420);
      expect(y).toBeGreaterThan(900 - 360);
      expect(await hitAt(page, x, y)).toBe('woshipm-reader-button');
      await page.screenshot({ path: path.join(screenshotsDir, 'page-button-over-other-overlays.png'), caret: 'initial' });
      await page.mouse.click(x, y);
      await page.locator('woshipm-reader .reader').waitFor();
      expect(await hitAt(page, x, y)).toBe('woshipm-reader');
      await expect.poll(() => readerFocus(page)).toEqual({ outer: 'woshipm-reader', inner: '关闭阅读模式' });
      await page.keyboard.press('Escape');
      await page.locator('woshipm-reader').waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('woshipm-reader-button');
      expect(await hitAt(page, x, y)).toBe('woshipm-reader-button');
    } finally {
      const settings = await s.context.newPage();
      await settings.goto(`chrome-extension://${s.id}/options.html`);
      await settings.getByLabel('在页面上显示「阅读模式」按钮').uncheck();
      await settings.close();
    }
  });
});
