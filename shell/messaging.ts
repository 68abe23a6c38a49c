/**
 * The one typed protocol between popup, background and content script, and the only code that
 * sends or receives extension messages. Add a message here: name -> request and response types.
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

interface Protocol {
  // To the content script of a tab.
  /** Is a content script listening in the tab, of which version, and has it loaded the engine yet? */
  ping: { request: undefined; response: { version: string; engine: boolean } };
  /** Extract the article now (or only what the user selected). */
  extract: { request: { selectionOnly?: boolean } | undefined; response: ExtractReply };
  /** The article as Markdown with a file name, for exports that have no DOM of their own (background). */
  markdown: { request: MarkdownRequest; response: MarkdownReply };
  /** Scroll the page to a heading, key point or highlight of the article and flash it. */
  reveal: { request: RevealTarget; response: boolean };
  /** Markdown of the given article with the page's highlights of it (the popup has no highlights code of its own). */
  renderMarkdown: { request: Omit<RenderRequest, 'options'> & { options: Omit<RenderRequest['options'], 'highlights'> }; response: string };
  /** The article's highlights (keyed by its canonical URL), with those the page cannot find marked. */
  highlights: { request: undefined; response: HighlightsReport };
  /** Open, close (`open` given) or toggle reader mode; replies whether it is open. */
  reader: { request: { open?: boolean }; response: boolean };
  // To the background.
  /** Load the page-side engine into the sender's tab (it is not loaded with the page). */
  loadEngine: { request: undefined; response: boolean };
  /** Export the sender's article with the saved settings, images included (the reader's export button). */
  exportPage: { request: undefined; response: ExportOutcome };
}

export type MessageType = keyof Protocol;
export type Request<K extends MessageType> = Protocol[K]['request'];
export type Response<K extends MessageType> = Protocol[K]['response'];
interface Envelope<K extends MessageType = MessageType> {
  type: K;
  data: Request<K>;
}
type Sender = Browser.runtime.MessageSender;
export type Handlers = {
  [K in MessageType]?: (data: Request<K>, sender: Sender) => Response<K> | Promise<Response<K>>;
};

/** A handler that threw: its error crosses the channel as this, and is thrown again on the sender's side. */
interface Failure {
  messagingError: string;
}
const isFailure = (reply: unknown): reply is Failure =>
  typeof reply === 'object' && reply !== null && typeof (reply as Failure).messagingError === 'string';

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as Envelope).type === 'string';
}

function unwrap<K extends MessageType>(reply: unknown): Response<K> {
  if (isFailure(reply)) throw new Error(reply.messagingError);
  return reply as Response<K>;
}

/** Sends `type` to the content script of `tabId` and resolves with its typed reply. */
export async function sendToTab<K extends MessageType>(tabId: number, type: K, data?: Request<K>): Promise<Response<K>> {
  const envelope: Envelope<K> = { type, data: data as Request<K> };
  return unwrap<K>(await browser.tabs.sendMessage(tabId, envelope));
}

/** Sends `type` to the background. */
export async function sendToBackground<K extends MessageType>(type: K, data?: Request<K>): Promise<Response<K>> {
  const envelope: Envelope<K> = { type, data: data as Request<K> };
  return unwrap<K>(await browser.runtime.sendMessage(envelope));
}

/** Answers the messages named in `handlers`; other messages are left to other listeners. */
export function onMessages(handlers: Handlers): () => void {
  const listener = (message: unknown, sender: Sender, reply: (response: unknown) => void) => {
    if (!isEnvelope(message)) return undefined;
    const handler = handlers[message.type] as ((data: unknown, sender: Sender) => unknown) | undefined;
    if (!handler) return undefined;
    Promise.resolve()
      .then(() => handler(message.data, sender))
      .then(reply, (error: unknown) => reply({ messagingError: String(error) } satisfies Failure));
    return true; // keeps the channel open for the async reply
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
