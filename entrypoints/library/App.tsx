import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../shell/i18n';
import { applyFilter, facetsOf, isFiltered, newestFirst, noFilter, yearOf, type FacetValue, type LibraryFilter } from '../../utils/library/filters';
import type { ArticleHighlights } from '../../utils/highlights';
import type { LibraryCard, Passage } from '../../utils/library/types';
import { exportFromLibrary } from './export';
import type { LibraryReader as LibraryReaderView } from './LibraryReader';
import { message, useLibrary, useUndo } from './useLibrary';
import type { Found, LibrarySearch } from './search-index';
import { exposeSearchForTests } from './test-hook';

/** Rows drawn at first and added by 显示更多: a library of thousands opens without drawing them all. */
const pageRows = 100;
/** Search results checked and shown at first and added by 显示更多结果 (each is read and checked against its text). */
const resultRows = 20;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const megabytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** A passage with its hits in <mark>: built from text and offsets, never from HTML. */
function PassageText({ passage }: { passage: Passage }) {
  const parts: (string | preact.JSX.Element)[] = [];
  let at = 0;
  for (const [start, end] of passage.marks) {
    if (start < at) continue;
    parts.push(passage.text.slice(at, start));
    parts.push(<mark key={start}>{passage.text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(passage.text.slice(at));
  return (
    <p class="lib-passage">
      <span class="lib-field">{t(`libraryPage.field.${passage.field}`)}</span> {parts}
    </p>
  );
}

function FacetSelect({
  id,
  label,
  values,
  value,
  onChange,
}: {
  id: string;
  label: string;
  values: FacetValue[];
  value: string | null;
  onChange(v: string | null): void;
}) {
  return (
    <label class="lib-filter" for={id}>
      <span>{label}</span>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value || null)}>
        <option value="">{t('libraryPage.all')}</option>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label} ({v.count})
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The highlights while the library is read: one map, not a new one at each render (the search runs again when
 * the highlights change, and would run at every render while the page loads).
 */
const noHighlights: ReadonlyMap<string, ArticleHighlights> = new Map();

let opening: Promise<LibrarySearch> | null = null;
/**
 * The page's search index, opened once: called by the page's script as it starts (main.tsx), so that loading the
 * search code and opening its database run while the language and the first cards are read, not after.
 */
export function openSearch(): Promise<LibrarySearch> {
  opening ??= import('./search-index').then(async (m) => {
    const opened = await m.openLibrarySearch();
    if (import.meta.env.WXT_E2E === '1') exposeSearchForTests(opened);
    return opened;
  });
  return opening;
}

/** The results of a new query checked and drawn first, before the rest of `resultRows` (more than a window shows). */
const firstScreen = 8;

let readerCode: Promise<typeof LibraryReaderView> | null = null;
/**
 * The reader's code (the reader, its typography, the sanitizer of stored HTML: about half of the page's own script),
 * loaded once the library has been read or when an article is opened, whichever comes first, not before the page's
 * first results.
 */
const loadReader = () => {
  readerCode ??= import('./LibraryReader').then(
    (m) => m.LibraryReader,
    (error: unknown) => {
      readerCode = null;
      throw error;
    },
  );
  return readerCode;
};

/** How long the whole library's reading waits at most for the search typed as the page opened (see `useLibrary`). */
const firstSearchWait = 500;

export function App() {
  /** Settles when no search is running. */
  const searchIdle = useRef<Promise<void>>(Promise.resolve());
  const library = useLibrary({
    // bounded: a search waits for the index's first build, which needs the whole library
    firstGoes: () => Promise.race([searchIdle.current, new Promise((resolve) => setTimeout(resolve, firstSearchWait))]),
  });
  const [filter, setFilter] = useState<LibraryFilter>(noFilter);
  /** What the box shows, and what is searched: the same, except while an input method composes (its letters are not searched). */
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  /** `filling`: only a new query's first screenful so far, the rest of its results coming (see `run`). */
  const [found, setFound] = useState<{ query: string; items: Found[]; more: boolean; error?: string; filling?: boolean } | null>(null);
  /** The query whose results are shown (a run for it again, with more rows or a changed index, keeps them until it has its own). */
  const foundQuery = useRef<string | null>(null);
  const [rows, setRows] = useState(pageRows);
  const [results, setResults] = useState(resultRows);
  /** Counts the index updates that changed it: the query runs again after each. */
  const [indexed, setIndexed] = useState(0);
  const [opened, setOpened] = useState<string | null>(null);
  const [Reader, setReader] = useState<typeof LibraryReaderView | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [exporting, setExporting] = useState<string | null>(null);
  const undo = useUndo();
  /** The query in the box (an answer for another is not shown). */
  const latestQuery = useRef('');
  /**
   * One search at a time: one asked for while another runs waits for it, and only the latest asked waits (a key
   * typed during a search replaces the query typed before it), so results follow every key without piling up.
   */
  const searchRunning = useRef(false);
  const searchNext = useRef<(() => Promise<void>) | null>(null);

  const cards = library.state.kind === 'ready' ? library.state.cards : [];
  const highlights = library.state.kind === 'ready' ? library.state.highlights : noHighlights;
  /** Whether the whole library has been read (not only the newest cards). */
  const complete = library.state.kind === 'ready' && library.state.complete;
  const highlightCount = (url: string) => highlights.get(url)?.highlights.length ?? 0;

  // The index (`openSearch`, opened as the page's script starts: a query can run at once on what it holds), brought
  // up to date with the whole library, and with every change.
  useEffect(() => {
    if (library.state.kind !== 'ready') return;
    const { cards, highlights, complete } = library.state;
    if (!complete) return;
    void openSearch().then(async (s) => {
      const update = await s.update(cards, highlights);
      document.documentElement.dataset.searchIndex = JSON.stringify(update);
      if (update.added || update.removed) setIndexed((n) => n + 1);
    });
  }, [library.state]);

  // the reader's code once the whole library is read (so that opening an article does not wait for it), or at once
  // when one is opened before that; should it fail to load, the article is not opened and the page says why
  useEffect(() => {
    if (Reader || (!complete && opened === null)) return;
    void loadReader().then(
      (view) => setReader(() => view),
      (error: unknown) => {
        if (opened === null) return;
        setOpened(null);
        undo.show(t('libraryPage.failed', [message(error)]));
      },
    );
  }, [complete, opened, Reader]);

  const facets = useMemo(() => facetsOf(cards), [cards]);
  const byUrl = useMemo(() => new Map(cards.map((c) => [c.url, c])), [cards]);
  const kept = useMemo(() => new Set(applyFilter(cards, filter, highlightCount).map((c) => c.url)), [cards, filter, highlights]);
  const searching = query.trim() !== '';

  // Results as you type: the query runs at each key (and again when the index changes, or the filters or the
  // library once it is whole and filtered: before that, or unfiltered, every result the index gives is kept).
  const acceptKey = complete && isFiltered(filter) ? kept : null;
  // a layout effect: the search starts as the key is rendered, not a frame later (an effect waits for the paint)
  useLayoutEffect(() => {
    const q = query.trim();
    latestQuery.current = q;
    if (!q) {
      searchNext.current = null;
      foundQuery.current = null;
      setFound(null);
      return;
    }
    const accept = acceptKey ? (url: string) => acceptKey.has(url) : undefined;
    const run = async () => {
      // never throws (the loop below would stop): a failure, the index's opening too, is the answer
      try {
        const s = await openSearch();
        if (q !== latestQuery.current) return;
        // A query with nothing shown yet: a screenful is checked and drawn first (a third of the reads and drawing of
        // all the rows), then the rest of the rows, the index's candidates taken again as they were.
        if (foundQuery.current !== q && results > firstScreen) {
          const first = await s.search(q, { limit: firstScreen, accept, highlights });
          if (q !== latestQuery.current) return;
          foundQuery.current = q;
          setFound({ query: q, ...first, filling: first.more });
          if (!first.more) return;
        }
        const { items, more } = await s.search(q, { limit: results, accept, highlights });
        if (q !== latestQuery.current) return;
        foundQuery.current = q;
        setFound({ query: q, items, more });
      } catch (error) {
        if (q !== latestQuery.current) return;
        foundQuery.current = q;
        setFound({ query: q, items: [], more: false, error: message(error) });
      }
    };
    searchNext.current = run;
    if (searchRunning.current) return;
    searchRunning.current = true;
    searchIdle.current = (async () => {
      for (let next = searchNext.current; next; next = searchNext.current) {
        searchNext.current = null;
        await next();
      }
      searchRunning.current = false;
    })();
  }, [query, acceptKey, highlights, results, indexed]);

  const shown: { card: LibraryCard; passage?: Passage }[] = searching
    ? // before the whole library is read, a result's own card (the page's when it has it: that one is live)
      (found?.items ?? []).flatMap((f) =>
        !complete || (kept.has(f.hit.url) && byUrl.has(f.hit.url)) ? [{ card: byUrl.get(f.hit.url) ?? f.card, passage: f.passage }] : [],
      )
    : newestFirst(cards)
        .filter((c) => kept.has(c.url))
        .map((card) => ({ card }));

  // A new query or filter starts again from the first rows.
  useEffect(() => {
    setRows(pageRows);
    setResults(resultRows);
  }, [query, filter]);

  const set = (patch: Partial<LibraryFilter>) => setFilter({ ...filter, ...patch });
  const toggle = (url: string) => {
    const next = new Set(selected);
    if (next.has(url)) next.delete(url);
    else next.add(url);
    setSelected(next);
  };
  const visibleSelection = [...selected].filter((url) => byUrl.has(url));

  async function remove(urls: string[]) {
    const count = await undo.remove(urls);
    setSelected(new Set([...selected].filter((url) => !urls.includes(url))));
    return count;
  }
  async function runExport(urls: string[]) {
    setExporting(t('libraryPage.exporting', [0, urls.length]));
    const result = await exportFromLibrary(urls, (done, total) => setExporting(t('libraryPage.exporting', [done, total])));
    setExporting(t('libraryPage.exported', [result.done, result.failed]));
    return result;
  }
  const closeReader = () => {
    const url = opened;
    setOpened(null);
    // Back on the list, where the reader was opened from (the search and filters as they were).
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-open="${CSS.escape(url ?? '')}"]`)?.focus());
  };

  if (library.state.kind === 'failed')
    return (
      <main class="lib">
        <h1>{t('libraryPage.title')}</h1>
        <p role="alert">{t('libraryPage.failed', [library.state.error])}</p>
      </main>
    );
  // While the first cards are read the heading and the search box are there already: a query can be typed (and
  // searched) at once; the box goes only when the library turns out empty.
  const loading = library.state.kind === 'loading';
  // A query typed as the page opened shows its results as soon as they are found, before the newest cards are read
  // (they queue behind its reads): the filters and actions are drawn then too, disabled and empty, so that nothing
  // moves when the cards come.
  const listShown = !loading || (searching && found !== null);
  const usage = library.state.kind === 'ready' ? library.state.usage : null;

  return (
    <>
      <main class="lib" inert={opened !== null} aria-hidden={opened !== null ? 'true' : undefined}>
        <header class="lib-head">
          <h1>{t('libraryPage.title')}</h1>
          <p class="lib-usage">
            {usage === null
              ? ''
              : usage.usage === null
                ? t('libraryPage.usageUnknown', [usage.articles])
                : t('libraryPage.usage', [megabytes(usage.usage), usage.articles])}
          </p>
        </header>

        {(loading || cards.length > 0) && (
          <search class="lib-search">
            <label for="lib-query">{t('libraryPage.search')}</label>
            <input
              id="lib-query"
              type="search"
              value={typed}
              placeholder={t('libraryPage.searchPlaceholder')}
              autocomplete="off"
              onInput={(e) => {
                setTyped(e.currentTarget.value);
                if (!(e as unknown as InputEvent).isComposing) setQuery(e.currentTarget.value);
              }}
              onCompositionEnd={(e) => setQuery(e.currentTarget.value)}
            />
          </search>
        )}

        {!listShown ? null : !loading && cards.length === 0 ? (
          <section class="lib-empty" aria-labelledby="lib-empty-title">
            <h2 id="lib-empty-title">{t('libraryPage.emptyTitle')}</h2>
            <p>{t('libraryPage.emptyHint')}</p>
          </section>
        ) : (
          <>
            <fieldset class="lib-filters" disabled={loading}>
              <legend>{t('libraryPage.filters')}</legend>
              <FacetSelect
                id="lib-category"
                label={t('libraryPage.category')}
                values={facets.categories}
                value={filter.category}
                onChange={(category) => set({ category })}
              />
              <FacetSelect
                id="lib-author"
                label={t('libraryPage.author')}
                values={facets.authors}
                value={filter.author}
                onChange={(author) => set({ author })}
              />
              <FacetSelect id="lib-tag" label={t('libraryPage.tag')} values={facets.tags} value={filter.tag} onChange={(tag) => set({ tag })} />
              <FacetSelect id="lib-year" label={t('libraryPage.year')} values={facets.years} value={filter.year} onChange={(year) => set({ year })} />
              <label class="lib-filter" for="lib-state">
                <span>{t('libraryPage.state')}</span>
                <select id="lib-state" value={filter.state ?? ''} onChange={(e) => set({ state: (e.currentTarget.value || null) as LibraryFilter['state'] })}>
                  <option value="">{t('libraryPage.all')}</option>
                  <option value="later">{t('libraryPage.later')}</option>
                  <option value="read">{t('libraryPage.read')}</option>
                </select>
              </label>
              <label class="lib-check">
                <input type="checkbox" checked={filter.withHighlights} onChange={(e) => set({ withHighlights: e.currentTarget.checked })} />
                {t('libraryPage.withHighlights')}
              </label>
              {isFiltered(filter) && (
                <button type="button" onClick={() => setFilter(noFilter)}>
                  {t('libraryPage.clearFilters')}
                </button>
              )}
            </fieldset>

            <fieldset class="lib-actions" disabled={loading}>
              <legend>{t('libraryPage.selected', [visibleSelection.length])}</legend>
              <button type="button" disabled={!visibleSelection.length} onClick={() => void runExport(visibleSelection)}>
                {t('libraryPage.exportSelected')}
              </button>
              <button type="button" disabled={!visibleSelection.length} onClick={() => void remove(visibleSelection)}>
                {t('libraryPage.deleteSelected')}
              </button>
              <button type="button" onClick={() => void runExport(newestFirst(cards).map((c) => c.url))}>
                {t('libraryPage.exportAll')}
              </button>
              <span class="lib-status" role="status">
                {exporting}
              </span>
            </fieldset>

            <section
              class="lib-list"
              aria-labelledby="lib-list-title"
              aria-busy={searching && found?.filling ? 'true' : undefined}
              data-query={searching ? (found?.query ?? '') : undefined}
            >
              <h2 id="lib-list-title" aria-live="polite">
                {searching
                  ? !found || found.filling
                    ? t('libraryPage.searching')
                    : found.error !== undefined && found.query === query.trim()
                      ? t('libraryPage.failed', [found.error])
                      : found.query === query.trim() && shown.length === 0 && !found.more
                        ? t('libraryPage.noResults', [query.trim()])
                        : t(found?.more ? 'libraryPage.resultsMore' : 'libraryPage.results', [shown.length])
                  : complete
                    ? t('libraryPage.count', [shown.length])
                    : t('libraryPage.newest', [shown.length])}
              </h2>
              <ol class="lib-cards">
                {(searching ? shown : shown.slice(0, rows)).map(({ card, passage }, i) => (
                  <li key={card.url}>
                    <article class="lib-card" aria-labelledby={`lib-t-${i}`}>
                      <input
                        type="checkbox"
                        class="lib-select"
                        checked={selected.has(card.url)}
                        aria-label={t('libraryPage.select', [card.title])}
                        onChange={() => toggle(card.url)}
                      />
                      <div class="lib-card-main">
                        <h3 id={`lib-t-${i}`}>
                          <button type="button" class="lib-open" data-open={card.url} onClick={() => setOpened(card.url)}>
                            {card.title}
                          </button>
                        </h3>
                        <p class="lib-meta">
                          <span>{card.author}</span>
                          <span>{card.category.name ?? card.category.slug}</span>
                          <span>{card.published?.slice(0, 10) ?? (yearOf(card) || t('card.unknownDate'))}</span>
                          <span class={`lib-state ${card.state}`}>{t(card.state === 'read' ? 'libraryPage.read' : 'libraryPage.later')}</span>
                          {highlightCount(card.url) > 0 && <span class="lib-count">{t('libraryPage.highlights', [highlightCount(card.url)])}</span>}
                          <span>{t('libraryPage.savedAt', [day(card.savedAt)])}</span>
                        </p>
                        {passage && <PassageText passage={passage} />}
                      </div>
                      <div class="lib-card-actions">
                        <button type="button" onClick={() => void library.setState(card.url, card.state === 'read' ? 'later' : 'read')}>
                          {t(card.state === 'read' ? 'libraryPage.markLater' : 'libraryPage.markRead')}
                          <span class="sr-only">：{card.title}</span>
                        </button>
                        <button type="button" onClick={() => void runExport([card.url])}>
                          {t('libraryPage.export')}
                          <span class="sr-only">：{card.title}</span>
                        </button>
                        <button type="button" onClick={() => void remove([card.url])}>
                          {t('libraryPage.delete')}
                          <span class="sr-only">：{card.title}</span>
                        </button>
                      </div>
                    </article>
                  </li>
                ))}
              </ol>
              {searching && found?.more && !found.filling && (
                <button type="button" class="lib-more" onClick={() => setResults(results + resultRows)}>
                  {t('libraryPage.moreResults')}
                </button>
              )}
              {!searching && shown.length > rows && (
                <button type="button" class="lib-more" onClick={() => setRows(rows + pageRows)}>
                  {t('libraryPage.more', [shown.length - rows])}
                </button>
              )}
            </section>
          </>
        )}
      </main>
      <div class="lib-toast" role="status">
        {undo.toast && (
          <>
            <span>{undo.toast.text}</span>
            {undo.toast.restore && (
              <button type="button" onClick={() => void undo.toast!.restore!()}>
                {t('libraryPage.undo')}
              </button>
            )}
          </>
        )}
      </div>
      {opened && Reader && (
        <Reader
          url={opened}
          highlights={highlights.get(opened) ?? null}
          onClose={closeReader}
          onExport={async () => {
            const result = await runExport([opened]);
            return t('libraryPage.exported', [result.done, result.failed]);
          }}
        />
      )}
    </>
  );
}
