/**
 * The library page's search index, kept in IndexedDB by FlexSearch's own IndexedDB storage (a database of
 * its own, `flexsearch:library-search`): a query reads only the postings of its terms, so opening the page
 * loads nothing and a library of thousands answers at once. The terms, the query clauses and the ranking are
 * the core's (utils/library/search.ts), the same as the CLI's in-memory index.
 *
 * One FlexSearch index holds every field: a term is stored under its field's mark + the term. Article ids are
 * small integers, never reused: indexing an article again gives it a new id and leaves the old one's postings
 * behind, unnamed (FlexSearch's IndexedDB removal scans every term). What names the ids, and which version of
 * each article they hold, is the `Meta` in the library's `search` store, written after each commit; when the
 * stale ids outnumber the live ones the index is built again. A page closed between a commit and its meta
 * leaves postings under ids the meta will give out again: they can only add candidates, and every candidate
 * is checked against the article's text before it is shown.
 *
 * Imported by the library page only (entrypoints/library/search-index.ts).
 */
import { Index, IndexedDB } from 'flexsearch';
import type { IndexedVersion, IndexedVersions } from '../utils/library/index-plan';
import { flexOptions, intersect, lookupTerms, rankMatches, termSeparator, termsOf } from '../utils/library/search';
import { queryClauses } from '../utils/library/tokenize';
import { searchFields, type SearchDoc, type SearchField, type SearchHit } from '../utils/library/types';
import { getSearchEntry, putSearchEntry, storedIndexName } from './library';

const metaKey = 'stored-index';
/**
 * 3: the body's terms exact, not bucketed (an index of format 2 is built again). 4: the same index, its `Meta`
 * stored as `StoredMeta` (read back in a few ms instead of ~40 at 8,000 articles); a meta of format 3 is read as
 * it is and written as 4 at the next save.
 */
const format = 4;

interface Meta {
  /** id -> article URL; null for an id no longer in use. */
  urls: Array<string | null>;
  versions: IndexedVersions;
}

/** `Meta` as stored: the URLs as one JSON text, the versions as numbers by id (0 for an id no longer in use). */
interface StoredMeta {
  format: typeof format;
  urls: string;
  cards: Float64Array;
  highlights: Float64Array;
}

function storedMeta({ urls, versions }: Meta): StoredMeta {
  const cards = new Float64Array(urls.length);
  const highlights = new Float64Array(urls.length);
  urls.forEach((url, id) => {
    const version = url === null ? undefined : versions[url];
    if (version) [cards[id], highlights[id]] = [version.card, version.highlights];
  });
  return { format, urls: JSON.stringify(urls), cards, highlights };
}

/** The meta as saved, of this format or of format 3; null when there is none usable (the index is built again). */
function readMeta(stored: unknown): Meta | null {
  const meta = stored as (StoredMeta | { format: 3; urls: Meta['urls']; versions: IndexedVersions }) | null;
  if (meta?.format === 3) return { urls: meta.urls, versions: meta.versions };
  if (meta?.format !== format) return null;
  const urls = JSON.parse(meta.urls) as Meta['urls'];
  const { cards, highlights } = meta;
  let versions: IndexedVersions | null = null;
  return {
    urls,
    // Made when first asked for (by an update), not as the page opens: an object of 8,000 URLs takes 5 to 20 ms to
    // make, and a query needs none of it (docs/evaluation.md). Made from the ids as they are then.
    get versions() {
      if (!versions) {
        const made: IndexedVersions = {};
        urls.forEach((url, id) => {
          if (url !== null && id < cards.length) made[url] = { card: cards[id]!, highlights: highlights[id]! };
        });
        versions = made;
      }
      return versions;
    },
    set versions(next) {
      versions = next;
    },
  };
}

/** A field's mark: a private-use character before each of its terms. */
const mark = new Map<SearchField, string>(searchFields.map((field, i) => [field, String.fromCharCode(0xe000 + i)]));
const keyOf = (field: SearchField, term: string) => mark.get(field)! + term;

export interface StoredLibraryIndex {
  /** Which version of each article the index holds. */
  readonly versions: Readonly<IndexedVersions>;
  readonly size: number;
  /** True when the index was empty or unusable when opened (and so is being built from the start). */
  readonly fresh: boolean;
  /**
   * Empties the index when its stale ids outnumber the live ones (then `versions` is empty and every article
   * is to be indexed again); resolves with whether it did.
   */
  compact(): Promise<boolean>;
  /**
   * How many parts of the terms `count` articles are to be put in (see `put`): more than one only when the index
   * holds no article and `count` is more than a commit takes.
   */
  partsFor(count: number): number;
  /**
   * Indexes the article (replacing what was indexed of it). Its postings are written at the next `save`, or
   * when enough are pending (each commit costs a database request per term touched, ~300,000 for the corpus,
   * so commits are made in large batches).
   *
   * With `part` of more than one (a build in `partsFor` parts): only the article's terms of that part, part 0 giving
   * it its id and the later parts adding to it (an article not put in part 0 is left out); nothing is written before
   * `flush`.
   * Each part puts every article, and so each term's posting is written once, whole: a build in one part of
   * thousands of articles commits every `commitEvery` articles, and each commit rewrites the postings of the terms
   * it touches, keeping their old values in Chromium's undo log (docs/evaluation.md).
   */
  put(doc: SearchDoc, version: IndexedVersion, part?: { index: number; of: number }): Promise<void>;
  /** Drops the article from the index (written at the next `save`). */
  drop(url: string): void;
  /** Writes the postings pending, not which ids name which articles (`save` does): the end of a part but the last. */
  flush(): Promise<void>;
  /** Writes what is pending: the postings, then which ids name which articles. */
  save(): Promise<void>;
  /** `put` each of `add`, `drop` each of `remove`, then `save`. */
  update(add: ReadonlyArray<{ doc: SearchDoc; version: IndexedVersion }>, remove: readonly string[]): Promise<void>;
  /** The candidates for `query`: the articles with a field that has every clause of it, best first. */
  search(query: string): Promise<SearchHit[]>;
}

/** Articles put before a commit is made without waiting for `save` (their postings are held in memory until then). */
const defaultCommitEvery = 2000;

export interface StoredIndexOptions {
  /** `compact` empties the index only past this many stale ids (and more stale than live ones). */
  minStale?: number;
  /** Articles put before a commit (and so the articles a part of a build is for), 2,000 unless said. */
  commitEvery?: number;
}

/** Which of `parts` parts a term is in (FNV-1a of its key). */
function partOf(key: string, parts: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % parts;
}

export async function openStoredIndex({ minStale = 1000, commitEvery = defaultCommitEvery }: StoredIndexOptions = {}): Promise<StoredLibraryIndex> {
  const db = new IndexedDB(storedIndexName);
  const index = new Index({ ...flexOptions, commit: false });
  // read while FlexSearch opens its database (both wait for the browser to open the extension's store at first)
  const storedMetaRead = getSearchEntry<unknown>(metaKey).catch(() => null);
  performance.mark('library-index-open');
  await index.mount(db);
  performance.mark('library-index-mounted');
  let meta = readMeta(await storedMetaRead);
  performance.mark('library-index-meta');
  let fresh = false;
  if (!meta) {
    // nothing usable: start from an empty index
    await index.clear();
    meta = { urls: [], versions: {} };
    fresh = true;
  }
  const state: Meta = meta;
  const idOf = new Map<string, number>();
  state.urls.forEach((url, id) => {
    if (url !== null) idOf.set(url, id);
  });
  const stale = () => state.urls.length - idOf.size;

  const drop = (url: string): void => {
    const id = idOf.get(url);
    if (id !== undefined) state.urls[id] = null;
    idOf.delete(url);
    delete state.versions[url];
  };

  // FlexSearch closes its database when another page deletes it (删除全部数据): opened again when needed
  const ready = () => db.open();

  let pending = 0;
  async function save() {
    await ready();
    await index.commit();
    pending = 0;
    await putSearchEntry(metaKey, storedMeta(state));
  }

  async function put(doc: SearchDoc, version: IndexedVersion, part = { index: 0, of: 1 }) {
    let id = idOf.get(doc.url);
    if (part.index > 0) {
      if (id === undefined) return;
    } else {
      drop(doc.url);
      id = state.urls.length;
      state.urls.push(doc.url);
      idOf.set(doc.url, id);
      state.versions[doc.url] = version;
    }
    let terms = searchFields.flatMap((field) => termsOf(doc, field, 'exact').map((term) => keyOf(field, term)));
    if (part.of > 1) terms = terms.filter((key) => partOf(key, part.of) === part.index);
    // `append`: the id is new (or, in a later part, has none of these terms yet), so FlexSearch need not remove it
    // first (`add` would, scanning every term at commit)
    if (terms.length) index.append(id, terms.join(termSeparator));
    if (part.of === 1 && ++pending >= commitEvery) await save();
  }

  const partsFor = (count: number) => (idOf.size === 0 && count > commitEvery ? Math.ceil(count / commitEvery) : 1);

  async function flush() {
    await ready();
    await index.commit();
    pending = 0;
  }

  return {
    get versions() {
      return state.versions;
    },
    get size() {
      return idOf.size;
    },
    fresh,
    async compact() {
      if (stale() <= Math.max(minStale, idOf.size)) return false;
      await ready();
      await index.clear();
      state.urls = [];
      state.versions = {};
      idOf.clear();
      await putSearchEntry(metaKey, storedMeta(state));
      return true;
    },
    partsFor,
    put,
    drop,
    flush,
    save,
    async update(add, remove) {
      for (const url of remove) drop(url);
      const parts = partsFor(add.length);
      for (let index = 0; index < parts; index++) {
        for (const { doc, version } of add) await put(doc, version, { index, of: parts });
        if (index < parts - 1) await flush();
      }
      await save();
    },
    async search(query) {
      const clauses = queryClauses(query);
      if (!clauses.length) return [];
      await ready();
      const postings = (key: string) => index.search(key, { limit: state.urls.length + 1 }) as unknown as Promise<number[]>;
      const matches = new Map<SearchField, Set<number>>();
      await Promise.all(
        searchFields.map(async (field) => {
          const lists = await Promise.all(
            clauses.map(async (clause) => {
              const ids = new Set<number>();
              for (const found of await Promise.all(lookupTerms(field, clause, 'exact').map((term) => postings(keyOf(field, term)))))
                for (const id of found) ids.add(id);
              return ids;
            }),
          );
          matches.set(field, intersect(lists) ?? new Set());
        }),
      );
      return rankMatches(matches, (id) => (idOf.get(state.urls[id] ?? '') === id ? state.urls[id] : null));
    },
  };
}
