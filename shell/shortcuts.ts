/**
 * The extension's keyboard shortcuts as the browser has them now. A suggested key that another
 * extension already holds is not given to us (Chrome and Firefox both skip it silently), and the
 * user can clear or change one: the options page shows each command's key, or says it has none.
 */
import { browser } from 'wxt/browser';

export interface Shortcut {
  /** The command's name in the manifest (`toggle-reader`, `export-markdown`). */
  name: string;
  /** The key as the browser shows it (`Alt+Shift+Y`), or '' when none is assigned. */
  key: string;
}

export async function getShortcuts(): Promise<Shortcut[]> {
  const commands = await browser.commands.getAll();
  return commands.filter((c) => c.name && !c.name.startsWith('_')).map((c) => ({ name: c.name!, key: c.shortcut ?? '' }));
}

/** The browser's page for extension shortcuts; null in Firefox, which has no address for it (about:addons, gear menu). */
export function shortcutsPage(): string | null {
  if (import.meta.env.FIREFOX) return null;
  return navigator.userAgent.includes('Edg/') ? 'edge://extensions/shortcuts' : 'chrome://extensions/shortcuts';
}

/** Opens the shortcuts page in a tab (a plain link to a chrome:// address does nothing from an extension page). */
export async function openShortcutsPage(url: string): Promise<void> {
  await browser.tabs.create({ url });
}
