/**
 * What the library's pages hear of it, without its storage: the changes announced on the BroadcastChannel
 * `library` (shell/library.ts announces each write), and the request that the browser keep the library.
 * Apart from shell/library.ts so that the popup, which only listens, does not load IndexedDB's wrapper.
 */

/** What changed, for pages that show the library: the URLs touched (none for `clear`). */
export interface LibraryChange {
  kind: 'put' | 'state' | 'delete' | 'restore' | 'clear';
  urls: string[];
}
const channelName = 'library';

export function announce(change: LibraryChange): void {
  if (typeof BroadcastChannel === 'undefined') return;
  // A channel of its own, so that watchers in this very page hear it too (a channel never hears itself).
  const channel = new BroadcastChannel(channelName);
  channel.postMessage(change);
  channel.close();
}

/** Calls `onChange` on each change of the library made in any page of the extension (this one too); returns the unwatch. */
export function watchLibrary(onChange: (change: LibraryChange) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = (event: MessageEvent<LibraryChange>) => onChange(event.data);
  return () => channel.close();
}

let persistAsked = false;
/**
 * Asks the browser once per page not to evict the library (pages only: a service worker has no `persist`,
 * so the popup asks after a save the background made). Chrome grants it to an extension with unlimitedStorage.
 */
export function keepPersistent(): void {
  if (persistAsked) return;
  persistAsked = true;
  const manager = (globalThis.navigator as Navigator | undefined)?.storage;
  if (typeof manager?.persist !== 'function') return;
  void manager
    .persisted()
    .then((already) => already || manager.persist())
    .catch(() => undefined);
}
