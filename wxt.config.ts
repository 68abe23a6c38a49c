import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { matches } from './utils/site/woshipm';

// See ENGINEERING.md notes: the Chrome manifest must not carry Firefox-only keys.
export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  modules: ['@wxt-dev/i18n/module'],
  // Every file imports what it uses; no globals from WXT's auto-imports.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['activeTab', 'storage', 'downloads', 'scripting', 'contextMenus', 'declarativeNetRequestWithHostAccess'],
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
    host_permissions: matches,
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'woshipm-reader@example.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
