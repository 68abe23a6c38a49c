/**
 * Key sentences: the body's most telling sentences, extracted, made from its plain text alone (never from
 * what the author bolded), deterministic and offline.
 *
 * 1. The text is cut into paragraphs (blank lines) and sentences (`splitParagraph`); paragraphs
 *    that are headings (the outline's texts) mark section boundaries and are never chosen.
 * 2. Candidates are complete sentences of a readable length that are not credit lines, captions
 *    or calls to action, with enough content words (`Intl.Segmenter` words minus stop words).
 * 3. Candidates are ranked by TextRank over LexRank's idf-weighted cosine (`rank.ts`), times
 *    priors in the manner of Edmundson (1969), each a factor in `weights`: words shared with the
 *    title (and, less, with the editor's lead); position (the article's first paragraphs, the
 *    first sentence after a heading); cue phrases that mark a definition or a conclusion, or an
 *    example or a hedge (`cues.ts`); form (a paragraph of its own, not too long, not a question,
 *    not opening with 这/前者/但… that lean on the sentence before); structure (a paragraph that
 *    opens with a label `核心原则：…`, a numbered point, a sentence of the 总结/写在最后 section, one
 *    that says what the article does, 本文…). Two sets of weights: with the editor's lead (woshipm's
 *    case: the lead is shown beside them, so the article's stated points win) and without it
 *    (`leadless`: they stand in for a lead, so the opening, concise sentences and the conclusion win).
 * 4. The best are taken greedily, each time discounting sentences from top-level sections already
 *    used (with the lead) and leaving out sentences too similar to one already taken, so the picks
 *    spread over the article and do not repeat each other.
 * 5. They are returned in article order: 3 for a short article, up to 7 for a long one
 *    (`keySentenceCount`), fewer only when there are not that many candidates.
 */
import { isCredit, type SiteCredits } from './credits';
import { bonusCues, selfCues, stigmaCues, summaryHeadings } from './cues';
import { dense, pageRank, vectorize, type SentenceVector } from './rank';
import { splitParagraph } from './sentences';
import { tokenize } from './tokens';

export { splitParagraph, splitSentences } from './sentences';
export { tokenize } from './tokens';

/** What the ranker reads: an `Article` will do. */
export interface RankInput {
  title: string;
  /** Plain body text, paragraphs separated by blank lines. */
  text: string;
  /** Headings, whose texts appear in `text` as paragraphs of their own. */
  outline: readonly { text: string; level?: number }[];
  /** The editor's lead, a weaker hint of the topic than the title. */
  lead?: string | null;
}

export interface BodySentence {
  text: string;
  /** Index in article order. */
  index: number;
  paragraph: number;
  /** Top-level section: 0 before the first heading, then one per heading of the outline's top level. */
  section: number;
  /** Position among the candidate sentences since the last heading (0 = the first). */
  inSection: number;
  /** Position among the article's candidate sentences (0 = the first). */
  order: number;
  /** Ends at sentence punctuation. */
  closed: boolean;
  /** Is its paragraph's only sentence. */
  whole: boolean;
  /** Is its paragraph's first sentence. */
  opensParagraph: boolean;
  /** Is in a section headed as the article's conclusion (总结, 结语, 写在最后…: `summaryHeadings` in cues.ts). */
  inSummary: boolean;
  /** Can be a key sentence: else `reason` says why not. */
  candidate: boolean;
  reason: string | null;
}

export const limits = {
  /** Length of a key sentence in characters, spaces not counted. */
  minChars: 12,
  maxChars: 150,
  /** A sentence without end punctuation (the rest of a paragraph) must be this long to count. */
  minOpenChars: 30,
  /** Content words a key sentence needs at least. */
  minWords: 3,
  /**
   * Characters of candidate sentences ranked at most (long articles: see `withinBudget`). 5,000 ranks as
   * well as 8,000 did on the eval's dev articles and keeps the slowest twentieth of articles under 10 ms.
   */
  maxRankedChars: 5000,
};

/** How many key sentences an article of this many characters gets: 3 to 7. */
export function keySentenceCount(chars: number): number {
  if (chars <= 2500) return 3;
  if (chars <= 4500) return 4;
  if (chars <= 7000) return 5;
  if (chars <= 10000) return 6;
  return 7;
}

const withoutSpaces = (s: string) => s.replace(/\s+/g, '');
/** Characters, spaces not counted. */
const length = (s: string) => withoutSpaces(s).length;

const pairs: Record<string, string> = { '“': '”', '「': '」', '『': '』', '（': '）', '(': ')', '《': '》', '【': '】' };
const brackets = /[“”「」『』（）()《》【】]/g;

/** Quotes and brackets closed in the order they were opened. */
function balanced(s: string): boolean {
  const stack: string[] = [];
  for (const [c] of s.matchAll(brackets)) {
    if (pairs[c]) stack.push(pairs[c]);
    else if (stack.pop() !== c) return false;
  }
  return stack.length === 0;
}

/** Why a sentence cannot be a key sentence, or null when it can. */
function rejectReason(text: string, closed: boolean, site: SiteCredits | undefined): string | null {
  const chars = length(text);
  if (chars < limits.minChars) return 'short';
  if (chars > limits.maxChars) return 'long';
  if (!closed && (chars < limits.minOpenChars || !/[，,]/.test(text))) return 'fragment';
  if (/[：:，,、—-]$/.test(text)) return 'fragment';
  // a line ending at a semicolon is a sentence when it has clauses, else a list item
  if (/[；;]$/.test(text) && !/[，,]/.test(text)) return 'fragment';
  // conjunctions that cannot open a sentence of their own: the sentence is the tail of another
  if (/^(而是|而且|并且|或者|以及)/.test(text)) return 'fragment';
  // 前者, 上述…: says nothing without the sentences before it
  if (/^(前者|后者|上述|如上所述|如上)/.test(text)) return 'dependent';
  if (!balanced(text)) return 'unbalanced';
  if (isCredit(text, site)) return 'credit';
  if (/https?:\/\/|www\.|\t/.test(text)) return 'link-or-table';
  return null;
}

/**
 * The body's sentences in article order, headings left out, each marked candidate or not (`site`:
 * whose credit lines are not candidates, besides the general ones of credits.ts).
 */
export function bodySentences(input: Pick<RankInput, 'text' | 'outline'>, site?: SiteCredits): BodySentence[] {
  const headingLevel = new Map(input.outline.map((h) => [withoutSpaces(h.text), h.level ?? 1]));
  const topLevel = Math.min(...headingLevel.values());
  const found: BodySentence[] = [];
  let section = 0;
  let inSummary = false;
  let inSection = 0;
  let order = 0;
  input.text.split(/\n\s*\n/).forEach((paragraph, p) => {
    const level = headingLevel.get(withoutSpaces(paragraph));
    if (level !== undefined) {
      if (level <= topLevel) {
        section++;
        inSummary = summaryHeading.test(paragraph);
      }
      inSection = 0;
      return;
    }
    const pieces = paragraph.split('\n').flatMap((line) => splitParagraph(line));
    for (const [k, piece] of pieces.entries()) {
      const reason = rejectReason(piece.text, piece.closed, site);
      found.push({
        text: piece.text,
        index: found.length,
        paragraph: p,
        section,
        inSection,
        order,
        closed: piece.closed,
        whole: pieces.length === 1,
        opensParagraph: k === 0,
        inSummary,
        candidate: !reason,
        reason,
      });
      if (!reason) {
        inSection++;
        order++;
      }
    }
  });
  return found;
}

export interface KeySentenceOptions {
  /** How many to return; by default from the text's length (`keySentenceCount`). */
  count?: number;
  /** The site the article is from: its credit lines are never chosen (see `bodySentences`). */
  site?: SiteCredits;
}

/**
 * Weights of the priors that multiply a sentence's TextRank score (see `scoreSentences`), for an
 * input with the editor's lead: the case on woshipm, where the lead is shown beside the key
 * sentences, so they had better say the article's points than repeat its topic. `leadless` holds
 * those for an input without a lead, where the key sentences stand in for one.
 */
export const weights = {
  /** × (1 + title · the share of the title's word weight the sentence has). */
  title: 0.5,
  /** The same for the editor's lead (its words not in the title). */
  lead: 0.4,
  /** × (1 + this) for the first candidate after a heading, and for the article's first two paragraphs. */
  sectionOpening: 0.1,
  articleOpening: 0.2,
  /**
   * × (1 + opening · openingDecay ** k) for the article's k-th candidate sentence, and sentences
   * longer than `conciseChars` × (conciseChars / chars) ** concisePenalty: the opening states the
   * topic, as a lead would, in few words (so 0 and Infinity when the lead is known).
   */
  opening: 0,
  openingDecay: 0.85,
  conciseChars: Infinity,
  concisePenalty: 1.5,
  /** Longer than `idealChars`: × (idealChars / chars) ** longPenalty. */
  idealChars: 80,
  longPenalty: 0.5,
  /** × this for what is left at a paragraph's end without end punctuation. */
  open: 1,
  /** × (1 + cue) with a bonus cue phrase, × (1 − stigma) with a stigma one (cues.ts). */
  cue: 0.6,
  stigma: 0.3,
  /** × (1 + this) for a sentence that is a paragraph on its own. */
  whole: 1,
  /** × (1 + this) for a paragraph that opens with a label (`核心原则：…`, a colon in its first `labelChars`). */
  label: 2,
  labelChars: 25,
  /** × (1 + this) for a numbered point (`1. …`, `（2）…`, `三、…`, `第一，…`). */
  numbered: 1,
  /** × (1 + this) for a sentence that says what the article does (本文…, 这篇文章…: `selfCues`). */
  self: 0,
  /** × (1 + this) for a sentence of the conclusion (`inSummary`). */
  summary: 0,
  /** × this for a question. */
  question: 0.8,
  /** × this for a sentence that opens by pointing back at what came before (前者, 这…), or with a connective (但, 所以…). */
  reference: 0.5,
  connective: 0.8,
  /** × this for an item of a parallel list: a one-sentence paragraph this similar (cosine) to the next or the one before. */
  parallel: 0.5,
  parallelSimilarity: 0.6,
  /** In selection: × this per sentence already taken from the same top-level section. */
  sameSection: 0.8,
  /** In selection: a sentence this similar (cosine) to one already taken comes last. */
  redundancy: 0.4,
};

type Weights = typeof weights;

/** The weights for an input without the editor's lead (those not listed are `weights`'). */
export const leadless: Partial<Weights> = {
  title: 1.5,
  opening: 12,
  openingDecay: 0.8,
  conciseChars: 30,
  open: 0.7,
  whole: 0.3,
  label: 0,
  numbered: 0,
  self: 2,
  summary: 0.3,
  question: 1,
  // the lead sums up the opening: no spreading over the sections
  sameSection: 1,
};

/** Openings that point back at what came before: a reference (前者, 这…) or a connective (但, 所以…). */
const referenceStart = /^(上面|以上|其中|对此|既然|这|那|它|他|她|该|此|其)/;
const connectiveStart = /^(而|但是?|可是|不过|然而|所以|于是|然后|接着|另外|此外|同样|同时|其次|再次|再者|最后)/;
const label = /：|:(?!\d)/;
const numberedPoint =
  /^(\d{1,2}[.、．)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十\d]{1,3}[，,、：:]|[①②③④⑤⑥⑦⑧⑨⑩])/;
const question = /[？?][”’」』）)]*$/;
const bonusCue = new RegExp(bonusCues.join('|'));
const selfCue = new RegExp(selfCues.join('|'));
const summaryHeading = new RegExp(summaryHeadings.join('|'), 'i');
const stigmaCue = new RegExp(stigmaCues.join('|'));

export interface ScoredSentence extends BodySentence {
  /** Content words (`tokenize`). */
  words: string[];
  /** TextRank score, scaled so that the mean is 1. */
  rank: number;
  /** `rank` times the priors. */
  score: number;
}

/** The candidate sentences with their TextRank scores and final scores, in article order. */
/** The priors that need no words: position, form and cue phrases (see `weights`). */
function formPrior(s: BodySentence, firstParagraph: number, w: Weights): number {
  const chars = length(s.text);
  let prior = 1;
  if (s.inSection === 0) prior *= 1 + w.sectionOpening;
  if (s.paragraph <= firstParagraph + 1) prior *= 1 + w.articleOpening;
  prior *= 1 + w.opening * w.openingDecay ** s.order;
  if (chars > w.conciseChars) prior *= (w.conciseChars / chars) ** w.concisePenalty;
  if (chars > w.idealChars) prior *= (w.idealChars / chars) ** w.longPenalty;
  if (!s.closed) prior *= w.open;
  if (s.whole) prior *= 1 + w.whole;
  if (s.opensParagraph) {
    // not 例如：… (an example is no point)
    const colon = s.text.search(label);
    if (colon >= 0 && colon < w.labelChars && !stigmaCue.test(s.text.slice(0, colon))) prior *= 1 + w.label;
  }
  if (numberedPoint.test(s.text)) prior *= 1 + w.numbered;
  if (selfCue.test(s.text)) prior *= 1 + w.self;
  if (s.inSummary) prior *= 1 + w.summary;
  if (question.test(s.text)) prior *= w.question;
  if (referenceStart.test(s.text)) prior *= w.reference;
  else if (connectiveStart.test(s.text)) prior *= w.connective;
  if (bonusCue.test(s.text)) prior *= 1 + w.cue;
  if (stigmaCue.test(s.text)) prior *= 1 - w.stigma;
  return prior;
}

/** The weights for this input: `weights` with the editor's lead, else those with `leadless`'s. */
const weightsFor = (input: Pick<RankInput, 'lead'>): Weights => (input.lead?.trim() ? weights : { ...weights, ...leadless });

/**
 * The candidates a long article ranks: at most `limits.maxRankedChars` characters of them, as
 * word segmentation costs about half a microsecond a character. Each top-level section keeps its
 * share of that budget, filled with its sentences of the best `formPrior` (those that could win).
 */
function withinBudget(candidates: BodySentence[], priors: ReadonlyMap<BodySentence, number>): BodySentence[] {
  const total = candidates.reduce((sum, s) => sum + s.text.length, 0);
  if (total <= limits.maxRankedChars) return candidates;
  const sections = new Map<number, BodySentence[]>();
  for (const s of candidates) sections.set(s.section, [...(sections.get(s.section) ?? []), s]);
  const kept = new Set<BodySentence>();
  for (const group of sections.values()) {
    const share = (limits.maxRankedChars * group.reduce((sum, s) => sum + s.text.length, 0)) / total;
    let used = 0;
    for (const s of [...group].sort((a, b) => priors.get(b)! - priors.get(a)! || a.index - b.index)) {
      if (used + s.text.length > share && used > 0) continue;
      kept.add(s);
      used += s.text.length;
    }
  }
  return candidates.filter((s) => kept.has(s));
}

/** The candidate sentences with their TextRank scores and final scores, in article order (`site`: see `bodySentences`). */
export function scoreSentences(input: RankInput, site?: SiteCredits): { pool: ScoredSentence[]; vectors: SentenceVector[] } {
  const w = weightsFor(input);
  const candidates = bodySentences(input, site).filter((s) => s.candidate);
  const firstParagraph = candidates[0]?.paragraph ?? 0;
  const priors = new Map(candidates.map((s) => [s, formPrior(s, firstParagraph, w)]));
  const pool: ScoredSentence[] = [];
  const sets: Set<string>[] = [];
  for (const s of withinBudget(candidates, priors)) {
    const words = tokenize(s.text);
    const set = new Set(words);
    if (set.size < limits.minWords) continue;
    pool.push(Object.assign(s, { words, rank: 0, score: 0 }));
    sets.push(set);
  }
  if (!pool.length) return { pool, vectors: [] };

  const { vectors, idf } = vectorize(pool.map((s) => s.words));
  const rank = pageRank(vectors);
  // a topic word counts by its idf, at least 1: the title's words are often the article's commonest
  const topic = (text: string | null | undefined, leaveOut: ReadonlySet<string> = new Set()) =>
    new Map([...new Set(text ? tokenize(text) : [])].filter((w) => !leaveOut.has(w)).map((w) => [w, Math.max(idf.get(w) ?? 0, 1)]));
  const title = topic(input.title);
  const lead = topic(input.lead, new Set(title.keys()));
  const coverage = (words: ReadonlyMap<string, number>, set: ReadonlySet<string>) => {
    let total = 0;
    let found = 0;
    for (const [w, weight] of words) {
      total += weight;
      if (set.has(w)) found += weight;
    }
    return total ? found / total : 0;
  };
  // items of a parallel list (相同的条件下，执行了相同的事件；/ 不同的条件下…) lift each other in the graph
  const parallel = new Set<number>();
  for (let i = 0; i + 1 < pool.length; i++) {
    if (pool[i + 1]!.paragraph - pool[i]!.paragraph !== 1 || !pool[i]!.whole || !pool[i + 1]!.whole) continue;
    if (dense(vectors[i]!)(vectors[i + 1]!) > w.parallelSimilarity) parallel.add(i).add(i + 1);
  }
  pool.forEach((s, i) => {
    s.rank = rank[i]! * pool.length;
    const onTopic = 1 + w.title * coverage(title, sets[i]!) + w.lead * coverage(lead, sets[i]!);
    s.score = s.rank * onTopic * priors.get(s)! * (parallel.has(i) ? w.parallel : 1);
  });
  return { pool, vectors };
}

/** The article's key sentences, in article order. Pure and deterministic. */
export function keySentences(input: RankInput, options: KeySentenceOptions = {}): string[] {
  const { pool, vectors } = scoreSentences(input, options.site);
  const w = weightsFor(input);
  const count = Math.min(options.count ?? keySentenceCount(length(input.text)), pool.length);
  const chosen: number[] = [];
  const similar = new Float64Array(pool.length); // each sentence's highest cosine with one taken
  const usedSections = new Map<number, number>();
  while (chosen.length < count) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (chosen.includes(i) || chosen.some((j) => pool[j]!.text === pool[i]!.text)) continue;
      let value = pool[i]!.score * w.sameSection ** (usedSections.get(pool[i]!.section) ?? 0);
      // one that says the same as one taken comes only when nothing else is left, the least similar first
      if (similar[i]! > w.redundancy) value = (1 - similar[i]!) * 1e-9;
      if (value > bestScore) {
        bestScore = value;
        best = i;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    usedSections.set(pool[best]!.section, (usedSections.get(pool[best]!.section) ?? 0) + 1);
    const taken = dense(vectors[best]!);
    for (let i = 0; i < pool.length; i++) similar[i] = Math.max(similar[i]!, i === best ? 1 : taken(vectors[i]!));
  }
  return chosen.sort((a, b) => a - b).map((i) => pool[i]!.text);
}
