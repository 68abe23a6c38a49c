/** What the library's tests and the export test share: an in-memory IndexedDB, fixture pages with images, a faked image network. */
import * as fakeIdb from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { loadDocument, manifest, readFixture } from './helpers';

const idbGlobals = [
  'indexedDB',
  'IDBFactory',
  'IDBDatabase',
  'IDBObjectStore',
  'IDBIndex',
  'IDBCursor',
  'IDBCursorWithValue',
  'IDBTransaction',
  'IDBRequest',
  'IDBOpenDBRequest',
  'IDBKeyRange',
  'IDBVersionChangeEvent',
] as const;

/** The fake's classes as the globals idb wraps, in the calling test file only (the others run without IndexedDB). */
export function useFakeIndexedDb(): void {
  beforeAll(() => {
    for (const name of idbGlobals) vi.stubGlobal(name, (fakeIdb as Record<string, unknown>)[name]);
  });
  afterAll(() => void vi.unstubAllGlobals());
}

export const wp = 'https://image.woshipm.com/wp-files/2024/01';

/** Distinct PNG-signed bytes per seed. */
export const png = (seed: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, seed, seed + 1, seed + 2]);

/** A fixture article with `extra` and then `srcs` as images first in its body, loaded at its URL. */
export function pageWithImages(fixture: string, srcs: string[], extra = ''): { doc: Document; url: string } {
  const entry = manifest.find((m) => m.name === fixture)!;
  const html = readFixture(fixture, 'page.html');
  const images = srcs.map((src) => `<p><img src="${src}" alt=""></p>`).join('');
  const out = html.replace(/(<div class="article--content[^"]*">)/, `$1${extra}${images}`);
  expect(out).not.toBe(html);
  return { doc: loadDocument(out, entry.url), url: entry.url };
}

/** The network at the browser's edge: session rules accepted; an image answers with `bytesOf[its file name]` (read at each fetch), else 404. */
export function fakeImageNetwork(bytesOf: Record<string, Uint8Array>): void {
  vi.spyOn(fakeBrowser.declarativeNetRequest, 'updateSessionRules').mockResolvedValue(undefined as never);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const bytes = bytesOf[decodeURIComponent(String(input).split('/').pop()!)];
    return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'image/png' } }) : new Response('gone', { status: 404 });
  });
}
