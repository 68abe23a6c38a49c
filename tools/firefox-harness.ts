/**
 * Headless Firefox (Debian's firefox-esr) with the built extension installed as a temporary add-on, driven
 * by puppeteer-core over WebDriver BiDi (playwright-core cannot drive a stock Firefox). woshipm.com is
 * served from the fixture pages as in tools/browser-harness.ts, whose answers this shares.
 *
 * BiDi refuses to navigate a tab to a moz-extension:// page, so the extension is the test build
 * (`WXT_E2E=1 wxt build -b firefox`, in `.output/firefox-mv3-e2e`): its background turns a tab that
 * opens the test hook's address (`utils/test-hook.ts`, `shell/test-hook.ts`) into one of its own pages.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type HTTPRequest, type Page } from 'puppeteer-core';
import { testHookPath } from '../utils/test-hook';
import { fixturePages, fixtureReply, newestTabId, root, screenshotsDir } from './browser-harness';

const firefoxBuild = () => path.join(root, '.output', 'firefox-mv3-e2e');
/** The moz-extension:// host, fixed (a fresh profile would pick a random one). */
export const firefoxUuid = '6b1f4e0a-3c2d-4e5f-9a8b-7c6d5e4f3a2b';

export interface FirefoxSession {
  browser: Browser;
  /** moz-extension://<uuid> */
  origin: string;
  downloads: string;
  /** Pages the stand-in web serves, by URL without query (add to it before opening). */
  pages: Map<string, string>;
  openSite(url: string): Promise<{ page: Page; tabId: number }>;
  /** Closes every tab `openSite` opened. */
  closeSites(): Promise<void>;
  tabIdOf(page: Page): Promise<number>;
  /** Opens an extension page (`popup.html?tabId=7`, `options.html`) in a tab of its own. */
  openExtensionPage(page: string): Promise<Page>;
  openPopup(tabId: number): Promise<Page>;
  /** Runs the background's shortcut handler, as the browser would on the key (headless Firefox has no keys for it). */
  command(name: string): Promise<boolean>;
  /** Runs `fn(arg)` in an extension page, where the extension API (`browser`) is. */
  inExtension<A, T>(fn: (arg: A) => Promise<T>, arg: A): Promise<T>;
  close(): Promise<void>;
}

/** What a request is for, as far as the stand-in web cares (BiDi in Firefox does not give the resource type). */
function requestKind(request: HTTPRequest): 'document' | 'image' | 'other' {
  if (request.isNavigationRequest()) return 'document';
  const url = new URL(request.url());
  return url.hostname === 'image.woshipm.com' || /\.(png|jpe?g|gif|webp|svg)$/i.test(url.pathname) ? 'image' : 'other';
}

export interface FirefoxLaunchOptions {
  lang?: string;
  /** More prefs (e.g. `firefoxCdnPrefs` of tools/image-cdn.ts). */
  prefs?: Record<string, unknown>;
  /** Accept a self-signed certificate (the CDN stand-in's). */
  acceptInsecureCerts?: boolean;
}

export async function launchFirefox({ lang = 'zh-CN', prefs = {}, acceptInsecureCerts = false }: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  const extension = firefoxBuild();
  if (!existsSync(path.join(extension, 'manifest.json'))) throw new Error(`${extension} is missing: run \`WXT_E2E=1 npx wxt build -b firefox\` first`);
  const { browser_specific_settings: settings } = JSON.parse(readFileSync(path.join(extension, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const downloads = mkdtempSync(path.join(tmpdir(), 'wr-e2e-firefox-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    defaultViewport: { width: 1200, height: 900 },
    env: { ...process.env, LANG: 'C.UTF-8' },
    acceptInsecureCerts,
    extraPrefsFirefox: {
      ...prefs,
      'extensions.webextensions.uuids': JSON.stringify({ [settings.gecko.id]: firefoxUuid }),
      // The language pack (Debian's firefox-esr-l10n-zh-cn) gives the browser, and so the extension, its zh-CN UI.
      'intl.locale.requested': lang,
      'intl.accept_languages': lang,
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  await browser.installExtension(extension);
  const origin = `moz-extension://${firefoxUuid}`;
  const pages = fixturePages();
  mkdirSync(screenshotsDir, { recursive: true });

  const newPage = async () => {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      // A request can be gone by the time it is answered (its tab navigated away): nothing to answer then.
      if (request.url().startsWith('moz-extension:')) return void request.continue().catch(() => undefined);
      const { status, contentType, body } = fixtureReply(pages, request.url(), requestKind(request));
      void request.respond({ status, contentType, body }).catch(() => undefined);
    });
    return page;
  };
  const openExtensionPage = async (target: string) => {
    const page = await newPage();
    // BiDi does not report a navigation the extension makes (page.url() stays put): ask the page itself.
    const opened = () => page.evaluate((wanted) => location.href === wanted && document.readyState === 'complete', `${origin}/${target}`).catch(() => false);
    // Asked again while the background may still be starting (just after the install).
    for (let attempt = 0; !(await opened()); attempt++) {
      if (attempt === 10) throw new Error(`the extension did not open ${target} (is ${extension} the test build?)`);
      await page.goto(`https://www.woshipm.com${testHookPath}?page=${encodeURIComponent(target)}`).catch(() => undefined);
      for (let wait = 0; wait < 20 && !(await opened()); wait++) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return page;
  };
  const helper = await openExtensionPage('popup.html?tabId=-1');
  const tabIdOf = (page: Page) => helper.evaluate(newestTabId, page.url());
  const sites = new Set<Page>();

  return {
    browser,
    origin,
    downloads,
    pages,
    async openSite(url) {
      const page = await newPage();
      sites.add(page);
      await page.goto(url, { waitUntil: 'load' });
      return { page, tabId: await tabIdOf(page) };
    },
    async closeSites() {
      for (const page of sites) await page.close();
      sites.clear();
    },
    tabIdOf,
    openExtensionPage,
    async openPopup(tabId) {
      const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);
      await setViewport(popup, { width: 400, height: 600 });
      return popup;
    },
    command(name) {
      return helper.evaluate(async (command) => {
        type Runtime = { getBackgroundPage(): Promise<{ woshipmReader: { onCommand(c: string): Promise<boolean> } }> };
        const background = await (globalThis as unknown as { browser: { runtime: Runtime } }).browser.runtime.getBackgroundPage();
        return background.woshipmReader.onCommand(command);
      }, name);
    },
    inExtension(fn, arg) {
      return helper.evaluate(fn as (arg: unknown) => Promise<Awaited<ReturnType<typeof fn>>>, arg);
    },
    async close() {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/** The form control in the <label> whose text is `text` (what Playwright's getByLabel finds). */
/**
 * The page's viewport. Puppeteer sends the screen orientation with it, a WebDriver BiDi command Firefox 140 ESR does not
 * know ("unknown command emulation.setScreenOrientationOverride"): the viewport itself is set by its own command, sent
 * alongside, so only that refusal is let through.
 */
async function setViewport(page: Page, size: { width: number; height: number }): Promise<void> {
  try {
    await page.setViewport(size);
  } catch (error) {
    if (!String(error).includes('emulation.setScreenOrientationOverride')) throw error;
  }
}

/**
 * A locator of `selector`, for clicks. Puppeteer's wait for an enabled element never ends in Firefox 140 ESR (the
 * element is found, visible and enabled, and the click then works): not waited for; a disabled button would not act,
 * and the test's next expectation says so.
 */
export const locate = (page: Page, selector: string) => page.locator(selector).setWaitForEnabled(false);

/** The control of the label whose own words are `text`, once the page has drawn it (within 5 s). */
export async function labelled(page: Page, text: string): Promise<ElementHandle<HTMLInputElement | HTMLSelectElement>> {
  for (const until = Date.now() + 5000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const handle = await page.evaluateHandle(
      // The label's own words are in its first <span> (a select's options are in the label too).
      (wanted) =>
        [...document.querySelectorAll('label')].find((label) => label.querySelector('span')?.textContent?.trim() === wanted)?.querySelector('input, select') ??
        null,
      text,
    );
    const element = handle.asElement();
    if (element) return element as ElementHandle<HTMLInputElement | HTMLSelectElement>;
    await handle.dispose();
    if (Date.now() > until) throw new Error(`no control labelled ${text}`);
  }
}

/** A screenshot of the page in `.output/screenshots/firefox-<name>.png`. */
export const firefoxShot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshotsDir, `firefox-${name}.png`) as `${string}.png`, fullPage: true });
