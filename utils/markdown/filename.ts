import { segmentOrEmpty } from '../export/paths';
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

const maxBytes = 200; // under the 255-byte limit of ext4/APFS/NTFS names, with room for " (1)"

/**
 * A file name from `template` safe on Windows, macOS and Linux: no path separators, reserved
 * characters (`<>:"/\|?*`) or control characters, no reserved device names, no trailing dot or
 * space, no ". " (Firefox refuses it in folders), at most 200 UTF-8 bytes, always ending in `.md`.
 * Chinese text and punctuation stay.
 */
export function makeFilename(article: Article, template = defaultFilenameTemplate): string {
  const filled = template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(filenameFields, key) ? filenameFields[key]!(article) : whole));
  // Controls dropped and separators as `-` read better in a title than `_`; `segmentOrEmpty` does the rest.
  const stem = filled
    .replace(/\.md$/i, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[<>:"/\\|?*]+/g, '-')
    .replace(/^[\s.-]+/, '');
  return `${segmentOrEmpty(stem, maxBytes) || 'woshipm-article'}.md`;
}

/**
 * An ASCII-only name for the same article, for systems that refuse the real one (Chrome's
 * downloads API rejects non-ASCII names when the OS locale is not UTF-8).
 */
export function asciiFilename(article: Article): string {
  return makeFilename(article, '{published}-woshipm-{id}').replace(/[^\x20-\x7e]/g, '') || 'woshipm-article.md';
}
