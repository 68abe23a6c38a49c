import { browser } from 'wxt/browser';

/** A URL for the text: a blob URL where the context has one (pages), else a data URL (Chrome's service worker). */
function textUrl(text: string): { url: string; release(): void } {
  if (typeof URL.createObjectURL === 'function') {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    return { url, release: () => setTimeout(() => URL.revokeObjectURL(url), 60_000) };
  }
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { url: `data:text/markdown;charset=utf-8;base64,${btoa(binary)}`, release: () => undefined };
}

/**
 * Saves `markdown` as a file named `filename` with the downloads API; if the browser refuses that
 * name (Chrome does for non-ASCII names on systems without a UTF-8 locale), as `fallbackName`.
 */
export async function downloadMarkdown(markdown: string, filename: string, fallbackName: string): Promise<void> {
  const { url, release } = textUrl(markdown);
  const save = (name: string) => browser.downloads.download({ url, filename: name, saveAs: false, conflictAction: 'uniquify' });
  try {
    await save(filename).catch(() => save(fallbackName));
  } finally {
    release();
  }
}
