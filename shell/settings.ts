/** User settings, typed, with defaults; stored with @wxt-dev/storage in the browser's sync area. */
import { storage } from '@wxt-dev/storage';
import { defaultExportSettings, type ExportSettings } from '../utils/markdown/options';
import { defaultReaderPrefs, type ReaderPrefs } from '../utils/reader-prefs';

/** What an export makes: template, sections, file name. One item, read only through `getExportSettings`. */
const exportSetting = storage.defineItem<ExportSettings>('sync:export', { fallback: defaultExportSettings, version: 1 });

/** The export settings as saved, every field present (a field added later takes its default). */
export async function getExportSettings(): Promise<ExportSettings> {
  return { ...defaultExportSettings, ...(await exportSetting.getValue()) };
}

let updating: Promise<unknown> = Promise.resolve();
/** Saves a change to some export settings; changes are applied one after another, so none is lost. */
export function updateExportSettings(patch: Partial<ExportSettings>): Promise<ExportSettings> {
  const next = updating.then(async () => {
    const value = { ...(await getExportSettings()), ...patch };
    await exportSetting.setValue(value);
    return value;
  });
  updating = next.catch(() => undefined);
  return next;
}

/** Calls `onChange` whenever the export settings change (in any page of the extension); returns the unwatch. */
export const watchExportSettings = (onChange: (settings: ExportSettings) => void) =>
  exportSetting.watch((value) => onChange({ ...defaultExportSettings, ...value }));

/** Up to 0.1 each export choice had a key of its own; the key -> field of ExportSettings. */
const legacyExportKeys = {
  'sync:template': 'template',
  'sync:includeKeyPoints': 'keyPoints',
  'sync:includeSummary': 'lead',
  'sync:includeAttribution': 'attribution',
  'sync:filenameTemplate': 'filename',
} as const satisfies Record<string, keyof ExportSettings>;

/**
 * Moves the export choices saved under the old separate keys into the one item, once, and removes
 * the old keys. Does nothing when the item exists already or there is nothing to move.
 */
export async function migrateExportSettings(): Promise<void> {
  if ((await storage.getItem<ExportSettings>(exportSetting.key)) !== null) return;
  const keys = Object.keys(legacyExportKeys) as (keyof typeof legacyExportKeys)[];
  const saved = await storage.getItems(keys);
  const patch: Partial<Record<keyof ExportSettings, unknown>> = {};
  for (const { key, value } of saved) if (value !== null && value !== undefined) patch[legacyExportKeys[key as keyof typeof legacyExportKeys]] = value;
  if (Object.keys(patch).length === 0) return;
  await exportSetting.setValue({ ...defaultExportSettings, ...(patch as Partial<ExportSettings>) });
  await storage.removeItems(keys);
}

/** UI language: follow the browser, or pin one of the extension's locales. */
export type Language = 'auto' | 'zh_CN' | 'en';
export const languageSetting = storage.defineItem<Language>('sync:language', { fallback: 'auto' });

/** Reader mode: theme, text size, column width, font; and the optional page button (off by default). */
export const readerSetting = storage.defineItem<ReaderPrefs>('sync:reader', { fallback: defaultReaderPrefs });
export const readerButtonSetting = storage.defineItem<boolean>('sync:readerButton', { fallback: false });
