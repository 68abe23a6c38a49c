/**
 * UI strings. WXT's i18n (locales/*.yml -> _locales) follows the browser's language; the options
 * page can pin zh-CN or English instead, in which case that locale's messages are read from the
 * extension's own _locales and used first.
 */
import { i18n, type GeneratedI18nStructure } from '#i18n';
import { browser } from 'wxt/browser';
import type { ExtractFailure } from '../utils/types';
import type { ExportOutcome, LibraryOutcome } from './messaging';
import { interfaceSettings, type Language } from './settings';

export type MessageKey = keyof GeneratedI18nStructure;
type Messages = Record<string, { message: string }>;

let pinned: Messages | null = null;

/** Applies the saved language choice; returns the BCP 47 tag of the language in use. */
export async function applyLanguage(choice?: Language): Promise<string> {
  const language = choice ?? (await interfaceSettings.get()).language;
  if (language === 'auto') {
    pinned = null;
    return browser.i18n.getUILanguage();
  }
  const response = await fetch(browser.runtime.getURL(`/_locales/${language}/messages.json` as '/popup.html'));
  pinned = (await response.json()) as Messages;
  return language.replace('_', '-');
}

export function t(key: MessageKey, substitutions?: (string | number)[]): string {
  const message = pinned?.[key.replace(/\./g, '_')]?.message;
  if (message !== undefined) return message.replace(/\$(\d)/g, (_, n: string) => String(substitutions?.[Number(n) - 1] ?? ''));
  return (i18n.t as (key: string, substitutions?: (string | number)[]) => string)(key, substitutions);
}

const failureKeys = {
  'not-woshipm': 'state.notWoshipm.title',
  'not-article': 'state.notArticle.title',
  empty: 'state.empty.title',
} as const satisfies Record<ExtractFailure, MessageKey>;

/** Why a page gave no article, in the user's language. */
export const failureText = (reason: ExtractFailure) => t(failureKeys[reason]);

/** Where a saved file is, as the user knows it: `vault/产品设计/2021/标题.md`, `下载/woshipm/…`, or the file name. */
export function savedPlace(where: 'folder' | 'downloads' | 'download', folder: string, path: string): string {
  if (where === 'download') return path;
  return where === 'folder' ? `${folder}/${path}` : `${t('save.download')}/${folder}/${path}`;
}

/** What an outcome says to the user: where it was saved (with how many images were), or why not. */
export function outcomeText(outcome: ExportOutcome): string {
  if (!outcome.ok) return outcome.cancelled ? t('save.cancelled') : outcome.detail === 'interrupted' ? t('save.interrupted') : outcome.detail;
  const { images, where, folder, filename } = outcome;
  const place = savedPlace(where, folder, filename);
  let text: string;
  if (where === 'download') text = !images || images.saved === images.total ? t('action.downloaded') : t('action.downloadedImages', [images.saved, images.total]);
  else if (outcome.fallback === 'no-folder') text = t('save.noFolder', [place]);
  else if (outcome.fallback === 'permission') text = t('save.noPermission', [outcome.wanted ?? '', place]);
  else if (outcome.fallback === 'write-failed') text = t('save.writeFailed', [place]);
  else if (outcome.renamed) text = t('save.renamed', [place]);
  else if (outcome.replaced) text = where === 'downloads' ? t('save.overwritten', [place]) : t('save.updated', [place]);
  else text = t('save.saved', [place]);
  if (where !== 'download' && images && images.saved < images.total) text += ` · ${t('images.savedSome', [images.saved, images.total]).replace(/[，,:：].*$/, '')}`;
  // Saved, but the library could not keep it: said, so that a full disk is not found out later.
  if (outcome.library === 'quota') text += ` · ${t('inLibrary.quota')}`;
  return text;
}

/** What a library action that failed says: the storage is full, the page has no article, or what went wrong. */
export function libraryFailureText(outcome: Extract<LibraryOutcome, { ok: false }>): string {
  if (outcome.error === 'quota') return t('inLibrary.quota');
  if (outcome.error === 'page') return outcome.detail;
  return t('inLibrary.failed', [outcome.detail]);
}
