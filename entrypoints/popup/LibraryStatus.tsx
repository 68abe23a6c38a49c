/**
 * The card's library line: 收藏到资料库 for an article not in the library; 已在资料库（收藏于 …） with the
 * 稍后读 / 已读 toggle for one that is; and, when the page's text changed since it was kept (its hash),
 * 更新资料库中的副本. The background does the work (it extracts from the tab, fetches images); the line
 * follows every change made anywhere (watchLibrary).
 */
import { useEffect, useState } from 'preact/hooks';
import { libraryFailureText, t } from '../../shell/i18n';
import { keepPersistent, watchLibrary } from '../../shell/library-changes';
import { sendToBackground, type LibraryStatus as Status } from '../../shell/messaging';
import { sha256 } from '../../shell/saved';
import type { ReadingState } from '../../utils/library/types';
import type { Article } from '../../utils/types';

const savedDate = (ms: number) => new Intl.DateTimeFormat(document.documentElement.lang || 'zh-CN', { dateStyle: 'medium' }).format(new Date(ms));

/** The article's library card as the background knows it (undefined: not asked yet), kept up to date. */
function useLibraryStatus(article: Article): Status | undefined {
  const [status, setStatus] = useState<Status | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const ask = () =>
      void sha256(article.text)
        .then((textHash) => sendToBackground('libraryStatus', { url: article.url, textHash }))
        .then(
          (next) => current && setStatus(next),
          () => current && setStatus(null),
        );
    ask();
    const unwatch = watchLibrary((change) => {
      if (change.kind === 'clear' || change.urls.includes(article.url)) ask();
    });
    return () => {
      current = false;
      unwatch();
    };
  }, [article]);
  return status;
}

export function LibraryStatus({ article, tabId, onNotice }: { article: Article; tabId: number; onNotice(text: string): void }) {
  const status = useLibraryStatus(article);
  const [busy, setBusy] = useState(false);

  async function run(action: 'collect' | 'updateSaved') {
    setBusy(true);
    try {
      const outcome = await sendToBackground(action, { tabId });
      if (!outcome.ok) return onNotice(libraryFailureText(outcome));
      keepPersistent(); // the background cannot ask: a page does, on the first save
      const images =
        outcome.images && outcome.images.saved < outcome.images.total ? ` · ${t('inLibrary.imagesSome', [outcome.images.saved, outcome.images.total])}` : '';
      onNotice((action === 'collect' ? t('inLibrary.collected') : t('inLibrary.updated')) + images);
    } catch (error) {
      onNotice(String(error));
    } finally {
      setBusy(false);
    }
  }

  const setState = (state: ReadingState) =>
    void sendToBackground('libraryState', { url: article.url, state }).catch((error: unknown) => onNotice(String(error)));

  if (status === undefined) return null;
  if (status === null)
    return (
      <div class="library-line">
        <button type="button" class="small" disabled={busy} onClick={() => void run('collect')}>
          {t('inLibrary.collect')}
        </button>
      </div>
    );
  return (
    <div class="library-line">
      <p class="in-library">{t('inLibrary.saved', [savedDate(status.savedAt)])}</p>
      <fieldset class="reading-state">
        <legend class="sr-only">{t('inLibrary.state')}</legend>
        {(['later', 'read'] as const).map((state) => (
          <button key={state} type="button" class="small" aria-pressed={status.state === state} onClick={() => status.state !== state && setState(state)}>
            {t(state === 'later' ? 'inLibrary.later' : 'inLibrary.read')}
          </button>
        ))}
      </fieldset>
      {status.changed && (
        <div class="library-changed">
          <p>{t('inLibrary.changed')}</p>
          <button type="button" class="small" disabled={busy} onClick={() => void run('updateSaved')}>
            {t('inLibrary.update')}
          </button>
        </div>
      )}
    </div>
  );
}
