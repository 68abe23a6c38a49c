import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { preloadEarly } from './tools/preload-early';
import { woshipmUrls } from './utils/site/woshipm';

// See ENGINEERING.md notes: the Chrome manifest must not carry Firefox-only keys.
export default defineConfig({
  srcDir: '.',
  // MV3 in Firefox too: the manifest, APIs (action, host_permissions, DNR session rules) and tests are the Chrome
  // build's; see README "Firefox: Manifest V3".
  manifestVersion: 3,
  outDir: '.output',
  // `WXT_E2E=1 wxt build`: the shipped build plus the end-to-end tests' hook (shell/test-hook.ts), in a folder of its own.
  outDirTemplate: process.env.WXT_E2E === '1' ? '{{browser}}-mv{{manifestVersion}}-e2e' : undefined,
  modules: ['@wxt-dev/i18n/module'],
  // The sources zip AMO asks for (the bundles are minified): what `npm ci && npx wxt build -b firefox` needs
  // (README "Publishing"), without the tests, benches and store images.
  zip: { includeSources: ['**/*', '.nvmrc'], excludeSources: ['tests/**', 'bench/**', 'store/**'] },
  // Every file imports what it uses; no globals from WXT's auto-imports.
  imports: false,
  // `npm run dev` builds into .output/chrome-mv3-dev and reloads it on every change, without opening a browser
  // (headless machines have none): load that folder once. To have WXT start a browser with it, put
  // `export default defineWebExtConfig({ disabled: false })` in a web-ext.config.ts of your own (git ignores it).
  webExt: { disabled: true },
  // The library page's search code is fetched with the page, not once its script asks for it (tools/preload-early.ts).
  vite: () => ({ plugins: [preact(), preloadEarly(import.meta.dirname, ['entrypoints/library/search-index.ts'])] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // `offscreen` (Chrome; no install warning): a blob URL for a file the service worker made (shell/blob-url.ts).
    // `unlimitedStorage` (Chrome; no install warning): the library (资料库) in IndexedDB is not evicted nor capped. Firefox lists
    // it as a permission the user is asked about: there the library relies on `navigator.storage.persist()` (shell/library.ts).
    permissions: [
      'activeTab',
      'storage',
      'downloads',
      'scripting',
      'contextMenus',
      'declarativeNetRequestWithHostAccess',
      ...(browser === 'firefox' ? [] : ['offscreen', 'unlimitedStorage']),
    ],
    // Keys no common clipper, reader or translator extension nor the browser itself suggests (README, Shortcuts).
    commands: {
      'export-markdown': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_command_export__',
      },
      'toggle-reader': {
        suggested_key: { default: 'Alt+Shift+Y' },
        description: '__MSG_command_reader__',
      },
    },
    host_permissions: woshipmUrls.matches,
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // Permanent once on AMO (README "Publishing").
              id: 'woshipm-reader@markdown-reader',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
