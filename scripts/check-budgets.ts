/**
 * Size budgets of the built Chrome extension (`npx wxt build` first), gzip level 9:
 *
 * - the content script(s) the manifest registers: at most 30,000 bytes together;
 * - the popup's JavaScript as it opens: the module script(s) popup.html loads and every chunk they
 *   import statically, followed through the built chunks: at most 25,000 bytes together;
 * - the popup's JavaScript loaded on demand: the chunks only dynamic imports reach (the Markdown
 *   code after the card has painted, the image export on its first use): at most 15,000 bytes.
 *
 * engine.js and background.js are listed for information. Prints a table; exits 1 naming the
 * files over budget, 2 when there is no build. `npm run check:budgets [-- OUTPUT_DIR]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';

export const budgets = { content: 30_000, popup: 25_000, 'popup-lazy': 15_000 };

type Budgeted = keyof typeof budgets;
const groupNames: Record<Budgeted, string> = { content: 'content script', popup: 'popup JS at open', 'popup-lazy': 'popup JS on demand' };

export interface Entry {
  group: Budgeted | 'info';
  file: string;
  bytes: number;
  gzip: number;
}

const gzipSize = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

const chunk = String.raw`(["'\`])(\.{0,2}\/[^"'\`]+?\.m?js)\1`;
const staticImport = new RegExp(String.raw`(?:\bfrom|\bimport)\s*` + chunk, 'g');
const dynamicImport = new RegExp(String.raw`\bimport\s*\(\s*` + chunk, 'g');

/**
 * Relative module specifiers a built chunk imports: statically (`from"./x.js"`, `import"./x.js"`),
 * and with `dynamic` also `import("./x.js")`.
 */
export function importsOf(code: string, { dynamic = true } = {}): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(staticImport)) found.add(m[2]!);
  if (dynamic) for (const m of code.matchAll(dynamicImport)) found.add(m[2]!);
  return [...found];
}

/** The files `entries` (paths relative to `root`) load, themselves first, each once, following imports (static ones only unless `dynamic`). */
function withImports(root: string, entries: string[], dynamic = false): string[] {
  const seen: string[] = [];
  const visit = (file: string) => {
    const normalized = path.posix.normalize(file).replace(/^\/+/, '');
    if (seen.includes(normalized)) return;
    const full = path.join(root, normalized);
    if (!existsSync(full)) throw new Error(`${normalized} is loaded but not in the build`);
    seen.push(normalized);
    for (const spec of importsOf(readFileSync(full, 'utf8'), { dynamic })) {
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
  const atOpen = withImports(root, popup);
  return [
    ...withImports(root, content, true).map((f) => entry('content', f)),
    ...atOpen.map((f) => entry('popup', f)),
    ...withImports(root, popup, true)
      .filter((f) => !atOpen.includes(f))
      .map((f) => entry('popup-lazy', f)),
    ...info.map((f) => entry('info', f)),
  ];
}

/** Messages for each group over its budget (empty when all fit). */
export function overBudget(entries: Entry[]): string[] {
  return (Object.keys(budgets) as Budgeted[]).flatMap((group) => {
    const files = entries.filter((e) => e.group === group);
    const total = files.reduce((sum, e) => sum + e.gzip, 0);
    if (total <= budgets[group]) return [];
    const list = files.map((e) => `${e.file} ${e.gzip} B`).join(', ');
    return [`${groupNames[group]} over budget: ${total} B gzip > ${budgets[group]} B (${list})`];
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
  for (const group of [...(Object.keys(budgets) as Budgeted[]), 'info' as const]) {
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
