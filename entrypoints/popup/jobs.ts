/** The popup's view of export jobs: it starts them in the background and follows them over a port. */
import { useEffect, useState } from 'preact/hooks';
import type { ImageStatus } from '../../components/ImageReport';
import { folderAccess, getNotesFolder } from '../../shell/folder';
import { sendToBackground, watchExportJobs, type ExportJob, type ExportJobRequest } from '../../shell/messaging';

type Which = { tabId: number } | { kind: 'batch' };
const matches = (job: ExportJob, which: Which) => ('kind' in which ? job.kind === 'batch' : job.kind === 'single' && job.items[0]?.tabId === which.tabId);

/**
 * The newest job for `which` (this tab's article, or the batch), as the background reports it: the one
 * running or finished before the popup opened, then each change; `start` begins a new one.
 */
export function useExportJob(which: Which): [ExportJob | null, (request: ExportJobRequest) => Promise<ExportJob>] {
  const [job, setJob] = useState<ExportJob | null>(null);
  const key = JSON.stringify(which);
  useEffect(() => {
    let newest: ExportJob | null = null;
    const take = (next: ExportJob | null) => {
      if (!next || !matches(next, which)) return;
      if (newest && newest.id !== next.id && newest.startedAt > next.startedAt) return;
      newest = next;
      setJob(next);
    };
    const unwatch = watchExportJobs(take);
    void sendToBackground('exportJob', which).then(take, () => undefined);
    return unwatch;
  }, [key]);
  const start = async (request: ExportJobRequest) => {
    const started = await sendToBackground('startExport', request);
    setJob(started);
    return started;
  };
  return [job, start];
}

/** The image progress or report of a job, for ImageReport. */
export function jobImageStatus(job: ExportJob | null): ImageStatus | null {
  if (!job) return null;
  if (job.state === 'asking') return null; // the question is what shows then
  if (job.state === 'running') return job.images ? { kind: 'saving', ...job.images } : { kind: 'saving', done: 0, total: 0 };
  const outcome = job.items[0]?.outcome;
  if (job.kind !== 'single' || !outcome?.ok || !outcome.images) return null;
  return { kind: 'done', ...outcome.images };
}

/**
 * The notes folder's permission, asked for from this click where the browser wants it again (after a
 * restart it may say `prompt`; only a page can show the question, never the background). Resolves
 * with the state (null: no folder chosen, or a browser without one).
 */
export async function allowFolder(): Promise<'granted' | 'prompt' | 'denied' | null> {
  if (import.meta.env.FIREFOX) return null;
  const folder = await getNotesFolder();
  if (!folder) return null;
  const state = await folderAccess.query(folder.handle);
  return state === 'prompt' ? folderAccess.request(folder.handle) : state;
}

/** The notes folder's name and permission for the export bar (null: none chosen, or Firefox). */
export function useNotesFolder(active: boolean): { name: string; permission: 'granted' | 'prompt' | 'denied' } | null {
  const [folder, setFolder] = useState<{ name: string; permission: 'granted' | 'prompt' | 'denied' } | null>(null);
  useEffect(() => {
    if (!active || import.meta.env.FIREFOX) return void setFolder(null);
    void getNotesFolder()
      .then(async (f) => (f ? { name: f.name, permission: await folderAccess.query(f.handle) } : null))
      .then(setFolder, () => setFolder(null));
  }, [active]);
  return folder;
}
