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

/**
 * The sentences as unit vectors over word ids (binary term weights times idf), and each word's
 * idf among them: BM25's, never negative, log((n − df + 0.5) / (df + 0.5) + 1).
 */
export function vectorize(bags: readonly (readonly string[])[]): { vectors: SentenceVector[]; idf: Map<string, number> } {
  const ids = new Map<string, number>();
  const df: number[] = [];
  const seenIn: number[] = []; // the last sentence each word was counted in
  const sets = bags.map((bag, i) => {
    const own: number[] = [];
    for (const word of bag) {
      let id = ids.get(word);
      if (id === undefined) {
        id = df.length;
        ids.set(word, id);
        df.push(0);
        seenIn.push(-1);
      }
      if (seenIn[id] === i) continue;
      seenIn[id] = i;
      df[id]!++;
      own.push(id);
    }
    return own;
  });
  const n = bags.length;
  const idfOf = df.map((count) => Math.log((n - count + 0.5) / (count + 0.5) + 1));
  const vectors = sets.map((own) => {
    const weights = own.map((id) => idfOf[id]!);
    const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0)) || 1;
    return { ids: own, weights: weights.map((w) => w / norm) };
  });
  const idf = new Map<string, number>();
  for (const [word, id] of ids) idf.set(word, idfOf[id]!);
  return { vectors, idf };
}

/** Cosine with `a`, as a function of the other vector (a's weights laid out by word id once). */
export function dense(a: SentenceVector): (b: SentenceVector) => number {
  const weights = new Map<number, number>();
  a.ids.forEach((id, k) => {
          weights.set(id, a.weights[k]!);
        });
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
