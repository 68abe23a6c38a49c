/**
 * The measures `npm run eval:keypoints` (bench/keypoints.ts) prints, kept apart so tests can check
 * them on known cases: ROUGE-1/2/L F1 on words and on characters, a seeded PRNG, the paired
 * bootstrap interval of a difference of means, and the fixed held-out split of the corpus.
 */

let segmenter: Intl.Segmenter | null = null;

/** Word-like segments of `Intl.Segmenter('zh')`, Latin lower-cased; punctuation and spaces left out. Stop words stay (ROUGE keeps them). */
export function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) if (isWordLike) out.push(segment.toLowerCase());
  return out;
}

/** Letters and digits one by one, lower-cased: spaces, punctuation and symbols left out. */
export const chars = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]/gu) ?? [];

export interface Prf {
  p: number;
  r: number;
  f: number;
}

const prf = (hits: number, candidate: number, reference: number): Prf => {
  const p = candidate ? hits / candidate : 0;
  const r = reference ? hits / reference : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};

function grams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join('\u0001');
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N (Lin 2004): clipped n-gram overlap of a candidate with one reference. */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): Prf {
  const c = grams(candidate, n);
  const r = grams(reference, n);
  let hits = 0;
  for (const [g, k] of c) hits += Math.min(k, r.get(g) ?? 0);
  return prf(hits, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Length of the longest common subsequence, in O(|a|·|b|) time and O(|b|) memory. */
export function lcs(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const ids = new Map<string, number>();
  const id = (t: string) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1);
  const bi = Int32Array.from(b, id);
  let row = new Int32Array(b.length + 1);
  let next = new Int32Array(b.length + 1);
  for (const t of a) {
    const x = id(t);
    for (let j = 1; j <= bi.length; j++) {
      next[j] = bi[j - 1] === x ? row[j - 1]! + 1 : Math.max(row[j]!, next[j - 1]!);
    }
    [row, next] = [next, row];
  }
  return row[b.length]!;
}

/** ROUGE-L: the longest common subsequence of the candidate (its sentences joined in order) and the reference. */
export const rougeL = (candidate: readonly string[], reference: readonly string[]): Prf => prf(lcs(candidate, reference), candidate.length, reference.length);

/** The six ROUGE F1 figures of a candidate text against a reference text, in percent. */
export interface RougeScores {
  w1: number;
  w2: number;
  wL: number;
  c1: number;
  c2: number;
  cL: number;
}

export const rougeKeys = ['w1', 'w2', 'wL', 'c1', 'c2', 'cL'] as const satisfies readonly (keyof RougeScores)[];

export function rouge(candidate: string, reference: string): RougeScores {
  const [cw, rw, cc, rc] = [words(candidate), words(reference), chars(candidate), chars(reference)];
  return {
    w1: 100 * rougeN(cw, rw, 1).f,
    w2: 100 * rougeN(cw, rw, 2).f,
    wL: 100 * rougeL(cw, rw).f,
    c1: 100 * rougeN(cc, rc, 1).f,
    c2: 100 * rougeN(cc, rc, 2).f,
    cL: 100 * rougeL(cc, rc).f,
  };
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). The same seed gives the same numbers. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Interval {
  /** Mean of `a − b` over the items. */
  mean: number;
  low: number;
  high: number;
}

/**
 * Paired bootstrap (Efron & Tibshirani 1993; Koehn 2004): the items are resampled with replacement
 * `samples` times, and the interval is the central `level` of the resampled means of a − b.
 * Deterministic for a given seed.
 */
export function pairedBootstrap(a: readonly number[], b: readonly number[], { seed = 1, samples = 1000, level = 0.95 } = {}): Interval {
  if (a.length !== b.length) throw new Error('pairedBootstrap: the two lists must pair up');
  const n = a.length;
  if (!n) return { mean: NaN, low: NaN, high: NaN };
  const diff = a.map((x, i) => x - b[i]!);
  const mean = diff.reduce((s, x) => s + x, 0) / n;
  const random = seeded(seed);
  const means = new Float64Array(samples);
  for (let k = 0; k < samples; k++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diff[Math.floor(random() * n)]!;
    means[k] = sum / n;
  }
  means.sort();
  const at = (q: number) => means[Math.min(samples - 1, Math.max(0, Math.floor(q * samples)))]!;
  return { mean, low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

/** FNV-1a, 32 bits, then murmur3's finalizer so that names differing in the last digit spread over the range. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The fixed held-out share of the corpus: an article is held out when the hash of its id falls in
 * the lowest `share` of the range. It does not depend on what else is in the corpus or its order.
 */
export const heldOut = (id: string, share = 0.2): boolean => hash(`keypoints:${id}`) / 2 ** 32 < share;
