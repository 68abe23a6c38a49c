import { stopWords } from './stopwords';

let segmenter: Intl.Segmenter | null = null;

/**
 * The words of `text` that say what it is about: the word-like segments of
 * `Intl.Segmenter('zh', { granularity: 'word' })`, Latin lower-cased, without stop words, bare
 * numbers and single Latin letters. One segmenter serves every call; the segments are walked with
 * `containing()`, which costs less than the iterator (most of the ranker's time is here).
 */
export function tokenize(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const segments = segmenter.segment(text);
  const words: string[] = [];
  for (let at = 0; at < text.length; ) {
    const { segment, isWordLike } = segments.containing(at)!;
    at += segment.length;
    if (!isWordLike) continue;
    let word = segment;
    if (word.charCodeAt(0) < 0x2e80) {
      // Latin, digits and other non-CJK scripts
      word = word.toLowerCase();
      if (word.length === 1 || /^[\d.,%]+$/.test(word)) continue;
    }
    if (!stopWords.has(word)) words.push(word);
  }
  return words;
}
