/**
 * The one typed protocol between popup, background and content script, and the only code that
 * sends or receives extension messages. Add a message here: name -> request and response types.
 */
import { browser } from 'wxt/browser';
import type { ExtractResult } from '../utils/types';

export interface Protocol {
  /** Popup/background -> content script: extract the article of this page now. */
  extract: { request: undefined; response: ExtractResult };
  /** Is a content script of this version listening in the tab? */
  ping: { request: undefined; response: { version: string } };
}

export type MessageType = keyof Protocol;
export type Request<K extends MessageType> = Protocol[K]['request'];
export type Response<K extends MessageType> = Protocol[K]['response'];
export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  data: Request<K>;
}

export type Handlers = { [K in MessageType]?: (data: Request<K>) => Response<K> | Promise<Response<K>> };

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as Envelope).type === 'string';
}

/** A handler that threw: its error crosses the channel as this, and is thrown again on the sender's side. */
interface Failure {
  messagingError: string;
}
const isFailure = (reply: unknown): reply is Failure =>
  typeof reply === 'object' && reply !== null && typeof (reply as Failure).messagingError === 'string';

/** Sends `type` to the content script of `tabId` and resolves with its typed reply. */
export async function sendToTab<K extends MessageType>(tabId: number, type: K, data?: Request<K>): Promise<Response<K>> {
  const envelope: Envelope<K> = { type, data: data as Request<K> };
  const reply: unknown = await browser.tabs.sendMessage(tabId, envelope);
  if (isFailure(reply)) throw new Error(reply.messagingError);
  return reply as Response<K>;
}

/** Answers the messages named in `handlers`; other messages are left to other listeners. */
export function onMessages(handlers: Handlers): () => void {
  const listener = (message: unknown, _sender: unknown, reply: (response: unknown) => void) => {
    if (!isEnvelope(message)) return undefined;
    const handler = handlers[message.type] as ((data: unknown) => unknown) | undefined;
    if (!handler) return undefined;
    Promise.resolve()
      .then(() => handler(message.data))
      .then(reply, (error: unknown) => reply({ messagingError: String(error) } satisfies Failure));
    return true; // keeps the channel open for the async reply
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
