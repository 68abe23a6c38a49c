import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../shell/i18n';
import { ExportBar } from '../../components/ExportBar';
import { StateView } from '../../components/StateView';
import { SummaryCard } from '../../components/SummaryCard';
import { filenameSetting, keyPointsSetting, templateSetting } from '../../shell/settings';
import { asciiFilename, makeFilename, toMarkdown, type Template } from '../../utils/markdown';
import { copyText, downloadMarkdown } from './save';
import { loadArticle, type PopupState } from './target';

export function App() {
  const [state, setState] = useState<PopupState>({ kind: 'loading' });
  const [template, setTemplate] = useState<Template>('frontmatter');
  const [keyPoints, setKeyPoints] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void templateSetting.getValue().then(setTemplate);
    void keyPointsSetting.getValue().then(setKeyPoints);
    void loadArticle(setState);
  }, []);

  const flash = (text: string) => {
    setNotice(text);
    setTimeout(() => setNotice((current) => (current === text ? null : current)), 2500);
  };

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
    case 'failed': {
      const diagnostic = `woshipm-reader ${browser.runtime.getManifest().version}\n${state.url}\n${state.error}`;
      return (
        <StateView tone="warn" title={t('state.failed.title')} hint={t('state.failed.hint')}>
          <button type="button" onClick={() => void loadArticle(setState)}>
            {t('action.retry')}
          </button>
          <button type="button" onClick={() => void copyText(diagnostic).then(() => flash(t('action.copied')))}>
            {t('action.copyDiagnostic')}
          </button>
          {notice && <p role="status">{notice}</p>}
        </StateView>
      );
    }
    case 'ready': {
      const { article } = state;
      const markdown = () => toMarkdown(article, { template, keyPoints });
      return (
        <main class="ready">
          <SummaryCard article={article} />
          <ExportBar
            template={template}
            keyPoints={keyPoints}
            notice={notice}
            onTemplate={(t) => {
              setTemplate(t);
              void templateSetting.setValue(t);
            }}
            onKeyPoints={(include) => {
              setKeyPoints(include);
              void keyPointsSetting.setValue(include);
            }}
            onDownload={async () => {
              await downloadMarkdown(markdown(), makeFilename(article, await filenameSetting.getValue()), asciiFilename(article));
              flash(t('action.downloaded'));
            }}
            onCopy={async () => {
              await copyText(markdown());
              flash(t('action.copied'));
            }}
          />
        </main>
      );
    }
  }
}
