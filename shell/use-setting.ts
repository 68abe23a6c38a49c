import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Setting } from './settings';

export interface SettingControl<T extends object> {
  /** null until read, then kept up to date (a change made in another page shows too). */
  value: T | null;
  /**
   * Shows `patch` at once and saves it: right away, or with `debounce` once the user has paused that
   * long (a text field: sync storage allows 120 writes a minute); `flush` saves a pending one now.
   */
  update(patch: Partial<T>, options?: { debounce?: number }): Promise<boolean>;
  flush(): Promise<boolean>;
  /** Why the last write was refused (quota, storage off), until a write succeeds. `update` and `flush` resolve false then. */
  error: string | null;
}

/** A settings group for a page of the extension (popup, options): its value, its updates, its write errors. */
export function useSetting<T extends object>(setting: Setting<T>): SettingControl<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // While our own changes wait or are being saved, their echoes would put back older values (a text field would jump).
  const busy = useRef(0);
  const pending = useRef<{ patch: Partial<T>; timer: ReturnType<typeof setTimeout>; done: Promise<boolean>; resolve(saved: boolean): void } | null>(null);

  useEffect(() => {
    void setting.get().then(setValue);
    return setting.watch((next) => busy.current === 0 && pending.current === null && setValue(next));
  }, [setting]);

  const save = useCallback(
    async (patch: Partial<T>): Promise<boolean> => {
      busy.current++;
      try {
        await setting.update(patch);
        setError(null);
        return true;
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
        setValue(await setting.get().catch(() => null)); // show what is really saved
        return false;
      } finally {
        busy.current--;
      }
    },
    [setting],
  );

  const flush = useCallback(async () => {
    const waiting = pending.current;
    if (!waiting) return true;
    pending.current = null;
    clearTimeout(waiting.timer);
    const saved = await save(waiting.patch);
    waiting.resolve(saved);
    return saved;
  }, [save]);

  const update = useCallback(
    async (patch: Partial<T>, options: { debounce?: number } = {}) => {
      setValue((current) => current && { ...current, ...patch });
      if (!options.debounce) {
        await flush();
        return save(patch);
      }
      const waiting = pending.current;
      if (waiting) clearTimeout(waiting.timer);
      let resolve = (_saved: boolean) => {};
      const done = waiting?.done ?? new Promise<boolean>((r) => (resolve = r));
      const next = {
        patch: { ...waiting?.patch, ...patch },
        done,
        resolve: waiting?.resolve ?? resolve,
        timer: setTimeout(() => void flush(), options.debounce),
      };
      pending.current = next;
      return done;
    },
    [flush, save],
  );

  // Leaving the page (or closing the popup) saves what is still waiting.
  useEffect(() => {
    const leave = () => void flush();
    addEventListener('pagehide', leave);
    return () => (removeEventListener('pagehide', leave), leave());
  }, [flush]);
  return { value, update, flush, error };
}
