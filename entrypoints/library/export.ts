/**
 * Export from the library page: one article, a selection or all, by their stored copies. The background
 * runs it as an export job (shell/jobs.ts `startLibraryExport`), where the saved settings say; the page
 * follows the job until it ends.
 */
import { sendToBackground, watchExportJobs, type ExportJob } from '../../shell/messaging';

const settled = (job: ExportJob) => job.state === 'done' || job.state === 'failed';
const tally = (job: ExportJob) => ({
  done: job.items.filter((i) => i.state === 'done').length,
  failed: job.items.filter((i) => i.state === 'failed').length,
});

/** Exports the library's articles `urls`; `onProgress` sees how many are finished. Resolves when the job ends. */
export async function exportFromLibrary(
  urls: readonly string[],
  onProgress?: (finished: number, total: number) => void,
): Promise<{ done: number; failed: number }> {
  let id: string | null = null;
  // Every job heard, by id: changes may come before the reply that names ours.
  const seen = new Map<string, ExportJob>();
  let finish: (job: ExportJob) => void = () => undefined;
  const ended = new Promise<ExportJob>((resolve) => (finish = resolve));
  const heard = (job: ExportJob) => {
    const { done, failed } = tally(job);
    onProgress?.(done + failed, job.items.length);
    if (settled(job)) finish(job);
  };
  // Watching before the job starts: none of its changes is missed.
  const stop = watchExportJobs((job) => {
    seen.set(job.id, job);
    if (job.id === id) heard(job);
  });
  try {
    const job = await sendToBackground('exportLibrary', { urls: [...urls] });
    id = job.id;
    heard(seen.get(id) ?? job);
    return tally(await ended);
  } finally {
    stop();
  }
}
