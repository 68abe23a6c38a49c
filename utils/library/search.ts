/**
 * The library's full-text search: FlexSearch indexes (one per field of `searchFields`) fed with our own Chinese
 * terms (tokenize.ts), behind a small API the library page and the CLI share. Chosen by measuring (docs/evaluation.md,
 * "Library search"): of MiniSearch, FlexSearch and Orama it was the only one within the memory budget at 8,000
 * articles, and the fastest.
 *
 * Memory is what decides the design: a body indexed by character pairs has ~2,000 distinct terms per article, so the
 * body index holds only the distinct pairs (no single characters, no segmenter words, no positions), article ids
 * are small integers (the URL is kept once, in `urls`), and FlexSearch's `fastupdate` register (a second reference
 * per posting) is off: a removal scans the index instead, which is rare (one article at a time).
 *
 * A hit is an article in which one field matches every clause of the query (tokenize.ts: the clauses any text that
 * contains the query matches); its `field` is the first such field in `searchFields` order, and that order ranks the hits.
 */
import { Index } from 'flexsearch';
import { normalize, normalizeWithMap } from './normalize';
import { queryClauses, tokenize, type QueryClause } from './tokenize';
import { searchFields, type Passage, type SearchDoc, type SearchField, type SearchHit } from './types';

/** Joins terms handed to FlexSearch: it gets our terms as they are (its own encoder is replaced by a split). */
const sep = '\u0002';
const format = 1;

function newIndex(): Index {
  return new Index({ tokenize: 'strict', resolution: 1, fastupdate: false, cache: false, encode: (s: string) => s.split(sep) });
}

/** The text of one field of a document, lists joined by a line break (a pair never spans two items). */
export function fieldText(doc: SearchDoc, field: SearchField): string {
  const value = doc[field];
  return Array.isArray(value) ? value.join('\n') : value;
}

/**
 * Body pairs of two CJK characters go into this many buckets (a term per bucket, not per pair): the corpus has ~300,000
 * distinct pairs, and each distinct term costs ~190 bytes of heap before its postings, so a term per pair alone took
 * ~60 MB. A bucket shared by a few pairs only adds candidates (a query's other pairs and `verify` remove them); it
 * never loses one.
 */
const bodyBuckets = 1 << 16;
const bucketMark = '\u0004';

function isCjkPair(term: string): boolean {
  return term.length === 2 && term.charCodeAt(0) >= 0x3040 && term.charCodeAt(1) >= 0x3040 && term.charCodeAt(0) < 0xd800 && term.charCodeAt(1) < 0xd800;
}

/** The body index's term for a term: the bucket of a CJK pair, any other term as it is. */
function bodyTerm(term: string): string {
  if (!isCjkPair(term)) return term;
  const h = (Math.imul(term.charCodeAt(0), 0x9e3779b1) ^ Math.imul(term.charCodeAt(1), 0x85ebca77)) >>> 0;
  return bucketMark + ((h ^ (h >>> 16)) % bodyBuckets).toString(36);
}

/** The distinct terms of a field: pairs (bucketed) only for the body; words and every single character too for the short fields. */
function termsOf(doc: SearchDoc, field: SearchField): string[] {
  const text = fieldText(doc, field);
  if (field === 'body') return [...new Set(tokenize(text).map(bodyTerm))];
  const terms = new Set(tokenize(text, { words: true }));
  for (const ch of normalize(text)) if (/\p{Script=Han}/u.test(ch)) terms.add(ch);
  return [...terms];
}

export interface SearchOptions {
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
    let found: Set<number> | null = null;
    // the clause with the fewest articles first: the sets only shrink from there
    const lists = clauses.map((clause) => {
      const ids = new Set<number>();
      for (const term of clause) {
        for (const id of index.search(field === 'body' ? bodyTerm(term) : term, { limit }) as number[]) ids.add(id);
      }
      return ids;
    });
    lists.sort((a, b) => a.size - b.size);
    for (const ids of lists) {
      if (found === null) found = ids;
      else for (const id of found) if (!ids.has(id)) found.delete(id);
      if (found.size === 0) break;
    }
    return found;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const clauses = queryClauses(query);
    if (!clauses.length) return [];
    const hits = new Map<number, SearchHit>();
    searchFields.forEach((field, rank) => {
      const tier = searchFields.length - rank;
      for (const id of this.matching(field, clauses) ?? []) {
        const url = this.ids[id];
        if (url === null || url === undefined) continue;
        const hit = hits.get(id);
        // the best field decides the rank; every other field that matches too adds a little
        if (hit) hit.score += tier / 100;
        else hits.set(id, { url, score: tier, field });
      }
    });
    let found = [...hits.values()];
    if (options.verify) {
      const verify = options.verify;
      found = found.flatMap((hit) => {
        const doc = verify(hit.url);
        const fields = doc ? containingFields(doc, query) : [];
        const best = fields[0];
        if (!best) return [];
        const tiers = fields.map((f) => searchFields.length - searchFields.indexOf(f));
        return [{ url: hit.url, field: best, score: tiers[0]! + tiers.slice(1).reduce((sum, t) => sum + t / 100, 0) }];
      });
    }
    const sorted = found.sort((a, b) => b.score - a.score || (this.byUrl.get(b.url)! - this.byUrl.get(a.url)!));
    return options.limit === undefined ? sorted : sorted.slice(0, options.limit);
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

/** Ground truth: the fields whose normalised text contains the normalised query, in `searchFields` order. */
export function containingFields(doc: SearchDoc, query: string): SearchField[] {
  const q = normalize(query);
  if (!q) return [];
  return searchFields.filter((field) => normalize(fieldText(doc, field)).includes(q));
}

/** Does any field of the document contain the query (both normalised)? */
export function contains(doc: SearchDoc, query: string): boolean {
  return containingFields(doc, query).length > 0;
}

/**
 * The stretch of one field around the query's first match, at most `maxChars` long, with every match in it marked.
 * When the field does not contain the query as a whole, each of its words and pairs found is marked instead;
 * when nothing is found, the field's start, unmarked.
 */
export function passageOf(doc: SearchDoc, field: SearchField, query: string, maxChars = 120): Passage {
  const original = fieldText(doc, field);
  const { text, from } = normalizeWithMap(original);
  const q = normalize(query);
  let spans: Array<[number, number]> = [];
  if (q) {
    for (let at = text.indexOf(q); at >= 0; at = text.indexOf(q, at + q.length)) spans.push([at, at + q.length]);
    if (!spans.length) {
      for (const part of q.split(' ').filter((p) => p.length > 0)) {
        for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) spans.push([at, at + part.length]);
      }
      spans.sort((a, b) => a[0] - b[0]);
    }
  }
  // back to offsets into the original text
  const marks = spans.map(([s, e]): [number, number] => [from[s]!, from[e - 1]! + charWidth(original, from[e - 1]!)]);
  const first = marks[0];
  let start = 0;
  if (first) {
    const room = Math.max(0, maxChars - (first[1] - first[0]));
    start = Math.max(0, first[0] - Math.floor(room / 3));
    // start at a sentence or line start when one is near
    const cut = Math.max(original.lastIndexOf('\n', first[0] - 1), ...['。', '！', '？', '；'].map((p) => original.lastIndexOf(p, first[0] - 1)));
    if (cut >= start && cut < first[0]) start = cut + 1;
  }
  let end = Math.min(original.length, start + maxChars);
  if (end < original.length && /[\udc00-\udfff]/.test(original[end] ?? '')) end++;
  const raw = original.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const textOut = raw.trim().replace(/\s+/g, (m) => (m.length > 1 || m !== ' ' ? ' ' : m));
  // collapsing white space changes offsets: recompute them on the output by mapping each kept character
  const keptFrom: number[] = [];
  let out = '';
  let lastSpace = false;
  for (let i = start + lead; i < start + lead + raw.trim().length; i++) {
    const ch = original[i]!;
    if (/\s/.test(ch)) {
      if (!lastSpace) {
        out += ' ';
        keptFrom.push(i);
      }
      lastSpace = true;
    } else {
      out += ch;
      keptFrom.push(i);
      lastSpace = false;
    }
  }
  void textOut;
  const toOut = (offset: number, isEnd: boolean): number => {
    let k = 0;
    while (k < keptFrom.length && keptFrom[k]! < offset) k++;
    return isEnd ? k : k;
  };
  const inPassage = marks
    .filter(([s, e]) => s >= start + lead && e <= start + lead + raw.trim().length)
    .map(([s, e]): [number, number] => [toOut(s, false), toOut(e, true)])
    .filter(([s, e]) => e > s);
  return { field, text: out, marks: inPassage };
}

function charWidth(s: string, at: number): number {
  const cp = s.codePointAt(at);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
}

/** The hit's passage: its best field's, from the document the caller holds. */
export function passageOfHit(doc: SearchDoc, hit: SearchHit, query: string, maxChars?: number): Passage {
  return passageOf(doc, hit.field, query, maxChars);
}
