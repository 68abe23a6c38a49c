import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ExportSettings } from '../utils/markdown/options';
import { getExportSettings, updateExportSettings, watchExportSettings } from './settings';

/**
 * The export settings for a page of the extension (popup, options): null until read, then kept up
 * to date (a change made in another page shows too); `update` saves a change.
 */
export function useExportSettings(): [ExportSettings | null, (patch: Partial<ExportSettings>) => Promise<void>] {
  const [settings, setSettings] = useState<ExportSettings | null>(null);
  // While our own changes are being saved, their echoes would put back older values (a text field would jump).
  const saving = useRef(0);
  useEffect(() => {
    void getExportSettings().then(setSettings);
    return watchExportSettings((value) => saving.current === 0 && setSettings(value));
  }, []);
  const update = useCallback(async (patch: Partial<ExportSettings>) => {
    setSettings((current) => current && { ...current, ...patch });
    saving.current++;
    try {
      await updateExportSettings(patch);
    } finally {
      saving.current--;
    }
  }, []);
  return [settings, update];
}
