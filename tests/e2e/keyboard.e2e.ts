/**
 * The main flows with the keyboard alone (Tab, Shift+Tab, arrows, Enter, Space, Esc; no clicks), in
 * headless Chromium with caret browsing on (F7 in Chrome: how a keyboard user selects text in a page):
 * the popup's key points, outline, template, images and export actions; Options; the reader opened from the page
 * button, its outline, key points, theme and export, and focus given back on Esc; a highlight made with
 * Shift+Arrow and H, then reached with Tab and opened with Enter. Every control the focus lands on of ours
 * must show that it has it (an outline or a box shadow).
 */
import path from 'node:path';
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, screenshotsDir, type Session } from '../../tools/browser-harness';
import { article, localeText } from './cases';

const text = localeText('zh_CN');
let s: Session;
beforeAll(async () => {
  s = await launch({ args: ['--enable-caret-browsing'] });
});
afterAll(async () => s?.close());

interface Focus {
  /** Tag of the focused element, looked for inside open shadow roots. */
  tag: string;
  /** Its name as a person would read it: aria-label, its label's text, or its own text. */
  name: string;
  /** The shadow host it is in, if any. */
  host: string | null;
  /** Which of the selectors asked about it matches. */
  matches: string[];
  /** How the focus shows: the computed outline and box shadow. */
  outline: string;
  boxShadow: string;
  /** The element is the host of a closed shadow root (its ring is inside, out of a script's reach). */
  closed: boolean;
}

/** Run in a page: what has the focus, and how it shows. */
function focusIn(selectors: string[]): Focus | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const root = el.getRootNode();
  const label = (el as HTMLInputElement).labels?.[0]?.textContent;
  return {
    tag: el.tagName.toLowerCase(),
    name: (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60),
    host: root instanceof ShadowRoot ? root.host.tagName.toLowerCase() : null,
    matches: selectors.filter((selector) => el.matches(selector)),
    outline:
      style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0 ? 'none' : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    boxShadow: style.boxShadow,
    closed: el.tagName.includes('-') && !el.shadowRoot,
  };
}

const selectors = [
  '.keypoints button',
  '.outline summary',
  '.outline button',
  'select',
  '.export button.primary',
  '.export-actions button:not(.primary)',
  'nav.outline a',
  '.points .point',
  '#reader-theme',
  'mark[data-hl]',
  '.hl-swatch',
  'textarea',
];
const focusOf = (page: Page) => page.evaluate(focusIn, selectors);

/** Fails unless the focused element shows its focus (elements of ours; the site's own are the site's). */
function expectRing(focus: Focus | null) {
  expect(focus, 'something has the focus').not.toBeNull();
  if (focus!.closed) return; // the page button: its ring is in its closed shadow root, seen in the screenshots
  expect(focus!.outline !== 'none' || focus!.boxShadow !== 'none', `focus ring on ${focus!.tag} "${focus!.name}"`).toBe(true);
}

/**
 * Presses `key` (Tab by default) until the focus is on what `wanted` accepts, checking the ring at every
 * stop that `ours` accepts (all of them by default); fails after `max` presses.
 */
async function pressUntil(
  page: Page,
  wanted: (f: Focus) => boolean,
  { key = 'Tab', max = 60, ours = (_: Focus): boolean => true }: { key?: string; max?: number; ours?: (f: Focus) => boolean } = {},
): Promise<Focus> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const focus = await focusOf(page);
    if (focus && ours(focus)) expectRing(focus);
    if (focus && wanted(focus)) return focus;
  }
  throw new Error(`${key} ×${max} never reached it; the focus is on ${JSON.stringify(await focusOf(page))}`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotsDir, `keyboard-${name}.png`) });

describe('with the keyboard alone', () => {
  let site: Page;

  it('popup: a key point and an outline heading jump into the page, the template changes, 下载 and 复制 work', async () => {
    let tabId: number;
    ({ page: site, tabId } = await s.openSite(article));
    await site.emulateMedia({ reducedMotion: 'reduce' }); // the jumps below land at once
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();

    // The fifth key point (如果“越界”…) scrolls the page to it.
    const points = popup.locator('.keypoints button');
    const fifth = (await points.nth(4).textContent())!.trim();
    await pressUntil(popup, (f) => f.matches.includes('.keypoints button') && f.name === fifth);
    await shot(popup, 'popup-key-point');
    expect(await site.evaluate(() => scrollY)).toBe(0);
    await popup.keyboard.press('Enter');
    await expect.poll(() => site.evaluate(() => scrollY), { timeout: 5000 }).toBeGreaterThan(1000);

    // 目录 opens with Enter; a heading in it jumps with Space.
    await pressUntil(popup, (f) => f.matches.includes('.outline summary'));
    await popup.keyboard.press('Enter');
    await popup.locator('.outline[open]').waitFor();
    await pressUntil(popup, (f) => f.matches.includes('.outline button') && f.name === '四、转身向大海走去');
    await popup.keyboard.press('Space');
    const headingTop = () =>
      site.evaluate(() => [...document.querySelectorAll('h2')].find((h) => h.textContent === '四、转身向大海走去')!.getBoundingClientRect().top);
    await expect.poll(async () => Math.abs((await headingTop()) - 450) < 300, { timeout: 5000 }).toBe(true);

    // The template: the arrow keys choose another, and the choice is kept.
    const template = await pressUntil(popup, (f) => f.matches.includes('select'));
    expect(template.name.startsWith(text('export.template'))).toBe(true);
    const select = popup.getByLabel(text('export.template'));
    const before = await select.inputValue();
    await popup.keyboard.press('ArrowDown');
    await expect.poll(() => select.inputValue()).not.toBe(before);
    await popup.keyboard.press('ArrowUp');
    await expect.poll(() => select.inputValue()).toBe(before);
    // Images as web links (End: the last choice), so that 下载 gives one .md file.
    await pressUntil(popup, (f) => f.matches.includes('select') && f.name.startsWith(text('images.label')));
    await popup.keyboard.press('End');
    await expect.poll(() => popup.getByLabel(text('images.label')).inputValue()).toBe('remote');

    // 下载 Markdown with Enter, 复制 Markdown with Space.
    const downloads = () => {
      try {
        return readdirSync(s.downloads).filter((f) => !f.endsWith('.crdownload'));
      } catch {
        return [];
      }
    };
    const download = await pressUntil(popup, (f) => f.matches.includes('.export button.primary'));
    expect(download.name).toBe(text('action.download'));
    await shot(popup, 'popup-download');
    await popup.keyboard.press('Enter');
    await expect.poll(downloads, { timeout: 10_000 }).toEqual([expect.stringMatching(/\.md$/)]);
    const copy = await pressUntil(popup, (f) => f.matches.includes('.export-actions button:not(.primary)'));
    expect(copy.name).toBe(text('action.copy'));
    await popup.keyboard.press('Space');
    await popup.locator('footer .notice').getByText(text('action.copied')).waitFor();
    await popup.close();
  });

  it('Options: the page button is switched on with Space', async () => {
    const options = await s.context.newPage();
    await options.goto(`chrome-extension://${s.id}/options.html`);
    await options.locator('h1').waitFor();
    const box = await pressUntil(options, (f) => f.tag === 'input' && f.name === text('reader.pageButton'), { max: 40 });
    expect(box.name).toBe(text('reader.pageButton'));
    await options.keyboard.press('Space');
    await options.getByText(text('options.saved')).waitFor();
    expect(await options.getByLabel(text('reader.pageButton')).isChecked()).toBe(true);
    await options.close();
  });

  it('reader: opens from the page button, traps Tab, jumps through its outline and key points, changes theme, exports, Esc gives the focus back', async () => {
    await site.reload({ waitUntil: 'load' });
    await site.bringToFront();
    await site.locator('woshipm-reader-button').waitFor();
    // The page button is the last stop of the page: Shift+Tab from the top reaches it.
    const button = await pressUntil(site, (f) => f.tag === 'woshipm-reader-button', { key: 'Shift+Tab', max: 5 });
    expect(button.closed).toBe(true);
    await shot(site, 'page-button');
    await site.keyboard.press('Enter');
    await site.locator('woshipm-reader .reader').waitFor();
    const ours = (f: Focus) => f.host === 'woshipm-reader';
    await expect.poll(async () => (await focusOf(site))?.name).toBe(text('reader.close'));
    expectRing(await focusOf(site));

    // Its outline: Tab moves through the headings, Enter jumps to one.
    const outline = await pressUntil(site, (f) => f.matches.includes('nav.outline a'), { ours });
    expect(outline.host).toBe('woshipm-reader');
    await pressUntil(site, (f) => f.matches.includes('nav.outline a') && f.name === '三、“至少更新70%的认知”', { ours });
    await shot(site, 'reader-outline');
    await site.keyboard.press('Enter');
    const headingTop = () =>
      site.evaluate(() => {
        const root = document.querySelector('woshipm-reader')!.shadowRoot!;
        const heading = [...root.querySelectorAll('.body h2')].find((h) => h.textContent === '三、“至少更新70%的认知”')!;
        return heading.getBoundingClientRect().top;
      });
    expect(await headingTop()).toBeLessThan(200); // at once: reduced motion (emulated above)
    expect(await headingTop()).toBeGreaterThanOrEqual(0);
    expect(await site.locator('woshipm-reader nav.outline a[aria-current]').textContent()).toBe('三、“至少更新70%的认知”');

    // Its key points: Enter shows the point in the text.
    const point = await pressUntil(site, (f) => f.matches.includes('.points .point'), { ours });
    await site.keyboard.press('Enter');
    const pointInView = () =>
      site.evaluate((start) => {
        const root = document.querySelector('woshipm-reader')!.shadowRoot!;
        const bold = [...root.querySelectorAll('.body strong, .body b')].find((b) => start.startsWith((b.textContent ?? '').trim().slice(0, 8)))!;
        const r = bold.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      }, point.name);
    await expect.poll(pointInView).toBe(true);

    // Tab does not leave the reader: past its last control it comes back to its first.
    await pressUntil(site, (f) => f.matches.includes('#reader-theme'), {
      ours: (f) => {
        expect(f.host, `${f.tag} "${f.name}" is outside the reader`).toBe('woshipm-reader');
        return true;
      },
      max: 40,
    });
    // The theme: the arrow keys choose the next one.
    const reader = site.locator('woshipm-reader .reader');
    expect(await reader.getAttribute('class')).toContain('theme-auto');
    await site.keyboard.press('ArrowDown');
    await expect.poll(() => reader.getAttribute('class')).toContain('theme-light');
    await site.keyboard.press('ArrowDown');
    await expect.poll(() => reader.getAttribute('class')).toContain('theme-sepia');
    await shot(site, 'reader-theme-sepia');

    // 导出 Markdown from the reader's bar.
    const exported = await pressUntil(site, (f) => f.name === text('reader.export'), { ours, max: 10 });
    expect(exported.tag).toBe('button');
    await site.keyboard.press('Enter');
    await site
      .locator('woshipm-reader .bar .notice')
      .getByText(new RegExp(text('action.downloaded')))
      .waitFor({ timeout: 20_000 });
    // Back to auto for the next tests, then Esc: the reader closes and the page button has the focus again.
    await pressUntil(site, (f) => f.matches.includes('#reader-theme'), { key: 'Shift+Tab', ours, max: 10 });
    await site.keyboard.press('ArrowUp');
    await site.keyboard.press('ArrowUp');
    await expect.poll(() => reader.getAttribute('class')).toContain('theme-auto');
    await site.keyboard.press('Escape');
    await site.locator('woshipm-reader').waitFor({ state: 'detached' });
    expect((await focusOf(site))?.tag).toBe('woshipm-reader-button');
  });

  it('a highlight: Shift+Arrow selects, H highlights, Tab reaches it, Enter opens its toolbar with the focus inside, Esc gives it back', async () => {
    const page = site;
    // The caret at the start of a paragraph, the focus off the page button: what a click there (or
    // caret browsing's arrows) would do.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      const p = [...document.querySelectorAll('.article--content p')].find((el) => el.textContent?.startsWith('面试快结束时'))!;
      p.scrollIntoView({ block: 'center' });
      getSelection()!.collapse(document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode(), 0);
    });
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
    expect(await page.evaluate(() => getSelection()!.toString())).toBe('面试快结束时');
    const toolbar = page.locator('woshipm-highlight-toolbar .hl-toolbar');
    await toolbar.waitFor(); // offered for the keyboard's selection, the focus left in the page
    await page.keyboard.press('h');
    const mark = page.locator('.article--content mark[data-hl]');
    await mark.waitFor();
    expect(await mark.textContent()).toBe('面试快结束时');

    // The site's own links come first; the highlight is a stop of its own, named after its text.
    const isMark = (f: Focus) => f.matches.includes('mark[data-hl]');
    const focused = await pressUntil(page, isMark, { ours: isMark, max: 80 });
    expect(focused.name).toBe(text('highlight.mark', '面试快结束时'));
    await shot(page, 'highlight-mark');

    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: text('highlight.remove') }).waitFor();
    // the focus moves on the toolbar's own frame, not the key's: read it once it has moved
    await expect.poll(async () => (await focusOf(page))?.host).toBe('woshipm-highlight-toolbar');
    const inside = (await focusOf(page))!;
    expectRing(inside);
    await page.keyboard.press('ArrowRight'); // the toolbar's arrows move between its colours
    await expect.poll(async () => (await focusOf(page))?.name).not.toBe(inside.name);
    const next = (await focusOf(page))!;
    expect(next.matches).toContain('.hl-swatch');
    expectRing(next);
    await shot(page, 'highlight-toolbar');

    // A note: Tab to 添加笔记, Enter opens the editor with the focus in it, Ctrl+Enter saves.
    await pressUntil(page, (f) => f.name === text('highlight.addNote'), { max: 8 });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focusOf(page))?.tag).toBe('textarea');
    expectRing(await focusOf(page));
    await page.keyboard.type('出海的开场白');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => mark.first().getAttribute('title')).toBe('出海的开场白');

    // Esc closes the toolbar, and the focus is on the highlight again.
    await expect.poll(async () => isMark((await focusOf(page)) ?? ({ matches: [] } as unknown as Focus))).toBe(true);
    await page.keyboard.press('Enter');
    await toolbar.waitFor();
    expect((await focusOf(page))?.host).toBe('woshipm-highlight-toolbar');
    await page.keyboard.press('Escape');
    await toolbar.waitFor({ state: 'hidden' });
    const back = (await focusOf(page))!;
    expect(isMark(back)).toBe(true);
    expectRing(back);
  });
});
