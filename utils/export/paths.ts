/**
 * Where a note goes inside the user's notes folder (an Obsidian vault, a Typora or Logseq folder, or
 * on Firefox a folder inside Downloads written through `downloads.download({ filename: 'a/b/c.md' })`):
 * path segments every file system and Firefox's downloads API accept, the subfolder template, and
 * numbered names for "save as a new file". Pure: no `browser.*`, no `node:*`.
 */
import type { Article } from '../types';

/** The longest prefix of `text`, whole code points, of at most `max` bytes in UTF-8. */
function utf8Prefix(text: string, max: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes > max) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * Windows device names, also with an extension (`con.md`) or spaces before it (`nul .txt`): Windows
 * opens the device instead of the file. COM¹²³ / LPT¹²³ count too, and so do CONIN$ / CONOUT$.
 */
const reservedName = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³]) *(\..*)?$/i;
// A lone surrogate is not a character: no file system can store it (UTF-8 has no encoding for it).
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Invisible format characters (zero-width space and joiner, bidi marks, soft hyphen, BOM, tags…):
// Firefox's downloads API refuses a name holding any of them (seen with Firefox 153 ESR).
const invisible = /\p{Cf}/gu;
// What Windows forbids in a name: `<>:"/\|?*` and the C0 and C1 control characters.
const forbidden = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;
// Leading dots hide a file on macOS and Linux (Obsidian skips such folders) and Firefox's downloads
// API refuses them; trailing dots and spaces Windows drops silently, so the name would change.
const untrimmed = /^[\s.]+|[\s.]+$/g;

/**
 * The segment `name` would give, or `''` when nothing of it is left (only spaces, dots, lone
 * surrogates). For callers with their own fallback name; others use `safeSegment`.
 */
export function segmentOrEmpty(name: string, maxBytes = 255): string {
  const segment = utf8Prefix(
    name
      .replace(loneSurrogate, '')
      .replace(invisible, '')
      // Before `forbidden`: a tab or line break is a space, not a `_`. Firefox refuses every space but
      // U+0020 and U+3000 (no-break, narrow, en, figure…): all are one plain space here.
      .replace(/\s+/g, ' ')
      .replace(forbidden, '_')
      // Firefox 126 to 129 at least refused a folder name holding ". " ("filename must not contain
      // illegal characters"; 153 takes it); file names follow the same rule, so one rule serves both.
      .replace(/\. /g, '.')
      .replace(untrimmed, '')
      // Firefox reads a path starting with `~` as the home folder ("must not be an absolute path").
      .replace(/^~/, '_'),
    maxBytes,
  ).replace(untrimmed, ''); // a cut can leave a dot or space at the end
  // After the cut, which could make one (`CONSOLE` cut at 3 bytes); `_…` is never a device name.
  return reservedName.test(segment) ? `_${utf8Prefix(segment, maxBytes - 1).replace(untrimmed, '')}` : segment;
}

/**
 * One folder or file-name segment safe on Windows, macOS, Linux and for Firefox's downloads API:
 * forbidden and control characters become `_`, invisible format characters go, whitespace runs
 * one space, no leading or trailing dots and spaces, no leading `~`, no ". ", no Windows device
 * names, at most `maxBytes` UTF-8 bytes (default 255, the limit of ext4, APFS and NTFS) cut on a
 * whole code point. CJK stays. Never empty: `_`.
 *
 * A file that Firefox downloads needs 5 bytes more (it writes `<name>.part` first): give a file name
 * at most 250. `%` stays, though Firefox writes it as `_` (silently, in folders and file names alike):
 * a caller that must know the name on disk there reads it back from the download.
 */
export function safeSegment(name: string, options: { maxBytes?: number } = {}): string {
  return segmentOrEmpty(name, options.maxBytes) || '_';
}

/** `parts` as a `/`-separated path of `safeSegment`s; parts with no name in them (empty, blank, `.`, `..`, only dots) are dropped. */
function joinSegments(parts: readonly string[]): string {
  return parts
    .filter((s) => !/^[\s.]*$/.test(s))
    .map((s) => safeSegment(s))
    .join('/');
}

/** `path` split on `/` or `\` as a path of `safeSegment`s that never climbs out of its folder (no `..`). */
export function safePath(path: string): string {
  return joinSegments(path.split(/[/\\]/));
}

/** The folder word for an article whose page gives no date (the CLI's library uses it too). */
export const undated = 'undated';

const published = (a: Pick<Article, 'published'>) => /^(\d{4})-(\d{2})/.exec(a.published ?? '');

/**
 * The placeholders of the subfolder template and what each stands for. `{month}` is empty for an
 * undated article, so `{year}/{month}` puts it in `undated/`.
 */
/** What the subfolder template reads of an article (the background has these facts, not the whole article). */
export type SubfolderFacts = Pick<Article, 'published' | 'category' | 'author'>;

export const subfolderFields: Readonly<Record<string, (a: SubfolderFacts) => string>> = {
  category: (a) => a.category.name ?? a.category.slug,
  slug: (a) => a.category.slug,
  year: (a) => published(a)?.[1] ?? undated,
  month: (a) => published(a)?.[2] ?? '',
  author: (a) => a.author.name,
};

/**
 * The article's subfolder from `template`, e.g. `'{category}/{year}'` → `'产品设计/2024'`: each
 * `/`- or `\`-separated part filled (unknown placeholders stay as written) and made a `safeSegment`;
 * parts left empty are dropped. The template is split before it is filled, so a `/` in an author's
 * name does not make a folder. `''` is the notes folder itself.
 */
export function subfolderFor(article: SubfolderFacts, template: string): string {
  const fill = (part: string) =>
    part.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(subfolderFields, key) ? subfolderFields[key]!(article) : whole));
  return joinSegments(template.split(/[/\\]/).map(fill));
}

/** `notePath('a/b', 'x.md')` is `'a/b/x.md'`; `notePath('', 'x.md')` is `'x.md'`. */
export function notePath(subfolder: string, filename: string): string {
  const folder = subfolder.replace(/\/+$/, '');
  return folder ? `${folder}/${filename}` : filename;
}

/** 255 bytes, less the `.part` Firefox adds to a file while it downloads (a longer name fails there). */
const maxFileBytes = 250;

/**
 * `path` with ` (n)` before the extension of its last segment (`'a/b/x.md', 2` → `'a/b/x (2).md'`),
 * the name cut on a whole code point where needed so that it stays within 250 UTF-8 bytes.
 */
export function numbered(path: string, n: number): string {
  const slash = path.lastIndexOf('/') + 1;
  const name = path.slice(slash);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const suffix = ` (${n})${ext}`;
  const kept = utf8Prefix(stem, maxFileBytes - utf8Bytes(suffix)).replace(/[\s.]+$/, '');
  return `${path.slice(0, slash)}${kept}${suffix}`;
}
