/** User settings, typed, with defaults; stored with @wxt-dev/storage in the browser's sync area. */
import { storage } from 'wxt/utils/storage';
import { defaultFilenameTemplate, type Template } from '../utils/markdown';

export const templateSetting = storage.defineItem<Template>('sync:template', { fallback: 'frontmatter' });
export const keyPointsSetting = storage.defineItem<boolean>('sync:includeKeyPoints', { fallback: false });
export const filenameSetting = storage.defineItem<string>('sync:filenameTemplate', { fallback: defaultFilenameTemplate });
