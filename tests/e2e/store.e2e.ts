/**
 * The store listings' screenshots (1280x800, what both stores take), made from the built extension in headless
 * Chromium, in zh-CN and English: the popup over its article, reader mode (light and dark), the Markdown preview
 * and the options page. Written to `.output/screenshots/store-<lang>-<n>-<name>.png`; `UPDATE_STORE=1` also
 * writes them to `store/screenshots/` (review them by eye, like golden files).
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launch, root, screenshotsDir } from '../../tools/browser-harness';
import { article } from './cases';

const size = { width: 1280, height: 800 };

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string) {
  const bytes = readFileSync(file);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function save(page: Page, lang: string, name: string) {
  const file = path.join(screenshotsDir, `store-${lang}-${name}.png`);
  await page.screenshot({ path: file });
  expect(pngSize(file)).toEqual(size);
  if (process.env.UPDATE_STORE) {
    mkdirSync(path.join(root, 'store', 'screenshots'), { recursive: true });
    copyFileSync(file, path.join(root, 'store', 'screenshots', `${lang}-${name}.png`));
  }
}

const strings = {
  zh_CN: { reader: '阅读模式', preview: '预览', settings: '设置' },
  en: { reader: 'Reader mode', preview: 'Preview', settings: 'Settings' },
};

describe.each(Object.keys(strings) as (keyof typeof strings)[])('store screenshots (%s)', (lang) => {
  it('shows the popup over its article, reader mode, the preview and the options, at 1280x800', async () => {
    const s = await launch({ lang });
    const text = strings[lang];
    try {
      const { page, tabId } = await s.openSite(article);
      await page.setViewportSize(size);
      await page.evaluate(() => scrollTo(0, 560));
      const popup = await s.openPopup(tabId);
      await popup.locator('.card-title').waitFor();
      /** The page with the popup where the browser shows it, under the toolbar button. */
      const withPopup = async (name: string) => {
        const [site, panel] = [await page.screenshot(), await popup.screenshot()];
        const board = await s.context.newPage();
        await board.setViewportSize(size);
        await board.setContent(
          `<body style="margin:0;overflow:hidden"><img src="data:image/png;base64,${site.toString('base64')}" style="display:block">` +
            `<img src="data:image/png;base64,${panel.toString('base64')}" style="position:fixed;top:8px;right:16px;border-radius:8px;box-shadow:0 8px 32px rgb(0 0 0 / 35%)"></body>`,
        );
        await save(board, lang, name);
        await board.close();
      };
      await withPopup('1-card');
      await popup.getByRole('button', { name: text.preview }).click();
      await popup.locator('textarea').waitFor();
      await withPopup('4-preview');

      await popup.getByRole('button', { name: text.reader }).click();
      await page.bringToFront();
      await page.locator('woshipm-reader .reader').waitFor();
      await page.locator('woshipm-reader #reader-theme').selectOption('light');
      await save(page, lang, '2-reader');
      await page.locator('woshipm-reader #reader-theme').selectOption('dark');
      await save(page, lang, '3-reader-dark');
      await page.locator('woshipm-reader #reader-theme').selectOption('auto');
      await page.keyboard.press('Escape');

      const options = await s.context.newPage();
      await options.setViewportSize(size);
      await options.goto(`chrome-extension://${s.id}/options.html`);
      await options.getByRole('heading', { name: text.settings }).waitFor();
      await save(options, lang, '5-options');
    } finally {
      await s.close();
    }
  });
});
