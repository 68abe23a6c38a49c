/**
 * Names and links for saved images: content-addressed file names, folder names every file system
 * accepts, and relative links that CommonMark tools (Obsidian, Typora, GitBook) resolve.
 */

import { safePath } from '../export/paths';

/** First 8 bytes of the SHA-256 of `bytes`, as 16 hex characters (Web Crypto: browsers and Node 20 alike). */
async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest).subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `3f9a0c…e1.png`: the same bytes always get the same name, different bytes (practically) never do. */
export async function assetName(bytes: Uint8Array, ext: string): Promise<string> {
  return `${await contentHash(bytes)}.${ext.replace(/^\./, '').toLowerCase()}`;
}

/**
 * A folder path (`/`-separated) safe on Windows, macOS and Linux: each segment a `safeSegment`
 * (characters Windows forbids become `_`, no trailing dot or space, no device names), no `.` / `..`
 * segments. CJK and spaces stay. Empty gives `assets`.
 */
export function safeFolderName(name: string): string {
  return safePath(name) || 'assets';
}

/**
 * A path as a Markdown link destination: each segment percent-encoded where it would break or
 * change the link (space, `()<>[]`, `#`, `?`, `%`, `\`, controls), everything else (CJK too) as
 * is. Percent-encoding, rather than `<…>`, because every renderer decodes it, GitBook included.
 */
export function linkDestination(path: string): string {
  return path
    .split('/')
    .map((s) => s.replace(/[\u0000-\u0020\u007f()<>[\]#?%\\"'`{}|^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`))
    .join('/');
}

/**
 * The link from a Markdown file in folder `fromDir` to the file `toPath` (both relative to the same
 * root, `/`-separated), ready for `![](…)`: `relativeLink('zhichang/2024', 'assets/a.png')` is
 * `../../assets/a.png`.
 */
export function relativeLink(fromDir: string, toPath: string): string {
  const from = fromDir.split('/').filter((s) => s && s !== '.');
  const to = toPath.split('/').filter((s) => s && s !== '.');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return linkDestination([...from.slice(common).map(() => '..'), ...to.slice(common)].join('/'));
}
