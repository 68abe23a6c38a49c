/**
 * The one typed protocol between popup, background and content script, and the only code that
 * sends or receives extension messages. Two maps, one per side that answers: what a tab's content
 * script answers (`TabProtocol`) and what the background answers (`BackgroundProtocol`). A message
 * whose request is `undefined` is sent without data; any other must be sent with it; a side that
 * serves a map has a handler for every message of it. `tests/types/messaging.ts` holds the calls
 * that must not compile.
 */
import { browser, type Browser } from 'wxt/browser';
import type { ExtractReply, LibraryCopyReply, MarkdownReply, MarkdownRequest, RenderRequest } from '../utils/engine';
import type { LibraryCard } from '../utils/library/types';
import type { Highlight } from '../utils/highlights';
import type { RevealTarget } from '../utils/page/reveal';
import type { ImageFailure } from '../utils/images';
import type { SavedWhere } from './saved';

/** How an export's images went: how many the article has, how many were saved, and why the others were not. */
export interface ImagesOutcome {
  total: number;
  saved: number;
  failures: ImageFailure[];
}

/** Why an export meant for the notes folder went to Downloads instead. */
export type FolderFallback = 'no-folder' | 'permission' | 'write-failed';

/** A finished export: the file and where it went, or why there is none. */
export type ExportOutcome =
  | {
      ok: true;
      /** The file's name (`download`) or its path inside `folder`. */
      filename: string;
      where: SavedWhere;
      /** The notes folder's name, or the folder inside Downloads; '' for a plain download. */
      folder: string;
      images?: ImagesOutcome;
      /** Saving again: the file we wrote before was rewritten in place. */
      replaced?: boolean;
      /** The file there had changed since we wrote it: saved beside it under a new name. */
      renamed?: boolean;
      /** Meant for the notes folder, saved in Downloads: why, and the notes folder's name. */
      fallback?: FolderFallback;
      wanted?: string;
      /** `obsidian://open?…` when the note was opened in Obsidian. */
      opened?: string;
      /** Recorded in the library (资料库), or why not (`quota`: the disk or the browser's quota is full). */
      library?: 'saved' | LibraryFailure;
    }
  | { ok: false; detail: string; cancelled?: boolean };

/** Why the library could not keep an article: the storage refused (`quota`, `failed`), or the page has none (`page`). */
type LibraryFailure = 'quota' | 'failed' | 'page';

/** An article put in the library (收藏 or 更新): its card, and how its images went when they are kept offline. */
export type LibraryOutcome = { ok: true; card: LibraryCard; images?: ImagesOutcome } | { ok: false; error: LibraryFailure; detail: string };

/** The library's card of an article, and whether the page's text differs from the copy kept (its hash). */
export type LibraryStatus = (LibraryCard & { changed: boolean }) | null;

/** What to do with a file that changed since we wrote it. */
export type ConflictChoice = 'overwrite' | 'new' | 'cancel';

/** One article of an export job. */
export interface JobItem {
  /** The tab whose article it is; -1 for an article of the library (its stored copy, `url`). */
  tabId: number;
  /** The library article's canonical URL (exports from the library page). */
  url?: string;
  title: string;
  state: 'waiting' | 'running' | 'done' | 'failed';
  outcome?: ExportOutcome;
}

/**
 * An export the background runs (popup, shortcut, menu, reader, batch): it goes on when the popup closes,
 * and a popup opened later sees it. `images` is the progress of the article being saved.
 */
export interface ExportJob {
  id: string;
  kind: 'single' | 'batch';
  state: 'running' | 'asking' | 'done' | 'failed';
  items: JobItem[];
  images?: { done: number; total: number };
  /** `asking`: the file at `path` changed since we wrote it; the job waits for `answerConflict`. */
  question?: { path: string; folder: string };
  startedAt: string;
  finishedAt?: string;
}

/** What the popup asks the background to export. */
export interface ExportJobRequest {
  /** One tab's article, or several tabs' (a batch). */
  kind: 'single' | 'batch';
  tabIds: number[];
  selectionOnly?: boolean;
  /** The Markdown as the user edited it in the preview (one tab only). */
  edited?: string | null;
}

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
  /** The whole article and its exportable image URLs, for the library. */
  libraryCopy: Message<undefined, LibraryCopyReply>;
  /** Open, close (`open` given) or toggle reader mode; replies whether it is open. */
  reader: Message<{ open?: boolean }, boolean>;
}

/** What the background answers. */
export interface BackgroundProtocol {
  /** Load the page-side engine into the sender's tab (it is not loaded with the page). */
  loadEngine: Message<undefined, boolean>;
  /**
   * Open the library page in a new tab (资料库 in the popup, Options and the reader: a content script cannot open
   * extension pages), the library's store opened first so that the page finds it open.
   */
  openLibrary: Message<undefined, boolean>;
  /** Export the sender's article with the saved settings, images included (the reader's export button). */
  exportPage: Message<undefined, ExportOutcome>;
  /** Start an export job; replies with it as it starts (follow it with `watchExportJobs`). */
  startExport: Message<ExportJobRequest, ExportJob>;
  /** The newest job that exported this tab's article (single), or the newest batch, or null. */
  exportJob: Message<{ tabId: number } | { kind: 'batch' }, ExportJob | null>;
  /** The tab's article (or the edited text) as Markdown with its images embedded as `data:` URIs, for the popup's clipboard. */
  inlineMarkdown: Message<{ tabId: number; selectionOnly: boolean; edited: string | null }, { markdown: string } & ImagesOutcome>;
  /**
   * Export articles of the library (their stored copies, with their live highlights) with the saved settings,
   * as a job; replies with it as it starts (follow it with `watchExportJobs`).
   */
  exportLibrary: Message<{ urls: string[] }, ExportJob>;
  /** The user's answer for a job that is `asking`. False when that job no longer waits. */
  answerConflict: Message<{ jobId: string; choice: ConflictChoice }, boolean>;
  /** 收藏到资料库: put the tab's article (default: the sender's) in the library without exporting it, 稍后读 when new. */
  collect: Message<{ tabId?: number }, LibraryOutcome>;
  /** Is the article in the library, and (`textHash` of the page's text given) has the page changed since it was kept? */
  libraryStatus: Message<{ url: string; textHash?: string }, LibraryStatus>;
  /** 更新资料库中的副本: keep the page's current copy instead of the stored one (state, saved date, exports kept). */
  updateSaved: Message<{ tabId?: number }, LibraryOutcome>;
  /** Mark an article in the library 稍后读 or 已读; its card, or null when it is not there. */
  libraryState: Message<{ url: string; state: 'later' | 'read' }, LibraryCard | null>;
}

/** What the offscreen document answers (Chrome: shell/blob-url.ts). */
export interface OffscreenProtocol {
  /** A blob URL of the file kept under `id` in IndexedDB, or null when there is none. */
  blobUrl: Message<{ id: string }, string | null>;
  /** Drop that URL and the file. */
  revokeBlobUrl: Message<{ id: string }, boolean>;
}

type Protocol = TabProtocol | BackgroundProtocol | OffscreenProtocol;
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
type To = 'tab' | 'background' | 'offscreen';
interface Envelope {
  to: To;
  type: string;
  data: unknown;
}

/** A handler that threw: its error crosses the channel as this, and is thrown again on the sender's side. */
interface Failure {
  messagingError: string;
}
const isFailure = (reply: unknown): reply is Failure => typeof reply === 'object' && reply !== null && typeof (reply as Failure).messagingError === 'string';

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

/** Sends `type` to the offscreen document. */
export async function sendToOffscreen<K extends keyof OffscreenProtocol>(
  type: K,
  ...[data]: DataArgs<Request<OffscreenProtocol, K>>
): Promise<Response<OffscreenProtocol, K>> {
  const envelope: Envelope = { to: 'offscreen', type, data };
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

/** The port over which the background tells every open page how its export jobs go. */
const jobsPort = 'export-jobs';

/** A page's side: `onJob` sees each job as it changes (every job, as long as the page is open); returns the disconnect. */
export function watchExportJobs(onJob: (job: ExportJob) => void): () => void {
  const port = browser.runtime.connect({ name: jobsPort });
  port.onMessage.addListener((job: unknown) => onJob(job as ExportJob));
  return () => port.disconnect();
}

/** The background's side: `publish(job)` reaches every page watching; `current()` is sent to a page as it connects. */
export function publishExportJobs(current: () => readonly ExportJob[]): (job: ExportJob) => void {
  const ports = new Set<Browser.runtime.Port>();
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== jobsPort) return;
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    for (const job of current()) port.postMessage(job);
  });
  return (job) => {
    for (const port of ports) port.postMessage(job);
  };
}

/** The offscreen document's side: answers every message of `OffscreenProtocol`. Returns the unsubscribe. */
export const serveOffscreen = (handlers: Handlers<OffscreenProtocol>): (() => void) =>
  serve('offscreen', handlers as unknown as Record<string, (data: unknown, sender: Sender) => unknown>);
