/**
 * 保存到文件夹 in headless Chromium with the tests' build of the extension: the notes folder is a real
 * FileSystemDirectoryHandle (a folder of the origin-private file system, handed to Options' own 选择文件夹
 * button in place of the picker's dialog, which a headless browser cannot click), the images come from the
 * Referer-checking CDN stand-in, and the permission states a real handle cannot be made to show (`prompt`
 * after a restart, `denied`) come from the permission wrapper's test script (shell/folder.ts).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eExtensionDir, fixturesDir, launch, shot, type Session } from '../../tools/browser-harness';
import { cdnArgs, cdnHosts, startImageCdn, type ImageCdn } from '../../tools/image-cdn';

const url = 'https://www.woshipm.com/pmd/5239764.html';
const wp = 'https://image.woshipm.com/wp-files/2024/02';
const srcs = [`${wp}/first.png`, `${wp}/chart.jpg!/fw/600`, `${wp}/missing.png`];
const bigUrl = 'https://www.woshipm.com/pmd/5239765.html';
/** The popup's line about the export (its status region). */
const notice = (popup: Page) => popup.locator('footer .notice');

/** A fixture article with `images` first in its body. */
function withImages(fixture: string, images: readonly string[]): string {
  const html = readFileSync(path.join(fixturesDir, fixture, 'page.html'), 'utf8');
  const more = images.map((src, n) => `<p><img src="${src}" alt="图 ${n + 1}"></p>`).join('\n');
  const out = html.replace(/(<div class="article--content[^"]*">)/, `$1\n${more}`);
  expect(out).not.toBe(html);
  return out;
}

let cdn: ImageCdn;
let s: Session;
let options: Page;
beforeAll(async () => {
  cdn = await startImageCdn();
  s = await launch({ args: cdnArgs(cdn.port), passThrough: cdnHosts, extension: e2eExtensionDir });
  s.pages.set(url, withImages('pmd-2021-5239764', srcs));
  const many = Array.from({ length: 60 }, (_, i) => `${wp}/photo-${i}-500k.jpg`);
  // Another article (its own URL and title), so that it gets a file of its own.
  const title = /<h2 class="article--title[^"]*">([^<]+)</.exec(s.pages.get(url)!)?.[1];
  expect(title).toBeTruthy();
  s.pages.set(bigUrl, withImages('pmd-2021-5239764', many).replaceAll('5239764', '5239765').replaceAll(title!, `${title}（六十张图）`));
  options = await s.context.newPage();
  await options.goto(`chrome-extension://${s.id}/options.html`);
});
afterAll(async () => {
  await s?.close();
  await cdn?.close();
});

type Tree = Record<string, string>; // path -> base64

/** The paths of every file under the origin-private folder `dir` (cheap: no bytes read). */
const listFiles = (dir: string): Promise<string[]> =>
  options.evaluate(async (name) => {
    const out: string[] = [];
    const walk = async (handle: FileSystemDirectoryHandle, prefix: string) => {
      for await (const [entry, child] of (handle as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
        if (child.kind === 'directory') await walk(child as FileSystemDirectoryHandle, `${prefix}${entry}/`);
        else out.push(`${prefix}${entry}`);
      }
    };
    await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true }), '');
    return out;
  }, dir);

/** Every file under the origin-private folder `dir`, read in an extension page. */
const readTree = (dir: string): Promise<Tree> =>
  options.evaluate(async (name) => {
    const out: Record<string, string> = {};
    const walk = async (handle: FileSystemDirectoryHandle, prefix: string) => {
      for await (const [entry, child] of (handle as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
        if (child.kind === 'directory') await walk(child as FileSystemDirectoryHandle, `${prefix}${entry}/`);
        else {
          const bytes = new Uint8Array(await (await (child as FileSystemFileHandle).getFile()).arrayBuffer());
          let binary = '';
          for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          out[`${prefix}${entry}`] = btoa(binary);
        }
      }
    };
    const root = await navigator.storage.getDirectory();
    await walk(await root.getDirectoryHandle(name, { create: true }), '');
    return out;
  }, dir);
/** The user edits a note of the vault (another program writing the file). */
const editInVault = (file: string, text: string) =>
  options.evaluate(
    async ([path, content]) => {
      let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('vault');
      const parts = path.split('/');
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
      const writable = await (await dir.getFileHandle(parts.at(-1)!)).createWritable();
      await writable.write(content);
      await writable.close();
    },
    [file, text] as const,
  );
const textOf = (tree: Tree, file: string) => Buffer.from(tree[file]!, 'base64').toString('utf8');
const notesIn = (tree: Tree) => Object.keys(tree).filter((f) => f.endsWith('.md') && !f.startsWith('.obsidian/'));

/** The permission the wrapper reports from now on (null: the handle's own, which for this folder is `granted`). */
const scriptPermission = (script: { query: string; request: string } | null) =>
  options.evaluate(async (value) => {
    const { storage } = (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void>; remove(k: string): Promise<void> } } } })
      .chrome;
    if (value) await storage.session.set({ 'e2e:permission': value });
    else await storage.session.remove('e2e:permission');
  }, script);
const requestsMade = () =>
  options.evaluate(async () => {
    const { storage } = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, { requests?: number }>> } } } })
      .chrome;
    return (await storage.session.get('e2e:permission'))['e2e:permission']?.requests ?? 0;
  });

async function popupFor(pageUrl = url): Promise<Page> {
  return (await popupAndTab(pageUrl)).popup;
}
async function popupAndTab(pageUrl: string): Promise<{ popup: Page; tabId: number }> {
  const { tabId } = await s.openSite(pageUrl);
  const popup = await s.openPopup(tabId);
  await popup.locator('.card-title').waitFor();
  return { popup, tabId };
}

describe('choosing the notes folder in Options', () => {
  it('keeps the folder picked with 选择文件夹, says it is an Obsidian vault, and saves there from then on', async () => {
    // The picker's dialog cannot be clicked headless: the page's own button gets a real folder handle instead.
    await options.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const vault = await root.getDirectoryHandle('vault', { create: true });
      await vault.getDirectoryHandle('.obsidian', { create: true });
      Object.assign(window, { showDirectoryPicker: async () => vault });
    });
    await options.getByRole('radio', { name: '保存到文件夹' }).check();
    await options.getByRole('button', { name: '选择文件夹' }).click();
    await options.getByText('笔记文件夹：vault （Obsidian 库） · 已允许写入').waitFor();
    await options.getByLabel('子文件夹').fill('{category}/{year}');
    await options.getByLabel('子文件夹').blur();
    // Obsidian itself is not here to open: the check says only that the link was made.
    await options.getByLabel('保存后在 Obsidian 中打开（所选文件夹是 Obsidian 库时）').uncheck();
    await shot(options, 'options-notes-folder');
    await options.reload();
    await options.getByText('笔记文件夹：vault （Obsidian 库） · 已允许写入').waitFor();
    expect(await options.getByLabel('子文件夹').inputValue()).toBe('{category}/{year}');
  });
});

describe('saving into the notes folder', () => {
  let notePath = '';

  it('writes the note and its images, byte for byte what the CDN served, nothing through Downloads', async () => {
    const popup = await popupFor();
    expect(await popup.getByLabel('保存位置').inputValue()).toBe('folder');
    await popup.getByText('保存到：vault').waitFor();
    await popup.getByRole('button', { name: '保存到文件夹' }).click();
    await notice(popup)
      .getByText(/^已保存到 vault\//)
      .waitFor({ timeout: 20_000 });
    await shot(popup, 'popup-saved-to-folder');
    const tree = await readTree('vault');
    const notes = notesIn(tree);
    expect(notes).toHaveLength(1);
    notePath = notes[0]!;
    expect(notePath).toMatch(/^产品经理\/2021\/2021-12-07-[^/]+\.md$/);
    const markdown = textOf(tree, notePath);
    const links = [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => decodeURIComponent(m[1]!));
    expect(links.slice(0, 3)).toEqual([expect.stringMatching(/^assets\/[0-9a-f]{16}\.png$/), expect.stringMatching(/^assets\/[0-9a-f]{16}\.jpg$/), srcs[2]]);
    const dir = path.posix.dirname(notePath);
    expect(Buffer.from(tree[`${dir}/${links[0]}`]!, 'base64')).toEqual(cdn.served.get(srcs[0]!));
    expect(Buffer.from(tree[`${dir}/${links[1]}`]!, 'base64')).toEqual(cdn.served.get(`${wp}/chart.jpg`));
    expect(markdown).toContain(`source: "${url}"`);
    const downloads = (() => {
      try {
        return readdirSync(s.downloads);
      } catch {
        return [];
      }
    })();
    expect(downloads).toEqual([]);
    // the card says where and when
    const again = await popupFor();
    expect(await again.locator('.last-saved').textContent()).toMatch(new RegExp(`^已保存到 vault/${notePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `));
    await again.close();
    await popup.close();
  });

  it('saving again updates the same file, with no second copy', async () => {
    const before = await readTree('vault');
    const popup = await popupFor();
    await popup.getByLabel('包含要点').check();
    await popup.getByRole('button', { name: '保存到文件夹' }).click();
    await notice(popup).getByText(`已更新 vault/${notePath}`).waitFor({ timeout: 20_000 });
    const after = await readTree('vault');
    expect(notesIn(after)).toEqual([notePath]);
    expect(textOf(after, notePath)).not.toBe(textOf(before, notePath));
    expect(textOf(after, notePath)).toContain('## 要点');
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort()); // the images were there already
    await popup.getByLabel('包含要点').uncheck();
    await popup.close();
  });

  it('asks before overwriting a file edited since: 另存为新文件 keeps both, 覆盖 replaces it', async () => {
    await editInVault(notePath, '# 我自己的笔记\n\n不要覆盖我。\n');
    const popup = await popupFor();
    await popup.getByRole('button', { name: '保存到文件夹' }).click();
    const question = popup.getByRole('alertdialog');
    await question.getByText(`vault/${notePath} 在上次保存后被改动过。`).waitFor({ timeout: 20_000 });
    await shot(popup, 'popup-conflict');
    await question.getByRole('button', { name: '另存为新文件' }).click();
    const renamed = notePath.replace(/\.md$/, ' (2).md');
    await notice(popup).getByText(`文件已被改动，另存为 vault/${renamed}`).waitFor({ timeout: 20_000 });
    let tree = await readTree('vault');
    expect(textOf(tree, notePath)).toBe('# 我自己的笔记\n\n不要覆盖我。\n');
    expect(textOf(tree, renamed)).toContain(`source: "${url}"`);

    // The new file is now the one of record; edit it, and overwrite this time.
    await editInVault(renamed, '改过了');
    await popup.getByRole('button', { name: '保存到文件夹' }).click();
    await popup.getByRole('alertdialog').getByRole('button', { name: '覆盖' }).click();
    await notice(popup).getByText(`已更新 vault/${renamed}`).waitFor({ timeout: 20_000 });
    tree = await readTree('vault');
    expect(textOf(tree, renamed)).toContain(`source: "${url}"`);
    expect(notesIn(tree).sort()).toEqual([notePath, renamed].sort());
    await popup.close();
  });

  it('after a restart (permission `prompt`) asks once from the click, then saves', async () => {
    await scriptPermission({ query: 'prompt', request: 'granted' });
    const popup = await popupFor();
    await popup.getByRole('button', { name: '允许写入 vault' }).waitFor();
    await shot(popup, 'popup-folder-prompt');
    await popup.getByRole('button', { name: '保存到文件夹' }).click();
    await notice(popup)
      .getByText(/^已更新 vault\//)
      .waitFor({ timeout: 20_000 });
    expect(await requestsMade()).toBe(1);
    await popup.close();
  });

  it('refused (`denied`): the export is not lost, it goes to Downloads in the same layout, and says so', async () => {
    await scriptPermission({ query: 'denied', request: 'denied' });
    const popup = await popupFor();
    await popup.getByRole('button', { name: '保存到文件夹' }).click();
    await notice(popup)
      .getByText(/^没有写入 vault 的权限，已保存到「下载」：下载\/woshipm\//)
      .waitFor({ timeout: 20_000 });
    const file = path.join(s.downloads, 'woshipm', ...notePath.split('/'));
    await expect.poll(() => statSync(file, { throwIfNoEntry: false })?.size ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    const markdown = readFileSync(file, 'utf8');
    const first = decodeURIComponent(/!\[[^\]]*\]\(([^)\s]+)\)/.exec(markdown)![1]!);
    expect(readFileSync(path.join(path.dirname(file), first))).toEqual(cdn.served.get(srcs[0]!));
    await scriptPermission(null);
    await popup.close();
  });

  it('a shortcut export without permission says what to do on the toolbar icon', async () => {
    await scriptPermission({ query: 'prompt', request: 'granted' });
    const { page } = await s.openSite(url);
    await page.bringToFront();
    const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
    const title = await worker.evaluate(async () => {
      const api = globalThis as unknown as { woshipmReader: { onCommand(c: string): Promise<boolean> }; chrome: typeof import('wxt/browser').browser };
      await api.woshipmReader.onCommand('export-markdown');
      const [tab] = await api.chrome.tabs.query({ active: true, currentWindow: true });
      return api.chrome.action.getTitle({ tabId: tab!.id! });
    });
    expect(title).toMatch(/^没有写入 vault 的权限，已保存到「下载」：下载\/woshipm\/.*在弹出窗口中点击「允许写入」即可直接保存到文件夹/);
    expect(await requestsMade()).toBe(0); // the worker cannot ask, and did not try
    await scriptPermission(null);
    await page.close();
  });
});

describe('Open in Obsidian', () => {
  it('opens the saved note in the vault with an obsidian:// link (the note is written first)', async () => {
    await options.getByLabel('保存后在 Obsidian 中打开（所选文件夹是 Obsidian 库时）').check();
    const saved = () =>
      options.evaluate(async () => {
        const { storage } = (
          globalThis as unknown as { chrome: { storage: { sync: { get(k: string): Promise<Record<string, { openInObsidian?: boolean }>> } } } }
        ).chrome;
        return (await storage.sync.get('export')).export?.openInObsidian;
      });
    await expect.poll(saved).toBe(true);
    const { popup, tabId } = await popupAndTab(url);
    await popup.getByRole('button', { name: '保存到文件夹' }).click();
    await notice(popup)
      .getByText(/^(已保存到|已更新) vault\//)
      .waitFor({ timeout: 20_000 });
    const outcome = await popup.evaluate(async (id) => {
      const api = (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: object): Promise<{ items: { outcome?: { filename?: string; opened?: string } }[] } | null> } };
        }
      ).chrome;
      return (await api.runtime.sendMessage({ to: 'background', type: 'exportJob', data: { tabId: id } }))?.items[0]?.outcome;
    }, tabId);
    const file = outcome!.filename!.replace(/\.md$/, '');
    const opened = new URL(outcome!.opened!);
    expect([opened.protocol, opened.host, opened.pathname]).toEqual(['obsidian:', 'open', '']);
    expect(Object.fromEntries(opened.searchParams)).toEqual({ vault: 'vault', file });
    expect(outcome!.opened).not.toContain('+'); // Obsidian reads %20 as a space, not +
    await options.getByLabel('保存后在 Obsidian 中打开（所选文件夹是 Obsidian 库时）').uncheck();
    await popup.close();
  });
});

describe('the export runs in the background', () => {
  it('a popup closed during a 60-image export still produces the note and all its images', async () => {
    const { popup, tabId } = await popupAndTab(bigUrl);
    cdn.delayMs = 30;
    await popup.getByRole('button', { name: '保存到文件夹' }).click();
    await popup.getByText(/正在保存图片 \d+\/6\d/).waitFor({ timeout: 20_000 });
    await popup.close();
    const note = '产品经理/2021/2021-12-07-深度思考 - 产品经理要不要懂技术的底层逻辑（六十张图）.md';
    await expect.poll(async () => (await listFiles('vault')).includes(note), { timeout: 120_000, interval: 500 }).toBe(true);
    cdn.delayMs = 0;
    const tree = await readTree('vault');
    expect(textOf(tree, note)).toContain(`source: "${bigUrl}"`);
    const links = [...textOf(tree, note).matchAll(/!\[[^\]]*\]\((assets\/[^)\s]+)\)/g)].map((m) => m[1]!);
    expect(links).toHaveLength(60);
    // Buffer.equals: a deep equality over 60 × 500 kB element by element takes minutes
    for (const [i, link] of links.entries())
      expect(Buffer.from(tree[`产品经理/2021/${link}`]!, 'base64').equals(cdn.served.get(`${wp}/photo-${i}-500k.jpg`)!), link).toBe(true);
    // reopened on that tab, the popup shows the finished export
    const again = await s.openPopup(tabId);
    await notice(again)
      .getByText(/^已保存到 vault\//)
      .waitFor();
    await again
      .locator('.image-report')
      .getByText(/^已保存 60\/6\d 张图片/)
      .waitFor();
    await again.close();
  }, 180_000);

  it('a batch of 20 tabs completes with the popup closed right after the start', { timeout: 240_000 }, async () => {
    // The fixtures' 18 articles (less the one saved above), and three more made of one with other ids and titles.
    const manifest: { url: string }[] = JSON.parse(readFileSync(path.join(fixturesDir, 'manifest.json'), 'utf8'));
    const fixtures = manifest.map((m) => m.url).filter((u) => u !== url);
    const copies = [1, 2, 3].map((n) => {
      const copy = `https://www.woshipm.com/pmd/${9100000 + n}.html`;
      s.pages.set(
        copy,
        s.pages
          .get(url)!
          .replaceAll('5239764', String(9100000 + n))
          .replaceAll('深度思考 | 产品经理', `副本 ${n} | 产品经理`),
      );
      return copy;
    });
    const articles = [...fixtures, ...copies].slice(0, 20);
    expect(articles).toHaveLength(20);
    // Only these 20 articles open: the batch takes every open article tab.
    for (const page of s.context.pages()) if (page.url().startsWith('https://www.woshipm.com/')) await page.close();
    const tabs = [];
    for (const article of articles) tabs.push((await s.openSite(article)).page);
    const popup = await s.openPopup(await s.tabIdOf(tabs[0]!));
    await popup.locator('.card-title').waitFor();
    await popup.getByRole('button', { name: '导出所有打开的 woshipm 文章（20 篇）' }).click();
    await popup
      .getByRole('status')
      .filter({ hasText: /正在导出/ })
      .first()
      .waitFor();
    await popup.close();
    const again = await s.openPopup(-1);
    await expect
      .poll(
        async () => {
          const job = await again.evaluate(async () => {
            const api = (
              globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ state: string; items: { state: string }[] } | null> } } }
            ).chrome;
            return api.runtime.sendMessage({ to: 'background', type: 'exportJob', data: { kind: 'batch' } });
          });
          const failed = job?.items.filter((i) => i.state === 'failed');
          expect(failed, JSON.stringify(failed)).toEqual([]);
          return job?.state === 'running' ? -1 : (job?.items.filter((i) => i.state === 'done').length ?? -1);
        },
        { timeout: 120_000, interval: 1000 },
      )
      .toBe(20);
    const tree = await readTree('vault');
    for (const article of articles)
      expect(
        notesIn(tree).filter((n) => textOf(tree, n).includes(`source: "${article}"`)),
        article,
      ).toHaveLength(1);
    const reopened = await s.openPopup(await s.tabIdOf(tabs[1]!));
    await reopened.getByText('完成：导出 20 篇，失败 0 篇').waitFor();
    await shot(reopened, 'popup-batch-done');
    await reopened.close();
    await again.close();
    for (const tab of tabs) await tab.close();
  });
});
