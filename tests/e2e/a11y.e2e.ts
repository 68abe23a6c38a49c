/**
 * axe-core over every page and state of the extension, in Chinese and in English (tools/axe.ts): the
 * popup (loading, each no-article state, failed, the card light and dark, the preview and its question,
 * images in progress and their report, the batch light and dark, the notes folder's permission button,
 * last-saved line and conflict question), Options (light, dark, with the notes folder), the reader in
 * each theme (auto: under a dark system theme), the highlight toolbar, its note editor and the marks. No violation of impact serious or critical; every
 * page's counts by impact are printed, and a table of all of them at the end.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsLine, impacts, runAxe, violationDetails, type AxeReport } from '../../tools/axe';
import { e2eExtensionDir, fixturesDir, launch, type Session } from '../../tools/browser-harness';
import { cdnArgs, cdnHosts, startImageCdn, type ImageCdn } from '../../tools/image-cdn';
import { article, localeText, noArticleStates } from './cases';

const imagesUrl = 'https://www.woshipm.com/pmd/5239764.html';
const wp = 'https://image.woshipm.com/wp-files/2024/02';

/** A fixture article with a few CDN images first in its body, one of them missing (a report with a failure). */
function withImages(): string {
  const html = readFileSync(path.join(fixturesDir, 'pmd-2021-5239764', 'page.html'), 'utf8');
  const images = ['first.png', 'chart.jpg', 'missing.png'].map((name, n) => `<p><img src="${wp}/${name}" alt="图 ${n + 1}"></p>`).join('\n');
  const out = html.replace(/(<div class="article--content[^"]*">)/, `$1\n${images}`);
  expect(out).not.toBe(html);
  return out;
}

const reports: AxeReport[] = [];
let cdn: ImageCdn;
beforeAll(async () => {
  cdn = await startImageCdn();
});
afterAll(async () => {
  await cdn?.close();
  if (!reports.length) return;
  const width = Math.max(...reports.map((r) => r.name.length));
  const rows = reports.map((r) => `${r.name.padEnd(width)}  ${impacts.map((i) => String(r.counts[i]).padStart(i.length)).join('  ')}`);
  console.log([`${'page'.padEnd(width)}  ${impacts.join('  ')}`, ...rows].join('\n'));
});

// Every page and state in both languages (names, labels and lengths change with it); the colour
// variants (dark, sepia) in the first only, as colours do not depend on the language.
describe.each([
  { lang: 'zh_CN', tag: 'zh-CN', themes: true },
  { lang: 'en', tag: 'en', themes: false },
] as const)('axe in $tag', ({ lang, tag, themes }) => {
  const text = localeText(lang);
  let s: Session;
  beforeAll(async () => {
    s = await launch({ lang, extension: e2eExtensionDir, args: cdnArgs(cdn.port), passThrough: cdnHosts });
    s.pages.set(imagesUrl, withImages());
  });
  afterAll(async () => s?.close());

  /**
   * Runs axe on `page` (on what `selector` matches; else the whole page, scrolled-away text included),
   * prints its counts, and fails softly on anything serious or worse.
   */
  async function check(page: Page, name: string, selector?: string) {
    const report = await runAxe(page, `${name} ${tag}`, selector ? { selector, unclip: selector === 'woshipm-reader' } : { unclip: true });
    reports.push(report);
    console.log(countsLine(report));
    const serious = violationDetails(report);
    if (serious.length) console.log(serious.join('\n'));
    expect.soft(serious, report.name).toEqual([]);
  }

  /** The same check under a dark system theme (in the first language only), then back to light. */
  async function checkDark(page: Page, name: string, selector?: string) {
    if (!themes) return;
    await page.emulateMedia({ colorScheme: 'dark' });
    await check(page, name, selector);
    await page.emulateMedia({ colorScheme: 'light' });
  }

  async function popupFor(url: string): Promise<{ popup: Page; page: Page; tabId: number }> {
    const { page, tabId } = await s.openSite(url);
    return { popup: await s.openPopup(tabId), page, tabId };
  }

  /**
   * The popup for `tabId` with the tab's answer to `extract` replaced: `never` keeps it loading, `error`
   * makes it fail (a state a working content script does not reach on demand).
   */
  async function popupWithAnswer(tabId: number, answer: 'never' | 'error'): Promise<Page> {
    const popup = await s.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.addInitScript((mode) => {
      type Tabs = { sendMessage(id: number, message: { type?: string }, ...rest: unknown[]): Promise<unknown> };
      const api = globalThis as unknown as { chrome: { tabs: Tabs }; browser?: { tabs: Tabs } };
      for (const tabs of new Set([api.chrome.tabs, api.browser?.tabs])) {
        if (!tabs) continue;
        const send = tabs.sendMessage.bind(tabs);
        tabs.sendMessage = (id, message, ...rest) =>
          message?.type !== 'extract'
            ? send(id, message, ...rest)
            : mode === 'never'
              ? new Promise(() => undefined)
              : Promise.reject(new Error('e2e: the page failed to answer'));
      }
    }, answer);
    await popup.goto(`chrome-extension://${s.id}/popup.html?tabId=${tabId}`);
    return popup;
  }

  it('popup: loading, failed, and each page without an article', async () => {
    const { page, tabId } = await s.openSite(article);
    const loading = await popupWithAnswer(tabId, 'never');
    const spinner = loading.locator('.state .spinner');
    await spinner.waitFor();
    await check(loading, 'popup/loading');
    // It spins, unless the system asks for reduced motion.
    expect(await spinner.evaluate((el) => getComputedStyle(el).animationName)).toBe('spin');
    await loading.emulateMedia({ reducedMotion: 'reduce' });
    expect(await spinner.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    await loading.close();
    const failed = await popupWithAnswer(tabId, 'error');
    await failed.getByRole('heading', { name: text('state.failed.title') }).waitFor();
    await check(failed, 'popup/failed');
    await failed.close();
    await page.close();
    // One page for each state the popup shows (the cases group several pages under one heading).
    const oneEach = noArticleStates.filter(([, , title], i) => noArticleStates.findIndex((c) => c[2] === title) === i);
    expect(oneEach.length).toBe(3);
    for (const [name, url] of oneEach) {
      const { popup, page: site } = await popupFor(url);
      await popup.locator('.state h1').waitFor();
      await check(popup, `popup/${name.replace(/\s+/g, '-')}`);
      await popup.close();
      await site.close();
    }
  });

  let articlePage: Page;
  it('highlight toolbar, note editor, marks', async () => {
    ({ page: articlePage } = await s.openSite(article));
    const page = articlePage;
    await page.bringToFront();
    const toolbar = page.locator('woshipm-highlight-toolbar .hl-toolbar');
    const selectParagraph = (startsWith: string) =>
      page.evaluate((start) => {
        const p = [...document.querySelectorAll('.article--content p')].find((el) => el.textContent?.startsWith(start))!;
        p.scrollIntoView({ block: 'center' });
        getSelection()!.selectAllChildren(p);
        p.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, composed: true }));
      }, startsWith);
    // The first time, the content script loads the highlighter: ask until the bar shows.
    await expect
      .poll(
        async () => {
          await selectParagraph('面试快结束时');
          return toolbar.isVisible();
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await check(page, 'highlight/toolbar', 'woshipm-highlight-toolbar');
    await toolbar.getByRole('button', { name: text('highlight.addNote') }).click();
    await toolbar.getByRole('textbox', { name: text('highlight.note') }).fill('a note');
    await check(page, 'highlight/note-editor', 'woshipm-highlight-toolbar');
    await toolbar.getByRole('button', { name: text('highlight.save') }).click();
    await page.locator('.article--content mark[data-hl]').first().waitFor();
    await check(page, 'highlight/marks', '.article--content mark[data-hl]');
    await page.locator('.article--content mark[data-hl]').first().click();
    await toolbar.getByRole('button', { name: text('highlight.remove') }).waitFor();
    await check(page, 'highlight/toolbar-edit', 'woshipm-highlight-toolbar');
    await page.keyboard.press('Escape');
    await toolbar.waitFor({ state: 'hidden' });
  });

  it('reader in each theme (with a highlight in it)', async () => {
    const page = articlePage;
    await page.bringToFront();
    const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
    await worker.evaluate(() =>
      (globalThis as unknown as { woshipmReader: { onCommand(c: string): Promise<unknown> } }).woshipmReader.onCommand('toggle-reader'),
    );
    const reader = page.locator('woshipm-reader .reader');
    await reader.waitFor();
    await page.locator('woshipm-reader mark[data-hl]').first().waitFor();
    // auto follows the system: light (the same colours as light) and dark (below).
    for (const theme of themes ? (['light', 'sepia', 'dark'] as const) : (['light'] as const)) {
      await page.locator('woshipm-reader #reader-theme').selectOption(theme);
      await expect.poll(() => reader.getAttribute('class')).toContain(`theme-${theme}`);
      await check(page, `reader/${theme}`, 'woshipm-reader');
    }
    await page.locator('woshipm-reader #reader-theme').selectOption('auto');
    await checkDark(page, 'reader/auto-dark', 'woshipm-reader');
    await page.keyboard.press('Escape');
    await page.locator('woshipm-reader').waitFor({ state: 'detached' });
  });

  it('popup: the card (light and dark, with a highlight), the preview and its question', async () => {
    const tabId = await s.tabIdOf(articlePage);
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    await popup.locator('.highlights .hl-item').first().waitFor();
    await popup.locator('.outline summary').click(); // the outline's list too
    await check(popup, 'popup/card');
    await checkDark(popup, 'popup/card-dark');
    await popup.getByRole('button', { name: text('export.preview') }).click();
    const box = popup.locator('textarea');
    await expect.poll(() => box.inputValue()).not.toBe('');
    await check(popup, 'popup/preview');
    await box.fill('# edited\n');
    await popup.getByLabel(text('export.template')).selectOption('gitbook');
    await popup.getByRole('alert').waitFor();
    await check(popup, 'popup/preview-ask');
    await popup.getByRole('button', { name: text('export.keepEdits') }).click();
    await popup.close();
  });

  it('popup: images in progress and their report, then the batch', async () => {
    const { popup, page } = await popupFor(imagesUrl);
    await popup.locator('.card-title').waitFor();
    cdn.delayMs = 800; // long enough to see the progress
    await popup.getByRole('button', { name: text('action.download') }).click();
    await popup.locator('.image-report progress').waitFor();
    await check(popup, 'popup/images-progress');
    cdn.delayMs = 0;
    await popup.locator('.image-report.warn').waitFor({ timeout: 20_000 });
    await check(popup, 'popup/images-result');
    await popup.close();

    // Two article tabs are open (this one and the one above): the batch is offered.
    const batch = await s.openPopup(await s.tabIdOf(page));
    await batch.locator('.batch button').click();
    await batch.getByText(text('batch.done', 2, 0)).waitFor({ timeout: 20_000 });
    await check(batch, 'popup/batch');
    await checkDark(batch, 'popup/batch-dark');
    await batch.close();
  });

  it('Options, and the notes folder in Options and the popup: permission, last saved, conflict', async () => {
    const options = await s.context.newPage();
    await options.goto(`chrome-extension://${s.id}/options.html`);
    await options.locator('h1').waitFor();
    await check(options, 'options');
    await checkDark(options, 'options/dark');
    // The origin-private file system stands in for the folder the picker would give (see folder.e2e.ts).
    await options.evaluate(async () => {
      const vault = await (await navigator.storage.getDirectory()).getDirectoryHandle('vault', { create: true });
      await vault.getDirectoryHandle('.obsidian', { create: true });
      Object.assign(window, { showDirectoryPicker: async () => vault });
    });
    await options.getByRole('radio', { name: text('save.folder') }).check();
    await options.getByRole('button', { name: text('save.chooseFolder') }).click();
    await options.locator('.destination .permission').waitFor();
    await check(options, 'options/folder');

    const permission = (script: { query: string; request: string } | null) =>
      options.evaluate(async (value) => {
        const { session } = (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void>; remove(k: string): Promise<void> } } } })
          .chrome.storage;
        await (value ? session.set({ 'e2e:permission': value }) : session.remove('e2e:permission'));
      }, script);
    await permission({ query: 'prompt', request: 'granted' });
    const { popup, tabId } = await popupFor(imagesUrl);
    await popup.getByRole('button', { name: text('save.allow', 'vault') }).waitFor();
    await check(popup, 'popup/folder-permission');
    await permission(null);
    await popup.getByRole('button', { name: text('save.toFolder') }).click();
    await popup
      .locator('footer .notice')
      .getByText(new RegExp(`^${text('save.saved', 'vault/')}`))
      .waitFor({ timeout: 20_000 });
    await popup.close();

    const again = await s.openPopup(tabId);
    await again.locator('.last-saved').waitFor();
    await check(again, 'popup/last-saved');
    // Edited since: saving asks.
    await options.evaluate(async () => {
      const find = async (dir: FileSystemDirectoryHandle): Promise<FileSystemFileHandle | null> => {
        for await (const [name, child] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
          if (child.kind === 'file' && name.endsWith('.md')) return child as FileSystemFileHandle;
          if (child.kind === 'directory' && name !== '.obsidian') {
            const found = await find(child as FileSystemDirectoryHandle);
            if (found) return found;
          }
        }
        return null;
      };
      const note = await find(await (await navigator.storage.getDirectory()).getDirectoryHandle('vault'));
      const writable = await note!.createWritable();
      await writable.write('edited');
      await writable.close();
    });
    await again.getByRole('button', { name: text('save.toFolder') }).click();
    const question = again.getByRole('alertdialog');
    await question.waitFor({ timeout: 20_000 });
    await check(again, 'popup/conflict');
    await question.getByRole('button', { name: text('save.cancel') }).click();
    await again.close();
    await options.close();
  });
});
