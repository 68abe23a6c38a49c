/**
 * The Markdown library's layout, shared by the CLI (`--out DIR --library`) and the extension's library
 * backup: where each article goes and the GitBook-style SUMMARY.md that indexes them.
 *
 *   SUMMARY.md
 *   <category-slug>/<year>/<file name from the name template>
 */
import { numbered, subfolderFields, undated } from '../export/paths';
import type { Article } from '../types';

/** `<category-slug>/<year>`: the article's folder in the library, with `/` separators. */
export function libraryFolder(article: Article): string {
  const slug =
    article.category.slug
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'uncategorized';
  return `${slug}/${subfolderFields.year!(article)}`;
}

/** Names already used in this run get " (2)", " (3)"… before the extension. */
export class UniqueNames {
  private readonly used = new Set<string>();
  take(relative: string): string {
    let name = relative;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = numbered(relative, n);
    this.used.add(name.toLowerCase());
    return name;
  }
}

export interface LibraryEntry {
  article: Article;
  /** Path of the article's file relative to the library root, `/`-separated. */
  path: string;
}

/** A link destination that Markdown (and GitBook) reads back as the same path. */
const linkTarget = (p: string) =>
  p.replace(/[\s()<>[\]%#?]/g, (c) => (c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c)));
const linkText = (s: string) => s.replace(/[\\[\]]/g, (c) => `\\${c}`);

/** Newest first; the same day by time when both have one, then by title and path. */
function newestFirst(a: LibraryEntry, b: LibraryEntry): number {
  const da = a.article.published ?? '';
  const db = b.article.published ?? '';
  if (da.slice(0, 10) !== db.slice(0, 10)) return da.slice(0, 10) < db.slice(0, 10) ? 1 : -1;
  if (da !== db) return da < db ? 1 : -1;
  if (a.article.title !== b.article.title) return a.article.title < b.article.title ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * The library's index in GitBook's SUMMARY.md format: `# Summary`, then one `## ` per category
 * (its name, else its slug; categories in slug order), one `### ` per year (newest first, undated
 * last), and a `* [title](path)` line per article, newest first.
 */
export function libraryIndex(entries: readonly LibraryEntry[]): string {
  const byCategory = new Map<string, LibraryEntry[]>();
  for (const entry of entries) {
    const slug = entry.path.split('/')[0]!;
    byCategory.set(slug, [...(byCategory.get(slug) ?? []), entry]);
  }
  const lines = ['# Summary'];
  for (const slug of [...byCategory.keys()].sort()) {
    const group = byCategory.get(slug)!;
    lines.push('', `## ${group.find((e) => e.article.category.name)?.article.category.name ?? group[0]!.article.category.slug}`);
    const byYear = new Map<string, LibraryEntry[]>();
    for (const entry of group) {
      const year = entry.path.split('/')[1]!;
      byYear.set(year, [...(byYear.get(year) ?? []), entry]);
    }
    const years = [...byYear.keys()].sort((a, b) => (a === undated ? 1 : b === undated ? -1 : b.localeCompare(a)));
    for (const year of years) {
      lines.push('', `### ${year === undated ? '日期不详' : year}`, '');
      for (const entry of byYear.get(year)!.sort(newestFirst)) lines.push(`* [${linkText(entry.article.title)}](${linkTarget(entry.path)})`);
    }
  }
  return lines.join('\n') + '\n';
}
