/**
 * The library as the page shows it: every card, the live highlights by article URL, the space used;
 * read again whenever the library (any page's change) or the highlights change. And deleting with
 * an undo: what was removed is kept until the toast goes away.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { listArticleHighlights, watchAllHighlights } from '../../shell/highlights';
import { t } from '../../shell/i18n';
import { deleteArticles, listCards, restoreArticles, setState, usage, type DeletedArticles } from '../../shell/library';
import { watchLibrary } from '../../shell/library-changes';
import type { ArticleHighlights } from '../../utils/highlights';
import type { LibraryCard, ReadingState } from '../../utils/library/types';

type Usage = Awaited<ReturnType<typeof usage>>;
export type LibraryState =
  | { kind: 'loading' }
  | { kind: 'failed'; error: string }
  | {
      kind: 'ready';
      cards: LibraryCard[];
      /** False while `cards` are only the newest (drawn first); the whole library follows. */
      complete: boolean;
      highlights: ReadonlyMap<string, ArticleHighlights>;
      /** Null until the whole library is read. */
      usage: Usage | null;
    };

/** Cards read first, before the whole library: a screenful and more (drawing 100 took ~30 ms, the rest follows at once). */
export const firstCards = 24;

export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `firstGoes`: awaited once the newest cards are drawn, before the whole library is read (what the page wants done
 * first: the search typed as it opened; reading thousands of cards would slow its reads down by half).
 */
export function useLibrary({ firstGoes }: { firstGoes?: () => Promise<unknown> } = {}) {
  const [state, setLibrary] = useState<LibraryState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    let reading: Promise<void> | null = null;
    let again = false;
    let first = true;
    // Changes in a burst (a selection deleted, a restore) are read once more after the read under way.
    const load = () => {
      if (reading) return void (again = true);
      reading = (async () => {
        try {
          // The first read draws the newest at once (the library's other reads would queue ahead of it), then
          // reads the whole library (for the filters and the index) and the space used.
          const [newest, list] = await Promise.all([first ? listCards(firstCards) : null, listArticleHighlights()]);
          const highlights = new Map(list.map((h) => [h.url, h]));
          if (newest) performance.mark('library-newest', { detail: newest.length });
          if (live && newest && newest.length === firstCards) {
            setLibrary({ kind: 'ready', cards: newest, complete: false, highlights, usage: null });
            // the newest drawn (and what that set off: a query typed as the box appeared) before the rest is read
            await new Promise((resolve) => setTimeout(resolve));
            await firstGoes?.();
          }
          first = false;
          const [cards, used] = await Promise.all([listCards(), usage()]);
          performance.mark('library-cards', { detail: cards.length });
          if (live) setLibrary({ kind: 'ready', cards, complete: true, highlights, usage: used });
        } catch (error) {
          if (live) setLibrary({ kind: 'failed', error: message(error) });
        }
        reading = null;
        if (again && live) {
          again = false;
          load();
        }
      })();
    };
    load();
    const unwatch = [watchLibrary(load), watchAllHighlights(load)];
    return () => {
      live = false;
      for (const stop of unwatch) stop();
    };
  }, []);
  return {
    state,
    setState: (url: string, next: ReadingState) => setState(url, next),
  };
}

/** How long 撤销 is offered after a delete. */
const undoFor = 10_000;

export function useUndo() {
  const [toast, setToast] = useState<{ text: string; restore?: () => Promise<void> } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = (text: string, restore?: () => Promise<void>) => {
    clearTimeout(timer.current);
    setToast({ text, restore });
    timer.current = setTimeout(() => setToast(null), restore ? undoFor : 3000);
  };
  async function remove(urls: readonly string[]): Promise<number> {
    let deleted: DeletedArticles;
    try {
      deleted = await deleteArticles(urls);
    } catch (error) {
      show(t('libraryPage.failed', [message(error)]));
      return 0;
    }
    const count = deleted.records.length;
    show(t('libraryPage.deleted', [count]), async () => {
      await restoreArticles(deleted);
      show(t('libraryPage.restored', [count]));
    });
    return count;
  }
  return { toast, remove, show };
}
