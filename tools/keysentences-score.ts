/**
 * How a list of chosen sentences is scored against the key points an author bolded: the measure
 * `npm run eval:keypoints` (bench/keypoints.ts) prints and tests/keysentences.test.ts checks.
 */
import { bodySentences } from '../utils/keysentences';
import { woshipm } from '../utils/site/woshipm';
import type { Article } from '../utils/types';

/** Text without spaces, punctuation and symbols, lower-cased: what "the same words" compares. */
const normalize = (s: string) => s.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

function bigrams(s: string): Set<string> {
  const chars = [...s];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Share of most characters: the part of the shorter text's character bigrams found in the other. */
export const minShared = 0.6;

/**
 * A sentence overlaps a bold key point when, compared without spaces and punctuation, one contains
 * the other, or when at least 60% of the shorter one's character bigrams occur in the other.
 */
function overlaps(sentence: string, point: string): boolean {
  const a = normalize(sentence);
  const b = normalize(point);
  if (!a || !b) return false;
  if (a.includes(b) || b.includes(a)) return true;
  const [short, long] = a.length <= b.length ? [bigrams(a), bigrams(b)] : [bigrams(b), bigrams(a)];
  let shared = 0;
  for (const g of short) if (long.has(g)) shared++;
  return short.size > 0 && shared / short.size >= minShared;
}

export interface Score {
  chosen: number;
  hits: number; // chosen sentences that overlap some key point
  points: number;
  found: number; // key points overlapped by some chosen sentence
}

export function score(chosen: readonly string[], points: readonly string[]): Score {
  return {
    chosen: chosen.length,
    hits: chosen.filter((s) => points.some((p) => overlaps(s, p))).length,
    points: points.length,
    found: points.filter((p) => chosen.some((s) => overlaps(s, p))).length,
  };
}

/** The first N candidate body sentences. */
export const leadN = (article: Article, n: number) =>
  bodySentences(article, woshipm)
    .filter((s) => s.candidate)
    .slice(0, n)
    .map((s) => s.text);
