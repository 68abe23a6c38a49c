/**
 * The end-to-end tests' way into the extension's pages in Firefox (see shell/test-hook.ts, which only the
 * test build contains): WebDriver BiDi refuses to navigate a tab to a moz-extension:// page, so a test opens
 * `https://www.woshipm.com/__woshipm-reader-e2e__/open?page=popup.html%3FtabId%3D7` and the extension
 * turns that tab into its own `popup.html?tabId=7`.
 */
export const testHookPath = '/__woshipm-reader-e2e__/open';

/** The extension page (path and query, no leading slash) a tab at `url` asks for, or null when it asks for none. */
export function requestedExtensionPage(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.pathname !== testHookPath) return null;
  const page = parsed.searchParams.get('page');
  // Only a page of this extension: no scheme, no other host, no way up.
  return page && /^[\w-]+\.html(\?[\w=&%.-]*)?$/.test(page) ? page : null;
}
