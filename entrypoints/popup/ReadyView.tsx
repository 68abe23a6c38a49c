import { useCallback, useEffect, useState } from 'preact/hooks';
import { ExportBar } from '../../components/ExportBar';
import { useNotice } from '../../components/useNotice';
import { MarkdownPreview } from '../../components/MarkdownPreview';
import { ArticleCard } from '../../components/ArticleCard';
import { t } from '../../shell/i18n';
import { sendToTab } from '../../shell/messaging';
import { useExportSettings } from '../../shell/use-export-settings';
import { asciiFilename, makeFilename } from '../../utils/markdown/filename';
import type { ExportSettings } from '../../utils/markdown/options';
import type { Article } from '../../utils/types';
import { copyText, downloadMarkdown } from './save';

export interface ReadyViewProps {
  article: Article;
  tabId: number;
  hasSelection: boolean;
}

// The Markdown code (turndown) loads after the card is on screen: the card does not wait for it. It parses
// with the page's own DOMParser, as the CLI with jsdom's: both write the same bytes.
let markdown: Promise<ReturnType<typeof import('../../utils/markdown').createMarkdown>> | null = null;
const markdownModule = () => (markdown ??= import('../../utils/markdown').then((m) => m.createMarkdown(new DOMParser())));

/**
 * The Markdown of `source` in `settings`: made just after the card has painted (null until then),
 * and at once by `now()` when an action needs it first.
 */
function useMarkdown(source: Article, settings: ExportSettings | null): [string | null, () => Promise<string>] {
  const [text, setText] = useState<string | null>(null);
  const now = useCallback(async () => (await markdownModule()).toMarkdown(source, settings!), [source, settings]);
  useEffect(() => {
    if (!settings) return;
    let current = true;
    setText(null);
    const timer = setTimeout(() => void now().then((markdown) => current && setText(markdown)));
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [now]);
  return [text, async () => text ?? now()];
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
  const [generated, markdownNow] = useMarkdown(source, settings);
  const text = async () => edited ?? (await markdownNow());

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
          text={edited ?? generated ?? ''}
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
            await downloadMarkdown(await text(), makeFilename(source, settings.filename), asciiFilename(source));
            flash(t('action.downloaded'));
          }}
          onCopy={async () => {
            await copyText(await text());
            flash(t('action.copied'));
          }}
        />
      )}
    </main>
  );
}
