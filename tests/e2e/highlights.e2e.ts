/**
 * Highlights and notes (issue 11) with the built extension in headless Chromium: the toolbar, the H
 * key, notes, persistence over reloads, reader mode both ways, re-attaching on an edited page with an
 * orphan listed, the popup's list and exports, and a backup restored into a fresh profile.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, screenshotsDir, type Session } from '../../tools/browser-harness';

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });

const url = 'https://www.woshipm.com/zhichang/6025589.html';
let s: Session;
let original: string;
beforeAll(async () => {
  s = await launch();
  original = s.pages.get(url)!;
});
afterAll(async () => s?.close());

/** The three passages: one runs into a bold span, one spans two paragraphs, one is deleted in the edited page. */
const passages = {
  bold: { from: '他们更倾向选择成长潜力', to: '数据表明，只有13.45%' },
  twoParagraphs: { from: '面试官坦然答道。', to: '看到数字后，吴浩然放松了。' },
  deleted: { from: '规模是效率的天敌。', to: '规模是效率的天敌。' },
};
const note = '大厂人出海的动机：成长空间';

/** Selects, in the page's article (or the reader's body), from the start of `from` to the end of `to`. */
async function select(page: Page, { from, to }: { from: string; to: string }, where: 'page' | 'reader' = 'page') {
  await page.evaluate(
    ({ from, to, where }) => {
      const root =
        where === 'page' ? document.querySelector('.article--content')! : document.querySelector('woshipm-reader')!.shadowRoot!.querySelector('.body')!;
      const nodes: { node: Text; start: number }[] = [];
      let text = '';
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n as Text, start: text.length });
        text += n.nodeValue;
      }
      const start = text.indexOf(from);
      const end = text.indexOf(to, start) + to.length;
      if (start < 0 || end < start + to.length) throw new Error(`not found: ${from}`);
      const at = (offset: number, isEnd: boolean) => {
        const hit = nodes.findLast((n) => (isEnd ? n.start < offset : n.start <= offset))!;
        return [hit.node, offset - hit.start] as const;
      };
      const range = document.createRange();
      range.setStart(...at(start, false));
      range.setEnd(...at(end, true));
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    { from, to, where },
  );
}
const mouseUp = (page: Page, where: 'page' | 'reader' = 'page') =>
  page.evaluate((where) => {
    const target =
      where === 'page' ? document.querySelector('.article--content p')! : document.querySelector('woshipm-reader')!.shadowRoot!.querySelector('.body p')!;
    target.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, composed: true }));
  }, where);

const toolbar = (page: Page) => page.locator('woshipm-highlight-toolbar .hl-toolbar');

/** Selects a passage and waits for the toolbar (the first time, the content script loads the highlighter). */
async function selectWithToolbar(page: Page, passage: { from: string; to: string }) {
  await expect
    .poll(
      async () => {
        await select(page, passage);
        await mouseUp(page);
        return toolbar(page).isVisible();
      },
      { timeout: 10_000 },
    )
    .toBe(true);
}

/** Each highlight in `root` as id -> its marks' text joined, and colour. */
const painted = (page: Page, where: 'page' | 'reader' = 'page') =>
  page.evaluate((where) => {
    const root = where === 'page' ? document.querySelector('.article--content') : document.querySelector('woshipm-reader')?.shadowRoot?.querySelector('.body');
    const out: Record<string, { text: string; color: string }> = {};
    for (const mark of root?.querySelectorAll<HTMLElement>('mark[data-hl]') ?? []) {
      const id = mark.dataset.hl!;
      out[id] = { text: (out[id]?.text ?? '') + (mark.textContent ?? ''), color: mark.dataset.hlColor! };
    }
    return out;
  }, where);
const texts = (marks: Record<string, { text: string }>) =>
  Object.values(marks)
    .map((m) => m.text)
    .sort();

async function background(command: string): Promise<unknown> {
  const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
  return worker.evaluate((c) => (globalThis as unknown as { woshipmReader: { onCommand(c: string): Promise<unknown> } }).woshipmReader.onCommand(c), command);
}

/** All highlights the extension keeps, as the options page sees local storage. */
async function stored(session: Session): Promise<Record<string, unknown>> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.id}/options.html`);
  const all = await page.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { local: { get(): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(),
  );
  await page.close();
  return all;
}

const boldText = '他们更倾向选择成长潜力、薪资水平、人才需求都优于大厂的“平替”。数据表明，只有13.45%';
const twoText = '面试官坦然答道。看到数字后，吴浩然放松了。';
const deletedText = '规模是效率的天敌。';
const expectedTexts = [boldText, twoText, deletedText].sort();

describe('highlights and notes', () => {
  let page: Page;

  it('highlights from the toolbar (across a bold span), with the H key (across two paragraphs), and with a note', async () => {
    ({ page } = await s.openSite(url));
    await page.bringToFront();
    await selectWithToolbar(page, passages.bold);
    await screenshot(page, 'highlights-toolbar');
    await toolbar(page).getByRole('button', { name: '绿色高亮' }).click();
    await expect.poll(async () => texts(await painted(page))).toEqual([boldText]);
    expect(await page.locator('.article--content strong mark[data-hl]').count()).toBeGreaterThan(0);

    await select(page, passages.twoParagraphs);
    await page.keyboard.press('h');
    await expect.poll(async () => Object.keys(await painted(page)).length).toBe(2);
    // two paragraphs: at least two marks for the one highlight
    const two = await page
      .locator('.article--content mark[data-hl]')
      .evaluateAll((marks) => marks.filter((m) => m.textContent?.includes('看到数字') || m.textContent?.includes('坦然')).length);
    expect(two).toBe(2);

    await selectWithToolbar(page, passages.deleted);
    await toolbar(page).getByRole('button', { name: '添加笔记' }).click();
    await toolbar(page).getByRole('textbox', { name: '笔记' }).fill(note);
    await toolbar(page).getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => texts(await painted(page))).toEqual(expectedTexts);
    const colours = Object.values(await painted(page))
      .map((m) => m.color)
      .sort();
    expect(colours).toEqual(['green', 'green', 'green']); // the last colour used is the next one's
  });

  it('clicking a highlight offers colour, note and remove', async () => {
    await page.locator('.article--content mark[data-hl]').filter({ hasText: '规模是效率的天敌' }).click();
    await toolbar(page).getByRole('button', { name: '编辑笔记' }).waitFor();
    await toolbar(page).getByRole('button', { name: '粉色高亮' }).click();
    await expect.poll(async () => Object.values(await painted(page)).find((m) => m.text === '规模是效率的天敌。')?.color).toBe('pink');
    await page.keyboard.press('Escape');
    await toolbar(page).waitFor({ state: 'hidden' });
  });

  it('keeps all three over a reload, in place', async () => {
    await page.reload({ waitUntil: 'load' });
    await expect.poll(async () => texts(await painted(page)), { timeout: 10_000 }).toEqual(expectedTexts);
  });

  it('paints again when the site renders the article late or replaces it, then leaves it alone', async () => {
    // The page's own script empties the article at load and puts a new copy of it back 1.5 s later.
    const late = original.replace(
      '</body>',
      `<script>
        const old = document.querySelector('.article--content');
        const copy = old.cloneNode(true);
        old.innerHTML = '<div class="loading">加载中…</div>';
        setTimeout(() => old.replaceWith(copy), 1500);
      </script></body>`,
    );
    s.pages.set(url, late);
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('.article--content .loading').count()).toBe(1);
    await expect.poll(async () => texts(await painted(page)), { timeout: 10_000 }).toEqual(expectedTexts);
    // settled: no more changes to the article (painting does not trigger painting)
    const changes = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let count = 0;
          const observer = new MutationObserver((records) => (count += records.length));
          observer.observe(document.querySelector('.article--content')!, { childList: true, subtree: true, characterData: true, attributes: true });
          setTimeout(() => (observer.disconnect(), resolve(count)), 1500);
        }),
    );
    expect(changes).toBe(0);
    s.pages.set(url, original);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(async () => texts(await painted(page)), { timeout: 10_000 }).toEqual(expectedTexts);
  });

  it('keeps each article to its own highlights when the site moves between articles with the History API', async () => {
    await page.evaluate(() => history.pushState({}, '', '/pmd/5239764.html'));
    await expect.poll(async () => Object.keys(await painted(page)).length, { timeout: 10_000 }).toBe(0);
    await page.evaluate(() => history.back());
    await expect.poll(async () => texts(await painted(page)), { timeout: 10_000 }).toEqual(expectedTexts);
  });

  it('shows the same highlights in reader mode and again after it closes', async () => {
    await background('toggle-reader');
    await page.locator('woshipm-reader .reader').waitFor();
    await expect.poll(async () => texts(await painted(page, 'reader'))).toEqual(expectedTexts);
    // the reader's copy of the article comes from the painted page, but carries none of the page's marks
    expect(await page.locator('woshipm-reader .body mark:not([data-hl])').count()).toBe(0);
    await page.locator('woshipm-reader mark[data-hl]').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'highlights-reader');
    // the marks show in every theme (translucent over the theme's background)
    for (const theme of ['sepia', 'dark'] as const) {
      await page.locator('woshipm-reader #reader-theme').selectOption(theme);
      const background = await page
        .locator('woshipm-reader mark[data-hl]')
        .first()
        .evaluate((m) => getComputedStyle(m).backgroundColor);
      expect(background).toMatch(/^rgba\(\d+, \d+, \d+, 0\.[2-5]\d*\)$/);
      await screenshot(page, `highlights-reader-${theme}`);
    }
    await page.locator('woshipm-reader #reader-theme').selectOption('auto');
    // a highlight made in the reader shows in the page too
    await select(page, { from: '不同的人在不同时间做了同样的选择', to: '不同的人在不同时间做了同样的选择' }, 'reader');
    await mouseUp(page, 'reader');
    await toolbar(page).getByRole('button', { name: '蓝色高亮' }).click();
    await expect.poll(async () => Object.keys(await painted(page, 'reader')).length).toBe(4);
    await page.keyboard.press('Escape');
    await page.locator('woshipm-reader').waitFor({ state: 'detached' });
    await expect.poll(async () => texts(await painted(page))).toEqual([...expectedTexts, '不同的人在不同时间做了同样的选择'].sort());
    // remove the reader's one again so the rest of the test knows its three
    await page.locator('.article--content mark[data-hl]').filter({ hasText: '不同的人在不同时间' }).click();
    await toolbar(page).getByRole('button', { name: '删除标注' }).click();
    await expect.poll(async () => texts(await painted(page))).toEqual(expectedTexts);
  });

  it('re-attaches to an edited page; the highlight whose text was deleted is listed as orphaned', async () => {
    const edited = original
      .replace('<p>面试快结束时，', '<p>在一次视频面试中。</p><p>面试快要结束时，')
      .replace('规模是效率的天敌。', '')
      .replace('他们更倾向选择成长潜力', '她们和他们更倾向选择成长潜力');
    expect(edited).not.toBe(original);
    s.pages.set(url, edited);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(async () => texts(await painted(page)), { timeout: 10_000 }).toEqual([boldText, twoText].sort());

    const tabId = await s.tabIdOf(page);
    const popup = await s.openPopup(tabId);
    const list = popup.locator('.highlights');
    await list.getByRole('heading', { name: '我的标注 (3)' }).waitFor();
    expect(await list.locator('.hl-item').count()).toBe(3);
    const lost = list.locator('.hl-item').filter({ hasText: '找不到原文' });
    expect(await lost.count()).toBe(1);
    expect(await lost.textContent()).toContain('规模是效率的天敌');
    expect(await list.locator('.hl-note').allTextContents()).toEqual([note]);
    await list.scrollIntoViewIfNeeded();
    await screenshot(popup, 'highlights-popup');

    // clicking one scrolls the page to it
    await page.evaluate(() => scrollTo(0, 0));
    await list.getByRole('button', { name: /面试官坦然答道/ }).click();
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);

    // the export carries ==text==, and with the 我的标注 section every highlight and note (the orphan's too)
    await popup.getByRole('button', { name: '预览' }).click();
    const preview = popup.locator('textarea');
    expect(await preview.inputValue()).toMatch(/==[^=\n]*面试官坦然答道。/);
    expect(await preview.inputValue()).not.toContain('## 我的标注');
    await popup.getByRole('button', { name: '返回' }).click();
    await list.getByRole('checkbox', { name: '包含「我的标注」一节' }).check();
    await popup.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => preview.inputValue()).toContain('## 我的标注');
    const markdown = await preview.inputValue();
    expect(markdown).toContain(note);
    expect(markdown).toContain('规模是效率的天敌');
    expect(markdown).toMatch(/^highlights: 3$/m);
    await popup.getByRole('button', { name: '返回' }).click();

    // 只导出标注
    await list.getByRole('button', { name: '只导出标注' }).click();
    const name = () => readdirSync(s.downloads).find((f) => f.endsWith('-标注.md'));
    await expect.poll(name, { timeout: 10_000 }).toBeTruthy();
    const only = readFileSync(path.join(s.downloads, name()!), 'utf8');
    expect(only).toContain('面试官坦然答道。');
    expect(only).toContain(note);
    expect(only).toContain('规模是效率的天敌');
    await popup.close();

    // the shortcut's export (made in the page) carries them too
    await page.bringToFront();
    expect(await background('export-markdown')).toBe(true);
    // with images (the default): the zip holding the Markdown
    const zip = path.join(s.downloads, '2024-04-02-2024，大厂人“卷”向海外.zip');
    await expect.poll(() => existsSync(zip) && readFileSync(zip).length > 0, { timeout: 10_000 }).toBe(true);
    const exported = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(zip)))['2024-04-02-2024，大厂人“卷”向海外.md']);
    expect(exported).toMatch(/==[^=\n]*面试官坦然答道。/);
    expect(exported).toMatch(/^highlights: 3$/m);
    s.pages.set(url, original);
  });

  it('backs up from the options page and restores into a fresh profile: the same highlights', async () => {
    const options = await s.context.newPage();
    await options.goto(`chrome-extension://${s.id}/options.html`);
    const library = options.locator('.library');
    await library.getByText('3 条标注').waitFor();
    await options.screenshot({ path: path.join(screenshotsDir, 'highlights-options.png'), fullPage: true });
    await library.getByRole('button', { name: '下载备份（JSON）' }).click();
    const backup = () => readdirSync(s.downloads).find((f) => f.startsWith('woshipm-highlights-') && f.endsWith('.json'));
    await expect.poll(backup, { timeout: 10_000 }).toBeTruthy();
    await library.getByRole('button', { name: '全部导出为 Markdown' }).click();
    await expect.poll(() => readdirSync(s.downloads).some((f) => f.startsWith('woshipm-highlights-') && f.endsWith('.md')), { timeout: 10_000 }).toBe(true);
    const before = await stored(s);

    const fresh = await launch();
    try {
      expect(Object.keys(await stored(fresh)).filter((k) => k.startsWith('highlights:'))).toEqual([]);
      const restore = await fresh.context.newPage();
      await restore.goto(`chrome-extension://${fresh.id}/options.html`);
      await restore.locator('.library input[type=file]').setInputFiles(path.join(s.downloads, backup()!));
      await restore.locator('.library').getByText('已恢复 1 篇文章的标注').waitFor();
      const after = await stored(fresh);
      const only = (all: Record<string, unknown>) => Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('highlights:')));
      expect(only(after)).toEqual(only(before));
      const { page: restored } = await fresh.openSite(url);
      await expect.poll(async () => texts(await painted(restored)), { timeout: 10_000 }).toEqual(expectedTexts);

      // restoring over highlights that differ asks first: keep mine, then replace
      await restored.bringToFront();
      await restored.locator('.article--content mark[data-hl]').filter({ hasText: '规模是效率的天敌' }).click();
      await restored.locator('woshipm-highlight-toolbar').getByRole('button', { name: '删除标注' }).click();
      await expect.poll(async () => Object.keys(await painted(restored)).length).toBe(2);
      await restore.bringToFront();
      const restoreAgain = () => restore.locator('.library input[type=file]').setInputFiles(path.join(s.downloads, backup()!));
      await restoreAgain();
      await restore.getByRole('alertdialog').getByText('2 → 3').waitFor();
      await restore.getByRole('button', { name: '保留现有的' }).click();
      await restore.getByRole('alertdialog').waitFor({ state: 'detached' });
      expect(Object.keys(await painted(restored)).length).toBe(2);
      await restoreAgain();
      await restore.getByRole('button', { name: '替换' }).click();
      await restore.locator('.library').getByText('已恢复 1 篇文章的标注').waitFor();
      await expect.poll(async () => texts(await painted(restored))).toEqual(expectedTexts);

      // 删除全部数据
      restore.once('dialog', (d) => void d.accept());
      await restore.getByRole('button', { name: '删除全部数据' }).click();
      await restore.locator('.library').getByText('已删除全部数据').waitFor();
      expect(await stored(fresh)).toEqual({});
      await restored.reload({ waitUntil: 'load' });
      await restored.waitForTimeout(500);
      expect(Object.keys(await painted(restored))).toEqual([]);
    } finally {
      await fresh.close();
    }
    expect(existsSync(s.downloads)).toBe(true);
  });
});
