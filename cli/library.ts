/**
 * A folder of saved pages -> a Markdown library: where each article goes, the GitBook-style
 * SUMMARY.md that indexes them, and the progress shown while converting.
 *
 *   library/SUMMARY.md
 *   library/<category-slug>/<year>/<file name from the --name template>
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { numbered, subfolderFields, undated } from '../utils/export/paths';
import type { Article } from '../utils/types';

export const pageExtensions = /\.html?$/i;

export interface Input {
  file: string;
  /** Found by walking a folder given on the command line (not named there). */
  walked: boolean;
}

/**
 * Every .html/.htm file under `dir`, in a stable order; hidden entries and symbolic links are left
 * out, and so is the `<name>_files/` folder of a page saved "complete" (its frames are not pages).
 */
export function walkPages(dir: string): string[] {
  const found: string[] = [];
  const visit = (at: string) => {
    const entries = readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = new Set(entries.map((e) => e.name.toLowerCase()));
    const savedFolder = (name: string) => /_files$/i.test(name) && ['.html', '.htm'].some((x) => names.has(name.slice(0, -6).toLowerCase() + x));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        if (!savedFolder(entry.name)) visit(full);
      } else if (entry.isFile() && pageExtensions.test(entry.name)) found.push(full);
    }
  };
  visit(dir);
  return found;
}

/** The command line's files and folders as the list of pages to convert; folders are walked. */
export function expandInputs(args: readonly string[]): { inputs: Input[]; folders: { dir: string; pages: number }[] } {
  const inputs: Input[] = [];
  const folders: { dir: string; pages: number }[] = [];
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = statSync(arg).isDirectory();
    } catch {
      // not there: reported as unreadable when converted
    }
    if (isDir) {
      const pages = walkPages(arg);
      folders.push({ dir: arg, pages: pages.length });
      for (const file of pages) inputs.push({ file, walked: true });
    } else inputs.push({ file: arg, walked: false });
  }
  return { inputs, folders };
}

/** `<category-slug>/<year>`: the article's folder in the library, with `/` separators. */
export function libraryFolder(article: Article): string {
  const slug = article.category.slug.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'uncategorized';
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

/** One line on a terminal: `[██████░░░░░░] 120/200  60%`, redrawn in place. */
export class Progress {
  private shown = false;
  constructor(
    private readonly out: { write(s: string): unknown },
    private readonly total: number,
    private readonly width = 24,
  ) {}

  draw(done: number): void {
    const filled = this.total ? Math.round((done / this.total) * this.width) : this.width;
    const percent = this.total ? Math.floor((done / this.total) * 100) : 100;
    this.out.write(`\r[${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}] ${done}/${this.total} ${String(percent).padStart(3)}%`);
    this.shown = true;
  }

  /** Clears the bar so a message can be written on a line of its own. */
  clear(): void {
    if (this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}
