/**
 * Size budgets of the built Chrome extension (`npx wxt build` first), gzip level 9:
 *
 * - the content script(s) the manifest registers: at most 30,000 bytes together;
 * - the popup's JavaScript: the module script(s) popup.html loads and every chunk they import,
 *   statically or dynamically, followed through the built chunks: at most 25,000 bytes together.
 *
 * engine.js and background.js are listed for information. Prints a table; exits 1 naming the
 * files over budget, 2 when there is no build. `npm run check:budgets [-- OUTPUT_DIR]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';

export const budgets = { content: 30_000, popup: 25_000 };

export interface Entry {
  group: 'content' | 'popup' | 'info';
  file: string;
  bytes: number;
  gzip: number;
}

const gzipSize = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** Relative module specifiers a built chunk imports: `from"./x.js"`, `import"./x.js"`, `import("./x.js")`. */
export function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*(["'`])(\.{0,2}\/[^"'`]+?\.m?js)\1/g)) found.add(m[2]!);
  return [...found];
}

/** The files `entries` (paths relative to `root`) load, themselves first, each once, following imports. */
function withImports(root: string, entries: string[]): string[] {
  const seen: string[] = [];
  const visit = (file: string) => {
    const normalized = path.posix.normalize(file).replace(/^\/+/, '');
    if (seen.includes(normalized)) return;
    const full = path.join(root, normalized);
    if (!existsSync(full)) throw new Error(`${normalized} is loaded but not in the build`);
    seen.push(normalized);
    for (const spec of importsOf(readFileSync(full, 'utf8'))) {
      visit(spec.startsWith('/') ? spec : path.posix.join(path.posix.dirname(normalized), spec));
    }
  };
  entries.forEach(visit);
  return seen;
}

/** The scripts an HTML page loads: `<script src>` (module or classic) and `<link rel="modulepreload">`. */
export function scriptsOf(html: string): string[] {
  const doc = new JSDOM(html).window.document;
  const scripts = [...doc.querySelectorAll('script[src]')].map((s) => s.getAttribute('src')!);
  const preloads = [...doc.querySelectorAll('link[rel="modulepreload"][href]')].map((l) => l.getAttribute('href')!);
  return [...scripts, ...preloads].filter((src) => !/^[a-z][a-z0-9+.-]*:/i.test(src));
}

/** Every file measured, by group. */
export function measure(root: string): Entry[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  const content: string[] = (manifest.content_scripts ?? []).flatMap((cs: { js?: string[] }) => cs.js ?? []);
  const popupPage: string | undefined = manifest.action?.default_popup ?? manifest.browser_action?.default_popup;
  if (!popupPage) throw new Error('the manifest names no popup page');
  const popup = scriptsOf(readFileSync(path.join(root, popupPage), 'utf8')).map((src) =>
    src.startsWith('/') ? src : path.posix.join(path.posix.dirname(popupPage), src),
  );
  const entry = (group: Entry['group'], file: string): Entry => {
    const bytes = readFileSync(path.join(root, file));
    return { group, file, bytes: bytes.length, gzip: gzipSize(bytes) };
  };
  const info = ['engine.js', manifest.background?.service_worker ?? 'background.js'].filter((f) => existsSync(path.join(root, f)));
  return [
    ...withImports(root, content).map((f) => entry('content', f)),
    ...withImports(root, popup).map((f) => entry('popup', f)),
    ...info.map((f) => entry('info', f)),
  ];
}

/** Messages for each group over its budget (empty when all fit). */
export function overBudget(entries: Entry[]): string[] {
  return (['content', 'popup'] as const).flatMap((group) => {
    const files = entries.filter((e) => e.group === group);
    const total = files.reduce((sum, e) => sum + e.gzip, 0);
    if (total <= budgets[group]) return [];
    const list = files.map((e) => `${e.file} ${e.gzip} B`).join(', ');
    return [`${group === 'content' ? 'content script' : 'popup JS'} over budget: ${total} B gzip > ${budgets[group]} B (${list})`];
  });
}

function main(): number {
  const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', '.output', 'chrome-mv3'));
  if (!existsSync(path.join(root, 'manifest.json'))) {
    console.error(`no build in ${root}: run \`npx wxt build\` first`);
    return 2;
  }
  const entries = measure(root);
  const rows = [['group', 'file', 'bytes', 'gzip -9', 'budget']];
  for (const group of ['content', 'popup', 'info'] as const) {
    const files = entries.filter((e) => e.group === group);
    for (const e of files) rows.push([group, e.file, String(e.bytes), String(e.gzip), '']);
    if (group !== 'info') {
      const total = files.reduce((sum, e) => sum + e.gzip, 0);
      const ok = total <= budgets[group];
      rows.push([group, '(total)', String(files.reduce((sum, e) => sum + e.bytes, 0)), String(total), `${budgets[group]} ${ok ? 'ok' : 'OVER'}`]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  '));
  const problems = overBudget(entries);
  for (const problem of problems) console.error(problem);
  return problems.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) process.exitCode = main();
