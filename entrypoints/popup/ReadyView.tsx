import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ExportBar } from '../../components/ExportBar';
import { useNotice } from '../../components/useNotice';
import { MarkdownPreview } from '../../components/MarkdownPreview';
import { ArticleCard } from '../../components/ArticleCard';
import { HighlightList } from '../../components/HighlightList';
import type { ImageStatus } from '../../components/ImageReport';
import { t } from '../../shell/i18n';
import { sendToTab, type HighlightsReport } from '../../shell/messaging';
import { exportSettings } from '../../shell/settings';
import { useSetting } from '../../shell/use-setting';
import { asciiFilename, makeFilename } from '../../utils/markdown/filename';
import type { ExportSettings } from '../../utils/markdown/options';
import type { RevealTarget } from '../../utils/page/reveal';
import type { Article } from '../../utils/types';
import type { ImagesOutcome } from '../../shell/messaging';
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

// Images and zip: loaded by the first export that has them.
let images: Promise<typeof import('./images')> | null = null;
const imagesModule = () => (images ??= import('./images'));

/** The article's highlights as its page reports them (none when the page cannot say): as state, and as a promise. */
function useHighlights(tabId: number): [HighlightsReport | null, Promise<HighlightsReport>] {
  const [report, setReport] = useState<HighlightsReport | null>(null);
  const ready = useMemo(() => {
    const empty: HighlightsReport = { url: '', title: '', highlights: [], orphaned: [] };
    return sendToTab(tabId, 'highlights').catch(() => empty);
  }, [tabId]);
  useEffect(() => void ready.then(setReport), [ready]);
  return [report, ready];
}

type Render = (article: Article, settings: ExportSettings) => Promise<string>;

/**
 * The Markdown of `source` in `settings`: made just after the card has painted (null until then),
 * and at once by `now()` when an action needs it first.
 */
function useMarkdown(source: Article, settings: ExportSettings | null, render: Render): [string | null, () => Promise<string>] {
  const [text, setText] = useState<string | null>(null);
  const now = useCallback(async () => render(source, settings!), [source, settings, render]);
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
  const { value: settings, update: updateSettings, error: settingsError } = useSetting(exportSettings);
  const [selectionOnly, setSelectionOnly] = useState(false);
  const [selection, setSelection] = useState<Article | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [edited, setEdited] = useState<string | null>(null);
  const [askReplace, setAskReplace] = useState(false);
  const [notice, flash] = useNotice();
  const [imageStatus, setImageStatus] = useState<ImageStatus | null>(null);

  useEffect(() => void (settingsError && flash(t('options.saveFailed', [settingsError]))), [settingsError]);

  const [report, reportReady] = useHighlights(tabId);
  const source = selectionOnly && selection ? selection : article;
  // The whole article's export carries the highlights (==text== and notes), made by the page, which has the
  // highlights code (the popup's on-demand budget has no room for it); a selection's export has none.
  const whole = source === article;
  const render = useCallback<Render>(
    async (a, current) =>
      whole && (await reportReady).highlights.length
        ? sendToTab(tabId, 'renderMarkdown', { article: a, options: current })
        : (await markdownModule()).toMarkdown(a, current),
    [whole, reportReady, tabId],
  );
  const [generated, markdownNow] = useMarkdown(source, settings, render);
  const text = async () => edited ?? (await markdownNow());

  /** The parts of an export with images that do not depend on where it goes; progress shows as it runs. */
  const imagesRequest = (current: ExportSettings) => ({
    article: source,
    edited,
    render: (article: Article) => render(article, current),
    onProgress: (done: number, total: number) => setImageStatus({ kind: 'saving', done, total }),
  });
  /** Runs an export with images: progress, then its report; an error (not an image's, those are listed) as a notice. */
  async function withImageStatus(run: () => Promise<ImagesOutcome>, done: string) {
    setImageStatus({ kind: 'saving', done: 0, total: 0 });
    try {
      setImageStatus({ kind: 'done', ...(await run()) });
      flash(done);
    } catch (error) {
      setImageStatus(null);
      flash(String(error));
    }
  }

  /** An option changed: the preview follows, unless the user edited it (then ask first). */
  const optionChanged = (patch?: Partial<ExportSettings>) => {
    if (patch) void updateSettings(patch);
    if (edited !== null) {
      setPreviewing(true);
      setAskReplace(true);
    }
  };

  const reveal = (target: RevealTarget) => void sendToTab(tabId, 'reveal', target).catch(() => undefined);

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
        <ArticleCard article={article} onReveal={reveal}>
          {report && (
            <HighlightList
              highlights={report.highlights}
              orphaned={report.orphaned}
              section={settings?.highlightsSection ?? false}
              onSection={(highlightsSection) => optionChanged({ highlightsSection })}
              onReveal={(id) => reveal({ kind: 'highlight', id })}
              onExportOnly={async () => {
                if (!settings) return;
                const markdown = await sendToTab(tabId, 'renderMarkdown', { article, options: settings, only: 'highlights' });
                const filename = makeFilename(article, settings.filename).replace(/\.md$/, `${t('highlight.fileSuffix')}.md`);
                await downloadMarkdown(markdown, filename, asciiFilename(article).replace(/\.md$/, '-highlights.md'));
                flash(t('action.downloaded'));
              }}
            />
          )}
        </ArticleCard>
      )}
      {settings && (
        <ExportBar
          template={settings.template}
          keyPoints={settings.keyPoints}
          selectionOnly={hasSelection ? selectionOnly : null}
          previewing={previewing}
          notice={notice}
          images={settings.images}
          imageStatus={imageStatus}
          onImages={(images) => {
            setImageStatus(null);
            void updateSettings({ images });
          }}
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
            const filename = makeFilename(source, settings.filename);
            const mode = settings.images;
            if (mode === 'remote') {
              await downloadMarkdown(await text(), filename, asciiFilename(source));
              flash(t('action.downloaded'));
              return;
            }
            await withImageStatus(async () => {
              const request = { ...imagesRequest(settings), mode, folder: settings.assetsFolder };
              return (await imagesModule()).downloadWithImages(request, filename, asciiFilename(source));
            }, t('action.downloaded'));
          }}
          onCopy={async () => {
            // `local` has no files on the clipboard: remote links (the bar says so)
            if (settings.images !== 'inline') {
              await copyText(await text());
              flash(t('action.copied'));
              return;
            }
            await withImageStatus(async () => {
              const { markdown, ...outcome } = await (await imagesModule()).inlineMarkdown(imagesRequest(settings));
              await copyText(markdown).catch(() => {
                throw new Error(t('images.copyFailed'));
              });
              return outcome;
            }, t('action.copied'));
          }}
        />
      )}
    </main>
  );
}
