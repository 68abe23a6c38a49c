import { useMemo, useState } from 'preact/hooks';
import { ExportBar } from '../../components/ExportBar';
import { useNotice } from '../../components/useNotice';
import { MarkdownPreview } from '../../components/MarkdownPreview';
import { ArticleCard } from '../../components/ArticleCard';
import { t } from '../../shell/i18n';
import { sendToTab } from '../../shell/messaging';
import { useExportSettings } from '../../shell/use-export-settings';
import { asciiFilename, makeFilename, toMarkdown } from '../../utils/markdown';
import type { ExportSettings } from '../../utils/markdown/options';
import type { Article } from '../../utils/types';
import { copyText, downloadMarkdown } from './save';

export interface ReadyViewProps {
  article: Article;
  tabId: number;
  hasSelection: boolean;
}

/** The card, the export options and actions, and the editable preview. */
export function ReadyView({ article, tabId, hasSelection }: ReadyViewProps) {
  const [settings, updateSettings] = useExportSettings();
  const [selectionOnly, setSelectionOnly] = useState(false);
  const [selection, setSelection] = useState<Article | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [edited, setEdited] = useState<string | null>(null);
  const [askReplace, setAskReplace] = useState(false);
  const [notice, flash] = useNotice();

  const source = selectionOnly && selection ? selection : article;
  const generated = useMemo(() => (settings ? toMarkdown(source, settings) : ''), [source, settings]);
  const text = edited ?? generated;

  /** An option changed: the preview follows, unless the user edited it (then ask first). */
  const optionChanged = (patch?: Partial<ExportSettings>) => {
    if (patch) void updateSettings(patch);
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
      {settings && (
        <ExportBar
          template={settings.template}
          keyPoints={settings.keyPoints}
          selectionOnly={hasSelection ? selectionOnly : null}
          previewing={previewing}
          notice={notice}
          onTemplate={(template) => optionChanged({ template })}
          onKeyPoints={(keyPoints) => optionChanged({ keyPoints })}
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
            await downloadMarkdown(text, makeFilename(source, settings.filename), asciiFilename(source));
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
