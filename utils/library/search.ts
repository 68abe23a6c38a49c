/**
 * The library's full-text search: FlexSearch indexes (one per field of `searchFields`) fed with our own Chinese
 * terms (tokenize.ts), behind a small API the library page and the CLI share. Chosen by measuring (docs/evaluation.md,
 * "Library search"): of MiniSearch, FlexSearch and Orama it had the smallest index and the fastest queries.
 *
 * Memory is what decides the design: a body indexed by character pairs has ~2,000 distinct terms per article, so the
 * body index holds only the distinct pairs and whole words, the pairs hashed into buckets (no single characters, no
 * segmenter words, no word prefixes or suffixes, no positions): 138 MB of heap loaded at 8,000 articles. The library
 * page's index lives on disk (shell/library-search.ts) and keeps the same terms exact (`BodyTerms`). Article ids
 * are small integers (the URL is kept once, in `urls`), and FlexSearch's `fastupdate` register (a second reference
 * per posting) is off: a removal scans the index instead, which is rare (one article at a time).
 *
 * A hit is an article in which one field matches every clause of the query (tokenize.ts: the clauses any text that
 * contains the query matches); its `field` is the first such field in `searchFields` order, and that order ranks the hits.
 */
import { Index } from 'flexsearch';
import { firstMatchAt, normalize, normalizeWithMap } from './normalize';
import { isCjk, queryClauses, tokenize, type QueryClause } from './tokenize';
import { searchFields, type Passage, type SearchDoc, type SearchField, type SearchHit } from './types';

/** Joins terms handed to FlexSearch: it gets our terms as they are (its own encoder is replaced by a split). */
export const termSeparator = '\u0002';
const sep = termSeparator;
const format = 1;

/**
 * FlexSearch's options for our terms, for this in-memory index and the page's stored one (shell/library-search.ts):
 * every term as given, one score slot (the ranking is ours), no register of each id's postings, no cache.
 */
export const flexOptions = { tokenize: 'strict', resolution: 1, fastupdate: false, cache: false, encode: (s: string) => s.split(sep) } as const;

function newIndex(): Index {
  return new Index({ ...flexOptions });
}

/** The text of one field of a document, lists joined by a line break (a pair never spans two items). */
function fieldText(doc: SearchDoc, field: SearchField): string {
  const value = doc[field];
  return Array.isArray(value) ? value.join('\n') : value;
}

/**
 * Body terms go into this many buckets (a FlexSearch term per bucket, not per pair): the corpus has ~300,000 distinct
 * pairs, and each distinct term costs ~190 bytes of heap before its postings, so a term per pair alone took ~60 MB.
 * A bucket shared by a few pairs only adds candidates (a query's other pairs and `verify` remove them); it never
 * loses one.
 */
const bodyBuckets = 1 << 15;
const bucketMark = '\u0004';

/** Has the term a CJK character (tokenize.ts's)? Else it is a Latin word or a number. */
const hasCjk = (term: string) => [...term].some((ch) => isCjk(ch.codePointAt(0)!));

/**
 * The body index's term for a term: its bucket, or the term itself for a Latin word or a number (LTV, AARRR, 2024):
 * those are few (~6,000 in the corpus, 1.6% of the body's postings), and in a bucket shared with CJK pairs a rare
 * word had ten times as many candidates as articles containing it.
 */
function bodyTerm(term: string): string {
  if (!hasCjk(term)) return term;
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return bucketMark + ((h >>> 0) % bodyBuckets).toString(36);
}

/** A word's prefix or suffix term (tokenize.ts marks them with a control character): not kept for the body. */
const isAffix = (term: string) => term.charCodeAt(0) < 0x20;

/**
 * How the body's terms are kept: `bucketed` (the in-memory index, where each distinct term costs heap) or `exact`
 * (an index on disk, where a term per pair costs only a record: a two-character query then has no false candidate).
 */
export type BodyTerms = 'bucketed' | 'exact';
const bodyTermOf = (terms: BodyTerms) => (terms === 'bucketed' ? bodyTerm : (term: string) => term);

/**
 * The distinct terms of a field. The body: its pairs and whole words, bucketed unless `body` is `exact` (no word
 * prefixes or suffixes, no segmenter words). The short fields: every term, the segmenter words and every single CJK
 * character too.
 */
export function termsOf(doc: SearchDoc, field: SearchField, body: BodyTerms = 'bucketed'): string[] {
  const text = fieldText(doc, field);
  if (field === 'body')
    return [
      ...new Set(
        tokenize(text)
          .filter((t) => !isAffix(t))
          .map(bodyTermOf(body)),
      ),
    ];
  const terms = new Set(tokenize(text, { words: true }));
  for (const ch of normalize(text)) if (/\p{Script=Han}/u.test(ch)) terms.add(ch);
  return [...terms];
}

/** The index terms of the field to look up for one clause of a query (any of them matches the clause). */
export function lookupTerms(field: SearchField, clause: QueryClause, body: BodyTerms = 'bucketed'): string[] {
  return field === 'body' ? clause.filter((term) => !isAffix(term)).map(bodyTermOf(body)) : clause;
}

/** The ids in every one of `lists` (one list per clause); null when there is no clause. */
export function intersect(lists: Set<number>[]): Set<number> | null {
  let found: Set<number> | null = null;
  // the clause with the fewest articles first: the set only shrinks from there
  for (const ids of [...lists].sort((a, b) => a.size - b.size)) {
    if (found === null) found = new Set(ids);
    else for (const id of found) if (!ids.has(id)) found.delete(id);
    if (found.size === 0) break;
  }
  return found;
}

/**
 * The hits of the ids each field matched (in `searchFields` order): the best field decides the rank, every other
 * field that matched too adds a little; ties go to the newer id. `urlOf` gives an id's article (null for an id
 * no longer in use); an article under two ids (a stale one left behind) counts once.
 */
export function rankMatches(matches: ReadonlyMap<SearchField, Iterable<number>>, urlOf: (id: number) => string | null | undefined): SearchHit[] {
  const hits = new Map<string, SearchHit & { id: number }>();
  searchFields.forEach((field, rank) => {
    const tier = searchFields.length - rank;
    for (const id of matches.get(field) ?? []) {
      const url = urlOf(id);
      if (url === null || url === undefined) continue;
      const hit = hits.get(url);
      if (!hit) hits.set(url, { url, score: tier, field, id });
      else if (hit.id === id) hit.score += tier / 100;
    }
  });
  return [...hits.values()].sort((a, b) => b.score - a.score || b.id - a.id).map(({ url, score, field }) => ({ url, score, field }));
}

interface SearchOptions {
  /** At most this many hits (all by default). */
  limit?: number;
  /**
   * The document of a URL, when the caller holds them (the CLI does): each candidate is then checked, and kept only
   * when a field contains the query (normalised); its `field` is the first such field. Without it the hits are the
   * articles with a field that has every term of the query (all that contain it, and a few that only have its parts).
   */
  verify?: (url: string) => SearchDoc | undefined;
}

export interface LibraryIndex {
  /** Indexes the article, replacing what was indexed under its URL. `stamp`: any number the caller wants kept with it (e.g. when it was last written). */
  add(doc: SearchDoc, stamp?: number): void;
  remove(url: string): boolean;
  has(url: string): boolean;
  /** The stamp given to `add`, or undefined when the URL is not indexed. */
  stampOf(url: string): number | undefined;
  /** The URLs indexed, in no particular order. */
  urls(): string[];
  readonly size: number;
  search(query: string, options?: SearchOptions): SearchHit[];
  /** The whole index as one string (JSON), for `loadLibraryIndex`. */
  serialize(): string;
}

interface Serialized {
  format: number;
  urls: Array<string | null>;
  stamps: Array<number | null>;
  fields: Record<string, Record<string, string>>;
}

class FlexLibraryIndex implements LibraryIndex {
  private readonly indexes = new Map<SearchField, Index>(searchFields.map((f) => [f, newIndex()]));
  /** id -> URL; null for an id freed by a removal (ids are not reused, so a stale posting can never name another article). */
  private ids: Array<string | null> = [];
  private stamps: Array<number | null> = [];
  private readonly byUrl = new Map<string, number>();

  constructor(saved?: Serialized) {
    if (!saved) return;
    if (saved.format !== format) throw new Error(`library index: unknown format ${saved.format}`);
    this.ids = saved.urls;
    this.stamps = saved.stamps;
    this.ids.forEach((url, id) => {
      if (url !== null) this.byUrl.set(url, id);
    });
    for (const field of searchFields) {
      const index = this.indexes.get(field)!;
      for (const [key, data] of Object.entries(saved.fields[field] ?? {})) index.import(key, data);
    }
  }

  get size(): number {
    return this.byUrl.size;
  }

  has(url: string): boolean {
    return this.byUrl.has(url);
  }

  stampOf(url: string): number | undefined {
    const id = this.byUrl.get(url);
    return id === undefined ? undefined : (this.stamps[id] ?? undefined);
  }

  urls(): string[] {
    return [...this.byUrl.keys()];
  }

  add(doc: SearchDoc, stamp?: number): void {
    this.remove(doc.url);
    const id = this.ids.length;
    this.ids.push(doc.url);
    this.stamps.push(stamp ?? null);
    this.byUrl.set(doc.url, id);
    for (const field of searchFields) {
      const terms = termsOf(doc, field);
      if (terms.length) this.indexes.get(field)!.add(id, terms.join(sep));
    }
  }

  remove(url: string): boolean {
    const id = this.byUrl.get(url);
    if (id === undefined) return false;
    for (const index of this.indexes.values()) index.remove(id);
    this.byUrl.delete(url);
    this.ids[id] = null;
    this.stamps[id] = null;
    return true;
  }

  /** Ids of the field's articles that match every clause; null when the query has no clause. */
  private matching(field: SearchField, clauses: QueryClause[]): Set<number> | null {
    const index = this.indexes.get(field)!;
    const limit = this.ids.length + 1;
    return intersect(
      clauses.map((clause) => {
        const ids = new Set<number>();
        for (const term of lookupTerms(field, clause)) for (const id of index.search(term, { limit }) as number[]) ids.add(id);
        return ids;
      }),
    );
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const clauses = queryClauses(query);
    if (!clauses.length) return [];
    let found = rankMatches(new Map(searchFields.map((field) => [field, this.matching(field, clauses) ?? []])), (id) => this.ids[id]);
    if (options.verify) {
      const verify = options.verify;
      found = found
        .flatMap((hit) => {
          const doc = verify(hit.url);
          const verified = doc ? verifiedHit(doc, query) : null;
          return verified ? [verified] : [];
        })
        .sort((a, b) => b.score - a.score || this.byUrl.get(b.url)! - this.byUrl.get(a.url)!);
    }
    return options.limit === undefined ? found : found.slice(0, options.limit);
  }

  serialize(): string {
    const fields: Serialized['fields'] = {};
    for (const [field, index] of this.indexes) {
      const parts: Record<string, string> = {};
      index.export((key: string, data: string) => {
        if (data !== undefined && data !== null) parts[key] = data;
      });
      fields[field] = parts;
    }
    const saved: Serialized = { format, urls: this.ids, stamps: this.stamps, fields };
    return JSON.stringify(saved);
  }
}

export function createLibraryIndex(): LibraryIndex {
  return new FlexLibraryIndex();
}

/** An index from `serialize()`: searchable, and `add`/`remove` go on updating it. */
export function loadLibraryIndex(serialized: string): LibraryIndex {
  return new FlexLibraryIndex(JSON.parse(serialized) as Serialized);
}

/**
 * The normalised text of each field of a document, kept as long as the document object is (a page that keeps the
 * documents it read checks them again for the next query without normalising them again).
 */
const normalizedFields = new WeakMap<SearchDoc, Map<SearchField, string>>();
function normalizedField(doc: SearchDoc, field: SearchField): string {
  let fields = normalizedFields.get(doc);
  if (!fields) normalizedFields.set(doc, (fields = new Map()));
  let text = fields.get(field);
  if (text === undefined) fields.set(field, (text = normalize(fieldText(doc, field))));
  return text;
}

/** Ground truth: the fields whose normalised text contains the normalised query, in `searchFields` order. */
function containingFields(doc: SearchDoc, query: string): SearchField[] {
  const q = normalize(query);
  if (!q) return [];
  // A field that has the query as typed contains it normalised too (normalising never splits a match), and so does
  // one where `firstMatchAt` settles a match (AARRR typed, aarrr or Aarrr in the text): only the others are
  // normalised to be sure (a whole body takes ~0.5 ms, most of checking a candidate for a Latin query).
  return searchFields.filter((field) => {
    const text = fieldText(doc, field);
    return (q === query ? text.includes(q) : firstMatchAt(text, q) !== null) || normalizedField(doc, field).includes(q);
  });
}

/**
 * The hit `doc` really is for `query`, ranked by the fields that contain the query (after normalising), or
 * null when none does: what `verify` does to each candidate, for callers that read documents one by one.
 */
export function verifiedHit(doc: SearchDoc, query: string): SearchHit | null {
  const fields = containingFields(doc, query);
  const best = fields[0];
  if (!best) return null;
  const tiers = fields.map((f) => searchFields.length - searchFields.indexOf(f));
  return { url: doc.url, field: best, score: tiers[0]! + tiers.slice(1).reduce((sum, t) => sum + t / 100, 0) };
}

export function contains(doc: SearchDoc, query: string): boolean {
  return containingFields(doc, query).length > 0;
}

/** [start, end) of every occurrence of `needle` in `text`, not overlapping. */
function occurrences(text: string, needle: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let at = text.indexOf(needle); at >= 0 && needle; at = text.indexOf(needle, at + needle.length)) spans.push([at, at + needle.length]);
  return spans;
}

/**
 * The stretch of one field around the query's first match, at most about `maxChars` long (white space collapsed),
 * with every match in it marked. When the field does not contain the query as a whole, its space-separated parts
 * are marked, else its character pairs; when nothing is found, the field's start, unmarked.
 *
 * `scan`: 'quick' finds the first match in the text as it is when it can tell that is the first (normalize.ts
 * `firstMatchAt`) and normalises only the stretch shown; 'whole' normalises the whole field. Both give the same
 * passage (the tests hold them to it); a page makes 20 passages per query, and 'whole' took ~0.5 ms each.
 */
export function passageOf(doc: SearchDoc, field: SearchField, query: string, maxChars = 120, scan: 'quick' | 'whole' = 'quick'): Passage {
  const original = fieldText(doc, field);
  const q = normalize(query);
  const at = scan === 'quick' ? firstMatchAt(original, q) : null;
  if (at !== null) {
    const window = windowOf(original, [at, at + q.length], maxChars);
    const { text, from } = normalizeWithMap(original.slice(window.start, window.end));
    const marks = originalSpans(original, from, occurrences(text, q), window.start);
    return { field, text: window.text, marks: window.marksIn(marks) };
  }
  const { text, from } = normalizeWithMap(original);
  let spans = occurrences(text, q);
  if (!spans.length && q) {
    const parts = q.includes(' ') ? q.split(' ') : [...q].slice(0, -1).map((c, i) => c + [...q][i + 1]);
    spans = parts.flatMap((part) => occurrences(text, part)).sort((x, y) => x[0] - y[0]);
    // pairs overlap: merge touching spans
    spans = spans.reduce<Array<[number, number]>>((merged, span) => {
      const last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
      return merged;
    }, []);
  }
  const marks = originalSpans(original, from, spans, 0);
  const window = windowOf(original, marks[0], maxChars);
  return { field, text: window.text, marks: window.marksIn(marks) };
}

/** Spans of a normalised text (`from`: its map, of `original` from `offset` on) as spans of `original`. */
function originalSpans(original: string, from: readonly number[], spans: ReadonlyArray<[number, number]>, offset: number): Array<[number, number]> {
  return spans.map(([s, e]): [number, number] => {
    const last = offset + from[e - 1]!;
    return [offset + from[s]!, last + charWidth(original, last)];
  });
}

/**
 * The passage's stretch of `original`: from a little before `first` (from its sentence's or line's start when
 * that is inside), `maxChars` long with white space collapsed; `marksIn` turns spans of `original` inside it into
 * spans of its text.
 */
function windowOf(original: string, first: readonly [number, number] | undefined, maxChars: number) {
  let start = 0;
  if (first) {
    start = Math.max(0, first[0] - Math.floor(Math.max(0, maxChars - (first[1] - first[0])) / 3));
    // begin at the start of the sentence or line when it is inside the window
    const cut = Math.max(...['\n', '。', '！', '？', '；'].map((p) => original.lastIndexOf(p, first[0] - 1)));
    if (cut >= start) start = cut + 1;
  }
  // the window, white space collapsed; outFrom[k] = offset in `original` of out[k]
  let out = '';
  const outFrom: number[] = [];
  for (let i = start; i < original.length && out.length < maxChars; i++) {
    const ch = original[i]!;
    if (/\s/.test(ch)) {
      if (out !== '' && !out.endsWith(' ')) {
        out += ' ';
        outFrom.push(i);
      }
    } else {
      out += ch;
      outFrom.push(i);
    }
  }
  if (/[\ud800-\udbff]$/.test(out)) {
    out = out.slice(0, -1);
    outFrom.pop();
  }
  if (out.endsWith(' ')) {
    out = out.slice(0, -1);
    outFrom.pop();
  }
  const end = outFrom.length ? outFrom[outFrom.length - 1]! + 1 : start;
  const toOut = (offset: number) => {
    let k = 0;
    while (k < outFrom.length && outFrom[k]! < offset) k++;
    return k;
  };
  const marksIn = (marks: ReadonlyArray<[number, number]>) =>
    marks.filter(([s, e]) => s >= start && e <= end).map(([s, e]): [number, number] => [toOut(s), toOut(e)]);
  return { start, end, text: out, marksIn };
}

function charWidth(s: string, at: number): number {
  const cp = s.codePointAt(at);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
}
