import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { HighlightsLibrary } from './HighlightsLibrary';
import { OptionsForm } from './OptionsForm';
import { TranslateContext } from '../../components/i18n';
import { applyLanguage, t } from '../../shell/i18n';
import './style.css';

function Options() {
  const [language, setLanguage] = useState<string | null>(null);
  const [cleared, setCleared] = useState(0); // after 删除全部数据 the form shows the defaults again
  useEffect(() => void applyLanguage().then(setLanguage), []);
  if (!language) return null;
  document.documentElement.lang = language;
  // Keyed by language so that every string re-renders when it changes.
  return (
    <TranslateContext.Provider value={t}>
      <OptionsForm key={`${language}-${cleared}`} onLanguage={setLanguage} />
      <HighlightsLibrary key={`library-${language}`} onDeletedAll={() => setCleared(cleared + 1)} />
    </TranslateContext.Provider>
  );
}

render(<Options />, document.getElementById('app')!);

// The end-to-end tests' build only (the shipped build drops it): the library backup's functions for
// tests/e2e/library-backup.e2e.ts, which backs up from one profile and restores into another.
if (import.meta.env.WXT_E2E === '1') void import('../../shell/library-backup').then((backup) => Object.assign(globalThis, { woshipmLibraryBackup: backup }));
