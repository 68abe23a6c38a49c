import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { OptionsForm } from './OptionsForm';
import { TranslateContext } from '../../components/i18n';
import { applyLanguage, t } from '../../shell/i18n';
import './style.css';

function Options() {
  const [language, setLanguage] = useState<string | null>(null);
  useEffect(() => void applyLanguage().then(setLanguage), []);
  if (!language) return null;
  document.documentElement.lang = language;
  // Keyed by language so that every string re-renders when it changes.
  return (
    <TranslateContext.Provider value={t}>
      <OptionsForm key={language} onLanguage={setLanguage} />
    </TranslateContext.Provider>
  );
}

render(<Options />, document.getElementById('app')!);
