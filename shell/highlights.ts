/**
 * The reader's highlights, in the extension's local storage (never synced, never sent anywhere): one
 * item per article, `local:highlights:<canonical URL>`, holding its `ArticleHighlights`. An article
 * whose last highlight is removed loses its item.
 */
import { storage } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import { forgetNotesFolder } from './folder';
import { clearLibrary } from './library';
import type { ArticleHighlights } from '../utils/highlights';

const prefix = 'highlights:';
const keyOf = (url: string) => `local:${prefix}${url}` as const;

export const getArticleHighlights = (url: string): Promise<ArticleHighlights | null> => storage.getItem<ArticleHighlights>(keyOf(url));

/** Saves an article's highlights; with none left, removes its item. */
async function saveArticleHighlights(entry: ArticleHighlights): Promise<void> {
  if (entry.highlights.length === 0) await storage.removeItem(keyOf(entry.url));
  else await storage.setItem(keyOf(entry.url), entry);
}

let updating: Promise<unknown> = Promise.resolve();
/**
 * Changes an article's highlights from what is stored now (`null`: none yet); changes made in this
 * page run one after another, so none is lost. Resolves with what was saved.
 */
export function updateArticleHighlights(url: string, change: (current: ArticleHighlights | null) => ArticleHighlights): Promise<ArticleHighlights> {
  const next = updating.then(async () => {
    const entry = change(await getArticleHighlights(url));
    await saveArticleHighlights(entry);
    return entry;
  });
  updating = next.catch(() => undefined);
  return next;
}

/** Every article with highlights, most recently changed first. */
export async function listArticleHighlights(): Promise<ArticleHighlights[]> {
  const all = await storage.snapshot('local');
  return Object.entries(all)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, value]) => value as ArticleHighlights)
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

export const deleteArticleHighlights = (url: string): Promise<void> => storage.removeItem(keyOf(url));

/** Stores whole entries (a restore), each replacing what its article had. */
export const putArticleHighlights = (entries: readonly ArticleHighlights[]): Promise<void> =>
  storage.setItems(entries.map((entry) => ({ key: keyOf(entry.url), value: entry })));

/** Calls `onChange` with the article's highlights whenever they change (in any page of the extension). */
export const watchArticleHighlights = (url: string, onChange: (entry: ArticleHighlights | null) => void): (() => void) =>
  storage.watch<ArticleHighlights>(keyOf(url), (value) => onChange(value));

/** 删除全部数据: every highlight, every setting and the whole library (资料库) the extension keeps, in every storage area. */
export async function deleteAllData(): Promise<void> {
  const databases = typeof indexedDB === 'undefined' ? [] : [forgetNotesFolder(), clearLibrary()];
  await Promise.all([storage.clear('local'), storage.clear('sync'), storage.clear('session').catch(() => undefined), ...databases]);
}

/** Calls `onChange` whenever any article's highlights change (in any page of the extension); returns the unwatch. */
export function watchAllHighlights(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && Object.keys(changes).some((key) => key.startsWith(prefix))) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
