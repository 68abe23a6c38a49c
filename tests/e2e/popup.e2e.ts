/** The popup on real fixture pages, with the built extension in headless Chromium. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, shot, type Session } from '../../tools/browser-harness';
import { article, articleFile, batchTabs, cliMarkdown, expectArticleCard, noArticleStates, readCard } from './cases';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => s?.close());

describe('an article page', () => {
  it('shows the article card with the article facts', async () => {
    const { tabId } = await s.openSite(article);
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    expectArticleCard(await popup.evaluate(readCard));
    await shot(popup, 'popup-card');
    await popup.close();
  });

  it('downloads the same Markdown the CLI writes, under the template file name', async () => {
    const { tabId } = await s.openSite(article);
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    await popup.locator('select').first().selectOption('gitbook');
    await popup.getByLabel('包含要点').check();
    await popup.getByLabel('图片').selectOption('remote'); // the CLI's default; downloads are a zip with images otherwise
    await popup.getByRole('button', { name: '下载 Markdown' }).click();
    await popup.getByText('已开始下载').waitFor(); // the confirmation shows for a moment only
    const file = path.join(s.downloads, articleFile);
    await expect.poll(() => existsSync(file), { timeout: 10_000 }).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(cliMarkdown('woshipm-6025589', '--template', 'gitbook', '--key-points'));
    await popup.close();
  });

  it('copies the Markdown to the clipboard', async () => {
    // The clipboard is the browser's: read it back from the site's page, which may be granted access.
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://www.woshipm.com' });
    const { page, tabId } = await s.openSite(article);
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    await popup.locator('select').first().selectOption('frontmatter');
    await popup.getByLabel('包含要点').uncheck();
    await popup.getByRole('button', { name: '复制 Markdown' }).click();
    await popup.getByText('已复制到剪贴板').waitFor();
    await page.bringToFront();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(cliMarkdown('woshipm-6025589'));
    await popup.close();
  });

  it('leaves the page as it was', async () => {
    const { page, tabId } = await s.openSite('https://www.woshipm.com/pmd/5239764.html');
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(before);
    await popup.close();
  });
});

describe('clear states instead of a blank popup', () => {
  it.each(noArticleStates)('%s', async (name, url, title) => {
    const { tabId } = await s.openSite(url);
    const popup = await s.openPopup(tabId);
    await popup.getByRole('heading', { name: title }).waitFor();
    await shot(popup, `popup-state-${name.replace(/\s+/g, '-')}`);
    await popup.close();
  });
});

describe('jumping, previewing, selecting', () => {
  it('scrolls the page to a key point and to a heading when clicked', async () => {
    const { page, tabId } = await s.openSite(article);
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    await page.bringToFront();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await popup.locator('.keypoints button').nth(4).click(); // 如果“越界”，反倒可能招来质疑。
    await expect.poll(() => page.evaluate(() => window.scrollY), { timeout: 5000 }).toBeGreaterThan(1000);
    const inView = () =>
      page.evaluate(() => {
        const b = [...document.querySelectorAll('strong')].find((el) => el.textContent?.includes('越界'))!;
        const r = b.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
    await expect.poll(inView, { timeout: 5000 }).toBe(true);
    await shot(page, 'page-after-key-point-jump');
    await popup.locator('.outline summary').click();
    await popup.locator('.outline button', { hasText: '四、转身向大海走去' }).click();
    const headingTop = () =>
      page.evaluate(() => [...document.querySelectorAll('h2')].find((h) => h.textContent === '四、转身向大海走去')!.getBoundingClientRect().top);
    await expect.poll(async () => Math.abs(await headingTop() - 450) < 300, { timeout: 5000 }).toBe(true);
    await popup.close();
  });

  it('downloads the text as edited in the preview, and asks before replacing an edit', async () => {
    const { tabId } = await s.openSite(article);
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    await popup.locator('select').first().selectOption('plain');
    await popup.getByRole('button', { name: '预览' }).click();
    const box = popup.locator('textarea');
    expect(await box.inputValue()).toMatch(/^# 2024，大厂人“卷”向海外\n\n霞光社 · 2024-04-02 · 职场攻略/);
    await box.fill('# 我的笔记\n\n只留这一句。\n');
    await popup.getByText('已编辑').waitFor();
    await shot(popup, 'popup-preview-edited');
    await popup.locator('select').first().selectOption('gitbook');
    await popup.getByText('用新生成的内容替换你编辑过的文本吗？').waitFor();
    await popup.getByRole('button', { name: '保留我的编辑' }).click();
    expect(await box.inputValue()).toBe('# 我的笔记\n\n只留这一句。\n');
    await popup.getByRole('button', { name: '下载 Markdown' }).click();
    const file = path.join(s.downloads, '2024-04-02-2024，大厂人“卷”向海外 (1).md');
    const first = path.join(s.downloads, '2024-04-02-2024，大厂人“卷”向海外.md');
    await expect.poll(() => existsSync(first) && (existsSync(file) || readFileSync(first, 'utf8').startsWith('# 我的笔记')), { timeout: 10_000 }).toBe(true);
    const saved = existsSync(file) ? readFileSync(file, 'utf8') : readFileSync(first, 'utf8');
    expect(saved).toBe('# 我的笔记\n\n只留这一句。\n');
    await popup.locator('select').first().selectOption('frontmatter');
    await popup.getByRole('button', { name: '替换', exact: true }).click();
    expect(await box.inputValue()).toMatch(/^---\ntitle: "2024，大厂人“卷”向海外"/);
    await popup.close();
  });

  it('exports only the selected paragraphs, with the article header', async () => {
    const { page, tabId } = await s.openSite(article);
    await page.evaluate(() => {
      const paragraphs = [...document.querySelectorAll('.article--content p')];
      const from = paragraphs.find((p) => p.textContent?.startsWith('面试快结束时'))!;
      const to = paragraphs.find((p) => p.textContent?.startsWith('看到数字后'))!;
      const range = document.createRange();
      range.setStartBefore(from);
      range.setEndAfter(to);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    await popup.getByLabel('只导出选中内容').check();
    await popup.locator('select').first().selectOption('frontmatter');
    await popup.getByRole('button', { name: '预览' }).click();
    const text = await popup.locator('textarea').inputValue();
    expect(text).toMatch(/^---\ntitle: "2024，大厂人“卷”向海外"[\s\S]*\n---\n\n# 2024，大厂人“卷”向海外\n/);
    expect(text).toContain('面试快结束时，吴浩然决定用最直白的方式提出最困扰他的问题。');
    expect(text).toContain('看到数字后，吴浩然放松了。');
    expect(text).not.toContain('现在，吴浩然已经入职');
    expect(text).not.toContain('我想再聊一下项目的事');
    await shot(popup, 'popup-selection-preview');
    await popup.close();
  });
});

describe('shortcut and context menu (through the background)', () => {
  /** Runs a background handler as the browser would on the shortcut or a menu click. */
  async function background<T>(fn: (reader: { onCommand(c: string): Promise<boolean>; onMenu(info: object, tab: object): Promise<boolean> }, arg: number) => Promise<T>, arg = 0) {
    const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
    return worker.evaluate(
      // biome-ignore lint/security/noGlobalEval: the handler is sent as source text; tsx's helpers would break a passed function
      ([source, value]) => (0, eval)(`(${source})`)((globalThis as unknown as { woshipmReader: never }).woshipmReader, value),
      [fn.toString(), arg] as const,
    ) as Promise<T>;
  }

  it('binds Alt+Shift+K to export and Alt+Shift+Y to reader mode, and the options page shows them', async () => {
    const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
    const commands = await worker.evaluate(() => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.commands.getAll());
    expect(commands.find((c) => c.name === 'export-markdown')?.shortcut).toBe('Alt+Shift+K');
    expect(commands.find((c) => c.name === 'toggle-reader')?.shortcut).toBe('Alt+Shift+Y');
    const options = await s.context.newPage();
    await options.goto(`chrome-extension://${s.id}/options.html`);
    expect(await options.locator('[data-command="toggle-reader"] kbd').textContent()).toBe('Alt+Shift+Y');
    expect(await options.locator('[data-command="export-markdown"] kbd').textContent()).toBe('Alt+Shift+K');
    await options.close();
  });

  it('puts its context menu entries under one parent item, named after the extension', async () => {
    const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
    // There is no contextMenus.getAll: an update of an item that does not exist, or with a parent that would
    // make a cycle, fails. Re-parenting each child under the parent it already has succeeds only if both exist.
    const outcome = await worker.evaluate(async () => {
      const menus = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.contextMenus;
      const tryUpdate = (id: string, props: object) => menus.update(id, props).then(() => 'ok', (e: Error) => e.message);
      return {
        parent: await tryUpdate('woshipm-reader', {}),
        page: await tryUpdate('export-page', { parentId: 'woshipm-reader' }),
        selection: await tryUpdate('export-selection', { parentId: 'woshipm-reader' }),
        cycle: await tryUpdate('woshipm-reader', { parentId: 'export-page' }),
      };
    });
    expect(outcome).toMatchObject({ parent: 'ok', page: 'ok', selection: 'ok' });
    expect(outcome.cycle).not.toBe('ok'); // the parent is above the entries, not beside them
  });

  it('exports the active article with the saved options on the shortcut', async () => {
    const { page } = await s.openSite('https://www.woshipm.com/pmd/5239764.html');
    await page.bringToFront();
    expect(await background((reader) => reader.onCommand('export-markdown'))).toBe(true);
    const file = path.join(s.downloads, '2021-12-07-深度思考 - 产品经理要不要懂技术的底层逻辑.md');
    await expect.poll(() => existsSync(file), { timeout: 10_000 }).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^---\ntitle: "深度思考 \| 产品经理要不要懂技术的底层逻辑"/);
  });

  it('exports the selection from the context menu', async () => {
    const { page, tabId } = await s.openSite('https://www.woshipm.com/pd/6119971.html');
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('.article--content p')].find((el) => (el.textContent ?? '').length > 60)!;
      getSelection()!.selectAllChildren(p);
    });
    const selected = await page.evaluate(() => getSelection()!.toString());
    expect(await background((reader, id) => reader.onMenu({ menuItemId: 'export-selection' }, { id }), tabId)).toBe(true);
    const title = await page.evaluate(() => document.querySelector('h2.article--title')!.textContent!);
    const find = () => readdirSync(s.downloads).find((f) => f.includes(title.slice(0, 8)) && !f.endsWith('.crdownload'));
    await expect.poll(find, { timeout: 10_000 }).toBeDefined();
    const name = find();
    const md = readFileSync(path.join(s.downloads, name!), 'utf8');
    const body = md.slice(md.indexOf(`# ${title}`));
    expect(body).toContain(selected.trim().slice(0, 30));
    expect(body.split('\n\n').length).toBeLessThan(6);
  });
});

describe('options page and themes', () => {
  it('saves settings that the popup then uses, and switches the interface language', async () => {
    const options = await s.context.newPage();
    await options.goto(`chrome-extension://${s.id}/options.html`);
    await options.getByRole('heading', { name: '设置' }).waitFor();
    await options.getByLabel('默认模板').selectOption('gitbook');
    await options.getByLabel('文件名模板').fill('{category}-{id}-{title}');
    await options.getByText('预览：职场攻略-6025589-2024，大厂人“卷”向海外.md').waitFor();
    await shot(options, 'options-zh');
    await options.getByLabel('界面语言').selectOption('en');
    await options.getByRole('heading', { name: 'Settings' }).waitFor();
    await shot(options, 'options-en');

    const { tabId } = await s.openSite(article);
    const popup = await s.openPopup(tabId);
    await popup.getByRole('button', { name: 'Download Markdown' }).waitFor();
    expect(await popup.locator('select').first().inputValue()).toBe('gitbook');
    await popup.getByRole('button', { name: 'Download Markdown' }).click();
    await expect.poll(() => existsSync(path.join(s.downloads, '职场攻略-6025589-2024，大厂人“卷”向海外.md')), { timeout: 10_000 }).toBe(true);
    await shot(popup, 'popup-card-en');

    await options.getByLabel('Interface language').selectOption('zh_CN');
    await options.getByLabel('文件名模板').fill('{published}-{title}');
    await options.getByLabel('默认模板').selectOption('frontmatter');
    await options.close();
    await popup.close();
  });

  it('follows a dark system theme', async () => {
    const { tabId } = await s.openSite(article);
    const popup = await s.openPopup(tabId);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.locator('.card-title').waitFor();
    const bg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(27, 29, 34)');
    await shot(popup, 'popup-card-dark');
    await popup.close();
  });
});

describe('a tab opened before the extension was installed', () => {
  it('gets the content script injected instead of a blank popup', async () => {
    const fresh = await launch({ installLater: true });
    try {
      const { page } = await fresh.openSite('https://www.woshipm.com/it/6200141.html');
      await fresh.install();
      const popup = await fresh.openPopup(await fresh.tabIdOf(page));
      await popup.locator('.card-title').waitFor();
      expect(await popup.locator('.card-title').textContent()).toBe('加密货币市场将迎剧变？FDIC 新规释放新信号，银行入场倒计时！');
    } finally {
      await fresh.close();
    }
  });
});

describe('batch export of open tabs', () => {
  it('downloads every open woshipm article, with progress and a result per tab', async () => {
    const batch = await launch();
    try {
      for (const url of batchTabs.articles) await batch.openSite(url);
      await batch.openSite(batchTabs.notArticle); // not an article: not offered
      const { tabId } = await batch.openSite(batchTabs.articles[0]!);
      const popup = await batch.openPopup(tabId);
      const button = popup.getByRole('button', { name: batchTabs.button });
      await button.click();
      await popup.getByText(batchTabs.done).waitFor();
      expect(await popup.locator('.batch-items li.done').count()).toBe(4);
      await shot(popup, 'popup-batch-done');
      // with images (the default): one zip for all, each article's Markdown in it
      const zips = () => readdirSync(batch.downloads).filter((f) => f.endsWith('.zip'));
      await expect.poll(() => zips().length, { timeout: 10_000 }).toBe(1);
      expect(readdirSync(batch.downloads).filter((f) => f.endsWith('.md'))).toEqual([]);
      const names = Object.keys(unzipSync(new Uint8Array(readFileSync(path.join(batch.downloads, zips()[0]!))))).filter((f) => f.endsWith('.md'));
      expect(names).toHaveLength(4); // the same article twice: numbered
      expect(names.filter((n) => n.startsWith('2025-'))).toEqual([expect.stringMatching(/[^)]\.md$/), expect.stringMatching(/ \(2\)\.md$/)]);
      expect(names.some((n) => n.startsWith(batchTabs.oneOfTheFiles))).toBe(true);
    } finally {
      await batch.close();
    }
  });
});
