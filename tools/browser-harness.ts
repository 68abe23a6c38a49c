/**
 * Headless Chromium with the built extension loaded, and woshipm.com served from fixture pages.
 * Every other host is answered locally (images get a 1x1 PNG) so nothing waits on the network.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const extensionDir = path.join(root, '.output', 'chrome-mv3');
export const fixturesDir = path.join(root, 'tests', 'fixtures');
export const screenshotsDir = path.join(root, '.output', 'screenshots');

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

/**
 * The stand-in web's answer to a request (both browsers' harnesses): a fixture page at its woshipm.com (or
 * example.com) URL, a 404 page for any other document there, a 1x1 PNG for any image, nothing for the rest.
 */
export function fixtureReply(pages: Map<string, string>, href: string, kind: 'document' | 'image' | 'other') {
  const url = new URL(href);
  if (kind === 'document' && (url.hostname === 'www.woshipm.com' || url.hostname === 'example.com')) {
    const html = pages.get(`${url.origin}${url.pathname}`);
    return { status: html ? 200 : 404, contentType: 'text/html; charset=utf-8', body: html ?? '<!doctype html><title>404</title><h1>页面不存在</h1>' };
  }
  if (kind === 'image') return { status: 200, contentType: 'image/png', body: png };
  return { status: 204, contentType: 'text/plain', body: '' };
}

/**
 * Run in an extension page (the extension API as the page sees it: tools/ import no extension packages): the
 * id of the newest tab showing `target` (earlier tests may have left others open), -1 when there is none.
 */
export async function newestTabId(target: string): Promise<number> {
  type Tabs = { query(filter: object): Promise<{ url?: string; id?: number }[]> };
  const api = globalThis as unknown as { browser?: { tabs: Tabs }; chrome: { tabs: Tabs } };
  const tabs = (api.browser ?? api.chrome).tabs;
  return Math.max(-1, ...(await tabs.query({})).filter((t) => t.url === target).map((t) => t.id ?? -1));
}

/** Pages the test server knows, by URL without query or hash. */
export function fixturePages(): Map<string, string> {
  const pages = new Map<string, string>();
  const manifest: { name: string; url: string }[] = JSON.parse(readFileSync(path.join(fixturesDir, 'manifest.json'), 'utf8'));
  for (const { name, url } of manifest) pages.set(url, readFileSync(path.join(fixturesDir, name, 'page.html'), 'utf8'));
  const nonArticle: Record<string, string> = JSON.parse(readFileSync(path.join(fixturesDir, 'non-article', 'urls.json'), 'utf8'));
  for (const [file, url] of Object.entries(nonArticle)) pages.set(url, readFileSync(path.join(fixturesDir, 'non-article', file), 'utf8'));
  // An article URL whose body the site has not rendered yet (the Vue front end fills it in late).
  pages.set(
    'https://www.woshipm.com/pmd/1000000.html',
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>人人都是产品经理</title></head><body><div id="app"><div class="loading">加载中…</div></div></body></html>',
  );
  return pages;
}

/** Chrome derives an unpacked extension's id from its absolute path: sha256, first 32 hex digits as a-p. */
function extensionId(dir = extensionDir): string {
  const hex = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export interface Session {
  context: BrowserContext;
  id: string;
  pages: Map<string, string>;
  /** Where the browser saves downloads when left to its own handling. */
  downloads: string;
  /** Opens `url` (served from the fixtures) in a new tab and returns it with its tab id. */
  openSite(url: string): Promise<{ page: Page; tabId: number }>;
  /** The extension's id for the tab showing `page` (-1 before the extension is installed). */
  tabIdOf(page: Page): Promise<number>;
  /** Opens the popup for a tab, as a page of its own. */
  openPopup(tabId: number): Promise<Page>;
  /** With `installLater`: loads the extension now. */
  install(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Browser UI language, which picks the extension's locale. */
  lang?: string;
  /** Start without the extension; `install()` loads it later, as for tabs opened before an install. */
  installLater?: boolean;
  /** Extra Chromium flags (e.g. `cdnArgs` of tools/image-cdn.ts). */
  args?: string[];
  /** Hosts left to the network (the browser's resolver) instead of the fixture route, e.g. a local CDN stand-in. */
  passThrough?: string[];
  /** The unpacked extension to load: the shipped build by default, `e2eExtensionDir` for the tests' build. */
  extension?: string;
  /** The browser profile's folder, kept (and used again when it exists); a fresh temporary one by default. */
  profile?: string;
}

/** The end-to-end tests' build (`npm run build:e2e`): the shipped one plus its test hooks (shell/test-hook.ts, the folder permission script). */
export const e2eExtensionDir = path.join(root, '.output', 'chrome-mv3-e2e');

export async function launch({
  lang = 'zh_CN',
  installLater = false,
  args = [],
  passThrough = [],
  extension = extensionDir,
  profile = mkdtempSync(path.join(tmpdir(), 'wr-e2e-')),
}: LaunchOptions = {}): Promise<Session> {
  const downloads = path.join(profile, 'Downloads');
  mkdirSync(path.join(profile, 'Default'), { recursive: true });
  writeFileSync(
    path.join(profile, 'Default', 'Preferences'),
    JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false, directory_upgrade: true } }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    locale: lang.replace('_', '-'),
    // LANGUAGE picks the UI locale; a UTF-8 LANG lets Chrome accept non-ASCII download file names.
    env: { ...process.env, LANGUAGE: lang, LANG: 'C.UTF-8' },
    acceptDownloads: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      ...(installLater ? ['--enable-unsafe-extension-debugging'] : [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`]),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--lang=${lang.replace('_', '-')}`,
      ...args,
    ],
  });
  const pages = fixturePages();
  // Not routed at all (rather than continued): an intercepted request would not show the headers the extension's rules set.
  await context.route(
    (url) => !passThrough.includes(url.hostname),
    (route) => {
      const type = route.request().resourceType();
      if (route.request().url().startsWith('chrome-extension:')) return route.continue();
      return route.fulfill(fixtureReply(pages, route.request().url(), type === 'document' || type === 'image' ? type : 'other'));
    },
  );
  const id = extensionId(extension);
  mkdirSync(screenshotsDir, { recursive: true });

  let helper = await context.newPage();
  // Downloads keep their names and land in `downloads` (Playwright's own handler renames them to GUIDs).
  await (await context.newCDPSession(helper)).send('Browser.setDownloadBehavior', { behavior: 'default' });
  const openHelper = async () => {
    helper = await context.newPage();
    await helper.goto(`chrome-extension://${id}/popup.html?tabId=-1`);
  };
  if (!installLater) await openHelper();
  const tabIdOf = (page: Page) => helper.evaluate(newestTabId, page.url()).catch(() => -1); // not installed yet

  return {
    context,
    id,
    pages,
    downloads,
    async openSite(url) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return { page, tabId: await tabIdOf(page) };
    },
    tabIdOf,
    async openPopup(tabId) {
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.goto(`chrome-extension://${id}/popup.html?tabId=${tabId}`);
      return popup;
    },
    async install() {
      const cdp = await context.browser()!.newBrowserCDPSession();
      await cdp.send('Extensions.loadUnpacked' as never, { path: extension } as never);
      await openHelper();
    },
    async close() {
      await context.close();
    },
  };
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
