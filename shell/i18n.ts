/**
 * UI strings. WXT's i18n (locales/*.yml -> _locales) follows the browser's language; the options
 * page can pin zh-CN or English instead, in which case that locale's messages are read from the
 * extension's own _locales and used first.
 */
import { i18n, type GeneratedI18nStructure } from '#i18n';
import { browser } from 'wxt/browser';
import type { ExtractFailure } from '../utils/types';
import type { ExportOutcome } from './messaging';
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

/** What an outcome says to the user: downloaded (with how many images were saved), or why not. */
export function outcomeText(outcome: ExportOutcome): string {
  if (!outcome.ok) return outcome.detail;
  const { images } = outcome;
  if (!images || images.saved === images.total) return t('action.downloaded');
  return t('action.downloadedImages', [images.saved, images.total]);
}
