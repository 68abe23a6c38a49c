/**
 * A blob URL for a file the background made (a zip of 30 MB), for the downloads API. Chrome's MV3
 * service worker has no `URL.createObjectURL`, and a `data:` URL of that size costs seconds and
 * hundreds of MB: so an offscreen document (reason BLOBS) makes the URL. The file crosses by IndexedDB,
 * which stores a Blob on disk (extension messages carry JSON only). Where there is no offscreen API
 * (Firefox's background page has `createObjectURL`), the caller does without.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { sendToOffscreen, serveOffscreen } from './messaging';

const store = 'outgoing';
let db: Promise<IDBPDatabase> | null = null;
const outgoing = () => (db ??= openDB('woshipm-reader-outgoing', 1, { upgrade: (d) => void d.createObjectStore(store) }));

/** The offscreen document's side: the blob URL of a file kept under an id, and forgetting it. */
export function serveBlobUrls(): void {
  const urls = new Map<string, string>();
  serveOffscreen({
    async blobUrl({ id }) {
      const blob = (await (await outgoing()).get(store, id)) as Blob | undefined;
      if (!blob) return null;
      const url = URL.createObjectURL(blob);
      urls.set(id, url);
      return url;
    },
    async revokeBlobUrl({ id }) {
      const url = urls.get(id);
      if (url) URL.revokeObjectURL(url);
      urls.delete(id);
      await (await outgoing()).delete(store, id);
      return true;
    },
  });
}

type Offscreen = {
  createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void>;
};
let creating: Promise<void> | null = null;

async function ensureDocument(offscreen: Offscreen): Promise<void> {
  const runtime = browser.runtime as unknown as { getContexts?(f: object): Promise<unknown[]> };
  if ((await runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] }))?.length) return;
  creating ??= offscreen
    .createDocument({ url: '/offscreen.html', reasons: ['BLOBS'], justification: 'Give the downloads API a blob URL of a file made in the background.' })
    .finally(() => (creating = null));
  await creating;
}

/**
 * A blob URL of `blob` made by the offscreen document, and its release (call once the download has
 * started reading it, or failed); null where there is no offscreen API.
 */
export async function offscreenBlobUrl(blob: Blob): Promise<{ url: string; release(): void } | null> {
  const offscreen = (globalThis as unknown as { chrome?: { offscreen?: Offscreen } }).chrome?.offscreen;
  if (!offscreen) return null;
  const id = crypto.randomUUID();
  await (await outgoing()).put(store, blob, id);
  await ensureDocument(offscreen);
  const url = await sendToOffscreen('blobUrl', { id });
  const release = () => void sendToOffscreen('revokeBlobUrl', { id }).catch(() => undefined);
  if (!url) {
    release();
    return null;
  }
  return { url, release };
}
