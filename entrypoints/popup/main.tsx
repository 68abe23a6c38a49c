import { render } from 'preact';
import { TranslateContext } from '../../components/i18n';
import { t } from '../../shell/i18n';
import { App } from './App';
import './style.css';

// Components take their strings from the translator that knows the language pinned in the options.
render(
  <TranslateContext.Provider value={t}>
    <App />
  </TranslateContext.Provider>,
  document.getElementById('app')!,
);
