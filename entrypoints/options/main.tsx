import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { OptionsForm } from '../../components/OptionsForm';
import { applyLanguage } from '../../shell/i18n';
import './style.css';

function Options() {
  const [language, setLanguage] = useState<string | null>(null);
  useEffect(() => void applyLanguage().then(setLanguage), []);
  if (!language) return null;
  document.documentElement.lang = language;
  // Keyed by language so that every string re-renders when it changes.
  return <OptionsForm key={language} onLanguage={setLanguage} />;
}

render(<Options />, document.getElementById('app')!);
