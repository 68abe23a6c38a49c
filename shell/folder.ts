/**
 * The user's notes folder (保存到文件夹, Chrome and Edge): the directory handle chosen once in Options
 * (`showDirectoryPicker`), kept in IndexedDB, where every page of the extension and its service worker
 * read it; the permission to write there; and whole-file writes into it.
 *
 * Firefox has no directory picker: there the same layout is written under Downloads (shell/sinks.ts).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { storage } from '@wxt-dev/storage';

/** The chosen folder: its handle, and whether it is an Obsidian vault (holds `.obsidian/`). */
export interface NotesFolder {
  handle: FileSystemDirectoryHandle;
  name: string;
  obsidian: boolean;
}

let db: Promise<IDBPDatabase> | null = null;
/** One small database for handles (structured clone keeps a FileSystemDirectoryHandle; storage.* cannot). */
const handles = () => (db ??= openDB('woshipm-reader-handles', 1, { upgrade: (d) => void d.createObjectStore('handles') }));
const folderKey = 'notes-folder';

/** Does the browser offer a folder picker in extension pages (Chrome and Edge; not Firefox)? */
export const canPickFolder = (): boolean => typeof (globalThis as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';

async function isVault(handle: FileSystemDirectoryHandle): Promise<boolean> {
  try {
    await handle.getDirectoryHandle('.obsidian');
    return true;
  } catch {
    return false;
  }
}

/** The chosen folder, or null before one is chosen. */
export async function getNotesFolder(): Promise<NotesFolder | null> {
  const handle = (await (await handles()).get('handles', folderKey)) as FileSystemDirectoryHandle | undefined;
  if (!handle) return null;
  return { handle, name: handle.name, obsidian: await isVault(handle).catch(() => false) };
}

/** Keeps `handle` as the notes folder (replacing any earlier one). */
async function setNotesFolder(handle: FileSystemDirectoryHandle): Promise<NotesFolder> {
  await (await handles()).put('handles', handle, folderKey);
  return { handle, name: handle.name, obsidian: await isVault(handle).catch(() => false) };
}

/** Forgets the chosen folder (删除全部数据). */
export const forgetNotesFolder = async (): Promise<void> => void (await (await handles()).delete('handles', folderKey));

/** Opens the browser's folder picker (from a click in Options); null when the user cancels it. */
export async function pickNotesFolder(): Promise<NotesFolder | null> {
  const picker = (globalThis as unknown as { showDirectoryPicker(o: object): Promise<FileSystemDirectoryHandle> }).showDirectoryPicker;
  try {
    return await setNotesFolder(await picker({ id: 'woshipm-notes', mode: 'readwrite' }));
  } catch (error) {
    if ((error as Error).name === 'AbortError' && /user aborted/i.test((error as Error).message)) return null;
    throw error;
  }
}

type Permission = 'granted' | 'prompt' | 'denied';
interface HandlePermissions {
  queryPermission(d: { mode: 'readwrite' }): Promise<Permission>;
  requestPermission(d: { mode: 'readwrite' }): Promise<Permission>;
}

/**
 * What the end-to-end tests' build may say instead of the browser (storage.session `e2e:permission`):
 * the states a test cannot make a real handle show (`prompt` after a restart, `denied`), with a count of the
 * requests made. Only in the `WXT_E2E=1` build; the shipped one always asks the handle.
 */
interface PermissionScript {
  query: Permission;
  /** The answer a request gets; it becomes the new `query`. */
  request: Permission;
  requests?: number;
}
const scripted = storage.defineItem<PermissionScript | null>('session:e2e:permission', { fallback: null });

/**
 * The permission to write into the folder: the one thin layer over the handle's `queryPermission` and
 * `requestPermission`. `request` needs a user's click (a page, never the service worker).
 */
export const folderAccess = {
  async query(handle: FileSystemDirectoryHandle): Promise<Permission> {
    if (import.meta.env.WXT_E2E === '1') {
      const script = await scripted.getValue();
      if (script) return script.query;
    }
    return (handle as unknown as HandlePermissions).queryPermission({ mode: 'readwrite' });
  },
  async request(handle: FileSystemDirectoryHandle): Promise<Permission> {
    if (import.meta.env.WXT_E2E === '1') {
      const script = await scripted.getValue();
      if (script) {
        await scripted.setValue({ ...script, query: script.request, requests: (script.requests ?? 0) + 1 });
        return script.request;
      }
    }
    return (handle as unknown as HandlePermissions).requestPermission({ mode: 'readwrite' });
  },
};

/** The folder that holds `path` (`a/b/c.md` -> a/b), made as needed. */
async function parentOf(root: FileSystemDirectoryHandle, path: string, create: boolean): Promise<{ dir: FileSystemDirectoryHandle; name: string }> {
  const parts = path.split('/').filter(Boolean);
  const name = parts.pop()!;
  let dir = root;
  for (const part of parts) dir = await dir.getDirectoryHandle(part, { create });
  return { dir, name };
}

/**
 * Writes `data` as the file at `path` (relative, `/`-separated) completely or not at all: a writable
 * commits on `close()`, so a failure half-way leaves the old file (or none) as it was.
 */
export async function writeWholeFile(root: FileSystemDirectoryHandle, path: string, data: Uint8Array | string): Promise<void> {
  const { dir, name } = await parentOf(root, path, true);
  const file = await dir.getFileHandle(name, { create: true });
  const writable = await file.createWritable();
  try {
    await writable.write(data as FileSystemWriteChunkType);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

/** The bytes of the file at `path`, or null when there is none (never written, or deleted by the user). */
export async function readFileAt(root: FileSystemDirectoryHandle, path: string): Promise<Uint8Array | null> {
  try {
    const { dir, name } = await parentOf(root, path, false);
    const file = await (await dir.getFileHandle(name)).getFile();
    return new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    if ((error as Error).name === 'NotFoundError' || (error as Error).name === 'TypeMismatchError') return null;
    throw error;
  }
}

/** Is there a file at `path`? (Its handle only: no bytes read.) */
export async function hasFileAt(root: FileSystemDirectoryHandle, path: string): Promise<boolean> {
  try {
    const { dir, name } = await parentOf(root, path, false);
    await dir.getFileHandle(name);
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotFoundError' || (error as Error).name === 'TypeMismatchError') return false;
    throw error;
  }
}
