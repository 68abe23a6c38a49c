import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ExportBar } from '../../components/ExportBar';
import { useNotice } from '../../components/useNotice';
import { MarkdownPreview } from '../../components/MarkdownPreview';
import { ArticleCard } from '../../components/ArticleCard';
import { HighlightList } from '../../components/HighlightList';
import type { ImageStatus } from '../../components/ImageReport';
import { outcomeText, savedPlace, t } from '../../shell/i18n';
import { sendToBackground, sendToTab, type HighlightsReport } from '../../shell/messaging';
import { getSavedRecord, watchSavedRecord, type SavedRecord } from '../../shell/saved';
import { exportSettings } from '../../shell/settings';
import { useSetting } from '../../shell/use-setting';
import { asciiFilename, makeFilename } from '../../utils/markdown/filename';
import type { ExportSettings } from '../../utils/markdown/options';
import type { RevealTarget } from '../../utils/page/reveal';
import type { Article } from '../../utils/types';
import type { ImagesOutcome } from '../../shell/messaging';
import { copyDiagnostic, fallbackLine } from './diagnostic';
import { allowFolder, jobImageStatus, useExportJob, useNotesFolder } from './jobs';
import type { LibraryStatus as LibraryStatusView } from './LibraryStatus';
import { copyText, downloadMarkdown } from './save';

export interface ReadyViewProps {
  article: Article;
  tabId: number;
  hasSelection: boolean;
}

// The Markdown code (turndown) loads after the card is on screen: the card does not wait for it. It parses
// with the page's own DOMParser, as the CLI with jsdom's: both write the same bytes.
/**
 * The card's library line, loaded after the card (it waits on the background's answer anyway): it keeps the
 * popup's JavaScript at open inside its budget.
 */
function LibraryStatus(props: Parameters<typeof LibraryStatusView>[0]) {
  const [View, setView] = useState<typeof LibraryStatusView | null>(null);
  useEffect(() => {
    let current = true;
    void import('./LibraryStatus').then((m) => current && setView(() => m.LibraryStatus));
    return () => {
      current = false;
    };
  }, []);
  return View ? <View {...props} /> : null;
}

let markdown: Promise<ReturnType<typeof import('../../utils/markdown').createMarkdown>> | null = null;
const markdownModule = () => (markdown ??= import('../../utils/markdown').then((m) => m.createMarkdown(new DOMParser())));

/** Where and when this article was last saved (null: never), kept up to date. */
function useSavedRecord(url: string): SavedRecord | null {
  const [record, setRecord] = useState<SavedRecord | null>(null);
  useEffect(() => {
    void getSavedRecord(url).then(setRecord);
    return watchSavedRecord(url, setRecord);
  }, [url]);
  return record;
}

const savedTime = (iso: string) =>
  new Intl.DateTimeFormat(document.documentElement.lang || 'zh-CN', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));


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

  const [job, startJob] = useExportJob({ tabId });
  const folder = useNotesFolder(settings?.destination === 'folder');
  const [folderAllowed, setFolderAllowed] = useState(false);
  const saved = useSavedRecord(article.url);

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

  const finished = job && (job.state === 'done' || job.state === 'failed') ? job.items[0]?.outcome : undefined;
  const jobText = job ? (finished ? outcomeText(finished) : job.state === 'running' ? t('save.running') : null) : null;
  const question = job?.state === 'asking' && job.question ? t('save.conflict', [`${job.question.folder}/${job.question.path}`]) : null;

  return (
    <div class="ready">
      {previewing ? (
        <MarkdownPreview
          title={article.title}
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
        <ArticleCard
          article={article}
          status={<LibraryStatus article={article} tabId={tabId} onNotice={flash} />}
          onReveal={reveal}
          onCopyDiagnostic={() =>
            void copyDiagnostic(article.url, article.readFrom.fallbacks.map(fallbackLine)).then(() => flash(t('action.copied')), (error) => flash(String(error)))
          }
        >
          {saved && (
            <p class="last-saved">
              {t('save.lastSaved', [savedPlace(saved.where, saved.folder, saved.path), savedTime(saved.savedAt)])}
            </p>
          )}
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
          notice={notice ?? jobText}
          images={settings.images}
          imageStatus={imageStatus ?? jobImageStatus(job)}
          destination={settings.destination}
          folder={folder && { name: folder.name, needsPermission: folder.permission === 'prompt' && !folderAllowed }}
          conflict={question}
          onConflict={(choice) => job && void sendToBackground('answerConflict', { jobId: job.id, choice })}
          onDestination={(destination) => void updateSettings({ destination })}
          onAllowFolder={() => void allowFolder().then((state) => setFolderAllowed(state === 'granted'))}
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
            // The background saves it (and goes on if the popup closes); a folder that wants permission again is asked here, from this click.
            if (settings.destination === 'folder') await allowFolder().catch(() => null);
            setImageStatus(null);
            await startJob({ kind: 'single', tabIds: [tabId], selectionOnly: source !== article, edited });
          }}
          onCopy={async () => {
            // `local` has no files on the clipboard: remote links (the bar says so)
            if (settings.images !== 'inline') {
              await copyText(await text());
              flash(t('action.copied'));
              return;
            }
            await withImageStatus(async () => {
              // Fetched, embedded and relinked in the background (one export flow); only the clipboard is the popup's.
              const { markdown, ...outcome } = await sendToBackground('inlineMarkdown', { tabId, selectionOnly: source !== article, edited });
              await copyText(markdown).catch(() => {
                throw new Error(t('images.copyFailed'));
              });
              return outcome;
            }, t('action.copied'));
          }}
        />
      )}
    </div>
  );
}
