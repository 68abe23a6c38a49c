import type { Article } from '../types';

export const defaultFilenameTemplate = '{published}-{title}.md';

/** Placeholders a filename template can use, and what each stands for. */
const filenameFields: Record<string, (a: Article) => string> = {
  title: (a) => a.title,
  published: (a) => a.published?.slice(0, 10) ?? '',
  author: (a) => a.author.name,
  category: (a) => a.category.name ?? a.category.slug,
  slug: (a) => a.category.slug,
  id: (a) => /(\d+)\.html$/.exec(a.url)?.[1] ?? '',
};

const reserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const maxBytes = 200; // under the 255-byte limit of ext4/APFS/NTFS names, with room for " (1)"

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

/**
 * A file name from `template` safe on Windows, macOS and Linux: no path separators, reserved
 * characters (`<>:"/\|?*`) or control characters, no reserved device names, no trailing dot or
 * space, at most 200 UTF-8 bytes, always ending in `.md`. Chinese text and punctuation stay.
 */
export function makeFilename(article: Article, template = defaultFilenameTemplate): string {
  const filled = template.replace(/\{(\w+)\}/g, (whole, key: string) => filenameFields[key]?.(article) ?? whole);
  let stem = filled
    .replace(/\.md$/i, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    // A lone surrogate is not a character: no file system can store it (UTF-8 has no encoding for it).
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.]+$/g, '');
  stem = utf8Prefix(stem, maxBytes).replace(/[\s.]+$/g, '');
  if (!stem) stem = 'woshipm-article';
  if (reserved.test(stem)) stem = `_${stem}`;
  return `${stem}.md`;
}

/**
 * An ASCII-only name for the same article, for systems that refuse the real one (Chrome's
 * downloads API rejects non-ASCII names when the OS locale is not UTF-8).
 */
export function asciiFilename(article: Article): string {
  return makeFilename(article, '{published}-woshipm-{id}').replace(/[^\x20-\x7e]/g, '') || 'woshipm-article.md';
}
