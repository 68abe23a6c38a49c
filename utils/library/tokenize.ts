/**
 * Tokens of the library search, for Chinese (see issue 19 and minisearch #201: a segmenter cuts '懵逼了' one way in a
 * title and '懵逼' another way in a query, so words alone miss). Text is normalised first (normalize.ts), then read
 * as pieces: each CJK character is a piece, each run of other letters and digits is one piece (a Latin word or a
 * number, kept whole: aarrr, saas, chatgpt, 2b, 2024). Pieces with no separator between them form a run.
 *
 * What an indexed field yields, per run:
 * - every pair of neighbouring pieces when one of them is CJK: 'b端', '端定', '定价' for 'B端定价';
 * - every word, and each of its proper prefixes and suffixes, marked (a query that starts or ends inside a word finds it);
 * - a CJK character alone when it stands alone (a run of one piece);
 * - with `words`, the Intl.Segmenter words of 3 or more CJK characters (whole words, for short fields).
 *
 * A query becomes clauses, all of which must match (AND); each clause is a set of alternatives (OR), a term matched
 * that must be in the text. They are built so that any text whose normalised form CONTAINS the normalised query matches
 * every clause: pairs inside the query, exact words inside it, and at its two ends a word that the text may continue
 * (a prefix at the end, a suffix at the start).
 */
import { normalize } from './normalize';

/** Marks a word's proper suffix, and its proper prefix: terms that never collide with a word (no normalised text has them). */
const suffixMark = '\u0001';
const prefixMark = '\u0003';
/** Prefixes and suffixes are kept of words up to this length (longer ones are URLs, hashes and the like). */
const maxAffixWord = 24;

interface Piece {
  text: string;
  cjk: boolean;
}

/** Is the code point one the tokenizer pairs (Han, kana, hangul)? */
export function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x3134f)
  );
}

const letterOrDigit = /^[\p{L}\p{N}]$/u;
function isWordChar(ch: string, code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  return letterOrDigit.test(ch);
}

/** The runs of pieces of an already normalised text. */
function runsOf(text: string): Piece[][] {
  const runs: Piece[][] = [];
  let run: Piece[] = [];
  let word = '';
  const endWord = () => {
    if (word) run.push({ text: word, cjk: false });
    word = '';
  };
  const endRun = () => {
    endWord();
    if (run.length) runs.push(run);
    run = [];
  };
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const ch = width === 1 ? text[i]! : text.slice(i, i + width);
    if (isCjk(code)) {
      endWord();
      run.push({ text: ch, cjk: true });
    } else if (isWordChar(ch, code)) word += ch;
    else endRun();
    i += width;
  }
  endRun();
  return runs;
}

let segmenter: Intl.Segmenter | undefined;
/** Segmenter words of 3+ CJK characters in a run of CJK text. */
function longWords(cjkText: string, out: string[]): void {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const s of segmenter.segment(cjkText)) {
    if (s.isWordLike && [...s.segment].length >= 3) out.push(s.segment);
  }
}

export interface TokenizeOptions {
  /** Add Intl.Segmenter words (3+ CJK characters): for the short fields; the body is indexed by pairs only. */
  words?: boolean;
}

/** The terms an indexed field yields (repeats kept: a term's count is its frequency). */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  return tokenizeNormalized(normalize(text), options);
}

/** `tokenize` of a text already normalised. */
function tokenizeNormalized(text: string, options: TokenizeOptions = {}): string[] {
  const terms: string[] = [];
  for (const run of runsOf(text)) {
    let cjkText = '';
    if (run.length === 1 && run[0]!.cjk) terms.push(run[0]!.text); // a character standing alone
    for (let i = 0; i < run.length; i++) {
      const piece = run[i]!;
      const next = run[i + 1];
      if (next && (piece.cjk || next.cjk)) terms.push(piece.text + next.text);
      if (piece.cjk) {
        if (options.words) cjkText += piece.text;
      } else {
        terms.push(piece.text);
        const chars = [...piece.text];
        if (chars.length <= maxAffixWord) {
          for (let k = 1; k < chars.length; k++) terms.push(suffixMark + chars.slice(k).join(''), prefixMark + chars.slice(0, k).join(''));
        }
        if (options.words && cjkText) longWords(cjkText, terms);
        cjkText = '';
      }
    }
    if (options.words && cjkText) longWords(cjkText, terms);
  }
  return terms;
}

/** Alternatives: a text matches the clause when it has any of these terms. */
export type QueryClause = string[];

/**
 * The clauses of a query (all must match). Empty when the query has no letters, digits or CJK characters.
 * Every text whose normalised form contains `normalize(query)` matches every clause, except when the query is one
 * Latin word found only inside a longer word (neither at its start nor at its end), or one CJK character that the
 * text has only next to others (single characters are indexed where they stand alone, in the body).
 */
export function queryClauses(query: string): QueryClause[] {
  const runs = runsOf(normalize(query));
  const clauses: QueryClause[] = [];
  const seen = new Set<string>();
  const add = (clause: QueryClause) => {
    const key = clause.join(sep);
    if (!seen.has(key)) clauses.push(clause);
    seen.add(key);
  };
  const lone = runs.every((run) => run.length === 1 && run[0]!.cjk);
  runs.forEach((run, r) => {
    const atStart = (i: number) => r === 0 && i === 0;
    const atEnd = (i: number) => r === runs.length - 1 && i === run.length - 1;
    // a word at either end of the query may be part of a longer word in the text: it pairs with nothing
    const partial = (i: number) => !run[i]!.cjk && (atStart(i) || atEnd(i));
    // A lone CJK character is indexed only where it stands alone: between punctuation in a longer query it may
    // belong to a pair in the text (…，自我), so it adds no clause there; the query's other clauses and the
    // verification of candidates decide.
    if (run.length === 1 && run[0]!.cjk && lone) add([run[0]!.text]);
    for (let i = 0; i < run.length; i++) {
      const piece = run[i]!;
      const next = run[i + 1];
      if (next && (piece.cjk || next.cjk) && !partial(i) && !partial(i + 1)) add([piece.text + next.text]);
      if (piece.cjk) continue;
      const w = piece.text;
      if (atStart(i) && atEnd(i)) add([w, prefixMark + w, suffixMark + w]);
      else if (atStart(i)) add([w, suffixMark + w]);
      else if (atEnd(i)) add([w, prefixMark + w]);
      else add([w]);
    }
  });
  return clauses;
}

const sep = '\u0002';
