/** tools/preload-early.ts: which chunks a page's HTML gets as modulepreload links. */
import path from 'node:path';
import type { IndexHtmlTransformContext, IndexHtmlTransformHook } from 'vite';
import { describe, expect, it } from 'vitest';
import { preloadEarly } from '../tools/preload-early';

const root = '/project';
const chunk = (fileName: string, module: string | null, imports: string[] = [], dynamicImports: string[] = []) => ({
  type: 'chunk' as const,
  fileName,
  facadeModuleId: module && path.join(root, module),
  imports,
  dynamicImports,
});
const bundle = {
  page: chunk('chunks/library.js', 'entrypoints/library/index.html', ['chunks/shared.js'], ['chunks/search-index.js', 'chunks/backup.js']),
  shared: chunk('chunks/shared.js', null, [], ['chunks/reader.js']),
  search: chunk('chunks/search-index.js', 'entrypoints/library/search-index.ts', ['chunks/flexsearch.js', 'chunks/shared.js']),
  flex: chunk('chunks/flexsearch.js', null, ['chunks/flex-worker.js']),
  flexWorker: chunk('chunks/flex-worker.js', null),
  backup: chunk('chunks/backup.js', 'shell/library-backup.ts'),
  reader: chunk('chunks/reader.js', 'components/reader/Reader.tsx'),
  popup: chunk('chunks/popup.js', 'entrypoints/popup/index.html', ['chunks/shared.js']),
};

function linksFor(page: (typeof bundle)[keyof typeof bundle], modules: string[]) {
  const plugin = preloadEarly(root, modules);
  const hook = plugin.transformIndexHtml as { handler: IndexHtmlTransformHook };
  const context = { path: '/x.html', filename: '/x.html', bundle, chunk: page } as unknown as IndexHtmlTransformContext;
  const tags = hook.handler.call({} as never, '<html></html>', context) as Array<{ attrs: { rel: string; href: string } }> | undefined;
  return (tags ?? []).map((tag) => `${tag.attrs.rel} ${tag.attrs.href}`);
}

describe('preloadEarly', () => {
  it("names the wanted module's chunk and what it imports, not what the page names already", () => {
    expect(linksFor(bundle.page, ['entrypoints/library/search-index.ts'])).toEqual([
      'modulepreload /chunks/search-index.js',
      'modulepreload /chunks/flexsearch.js',
      'modulepreload /chunks/flex-worker.js',
    ]);
  });

  it('finds a module imported with import() by a chunk the page imports', () => {
    expect(linksFor(bundle.page, ['components/reader/Reader.tsx'])).toEqual(['modulepreload /chunks/reader.js']);
  });

  it('leaves the other dynamic imports and the pages that do not load the module alone', () => {
    expect(linksFor(bundle.page, [])).toEqual([]);
    expect(linksFor(bundle.popup, ['entrypoints/library/search-index.ts'])).toEqual([]);
  });
});
