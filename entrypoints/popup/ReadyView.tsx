import { useEffect, useMemo, useState } from 'preact/hooks';
import { ExportBar } from '../../components/ExportBar';
import { MarkdownPreview } from '../../components/MarkdownPreview';
import { ArticleCard } from '../../components/ArticleCard';
import { t } from '../../shell/i18n';
import { sendToTab } from '../../shell/messaging';
import { attributionSetting, filenameSetting, keyPointsSetting, leadSetting, templateSetting } from '../../shell/settings';
import { asciiFilename, createMarkdown, makeFilename, type Template } from '../../utils/markdown';
import type { Article } from '../../utils/types';
import { copyText, downloadMarkdown } from './save';

// The page's own parser, as the CLI passes jsdom's: both write the same bytes.
const { toMarkdown } = createMarkdown(new DOMParser());

export interface ReadyViewProps {
  article: Article;
  tabId: number;
  hasSelection: boolean;
}

/** The card, the export options and actions, and the editable preview. */
export function ReadyView({ article, tabId, hasSelection }: ReadyViewProps) {
  const [template, setTemplate] = useState<Template>('frontmatter');
  const [keyPoints, setKeyPoints] = useState(false);
  const [extras, setExtras] = useState({ lead: true, attribution: false });
  const [selectionOnly, setSelectionOnly] = useState(false);
  const [selection, setSelection] = useState<Article | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [edited, setEdited] = useState<string | null>(null);
  const [askReplace, setAskReplace] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [settingsLoaded, setSettingsLoaded] = useState(false);

  useEffect(() => {
    void Promise.all([templateSetting.getValue(), keyPointsSetting.getValue(), leadSetting.getValue(), attributionSetting.getValue()]).then(
      ([savedTemplate, savedKeyPoints, lead, attribution]) => {
        setTemplate(savedTemplate);
        setKeyPoints(savedKeyPoints);
        setExtras({ lead, attribution });
        setSettingsLoaded(true);
      },
    );
  }, []);

  const source = selectionOnly && selection ? selection : article;
  const generated = useMemo(
    () => toMarkdown(source, { template, keyPoints, ...extras }),
    [source, template, keyPoints, extras],
  );
  const text = edited ?? generated;

  const flash = (message: string) => {
    setNotice(message);
    setTimeout(() => setNotice((current) => (current === message ? null : current)), 2500);
  };
  /** An option changed: the preview follows, unless the user edited it (then ask first). */
  const optionChanged = () => {
    if (edited !== null) {
      setPreviewing(true);
      setAskReplace(true);
    }
  };

  return (
    <main class="ready">
      {previewing ? (
        <MarkdownPreview
          text={text}
          edited={edited !== null}
          askReplace={askReplace}
          onEdit={(value) => setEdited(value)}
          onReplace={() => {
            setEdited(null);
            setAskReplace(false);
          }}
          onKeep={() => setAskReplace(false)}
        />
      ) : (
        <ArticleCard article={article} onReveal={(target) => void sendToTab(tabId, 'reveal', target).catch(() => undefined)} />
      )}
      {settingsLoaded && (
        <ExportBar
          template={template}
          keyPoints={keyPoints}
          selectionOnly={hasSelection ? selectionOnly : null}
          previewing={previewing}
          notice={notice}
          onTemplate={(value) => {
            setTemplate(value);
            void templateSetting.setValue(value);
            optionChanged();
          }}
          onKeyPoints={(include) => {
            setKeyPoints(include);
            void keyPointsSetting.setValue(include);
            optionChanged();
          }}
          onSelectionOnly={async (only) => {
            if (only && !selection) {
              const reply = await sendToTab(tabId, 'extract', { selectionOnly: true });
              if (reply.ok) setSelection(reply.article);
            }
            setSelectionOnly(only);
            optionChanged();
          }}
          onTogglePreview={() => setPreviewing(!previewing)}
          onReader={() => void sendToTab(tabId, 'reader', { open: true }).then(() => window.close())}
          onDownload={async () => {
            await downloadMarkdown(text, makeFilename(source, await filenameSetting.getValue()), asciiFilename(source));
            flash(t('action.downloaded'));
          }}
          onCopy={async () => {
            await copyText(text);
            flash(t('action.copied'));
          }}
        />
      )}
    </main>
  );
}
