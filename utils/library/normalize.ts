/**
 * The one text normalisation of the library search, used by the index, the queries and the ground truth alike:
 * NFKC per character (full-width ＡＡＲＲＲ -> AARRR, ideographic space -> space), lower case, zero-width characters
 * dropped, every run of white space made one space, no space at either end.
 *
 * Done per code point so that each character of the result maps back to the character of the input it came from:
 * a passage marks the original text at the offsets the normalised text matched.
 */

/** Zero-width space, non-joiner, joiner, word joiner, BOM: invisible, so never part of what anyone types. */
const invisible = /^[\u200b-\u200d\u2060\ufeff]$/u;
const space = /^\s$/u;
const folded = new Map<string, string>();

/** One code point folded: NFKC then lower case; '' for an invisible one; ' ' for any white space. */
function fold(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : /\s/.test(ch) ? ' ' : ch;
  let out = folded.get(ch);
  if (out === undefined) {
    out = invisible.test(ch) ? '' : space.test(ch) ? ' ' : ch.normalize('NFKC').toLowerCase();
    if (/^\s+$/u.test(out)) out = ' ';
    folded.set(ch, out);
  }
  return out;
}

/**
 * Whether the UTF-16 unit is a whole code point that folds to itself: a CJK unified ideograph (no case, no
 * compatibility mapping) or printable ASCII other than A-Z. Most of an article is such characters, copied a run at a
 * time instead of one by one through `fold`.
 */
const stable = (code: number) => (code >= 0x4e00 && code <= 0x9fff) || (code > 0x20 && code < 0x7f && (code < 0x41 || code > 0x5a));

/** The end of the run of `stable` units of `input` that starts at `at`. */
function stableRun(input: string, at: number): number {
  let end = at;
  while (end < input.length && stable(input.charCodeAt(end))) end++;
  return end;
}

export interface Normalized {
  text: string;
  /** `from[i]` = the offset in the input of the character that gave `text[i]` (UTF-16 units); one more entry for the end. */
  from: number[];
}

/** The normalised text with, for each of its UTF-16 units, the offset in `input` it came from. */
export function normalizeWithMap(input: string): Normalized {
  let text = '';
  const from: number[] = [];
  let pendingSpace = -1; // offset of a space run not written yet: written only when something follows
  for (let i = 0; i < input.length; ) {
    const run = stableRun(input, i);
    if (run > i) {
      if (pendingSpace >= 0 && text !== '') {
        text += ' ';
        from.push(pendingSpace);
      }
      pendingSpace = -1;
      for (let k = i; k < run; k++) from.push(k);
      text += input.slice(i, run);
      i = run;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const out = fold(input.slice(i, i + width));
    if (out === ' ') {
      if (pendingSpace < 0) pendingSpace = i;
    } else if (out !== '') {
      if (pendingSpace >= 0 && text !== '') {
        text += ' ';
        from.push(pendingSpace);
      }
      pendingSpace = -1;
      // a folded character may split into spaces inside (e.g. ㍿ -> 株式会社 has none, ¼ -> 1⁄4): keep them as they are
      for (let k = 0; k < out.length; k++) from.push(i);
      text += out;
    }
    i += width;
  }
  from.push(input.length);
  return { text, from };
}

/** The normalised text (see the module's comment). */
export function normalize(input: string): string {
  let text = '';
  let pendingSpace = false;
  for (let i = 0; i < input.length; ) {
    const run = stableRun(input, i);
    if (run > i) {
      if (pendingSpace && text !== '') text += ' ';
      pendingSpace = false;
      text += input.slice(i, run);
      i = run;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const out = fold(width === 1 ? input[i]! : input.slice(i, i + width));
    if (out === ' ') pendingSpace = true;
    else if (out !== '') {
      if (pendingSpace && text !== '') text += ' ';
      pendingSpace = false;
      text += out;
    }
    i += width;
  }
  return text;
}

/**
 * Where the normalised text of `input` first has `q` (itself normalised, with no space in it), as an offset of
 * `input`, found without normalising `input`: its first occurrence as it is (ASCII letters in any case), once
 * nothing before it folds otherwise into a character of `q` (a full-width Ａ before an `a…` query, a zero-width
 * character anywhere before it) and each character of the occurrence folds to its lower case. Null when that does
 * not settle it (no such occurrence, a query with letters other than ASCII that have a case, a character that
 * could make an earlier one): the caller normalises the whole text then.
 */
export function firstMatchAt(input: string, q: string): number | null {
  if (!q || q.includes(' ') || [...q].some((c) => c > '\x7f' && c.toUpperCase() !== c)) return null;
  const at = /[a-z]/.test(q) ? input.search(new RegExp(q.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'i')) : input.indexOf(q);
  if (at < 0) return null;
  const inQuery = new Set(q);
  /** Per character met: may it fold into one of an earlier occurrence (null: not inside this one either)? */
  const verdicts = new Map<string, boolean | null>();
  const verdict = (ch: string): boolean | null => {
    let v = verdicts.get(ch);
    if (v === undefined) {
      const out = fold(ch);
      // folding to its lower case is harmless; else a fold must not give nothing or a character of the query
      v = out === ch.toLowerCase() ? false : out === '' || [...out].some((c) => inQuery.has(c)) ? true : null;
      verdicts.set(ch, v);
    }
    return v;
  };
  for (let i = 0; i < at + q.length; i++) {
    const code = input.charCodeAt(i);
    // an ideograph, printable ASCII (A-Z folds to a-z) or ASCII white space folds to its lower case (or a space)
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x20 && code <= 0x7e) || code === 9 || code === 10 || code === 13) continue;
    const width = input.codePointAt(i)! > 0xffff ? 2 : 1;
    const v = verdict(input.slice(i, i + width));
    // inside the occurrence every character must fold to its lower case
    if (v === true || (v === null && i >= at)) return null;
    i += width - 1;
  }
  return at;
}
