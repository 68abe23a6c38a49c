import { useLayoutEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { applyLanguage, t } from '../../shell/i18n';
import { StateView } from '../../components/StateView';
import { sendToBackground } from '../../shell/messaging';
import { useNotice } from '../../components/useNotice';
import { BatchExport } from './BatchExport';
import { ReadyView } from './ReadyView';
import { copyDiagnostic } from './diagnostic';
import { loadArticle, type PopupState } from './target';

export function App() {
  const [state, setState] = useState<PopupState>({ kind: 'loading' });
  const [notice, flash] = useNotice();

  const [languageReady, setLanguageReady] = useState(false);

  // A layout effect runs right after the first render, not a frame later: the requests start at once.
  useLayoutEffect(() => {
    // Both at once; nothing is shown until the strings are in the chosen language.
    void applyLanguage()
      .catch(() => 'zh-CN')
      .then((language) => {
        document.documentElement.lang = language;
        setLanguageReady(true);
      });
    void loadArticle(setState);
  }, []);

  if (!languageReady) return null;
  // One main landmark holds everything, the batch too (nothing outside a landmark).
  return (
    <main>
      {view(state)}
      {state.kind !== 'loading' && <BatchExport />}
      {state.kind !== 'loading' && (
        <p class="library-link">
          <button type="button" class="small" title={t('libraryPage.openHint')} onClick={() => void sendToBackground('openLibrary').then(() => window.close())}>
            {t('libraryPage.open')}
          </button>
        </p>
      )}
    </main>
  );

  /** What the popup shows for a state (called, not rendered as a component, so views keep their state). */
  function view(state: PopupState) {
    switch (state.kind) {
      case 'loading':
        return <StateView tone="busy" title={t('state.loading')} />;
      case 'not-woshipm':
        return <StateView tone="info" title={t('state.notWoshipm.title')} hint={t('state.notWoshipm.hint')} />;
      case 'not-article':
        return <StateView tone="info" title={t('state.notArticle.title')} hint={t('state.notArticle.hint')} />;
      case 'empty':
        return (
          <StateView tone="warn" title={t('state.empty.title')} hint={t('state.empty.hint')}>
            <button type="button" onClick={() => void loadArticle(setState)}>
              {t('action.retry')}
            </button>
          </StateView>
        );
      case 'no-script':
        return (
          <StateView tone="warn" title={t('state.noScript.title')} hint={t('state.noScript.hint')}>
            <button type="button" class="primary" onClick={() => void browser.tabs.reload(state.tabId).then(() => window.close())}>
              {t('action.reload')}
            </button>
          </StateView>
        );
      case 'failed':
        return (
          <StateView tone="warn" title={t('state.failed.title')} hint={t('state.failed.hint')}>
            <button type="button" onClick={() => void loadArticle(setState)}>
              {t('action.retry')}
            </button>
            <button type="button" onClick={() => void copyDiagnostic(state.url, [state.error]).then(() => flash(t('action.copied')))}>
              {t('action.copyDiagnostic')}
            </button>
            {notice && <p role="status">{notice}</p>}
          </StateView>
        );
      case 'ready':
        return <ReadyView article={state.article} tabId={state.tabId} hasSelection={state.hasSelection} />;
    }
  }
}
