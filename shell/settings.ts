/** User settings, typed, with defaults; stored with @wxt-dev/storage in the browser's sync area. */
import { defaultReaderPrefs, type ReaderPrefs } from '../components/reader/settings';
import { storage } from 'wxt/utils/storage';
import { defaultFilenameTemplate } from '../utils/markdown/filename';
import type { Template } from '../utils/markdown/options';

export const templateSetting = storage.defineItem<Template>('sync:template', { fallback: 'frontmatter' });
export const keyPointsSetting = storage.defineItem<boolean>('sync:includeKeyPoints', { fallback: false });
export const leadSetting = storage.defineItem<boolean>('sync:includeSummary', { fallback: true });
export const attributionSetting = storage.defineItem<boolean>('sync:includeAttribution', { fallback: false });
export const filenameSetting = storage.defineItem<string>('sync:filenameTemplate', { fallback: defaultFilenameTemplate });

/** UI language: follow the browser, or pin one of the extension's locales. */
export type Language = 'auto' | 'zh_CN' | 'en';
export const languageSetting = storage.defineItem<Language>('sync:language', { fallback: 'auto' });

/** Reader mode: theme, text size, column width, font; and the optional page button (off by default). */
export const readerSetting = storage.defineItem<ReaderPrefs>('sync:reader', { fallback: defaultReaderPrefs });
export const readerButtonSetting = storage.defineItem<boolean>('sync:readerButton', { fallback: false });
