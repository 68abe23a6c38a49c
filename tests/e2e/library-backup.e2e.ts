/**
 * The library backup moves a library between browser profiles (headless Chromium, the tests' build): articles
 * collected in one profile (收藏到资料库, one marked 已读) with a highlight, backed up into Downloads as one zip;
 * a fresh profile restores that zip and lists the same articles with the same cards and highlights. Then a folder
 * the CLI wrote with `--library` is imported there the same way. The library is read straight from IndexedDB.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/md';
import { e2eExtensionDir, fixturesDir, launch, type Session } from '../../tools/browser-harness';
import { files } from '../cli-cases';
import { article } from './cases';

const second = 'https://www.woshipm.com/marketing/5966719.html';
const third = 'https://www.woshipm.com/operate/5957178.html';

const sessions: Session[] = [];
afterAll(async () => {
  for (const s of sessions) await s.close();
});

interface Card {
  url: string;
  title: string;
  state: string;
  savedAt: number;
  updatedAt: number;
  textHash: string;
  exports: unknown[];
}

/** Run in an extension page: every card of the library database (none before it exists). A string: no named function crosses. */
const readCards = `(async () => {
  if (!(await indexedDB.databases()).some((d) => d.name === 'library')) return [];
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open('library'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  try {
    return await new Promise((resolve, reject) => { const q = db.transaction('cards').objectStore('cards').getAll(); q.onsuccess = () => resolve(q.result); q.onerror = () => reject(q.error); });
  } finally { db.close(); }
})()`;
const byUrl = (cards: Card[]) => [...cards].sort((a, b) => a.url.localeCompare(b.url));
const readHighlights = `chrome.storage.local.get(null).then((all) => Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('highlights:'))))`;

async function optionsPage(s: Session): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(`chrome-extension://${s.id}/options.html`);
  // polled from here: waitForFunction's polling evaluates a string, which the page's CSP refuses
  await expect.poll(() => page.evaluate(() => 'woshipmLibraryBackup' in globalThis), { timeout: 10_000 }).toBe(true);
  return page;
}

async function collect(s: Session, url: string, read = false): Promise<void> {
  const { page, tabId } = await s.openSite(url);
  const popup = await s.openPopup(tabId);
  await popup.getByRole('button', { name: '收藏到资料库' }).click();
  await popup.getByText(/^已在资料库（收藏于 .+）$/).waitFor();
  if (read) {
    await popup.getByRole('group', { name: '阅读状态' }).getByRole('button', { name: '已读' }).click();
    await popup.getByRole('group', { name: '阅读状态' }).getByRole('button', { name: '已读', pressed: true }).waitFor();
  }
  await popup.close();
  await page.close();
}

describe('backup into a fresh profile', () => {
  let zip: Buffer;
  let before: Card[];
  let highlights: Record<string, unknown>;

  it('backs up a library of three articles and a highlight as one zip in Downloads', async () => {
    const s = await launch({ extension: e2eExtensionDir });
    sessions.push(s);
    await collect(s, article);
    await collect(s, second, true);
    await collect(s, third);
    const options = await optionsPage(s);
    const highlight = {
      url: article,
      title: '高亮的文章',
      updatedAt: 1_700_000_000_000,
      highlights: [
        {
          id: 'e2e-1',
          color: 'yellow',
          note: '迁移后也要在',
          quote: { exact: '出海', prefix: '', suffix: '' },
          position: { start: 10, end: 12 },
          createdAt: 1_700_000_000_000,
          updatedAt: 1_700_000_000_000,
        },
      ],
    };
    await options.evaluate(`chrome.storage.local.set({ ${JSON.stringify(`highlights:${article}`)}: ${JSON.stringify(highlight)} })`);
    before = byUrl((await options.evaluate(readCards)) as Card[]);
    expect(before.map((c) => c.url)).toEqual([article, second, third].sort());
    expect(before.find((c) => c.url === second)!.state).toBe('read');
    highlights = (await options.evaluate(readHighlights)) as Record<string, unknown>;
    expect(Object.keys(highlights)).toEqual([`highlights:${article}`]);

    const result = (await options.evaluate('woshipmLibraryBackup.backupLibrary()')) as { filename: string; summary: { articles: number } };
    expect(result.summary.articles).toBe(3);
    expect(result.filename).toMatch(/^woshipm-资料库-\d{4}-\d{2}-\d{2}\.zip$/);
    await expect.poll(() => readdirSync(s.downloads, { withFileTypes: true }).some((f) => f.name === result.filename), { timeout: 20_000 }).toBe(true);
    zip = readFileSync(path.join(s.downloads, result.filename));
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    await s.close();
    sessions.pop();
  });

  it('restores it into a fresh profile: the same articles, cards and highlights; restored again, all identical', async () => {
    const s = await launch({ extension: e2eExtensionDir });
    sessions.push(s);
    const options = await optionsPage(s);
    expect(await options.evaluate(readCards)).toEqual([]);
    const restore = `(async () => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(zip.toString('base64'))}), (c) => c.charCodeAt(0));
      return woshipmLibraryBackup.restoreLibrary(bytes, () => ({}));
    })()`;
    expect(await options.evaluate(restore)).toEqual({ ok: true, added: 3, replaced: 0, kept: 0, identical: 0, highlights: 1, missingImages: 0, failed: [] });
    expect(byUrl((await options.evaluate(readCards)) as Card[])).toEqual(before);
    expect(await options.evaluate(readHighlights)).toEqual(highlights);
    // the popup of the new profile knows the article is kept
    const { page, tabId } = await s.openSite(second);
    const popup = await s.openPopup(tabId);
    await popup.getByText(/^已在资料库（收藏于 .+）$/).waitFor();
    expect(await popup.getByRole('group', { name: '阅读状态' }).getByRole('button', { name: '已读' }).getAttribute('aria-pressed')).toBe('true');
    await popup.close();
    await page.close();
    expect(await options.evaluate(restore)).toMatchObject({ ok: true, added: 0, identical: 3 });
  });

  it('imports a folder the CLI wrote with --library, picked as files, through the same restore', async () => {
    const s = sessions.at(-1)!;
    const out = mkdtempSync(path.join(tmpdir(), 'wr-e2e-cli-'));
    const quiet = { write: () => true };
    expect(await main([path.join(fixturesDir, 'saved-complete'), '--out', out, '--library', '--images', 'local'], quiet, quiet)).toBe(0);
    const picked = files(out).map((rel) => ({ path: `cli-library/${rel}`, data: readFileSync(path.join(out, rel)).toString('base64') }));
    const options = await optionsPage(s);
    const restore = `(async () => {
      const picked = ${JSON.stringify(picked)}.map(({ path, data }) => {
        const file = new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], path.split('/').pop());
        Object.defineProperty(file, 'webkitRelativePath', { value: path });
        return file;
      });
      return woshipmLibraryBackup.restoreLibrary(picked, () => ({}));
    })()`;
    expect(await options.evaluate(restore)).toMatchObject({ ok: true, added: 1, identical: 0, missingImages: 0 });
    const cards = (await options.evaluate(readCards)) as (Card & { images: number })[];
    expect(cards).toHaveLength(4);
    const imported = cards.find((c) => !before.some((b) => b.url === c.url))!;
    expect(imported.url).toMatch(/^https:\/\/www\.woshipm\.com\/it\//);
    expect(imported.images).toBe(4);
  });
});
