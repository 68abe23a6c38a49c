/**
 * Calls of the message protocol that must not compile (`npm run typecheck` checks this file; nothing
 * runs it). Each `@ts-expect-error` fails the type check if the line below it ever compiles.
 */
import { sendToBackground, sendToTab, serveBackground, serveTab, type Handlers, type TabProtocol } from '../../shell/messaging';

declare const tabId: number;
declare const tabHandlers: Handlers<TabProtocol>;

export async function wrongCalls() {
  // A background message sent to a tab.
  // @ts-expect-error loadEngine is answered by the background, not by a tab
  await sendToTab(tabId, 'loadEngine');
  // A tab message sent to the background.
  // @ts-expect-error ping is answered by a tab's content script
  await sendToBackground('ping');
  // A message with data sent without it.
  // @ts-expect-error markdown needs its request
  await sendToTab(tabId, 'markdown');
  // @ts-expect-error extract says whether only the selection is wanted
  await sendToTab(tabId, 'extract');
  // Data of the wrong shape.
  // @ts-expect-error reveal takes a RevealTarget
  await sendToTab(tabId, 'reveal', { selectionOnly: true });
  // Data for a message that has none.
  // @ts-expect-error ping has no data
  await sendToTab(tabId, 'ping', {});
  // An unknown message.
  // @ts-expect-error no such message
  await sendToTab(tabId, 'exportPages');
  // The reply is typed: ping's is no boolean.
  const pong = await sendToTab(tabId, 'ping');
  // @ts-expect-error ping answers { version, engine }
  pong satisfies boolean;
}

export function incompleteSides() {
  // A side that serves a map answers all of it.
  // @ts-expect-error exportPage is missing
  serveBackground({ loadEngine: () => true });
  const { highlights: _highlights, ...withoutHighlights } = tabHandlers;
  // @ts-expect-error highlights is missing
  serveTab(withoutHighlights);
  // A handler's answer is checked against its message.
  // @ts-expect-error loadEngine answers a boolean
  serveBackground({ loadEngine: () => 'yes', exportPage: () => ({ ok: false, detail: '' }) });
}

export async function rightCalls() {
  // The same calls done right compile (the file would be worthless if nothing could).
  await sendToTab(tabId, 'ping');
  await sendToTab(tabId, 'extract', { selectionOnly: false });
  await sendToTab(tabId, 'reader', { open: true });
  await sendToBackground('loadEngine');
  serveTab(tabHandlers);
}
