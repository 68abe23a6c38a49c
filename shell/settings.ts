/**
 * User settings: one typed item per group (export, reader, interface), each with its defaults, a
 * schema `version` and `migrations`, stored with @wxt-dev/storage in the browser's sync area. Read
 * only through `get`/`watch` (every field present: one added later takes its default, one of the
 * wrong type too) and written only through `update` (changes applied one after another, none lost;
 * a refused write rejects, for the caller to show).
 */
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import { defaultExportSettings, type ExportSettings } from '../utils/markdown/options';
import { defaultReaderPrefs, type ReaderPrefs } from '../utils/reader-prefs';

export interface Setting<T extends object> {
  readonly key: string;
  readonly defaults: T;
  /** The saved value, completed with the defaults. */
  get(): Promise<T>;
  /** Saves `patch` over the saved value; resolves with the new value, rejects when storage refuses the write. */
  update(patch: Partial<T>): Promise<T>;
  /** Calls `onChange` with each new value (from any page of the extension); returns the unwatch. */
  watch(onChange: (value: T) => void): () => void;
}

/** `value`'s fields where they have the default's type, the default's elsewhere; unknown fields dropped. */
export function complete<T extends object>(defaults: T, value: unknown): T {
  if (typeof value !== 'object' || value === null) return { ...defaults };
  const saved = value as Record<string, unknown>;
  const out = { ...defaults } as Record<string, unknown>;
  for (const [field, fallback] of Object.entries(defaults)) {
    const v = saved[field];
    const sameType = Array.isArray(fallback) ? Array.isArray(v) : typeof v === typeof fallback && v !== null;
    if (sameType) out[field] = v;
  }
  return out as T;
}

/** Version n -> the shape of n + 1 (an old shape is untyped by nature). */
// biome-ignore lint/suspicious/noExplicitAny: a stored shape from an older version has no type; each migration checks what it reads
type Migrations = Record<number, (old: any) => any>;

function defineSetting<T extends object>(key: `sync:${string}`, defaults: T, version: number, migrations: Migrations = {}): Setting<T> {
  const item: WxtStorageItem<T, Record<string, unknown>> = storage.defineItem<T>(key, { fallback: defaults, version, migrations });
  let queue: Promise<unknown> = Promise.resolve();
  const get = async () => complete(defaults, await item.getValue());
  return {
    key,
    defaults,
    get,
    update(patch) {
      const next = queue.then(async () => {
        const value = { ...(await get()), ...patch };
        await item.setValue(value);
        return value;
      });
      queue = next.catch(() => undefined);
      return next;
    },
    watch: (onChange) => item.watch((value) => onChange(complete(defaults, value))),
  };
}

/** What an export makes: template, sections, file name, images. */
export const exportSettings = defineSetting<ExportSettings>('sync:export', defaultExportSettings, 1);

/** Reader mode: theme, text size, column width, font; and the optional page button (off by default). */
export interface ReaderSettings extends ReaderPrefs {
  pageButton: boolean;
}
export const readerSettings = defineSetting<ReaderSettings>('sync:reader', { ...defaultReaderPrefs, pageButton: false }, 1);

/** UI language: follow the browser, or pin one of the extension's locales. */
export type Language = 'auto' | 'zh_CN' | 'en';
export interface InterfaceSettings {
  language: Language;
}
export const interfaceSettings = defineSetting<InterfaceSettings>('sync:interface', { language: 'auto' }, 1);

/** The library (资料库): whether articles keep their images offline (fetched as an export fetches them, kept by hash). */
export interface LibrarySettings {
  keepImagesOffline: boolean;
}
export const librarySettings = defineSetting<LibrarySettings>('sync:library', { keepImagesOffline: false }, 1);
