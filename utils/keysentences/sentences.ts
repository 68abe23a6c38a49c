/**
 * Sentence splitting for Chinese (and the Latin text mixed into it). A sentence ends at 。！？ or
 * at a Latin `.` `!` `?` that really ends one, together with any run of such marks and the closing
 * quotes and brackets right after them (`“……。”` stays whole). A sentence never ends inside a
 * quotation or parenthesis, unless the paragraph never closes it (then the marks decide alone).
 * A short speech tag after a quotation (`“……。”他说。`) stays with the quotation.
 */

export interface Piece {
  text: string;
  /** Ends at sentence punctuation, or at a semicolon that ends the paragraph (else it is what is left at the paragraph's end). */
  closed: boolean;
}

const cjkEnd = new Set(['。', '！', '？', '｡']);
const latinEnd = new Set(['.', '!', '?']);
const openers = new Set(['“', '「', '『', '（', '(', '《', '【', '〔']);
const closers = new Set(['”', '」', '』', '）', ')', '》', '】', '〕']);
/** Also allowed right after the end marks: quotes that double as apostrophes or are symmetric. */
const trailing = new Set([...closers, '’', '"', "'"]);
const abbreviations = /(?:^|[^A-Za-z])(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|Prof|Inc|Ltd|Co|St|No|Fig|Jr|Sr)$/;
const cjk = /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const speechTag = /^[^“”「」，,。！？!?]{1,14}(说|道|表示|称|指出|坦言|回忆|解释|强调|认为|写道|提到|感叹|透露|笑道|补充)[。！？!?]?$/;

/** Does the mark at `i` end a sentence? Chinese marks always do; Latin ones when they look final. */
function endsAt(text: string, i: number): boolean {
  const c = text[i]!;
  if (cjkEnd.has(c)) return true;
  if (!latinEnd.has(c)) return false;
  const next = text[i + 1];
  const nextOk = next === undefined || /\s/.test(next) || cjk.test(next) || trailing.has(next) || latinEnd.has(next);
  if (!nextOk) return false; // 2.5, example.com, a?b=1
  if (c !== '.') return true;
  const before = text.slice(Math.max(0, i - 12), i);
  if (/\d$/.test(before)) return false; // 1. list numbers, V1.1.
  if (/(?:^|[^A-Za-z])[A-Z]$/.test(before)) return false; // initials: J. K.
  if (abbreviations.test(before)) return false;
  return /[A-Za-z)\]"'’”]$/.test(before);
}

/** The characters the splitter stops at; everything else is skipped in one jump. */
const marks = /[。！？｡.!?“「『（(《【〔”」』）)》】〕]/g;

function split(paragraph: string, nested: boolean): { pieces: Piece[]; balanced: boolean } {
  const pieces: Piece[] = [];
  let start = 0;
  let depth = 0;
  const push = (end: number, closed: boolean) => {
    const text = paragraph.slice(start, end).trim();
    if (text) pieces.push({ text, closed });
    start = end;
  };
  /** The end of the sentence whose end marks start at `i`: the run of marks, then closing quotes. */
  const endAfter = (i: number) => {
    let j = i;
    while (j < paragraph.length && (cjkEnd.has(paragraph[j]!) || latinEnd.has(paragraph[j]!) || paragraph[j] === '…')) j++;
    while (j < paragraph.length && trailing.has(paragraph[j]!)) {
      const q = paragraph[j]!;
      // a straight quote belongs here only when it closes one opened in this sentence
      if ((q === '"' || q === "'") && paragraph.slice(start, j).split(q).length % 2 === 1) break;
      j++;
    }
    return j;
  };
  marks.lastIndex = 0;
  for (let m = marks.exec(paragraph); m; m = marks.exec(paragraph)) {
    const i = m.index;
    const c = m[0];
    if (nested && openers.has(c)) depth++;
    else if (nested && closers.has(c)) {
      if (depth > 0) depth--;
      // “……。” closes a quoted sentence: the sentence ends after the closing marks.
      if (depth === 0 && i > 0 && endsAt(paragraph, i - 1)) {
        push(endAfter(i), true);
        marks.lastIndex = start;
      }
    } else if (depth === 0 && endsAt(paragraph, i)) {
      push(endAfter(i), true);
      marks.lastIndex = start;
    }
  }
  // a paragraph that ends at a semicolon ends a sentence there (some authors end every line so)
  push(paragraph.length, /[；;]\s*$/.test(paragraph));
  return { pieces, balanced: depth === 0 };
}

/** A paragraph's sentences, in order, with their punctuation. */
export function splitParagraph(paragraph: string): Piece[] {
  let { pieces, balanced } = split(paragraph, true);
  if (!balanced) pieces = split(paragraph, false).pieces; // a quote left open (or typed backwards)
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last && /[”」』]$/.test(last.text) && speechTag.test(piece.text)) {
      merged[merged.length - 1] = { text: last.text + piece.text, closed: piece.closed };
    } else merged.push(piece);
  }
  return merged;
}

/** Splits text into sentences; paragraphs (separated by blank lines or line breaks) always end one. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((p) => splitParagraph(p))
    .map((p) => p.text);
}
