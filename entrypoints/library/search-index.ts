/**
 * The library page's search: the index persisted in the library's `search` store, brought up to date
 * per article when the page opens and whenever the library or the highlights change (an article whose
 * card or highlights changed since the index recorded it is indexed again; a deleted one is removed),
 * then saved back. Never rebuilt from scratch unless nothing usable was saved. This page is the only
 * importer of the search code, so it loads nowhere else.
 */
import { getRecord, getSearchEntry, putSearchEntry } from '../../shell/library';
import type { ArticleHighlights } from '../../utils/highlights';
import { planIndexUpdate, storedSearchDoc, versionOf, type IndexedVersions } from '../../utils/library/index-plan';
import { createLibraryIndex, loadLibraryIndex, passageOf, verifiedHit, type LibraryIndex } from '../../utils/library/search';
import type { LibraryCard, Passage, SearchDoc, SearchHit } from '../../utils/library/types';

/** The `search` store's entry: the serialized index and which version of each article it holds. */
interface Persisted {
  index: string;
  versions: IndexedVersions;
}
const entryKey = 'library-page';
/** Candidates read at once to verify them. */
const verifyBatch = 25;
/** Documents kept read (see `docs`). */
const keptDocs = 300;

export interface Found {
  hit: SearchHit;
  passage: Passage;
}

/** What the last update did, for the page to tell (and the tests to read). */
export interface IndexUpdate {
  added: number;
  removed: number;
  /** False when the saved index was used; true when there was none (or it could not be read). */
  fresh: boolean;
}

export interface LibrarySearch {
  /** Brings the index up to the library as it is now and saves it when anything changed. */
  update(cards: readonly LibraryCard[], highlights: ReadonlyMap<string, ArticleHighlights>): Promise<IndexUpdate>;
  /** The articles matching `query`, best first, each with its matched passage (at most `limit`). */
  search(query: string, limit?: number): Promise<Found[]>;
}

export async function openLibrarySearch(): Promise<LibrarySearch> {
  const saved = await getSearchEntry<Persisted>(entryKey).catch(() => null);
  let index: LibraryIndex;
  let versions: IndexedVersions = {};
  let fresh = false;
  try {
    if (!saved) throw new Error('no saved index');
    index = loadLibraryIndex(saved.index);
    versions = { ...saved.versions };
  } catch {
    index = createLibraryIndex();
    fresh = true;
  }
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
  // One update at a time: a second waits for the first, so two never index the same article at once.
  let queue: Promise<unknown> = Promise.resolve();

  async function docOf(url: string): Promise<SearchDoc | null> {
    const known = docs.get(url);
    if (known) {
      remember(known);
      return known;
    }
    const record = await getRecord(url);
    if (!record) return null;
    const doc = storedSearchDoc(record, highlightsNow.get(url));
    remember(doc);
    return doc;
  }

  async function apply(cards: readonly LibraryCard[], highlights: ReadonlyMap<string, ArticleHighlights>): Promise<IndexUpdate> {
    highlightsNow = highlights;
    const plan = planIndexUpdate(cards, (url) => highlights.get(url), versions);
    const byUrl = new Map(cards.map((c) => [c.url, c]));
    for (const url of plan.remove) {
      index.remove(url);
      delete versions[url];
      docs.delete(url);
    }
    let added = 0;
    for (const url of plan.add) {
      const record = await getRecord(url);
      delete versions[url];
      docs.delete(url);
      if (!record) {
        index.remove(url);
        continue;
      }
      const doc = storedSearchDoc(record, highlights.get(url));
      index.add(doc);
      versions[url] = versionOf(byUrl.get(url)!, highlights.get(url));
      added++;
    }
    const changed = added > 0 || plan.remove.length > 0 || fresh;
    if (changed) await putSearchEntry(entryKey, { index: index.serialize(), versions } satisfies Persisted).catch(() => undefined);
    const update = { added, removed: plan.remove.length, fresh };
    fresh = false;
    return update;
  }

  return {
    update(cards, highlights) {
      const next = queue.then(() => apply(cards, highlights));
      queue = next.catch(() => undefined);
      return next;
    },
    async search(query, limit = 50) {
      await queue;
      // The index gives candidates (pairs can meet apart from each other, and body pairs share buckets):
      // each is read and kept only when one of its fields really contains the query, best candidates first,
      // a batch at a time, until `limit` are found.
      const candidates = index.search(query);
      const found: Found[] = [];
      for (let at = 0; at < candidates.length && found.length < limit; at += verifyBatch) {
        const batch = candidates.slice(at, at + verifyBatch);
        const read = await Promise.all(batch.map((candidate) => docOf(candidate.url)));
        read.forEach((doc) => {
          const hit = doc && verifiedHit(doc, query);
          if (doc && hit) found.push({ hit, passage: passageOf(doc, hit.field, query) });
        });
      }
      return found.sort((a, b) => b.hit.score - a.hit.score).slice(0, limit);
    },
  };
}
