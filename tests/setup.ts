/**
 * Run before every test file (vitest `setupFiles`): each test gets a fresh fake browser whose i18n
 * answers with the zh_CN strings, and leaves no rendered component or spy behind.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parse as parseYaml } from 'yaml';

/** The zh_CN strings as the built extension has them (locales/zh_CN.yml, keys flattened with _). */
function messages(): Record<string, string> {
  const flat: Record<string, string> = {};
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') flat[prefix + key] = value;
      else walk(value as Record<string, unknown>, `${prefix}${key}_`);
    }
  };
  walk(parseYaml(readFileSync(path.resolve(__dirname, '..', 'locales', 'zh_CN.yml'), 'utf8')), '');
  return flat;
}
const zh = messages();

/** fakeBrowser has no i18n: answer getMessage from the zh_CN locale file, with $1 substitutions. */
function mockZhMessages(): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, subs?: unknown) =>
    (zh[key] ?? '').replace(/\$(\d)/g, (_, n: string) => String(([] as unknown[]).concat(subs ?? [])[Number(n) - 1] ?? '')),
  );
}

/** fakeBrowser has no ports: a page's port to a background that never answers (no background runs in unit tests). */
function mockPorts(): void {
  const event = () => ({ addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn(() => false) });
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(((info?: { name?: string }) => ({
    name: info?.name ?? '',
    postMessage: vi.fn(),
    disconnect: vi.fn(),
    onMessage: event(),
    onDisconnect: event(),
  })) as never);
}

beforeEach(() => {
  fakeBrowser.reset();
  mockZhMessages();
  mockPorts();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
