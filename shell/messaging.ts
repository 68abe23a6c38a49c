/**
 * The one typed protocol between popup, background and content script, and the only code that
 * sends or receives extension messages. Two maps, one per side that answers: what a tab's content
 * script answers (`TabProtocol`) and what the background answers (`BackgroundProtocol`). A message
 * whose request is `undefined` is sent without data; any other must be sent with it; a side that
 * serves a map has a handler for every message of it. `tests/types/messaging.ts` holds the calls
 * that must not compile.
 */
import { browser, type Browser } from 'wxt/browser';
import type { ExtractReply, MarkdownReply, MarkdownRequest, RenderRequest } from '../utils/engine';
import type { Highlight } from '../utils/highlights';
import type { RevealTarget } from '../utils/page/reveal';
import type { ImageFailure } from '../utils/images';

/** How an export's images went: how many the article has, how many were saved, and why the others were not. */
export interface ImagesOutcome {
  total: number;
  saved: number;
  failures: ImageFailure[];
}

/** An export made without the popup (shortcut, menu, the reader's button, batch): its file, or why not. */
export type ExportOutcome = { ok: true; filename: string; images?: ImagesOutcome } | { ok: false; detail: string };

/** An article's highlights as the page sees them: `orphaned` are the ids it could not find in the text. */
export interface HighlightsReport {
  url: string;
  title: string;
  highlights: Highlight[];
  orphaned: string[];
}

/** A message: what is sent with it (`undefined`: nothing) and what comes back. */
interface Message<Req, Res> {
  request: Req;
  response: Res;
}

/** What the content script of a tab answers. */
export interface TabProtocol {
  /** Is a content script listening in the tab, of which version, and has it loaded the engine yet? */
  ping: Message<undefined, { version: string; engine: boolean }>;
  /** Extract the article now (or only what the user selected). */
  extract: Message<{ selectionOnly: boolean }, ExtractReply>;
  /** The article as Markdown with a file name, for exports that have no DOM of their own (background). */
  markdown: Message<MarkdownRequest, MarkdownReply>;
  /** Scroll the page to a heading, key point or highlight of the article and flash it. */
  reveal: Message<RevealTarget, boolean>;
  /** Markdown of the given article with the page's highlights of it (the popup has no highlights code of its own). */
  renderMarkdown: Message<Omit<RenderRequest, 'options'> & { options: Omit<RenderRequest['options'], 'highlights'> }, string>;
  /** The article's highlights (keyed by its canonical URL), with those the page cannot find marked. */
  highlights: Message<undefined, HighlightsReport>;
  /** Open, close (`open` given) or toggle reader mode; replies whether it is open. */
  reader: Message<{ open?: boolean }, boolean>;
}

/** What the background answers. */
export interface BackgroundProtocol {
  /** Load the page-side engine into the sender's tab (it is not loaded with the page). */
  loadEngine: Message<undefined, boolean>;
  /** Export the sender's article with the saved settings, images included (the reader's export button). */
  exportPage: Message<undefined, ExportOutcome>;
}

type Protocol = TabProtocol | BackgroundProtocol;
export type Request<P extends Protocol, K extends keyof P> = P[K] extends Message<infer Req, unknown> ? Req : never;
export type Response<P extends Protocol, K extends keyof P> = P[K] extends Message<unknown, infer Res> ? Res : never;
/** The data argument: none for a message without data, required for one with. */
type DataArgs<Req> = [Req] extends [undefined] ? [] : [data: Req];

type Sender = Browser.runtime.MessageSender;
/** Every message of `P` answered: a side that serves a map serves all of it. */
export type Handlers<P extends Protocol> = {
  [K in keyof P]: (data: Request<P, K>, sender: Sender) => Response<P, K> | Promise<Response<P, K>>;
};

/** Which map an envelope belongs to, so that a tab's listener never takes a message meant for the background. */
type To = 'tab' | 'background';
interface Envelope {
  to: To;
  type: string;
  data: unknown;
}

/** A handler that threw: its error crosses the channel as this, and is thrown again on the sender's side. */
interface Failure {
  messagingError: string;
}
const isFailure = (reply: unknown): reply is Failure =>
  typeof reply === 'object' && reply !== null && typeof (reply as Failure).messagingError === 'string';

function isEnvelope(message: unknown, to: To): message is Envelope {
  return typeof message === 'object' && message !== null && (message as Envelope).to === to && typeof (message as Envelope).type === 'string';
}

function unwrap<T>(reply: unknown): T {
  if (isFailure(reply)) throw new Error(reply.messagingError);
  return reply as T;
}

/** Sends `type` to the content script of `tabId` and resolves with its typed reply. */
export async function sendToTab<K extends keyof TabProtocol>(
  tabId: number,
  type: K,
  ...[data]: DataArgs<Request<TabProtocol, K>>
): Promise<Response<TabProtocol, K>> {
  const envelope: Envelope = { to: 'tab', type, data };
  return unwrap(await browser.tabs.sendMessage(tabId, envelope));
}

/** Sends `type` to the background and resolves with its typed reply. */
export async function sendToBackground<K extends keyof BackgroundProtocol>(
  type: K,
  ...[data]: DataArgs<Request<BackgroundProtocol, K>>
): Promise<Response<BackgroundProtocol, K>> {
  const envelope: Envelope = { to: 'background', type, data };
  return unwrap(await browser.runtime.sendMessage(envelope));
}

function serve(to: To, handlers: Record<string, (data: unknown, sender: Sender) => unknown>): () => void {
  const listener = (message: unknown, sender: Sender, reply: (response: unknown) => void) => {
    if (!isEnvelope(message, to) || !Object.hasOwn(handlers, message.type)) return undefined;
    const handler = handlers[message.type]!;
    Promise.resolve()
      .then(() => handler(message.data, sender))
      .then(reply, (error: unknown) => reply({ messagingError: String(error) } satisfies Failure));
    return true; // keeps the channel open for the async reply
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** The content script's side: answers every message of `TabProtocol`. Returns the unsubscribe. */
export const serveTab = (handlers: Handlers<TabProtocol>): (() => void) =>
  serve('tab', handlers as unknown as Record<string, (data: unknown, sender: Sender) => unknown>);

/** The background's side: answers every message of `BackgroundProtocol`. Returns the unsubscribe. */
export const serveBackground = (handlers: Handlers<BackgroundProtocol>): (() => void) =>
  serve('background', handlers as unknown as Record<string, (data: unknown, sender: Sender) => unknown>);
