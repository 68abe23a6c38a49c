import { browser } from 'wxt/browser';
import { offscreenBlobUrl } from './blob-url';

/**
 * A URL for the file: a blob URL where the context has one (pages, Firefox's background), else one made
 * by the offscreen document (Chrome's service worker), else a data URL.
 */
async function fileUrl(blob: Blob): Promise<{ url: string; release(): void }> {
  if (typeof URL.createObjectURL === 'function') {
    const url = URL.createObjectURL(blob);
    return { url, release: () => setTimeout(() => URL.revokeObjectURL(url), 60_000) };
  }
  const offscreen = await offscreenBlobUrl(blob).catch(() => null);
  if (offscreen) return { url: offscreen.url, release: () => setTimeout(offscreen.release, 60_000) };
  // The browser encodes it (FileReader is there in workers): no copy of the bytes as a JS string first.
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
  return { url, release: () => undefined };
}

/**
 * Saves `blob` as a file named `filename` (may hold folders, inside Downloads) with the downloads API; if
 * the browser refuses that name (Chrome does for non-ASCII names on systems without a UTF-8 locale), as
 * `fallbackName`. A file of that name already there is kept (`uniquify`: `name (1).md`) or replaced (`overwrite`).
 */
export async function downloadFile(blob: Blob, filename: string, fallbackName: string, conflictAction: 'uniquify' | 'overwrite' = 'uniquify'): Promise<void> {
  const { url, release } = await fileUrl(blob);
  const save = (name: string) => browser.downloads.download({ url, filename: name, saveAs: false, conflictAction });
  try {
    await save(filename).catch(() => save(fallbackName));
  } finally {
    release();
  }
}

/** Saves `markdown` as a `.md` file (see `downloadFile`). */
export const downloadMarkdown = (markdown: string, filename: string, fallbackName: string): Promise<void> =>
  downloadFile(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }), filename, fallbackName);

const asZip = (name: string) => name.replace(/\.md$/i, '') + '.zip';

/** Saves a zip made for the Markdown named `filename` as `<name>.zip` beside where the `.md` would go. */
export const downloadZip = (zip: Blob, filename: string, fallbackName: string): Promise<void> => downloadFile(zip, asZip(filename), asZip(fallbackName));
