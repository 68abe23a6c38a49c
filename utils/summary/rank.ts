/**
 * Graph ranking of sentences: TextRank (Mihalcea & Tarau 2004) with LexRank's idf-modified cosine
 * as the edge weight (Erkan & Radev 2004). Each sentence is the set of its words, each word
 * weighted by its idf among the article's sentences; two sentences are joined by the cosine of
 * those vectors, and the sentences are ranked by weighted PageRank on that graph.
 *
 * The cosine graph is never built: its matrix is V·Vᵀ − I (V = the unit sentence vectors), so
 * each PageRank step is two passes over the sentences' words. The cost grows with the number of
 * words in the article, not with the square of its sentences.
 */

/** A sentence as a unit vector over word ids: `ids[k]` has weight `weights[k]`. */
export interface SentenceVector {
  ids: number[];
  weights: number[];
}

/** BM25's idf, never negative: log((n − df + 0.5) / (df + 0.5) + 1). */
export function inverseDocumentFrequency(bags: readonly (readonly string[])[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const bag of bags) for (const word of new Set(bag)) df.set(word, (df.get(word) ?? 0) + 1);
  const n = bags.length;
  const idf = new Map<string, number>();
  for (const [word, count] of df) idf.set(word, Math.log((n - count + 0.5) / (count + 0.5) + 1));
  return idf;
}

/** Unit vectors of the sentences (binary term weights times idf), over shared word ids. */
export function sentenceVectors(bags: readonly (readonly string[])[], idf: ReadonlyMap<string, number>): SentenceVector[] {
  const ids = new Map<string, number>();
  return bags.map((bag) => {
    const vector: SentenceVector = { ids: [], weights: [] };
    const seen = new Set<string>();
    let norm = 0;
    for (const word of bag) {
      if (seen.has(word)) continue;
      seen.add(word);
      let id = ids.get(word);
      if (id === undefined) ids.set(word, (id = ids.size));
      const weight = idf.get(word) ?? 0;
      vector.ids.push(id);
      vector.weights.push(weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < vector.weights.length; k++) vector.weights[k]! /= norm;
    return vector;
  });
}

/** Cosine with `a`, as a function of the other vector (a's weights laid out by word id once). */
export function dense(a: SentenceVector): (b: SentenceVector) => number {
  const weights = new Map<number, number>();
  a.ids.forEach((id, k) => weights.set(id, a.weights[k]!));
  return (b) => {
    let sum = 0;
    for (let k = 0; k < b.ids.length; k++) sum += (weights.get(b.ids[k]!) ?? 0) * b.weights[k]!;
    return sum;
  };
}

/** y = (V·Vᵀ − I)·x: the similarity matrix (no self-loops) times x. */
function multiply(vectors: readonly SentenceVector[], x: Float64Array, words: Float64Array, y: Float64Array): void {
  words.fill(0);
  vectors.forEach(({ ids, weights }, i) => {
    for (let k = 0; k < ids.length; k++) words[ids[k]!]! += weights[k]! * x[i]!;
  });
  vectors.forEach(({ ids, weights }, i) => {
    let sum = 0;
    for (let k = 0; k < ids.length; k++) sum += weights[k]! * words[ids[k]!]!;
    y[i] = Math.max(0, sum - (ids.length ? x[i]! : 0));
  });
}

/**
 * Weighted PageRank with damping `d` over the cosine graph of `vectors`, by power iteration until
 * the scores move less than `tolerance` in total. Scores sum to 1; a sentence that shares no word
 * with any other passes its score on to all, as a page without links does.
 */
export function pageRank(vectors: readonly SentenceVector[], d = 0.85, tolerance = 1e-5, maxIterations = 100): number[] {
  const n = vectors.length;
  if (!n) return [];
  let wordCount = 0;
  for (const v of vectors) for (const id of v.ids) wordCount = Math.max(wordCount, id + 1);
  const words = new Float64Array(wordCount);
  const degree = new Float64Array(n);
  multiply(vectors, new Float64Array(n).fill(1), words, degree);
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      if (degree[i]! > 1e-12) share[i] = rank[i]! / degree[i]!;
      else {
        share[i] = 0;
        dangling += rank[i]!;
      }
    }
    multiply(vectors, share, words, next);
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] = (1 - d) / n + d * (next[i]! + dangling / n);
      change += Math.abs(next[i]! - rank[i]!);
    }
    [rank, next] = [next, rank];
    if (change < tolerance) break;
  }
  return [...rank];
}
