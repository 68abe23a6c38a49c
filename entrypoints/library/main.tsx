import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { TranslateContext } from '../../components/i18n';
import { applyLanguage, t } from '../../shell/i18n';
import { App, openSearch } from './App';
import { exposeForTests, hookOnly } from './test-hook';
import '../../components/reader/reader.css';
import '../../components/highlights/marks.css';
import './style.css';

performance.mark('library-script');

function Library() {
  const [language, setLanguage] = useState<string | null>(null);
  useEffect(
    () =>
      void applyLanguage()
        .catch(() => 'zh-CN')
        .then((language) => {
          performance.mark('library-language');
          setLanguage(language);
        }),
    [],
  );
  if (!language) return null;
  document.documentElement.lang = language;
  document.title = t('libraryPage.title');
  return (
    <TranslateContext.Provider value={t}>
      <App />
    </TranslateContext.Provider>
  );
}

if (import.meta.env.WXT_E2E === '1') exposeForTests();
if (import.meta.env.WXT_E2E !== '1' || !hookOnly()) {
  void openSearch().catch(() => undefined); // its failure is the first search's answer (App)
  render(<Library />, document.getElementById('app')!);
}
