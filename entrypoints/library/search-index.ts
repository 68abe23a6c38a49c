/**
 * The library page's search: the index kept in IndexedDB (shell/library-search.ts), brought up to date per
 * article when the page opens and whenever the library or the highlights change (an article whose card or
 * highlights changed since the index recorded it is indexed again; a deleted one is dropped). Never rebuilt
 * from scratch unless nothing usable was saved. A query reads the postings of its terms from the database,
 * then checks its best candidates against the articles' text, only as many as are asked for. This page is
 * the only importer of the search code, so it loads nowhere else.
 */
import { deleteSearchEntry, getCardsAndTexts, getTexts } from '../../shell/library';
import { openStoredIndex, type StoredIndexOptions } from '../../shell/library-search';
import type { ArticleHighlights } from '../../utils/highlights';
import { planIndexUpdate, storedSearchDoc, versionOf } from '../../utils/library/index-plan';
import { passageOf, verifiedHit } from '../../utils/library/search';
import type { LibraryCard, Passage, SearchDoc, SearchHit } from '../../utils/library/types';

/** The index as the page kept it before it lived in IndexedDB (one serialized whole): dropped on opening. */
const formerEntry = 'library-page';
/** Candidates read at once to verify them (at most; the first batch). */
const verifyBatch = 25;
/** Documents kept read (see `docs`), with their normalised text (utils/library/search.ts): ~25 kB each. */
const keptDocs = 500;

export interface Found {
  hit: SearchHit;
  passage: Passage;
  /** The article's card as stored when it was found (the page may not have read the whole library yet). */
  card: LibraryCard;
}

/** What the last update did, for the page to tell (and the tests to read). */
export interface IndexUpdate {
  added: number;
  removed: number;
  /** False when the saved index was used; true when there was none (or it could not be read). */
  fresh: boolean;
}

export interface LibrarySearch {
  /**
   * Brings the index up to the library as it is now and saves it when anything changed. Asked again while an
   * update waits for its turn, that one takes the newer library, and both calls get its result.
   */
  update(cards: readonly LibraryCard[], highlights: ReadonlyMap<string, ArticleHighlights>): Promise<IndexUpdate>;
  /**
   * The articles matching `query`, best first, each with its matched passage: at most `limit` (checked against
   * their text, which is why it is asked for a screenful at a time), only those `accept` lets through (the
   * page's filters). `more`: whether there may be others past `limit`. `highlights`: the live ones, when the page has
   * read them (before the index's first update has been given them).
   */
  search(
    query: string,
    options?: { limit?: number; accept?: (url: string) => boolean; highlights?: ReadonlyMap<string, ArticleHighlights> },
  ): Promise<{ items: Found[]; more: boolean }>;
}

/** `options`: the stored index's (the page takes its defaults; the tests, smaller commits). */
export async function openLibrarySearch(options?: StoredIndexOptions): Promise<LibrarySearch> {
  const index = await openStoredIndex(options);
  void deleteSearchEntry(formerEntry).catch(() => undefined);
  let fresh = index.fresh;
  /** Settles when the index holds the library: at once, unless it is being built from nothing (then after the first update). */
  let builtNow: () => void = () => undefined;
  const built = fresh ? new Promise<void>((resolve) => (builtNow = resolve)) : Promise.resolve();
  /**
   * The documents read lately for a passage or a verification (the index keeps no text): at most `keptDocs`,
   * the oldest read dropped first, so that a library of thousands is not held in memory twice.
   */
  const docs = new Map<string, SearchDoc>();
  const remember = (doc: SearchDoc) => {
    docs.delete(doc.url);
    docs.set(doc.url, doc);
    if (docs.size > keptDocs) docs.delete(docs.keys().next().value!);
  };
  let highlightsNow: ReadonlyMap<string, ArticleHighlights> = new Map();
  /** Counts the updates that add or remove articles (a compaction re-adds them all): candidates found before one are not used after. */
  let epoch = 0;
  let lastCandidates: { query: string; epoch: number; hits: SearchHit[] } | null = null;
  // One update at a time: a second waits for the first, so two never index the same article at once.
  let queue: Promise<unknown> = Promise.resolve();
  /** The update waiting for its turn, if any, and the library it is to bring the index to (the newest asked for). */
  let waiting: Promise<IndexUpdate> | null = null;
  let latest: { cards: readonly LibraryCard[]; highlights: ReadonlyMap<string, ArticleHighlights> } | null = null;

  /**
   * The documents of `urls` with their cards as stored now (null for one no longer stored), in one read: the
   * documents not kept, and every card (cards are not kept: a card changes, 已读 for one, without its text).
   */
  async function docsOf(urls: readonly string[]): Promise<Array<{ doc: SearchDoc; card: LibraryCard } | null>> {
    const unread = urls.filter((url) => !docs.has(url));
    const { cards, texts } = await getCardsAndTexts(urls, unread);
    texts.forEach((text, i) => {
      if (text) remember(storedSearchDoc(text, highlightsNow.get(unread[i]!)));
    });
    return urls.map((url, i) => {
      const doc = docs.get(url);
      const card = cards[i];
      if (doc) remember(doc);
      return doc && card ? { doc, card } : null;
    });
  }

  /** The live highlights, and notes, as the documents read from now on have them. */
  function takeHighlights(highlights: ReadonlyMap<string, ArticleHighlights>) {
    if (highlights === highlightsNow) return;
    highlightsNow = highlights;
    docs.clear();
  }

  async function apply(cards: readonly LibraryCard[], highlights: ReadonlyMap<string, ArticleHighlights>): Promise<IndexUpdate> {
    takeHighlights(highlights);
    if (await index.compact()) fresh = true;
    const plan = planIndexUpdate(cards, (url) => highlights.get(url), index.versions);
    const byUrl = new Map(cards.map((c) => [c.url, c]));
    for (const url of [...plan.remove, ...plan.add]) docs.delete(url);
    if (plan.add.length || plan.remove.length) epoch++;
    for (const url of plan.remove) index.drop(url);
    let added = 0;
    // A build of thousands from nothing goes over the articles once for each part of the terms (see `put`).
    const parts = index.partsFor(plan.add.length);
    for (let part = 0; part < parts; part++) {
      // a slice at a time: the records read for it are let go before the next
      for (let at = 0; at < plan.add.length; at += 100) {
        const slice = plan.add.slice(at, at + 100);
        const texts = await getTexts(slice);
        for (const [i, text] of texts.entries()) {
          const url = slice[i]!;
          if (!text) {
            if (part === 0) index.drop(url);
          } else {
            const version = versionOf(byUrl.get(url)!, highlights.get(url));
            await index.put(storedSearchDoc(text, highlights.get(url)), version, { index: part, of: parts });
            if (part === 0) added++;
          }
        }
      }
      if (part < parts - 1) await index.flush();
    }
    if (added || plan.remove.length || fresh) await index.save();
    const update = { added, removed: plan.remove.length, fresh };
    fresh = false;
    return update;
  }

  return {
    update(cards, highlights) {
      latest = { cards, highlights };
      // An update already waiting for its turn takes this newer library instead: a burst of saves (a batch, a
      // restore) is indexed in one commit, not one per article (each rewrites the postings of every term it touches).
      if (waiting) return waiting;
      const next = queue.then(() => {
        const { cards, highlights } = latest!;
        latest = null;
        waiting = null;
        return apply(cards, highlights);
      });
      waiting = next;
      queue = next.catch(() => undefined);
      void queue.then(builtNow);
      return next;
    },
    async search(query, { limit = 20, accept = () => true, highlights } = {}) {
      if (highlights) takeHighlights(highlights);
      // User Timing marks of each query's steps (bench/library.ts reads them; DevTools shows them)
      performance.mark('library-search', { detail: query });
      // Not waiting for an update under way: the index as saved answers now (the page asks again once an update
      // changed it), except while it is built for the first time.
      await built;
      // The index gives candidates (a query's pairs can meet apart from each other): each is read and kept only
      // when one of its fields really contains the query, best candidates first, a batch at a time, until `limit`
      // are found.
      // the same query asked again (the page's second step: the rest of a screenful) takes the candidates it had
      if (lastCandidates?.query !== query || lastCandidates.epoch !== epoch) lastCandidates = { query, epoch, hits: await index.search(query) };
      const candidates = lastCandidates.hits.filter((candidate) => accept(candidate.url));
      performance.mark('library-search-candidates', { detail: candidates.length });
      const found: { hit: SearchHit; doc: SearchDoc; card: LibraryCard }[] = [];
      let at = 0;
      while (at < candidates.length && found.length < limit) {
        // after the first batch, about as many as the share found so far says are still needed (a few more)
        const size = at
          ? Math.min(verifyBatch, Math.ceil((limit - found.length) / Math.max(found.length / at, 0.25)) + 2)
          : Math.min(verifyBatch, Math.ceil(limit * 1.25) + 2);
        const batch = candidates.slice(at, at + size);
        at += batch.length;
        for (const read of await docsOf(batch.map((candidate) => candidate.url))) {
          const hit = read && verifiedHit(read.doc, query);
          if (read && hit) found.push({ hit, ...read });
        }
      }
      // the passages of those shown only
      const best = found.sort((a, b) => b.hit.score - a.hit.score).slice(0, limit);
      const items = best.map(({ hit, doc, card }): Found => ({ hit, card, passage: passageOf(doc, hit.field, query) }));
      performance.mark('library-search-checked', { detail: at });
      return { items, more: found.length > limit || at < candidates.length };
    },
  };
}
