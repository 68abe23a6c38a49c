/**
 * `--images local|inline` for the CLI: where a page's images come from (the saved page's
 * `<name>_files/` folder first, then the network with a woshipm Referer), where they go, and what
 * is said about the ones that could not be saved. The work itself is utils/images.
 *
 *   local, one page to stdout:  ./<assets>/<hash>.<ext>, links `assets/…` (the current folder)
 *   local, --out DIR:           DIR/<assets>/…, links relative to each Markdown file
 *   local, library:             DIR/<assets>/… shared by all articles, links `../../assets/…`
 *   inline:                     `data:` URIs in the Markdown, no files
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import {
  collectImages,
  exportableImages,
  safeFolderName,
  savedImageFiles,
  sniffImage,
  withImageLinks,
  type FetchImage,
  type ImageFailure,
  type ImageFailureReason,
  type ImageMode,
} from '../utils/images';
import { sha256Hex } from '../utils/library/backup';
import { woshipm } from '../utils/site/woshipm';
import { createMarkdown, type Markdown } from '../utils/markdown';
import { fastParser } from './dom';
import type { Article } from '../utils/types';

export const defaultAssetsFolder = 'assets';

/** The CDN refuses requests without a woshipm Referer (hot-link protection). */
const referer = 'https://www.woshipm.com/';
const timeoutMs = 20_000;
const concurrency = 2;

/** Why an image was not saved, as the CLI says it (the core gives the reason only). */
export const imageFailureMessages: Record<ImageFailureReason, string> = {
  unreachable: '无法获取',
  'not-image': '下载到的不是图片',
  'too-large': '文件太大',
};

/**
 * The saved files of a page saved "complete", by the URL extraction gives each image: absolute
 * paths, only inside the page's own folder. Read from the source document before extraction.
 */
export function savedImages(doc: Document, pageFile: string): Map<string, string> {
  const folder = path.dirname(path.resolve(pageFile));
  const files = new Map<string, string>();
  for (const [url, relative] of savedImageFiles(doc, doc.URL)) {
    const file = path.resolve(folder, relative);
    if (!path.relative(folder, file).startsWith('..')) files.set(url, file);
  }
  return files;
}

function errorText(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return `超时（${timeoutMs / 1000} 秒）`;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** Fetches over the network (Node's global `fetch`) with the Referer the CDN wants and a timeout. */
async function download(url: string) {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Referer: referer }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new Error(errorText(error));
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
}

/** The saved file when there is one, else the network. */
export function imageFetcher(saved: ReadonlyMap<string, string>): FetchImage {
  return async (url) => {
    const file = saved.get(url);
    if (!file) return download(url);
    try {
      return { bytes: new Uint8Array(await readFile(file)) };
    } catch {
      try {
        return await download(url);
      } catch (error) {
        throw new Error(`${path.basename(file)} 不在保存的文件夹里，网络：${(error as Error).message}`);
      }
    }
  };
}

export interface ImageSettings {
  mode: Exclude<ImageMode, 'remote'>;
  /** The images folder under `root` (`--assets`). */
  assets: string;
  /** Where the Markdown files and the images folder go: `--out`, or the current folder. */
  root: string;
  /** Image files written in this run, shared by its articles (same bytes, one file). */
  written: Set<string>;
}

/** `! page.html：2 张图片未能保存，保留原地址：` and one line per image. */
export function failureReport(file: string, failures: readonly ImageFailure[]): string {
  const lines = failures.map((f) => `  ${f.url}（${imageFailureMessages[f.reason]}${f.detail ? `：${f.detail}` : ''}）`);
  return [`! ${file}：${failures.length} 张图片未能保存，保留原地址：`, ...lines].join('\n');
}

/**
 * The article with its images saved (files written under `root`) or embedded, rendered by `render`;
 * images that could not be saved keep their remote URL and are reported through `say`; `links` maps each
 * saved image's URL to its link (`local`: relative to the Markdown file) or `data:` URI.
 * `markdownFolder` is where the article's file goes, relative to `root` (`''` for `root` itself).
 */
export async function withImages<T>(
  article: Article,
  saved: ReadonlyMap<string, string>,
  settings: ImageSettings,
  markdownFolder: string,
  file: string,
  say: (line: string) => void,
  render: (article: Article, markdown: Markdown) => T,
): Promise<{ article: Article; output: T; links: ReadonlyMap<string, string> }> {
  // a window of its own, closed after, so the parsed documents do not pile up over a library
  const window = new JSDOM('').window;
  try {
    const parseHtml = (html: string) => new window.DOMParser().parseFromString(html, 'text/html');
    const urls = exportableImages(article, parseHtml, woshipm.clutter.imageUrls);
    const collected = await collectImages(urls, imageFetcher(saved), {
      mode: settings.mode,
      folder: settings.assets,
      linkFrom: markdownFolder,
      concurrency,
      written: settings.written,
    });
    for (const image of collected.files) {
      const target = path.join(settings.root, ...image.path.split('/'));
      if (existsSync(target)) continue; // named by content: the same bytes
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, image.bytes);
    }
    if (collected.failures.length) say(failureReport(file, collected.failures));
    const localized = withImageLinks(article, collected.links, parseHtml);
    return { article: localized, output: render(localized, createMarkdown(fastParser)), links: collected.links };
  } finally {
    window.close();
  }
}

/** `--assets` as given, made safe for every file system. */
export const assetsFolder = (name: string | undefined) => safeFolderName(name ?? defaultAssetsFolder);

/**
 * For the library's library.json: the images of an article saved `local` under `root` (URL -> the
 * link `withImages` gave, relative to `markdownFolder`), each read back and hashed as the extension's
 * library keys images (SHA-256 of the bytes), with its file relative to `root`.
 */
export async function keptImages(
  root: string,
  markdownFolder: string,
  links: ReadonlyMap<string, string>,
): Promise<{ byUrl: Record<string, string>; files: Record<string, { path: string; type: string }> }> {
  const byUrl: Record<string, string> = {};
  const files: Record<string, { path: string; type: string }> = {};
  for (const [url, link] of links) {
    if (link.startsWith('data:')) continue;
    const relative = path.posix.normalize(path.posix.join(markdownFolder, decodeURIComponent(link)));
    const bytes = new Uint8Array(await readFile(path.join(root, ...relative.split('/'))));
    const type = sniffImage(bytes);
    if (!type) continue;
    const hash = await sha256Hex(bytes);
    byUrl[url] = hash;
    files[hash] = { path: relative, type: type.mime };
  }
  return { byUrl, files };
}
