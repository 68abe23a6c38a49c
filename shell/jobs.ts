/**
 * Export jobs, run in the background: one article (popup, shortcut, menu, reader) or a batch of open
 * tabs. A job goes on when the popup that started it closes; every open page watching
 * (`watchExportJobs`) sees each change, a popup opened later gets the newest jobs, and the toolbar badge
 * says done or failed. The newest jobs are kept in session storage, so a service worker woken again
 * still knows how the last ones ended.
 */
import { browser } from 'wxt/browser';
import { storage } from '@wxt-dev/storage';
import type { ExportSettings } from '../utils/markdown/options';
import { articleTabs } from './batch';
import { batchZipName, exportArticle, exportTab, exportTabsToZip, type ExportContext } from './export';
import { storedArticle } from './library-export';
import { outcomeText } from './i18n';
import { recordExport } from './library-save';
import { publishExportJobs, type ConflictChoice, type ExportJob, type ExportJobRequest, type ExportOutcome, type JobItem } from './messaging';
import { exportSettings } from './settings';

const kept = storage.defineItem<ExportJob[]>('session:exportJobs', { fallback: [] });
/** Jobs kept for pages opened later: the newest of each tab, and batches. */
const keepAtMost = 20;

const jobs = new Map<string, ExportJob>();
/** A job that is `asking`: the answer resolves its question. */
const answers = new Map<string, (choice: ConflictChoice) => void>();
let publish: (job: ExportJob) => void = () => undefined;

/** Starts answering pages: call once, in the background. */
export async function serveExportJobs(): Promise<void> {
  publish = publishExportJobs(() => [...jobs.values()]);
  for (const job of await kept.getValue().catch(() => [])) if (!jobs.has(job.id)) jobs.set(job.id, orphaned(job));
}

/** A job the worker was stopped in the middle of (it does not survive that): said so, not left running. */
const orphaned = (job: ExportJob): ExportJob =>
  job.state === 'running' || job.state === 'asking'
    ? {
        ...job,
        state: 'failed',
        items: job.items.map((i) =>
          i.state === 'done' || i.state === 'failed' ? i : { ...i, state: 'failed', outcome: { ok: false, detail: 'interrupted' } },
        ),
      }
    : job;

function update(job: ExportJob, patch: Partial<ExportJob>): ExportJob {
  Object.assign(job, patch);
  publish(structuredClone(job));
  return job;
}

async function persist(): Promise<void> {
  const newest = [...jobs.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, keepAtMost);
  for (const job of jobs.values()) if (!newest.includes(job)) jobs.delete(job.id);
  await kept.setValue(newest).catch(() => undefined);
}

/** The newest job that exported `tabId`'s article alone, or the newest batch. */
export function latestJob(which: { tabId: number } | { kind: 'batch' }): ExportJob | null {
  const matching = [...jobs.values()].filter((job) => ('kind' in which ? job.kind === 'batch' : job.kind === 'single' && job.items[0]?.tabId === which.tabId));
  return matching.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0] ?? null;
}

/** The user's answer to a job's question; false when the job is not asking. */
export function answerConflict(jobId: string, choice: ConflictChoice): boolean {
  const answer = answers.get(jobId);
  if (!answer) return false;
  answers.delete(jobId);
  answer(choice);
  return true;
}

/** Shows the outcome on the toolbar icon for a moment. */
async function badge(tabId: number | undefined, ok: boolean, title: string) {
  const where = tabId === undefined ? {} : { tabId };
  await browser.action.setBadgeBackgroundColor({ ...where, color: ok ? '#1a7f37' : '#b42318' });
  await browser.action.setBadgeText({ ...where, text: ok ? '✓' : '!' });
  await browser.action.setTitle({ ...where, title });
  setTimeout(() => void browser.action.setBadgeText({ ...where, text: '' }).catch(() => undefined), 4000);
}

const newJob = (kind: ExportJob['kind'], items: JobItem[]): ExportJob => {
  const job: ExportJob = { id: crypto.randomUUID(), kind, state: 'running', items, startedAt: new Date().toISOString() };
  jobs.set(job.id, job);
  return job;
};

function finish(job: ExportJob): ExportJob {
  const failed = job.items.some((i) => i.state === 'failed' && !(i.outcome && !i.outcome.ok && i.outcome.cancelled));
  update(job, {
    state: failed && !job.items.some((i) => i.state === 'done') ? 'failed' : 'done',
    images: undefined,
    question: undefined,
    finishedAt: new Date().toISOString(),
  });
  void persist();
  return job;
}

function setItem(job: ExportJob, index: number, patch: Partial<JobItem>) {
  const items = job.items.map((item, i) => (i === index ? { ...item, ...patch } : item));
  update(job, { items });
}

/**
 * Records a finished export in the library (资料库), after the job has said done (the export does not wait on
 * it), then gives the item its outcome with `library` (a full library is then said). Resolves with that outcome.
 */
async function inLibrary(job: ExportJob, index: number, tabId: number, outcome: ExportOutcome): Promise<ExportOutcome> {
  if (!outcome.ok) return outcome;
  const kept = await recordExport(tabId, outcome);
  setItem(job, index, { outcome: kept });
  void persist();
  return kept;
}

/**
 * One article's export as a job. `interactive` (the popup started it): a changed file is asked about and
 * the job waits for the answer, even with the popup closed (reopened, it asks again); otherwise it is saved as a new file.
 */
function startSingle(
  tabId: number,
  title: string,
  options: { selectionOnly?: boolean; edited?: string | null; interactive: boolean; settings?: ExportSettings },
): { job: ExportJob; done: Promise<ExportOutcome> } {
  const job = newJob('single', [{ tabId, title, state: 'running' }]);
  const context: ExportContext = {
    selectionOnly: options.selectionOnly,
    edited: options.edited,
    onProgress: (done, total) => update(job, { images: { done, total } }),
    ask: options.interactive
      ? (path, folder) =>
          new Promise<ConflictChoice>((resolve) => {
            answers.set(job.id, resolve);
            update(job, { state: 'asking', question: { path, folder } });
          }).finally(() => update(job, { state: 'running', question: undefined }))
      : undefined,
  };
  publish(structuredClone(job));
  const done = (async () => {
    const outcome = await exportTab(tabId, options.settings ?? (await exportSettings.get()), context);
    setItem(job, 0, { state: outcome.ok ? 'done' : 'failed', outcome });
    finish(job);
    if (!(!outcome.ok && outcome.cancelled)) await badge(tabId, outcome.ok && !outcome.fallback, outcomeText(outcome)).catch(() => undefined);
    return inLibrary(job, 0, tabId, outcome);
  })();
  return { job, done };
}

/**
 * Every tab of `tabIds` exported with the saved settings: with destination `download` and images
 * `local`, all in one zip sharing one images folder; otherwise each article where the settings say
 * (a changed file is saved beside it under a new name, and the item says so).
 */
async function startBatch(tabIds: readonly number[]): Promise<{ job: ExportJob; done: Promise<ExportJob> }> {
  const titles = new Map((await articleTabs()).map((t) => [t.tabId, t.title]));
  const job = newJob(
    'batch',
    tabIds.map((tabId) => ({ tabId, title: titles.get(tabId) ?? '', state: 'waiting' })),
  );
  publish(structuredClone(job));
  const done = (async () => {
    const settings = await exportSettings.get();
    const recorded: Promise<unknown>[] = [];
    const report = (index: number, outcome: ExportOutcome) => {
      setItem(job, index, { state: outcome.ok ? 'done' : 'failed', outcome });
      recorded.push(inLibrary(job, index, tabIds[index]!, outcome));
    };
    if (settings.destination === 'download' && settings.images === 'local') {
      await exportTabsToZip(tabIds, settings, batchZipName(tabIds.length), report, (index, done, total) => {
        if (job.items[index]?.state === 'waiting') setItem(job, index, { state: 'running' });
        update(job, { images: { done, total } });
      });
    } else {
      for (const [index, tabId] of tabIds.entries()) {
        setItem(job, index, { state: 'running' });
        report(index, await exportTab(tabId, settings, { onProgress: (done, total) => update(job, { images: { done, total } }) }));
      }
    }
    finish(job);
    const ok = job.items.filter((i) => i.state === 'done').length;
    await badge(undefined, ok === job.items.length, `${ok}/${job.items.length}`).catch(() => undefined);
    await Promise.all(recorded);
    return job;
  })();
  return { job, done };
}

/**
 * Articles of the library exported from their stored copies with the saved settings, one after another,
 * each where the settings say (a changed file: saved beside it under a new name). Replies as the job starts.
 */
export async function startLibraryExport(urls: readonly string[]): Promise<ExportJob> {
  const stored = await Promise.all(urls.map((url) => storedArticle(url).catch(() => null)));
  const items = urls.map((url, i): JobItem => ({ tabId: -1, url, title: stored[i]?.title ?? url, state: 'waiting' }));
  const job = newJob(urls.length === 1 ? 'single' : 'batch', items);
  publish(structuredClone(job));
  void (async () => {
    const settings = await exportSettings.get();
    for (const [index, article] of stored.entries()) {
      setItem(job, index, { state: 'running' });
      const outcome: ExportOutcome = article
        ? await exportArticle(article.render, settings, {
            onProgress: (done, total) => update(job, { images: { done, total } }),
            keptImage: article.keptImage,
          })
        : { ok: false, detail: 'not in the library' };
      setItem(job, index, { state: outcome.ok ? 'done' : 'failed', outcome });
    }
    finish(job);
    const ok = job.items.filter((i) => i.state === 'done').length;
    await badge(undefined, ok === job.items.length, `${ok}/${job.items.length}`).catch(() => undefined);
  })();
  return structuredClone(job);
}

/** An export without the popup (shortcut, menu, the reader's button): the saved settings, a new file on a conflict. */
export async function exportTabWithBadge(tabId: number, selectionOnly = false): Promise<ExportOutcome> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return startSingle(tabId, tab?.title ?? '', { selectionOnly, interactive: false }).done;
}

/** What the popup asks: one article (interactive) or a batch. Replies as the job starts. */
export async function startFromPopup(request: ExportJobRequest): Promise<ExportJob> {
  const [tabId] = request.tabIds;
  if (request.kind === 'single' && tabId !== undefined) {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    return structuredClone(startSingle(tabId, tab?.title ?? '', { selectionOnly: request.selectionOnly, edited: request.edited, interactive: true }).job);
  }
  return structuredClone((await startBatch(request.tabIds)).job);
}
