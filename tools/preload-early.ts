/**
 * A Vite plugin for the build: the chunk of a module a page loads with `import()` as its script starts (the library
 * page's search, entrypoints/library/search-index.ts, opened by App.tsx `openSearch`), and the chunks it imports,
 * are named in the page's HTML as `modulepreload` links. The browser then fetches and compiles them while it reads the page's own script, instead
 * of after that script ran and asked for them (~40-90 ms later on a first open, the main thread busy drawing).
 * The code still loads on that page only: the other pages' HTML never names it.
 */
import path from 'node:path';
import type { Plugin } from 'vite';

type Chunk = { type: 'chunk'; fileName: string; facadeModuleId?: string | null; imports: string[]; dynamicImports: string[] };

/** `modules`: paths from the project root of modules imported with `import()`. */
export function preloadEarly(root: string, modules: readonly string[]): Plugin {
  const wanted = new Set(modules.map((m) => path.resolve(root, m)));
  return {
    name: 'woshipm-preload-early',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return;
        const chunks = Object.values(bundle).filter((c): c is Chunk & (typeof bundle)[string] => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        // what the page already names (its own chunk and what that imports), then the wanted chunks it imports later
        const named = new Set([chunk.fileName, ...chunk.imports]);
        const links: string[] = [];
        const add = (file: string) => {
          if (named.has(file)) return;
          named.add(file);
          links.push(file);
          for (const imported of byFile.get(file)?.imports ?? []) add(imported);
        };
        for (const file of dynamicImportsOf(chunk, byFile)) {
          const target = byFile.get(file);
          if (target?.facadeModuleId && wanted.has(target.facadeModuleId)) add(file);
        }
        return links.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/** The chunks `import()`ed by the page's chunk or by a chunk it imports. */
function dynamicImportsOf(entry: { imports: string[]; dynamicImports: string[] }, byFile: ReadonlyMap<string, Chunk>): string[] {
  const found = new Set<string>(entry.dynamicImports);
  for (const file of entry.imports) for (const dynamic of byFile.get(file)?.dynamicImports ?? []) found.add(dynamic);
  return [...found];
}
