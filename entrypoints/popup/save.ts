import { browser } from 'wxt/browser';

/**
 * Saves `markdown` as a file named `filename` with the downloads API; if the browser refuses that
 * name, under the ASCII `fallbackName`; failing both, with a plain anchor download.
 */
export async function downloadMarkdown(markdown: string, filename: string, fallbackName: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
  const save = (name: string) => browser.downloads.download({ url, filename: name, saveAs: false, conflictAction: 'uniquify' });
  try {
    await save(filename).catch(() => save(fallbackName));
  } catch {
    const a = Object.assign(document.createElement('a'), { href: url, download: filename });
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}
