/**
 * A folder of saved pages -> a Markdown library: the pages found, and the progress shown while
 * converting. The layout (folders, SUMMARY.md, library.json) is utils/library/layout.ts and backup.ts.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

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
