import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
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
      return <StateView tone="busy" title={i18n.t('state.loading')} />;
    case 'not-woshipm':
      return <StateView tone="info" title={i18n.t('state.notWoshipm.title')} hint={i18n.t('state.notWoshipm.hint')} />;
    case 'not-article':
      return <StateView tone="info" title={i18n.t('state.notArticle.title')} hint={i18n.t('state.notArticle.hint')} />;
    case 'empty':
      return (
        <StateView tone="warn" title={i18n.t('state.empty.title')} hint={i18n.t('state.empty.hint')}>
          <button type="button" onClick={() => void loadArticle(setState)}>
            {i18n.t('action.retry')}
          </button>
        </StateView>
      );
    case 'no-script':
      return (
        <StateView tone="warn" title={i18n.t('state.noScript.title')} hint={i18n.t('state.noScript.hint')}>
          <button type="button" class="primary" onClick={() => void browser.tabs.reload(state.tabId).then(() => window.close())}>
            {i18n.t('action.reload')}
          </button>
        </StateView>
      );
    case 'failed': {
      const diagnostic = `woshipm-reader ${browser.runtime.getManifest().version}\n${state.url}\n${state.error}`;
      return (
        <StateView tone="warn" title={i18n.t('state.failed.title')} hint={i18n.t('state.failed.hint')}>
          <button type="button" onClick={() => void loadArticle(setState)}>
            {i18n.t('action.retry')}
          </button>
          <button type="button" onClick={() => void copyText(diagnostic).then(() => flash(i18n.t('action.copied')))}>
            {i18n.t('action.copyDiagnostic')}
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
              flash(i18n.t('action.downloaded'));
            }}
            onCopy={async () => {
              await copyText(markdown());
              flash(i18n.t('action.copied'));
            }}
          />
        </main>
      );
    }
  }
}
