import { stopWords } from './stopwords';

let segmenter: Intl.Segmenter | null = null;

/**
 * The words of `text` that say what it is about: the word-like segments of
 * `Intl.Segmenter('zh', { granularity: 'word' })`, Latin lower-cased, without stop words, bare
 * numbers and single Latin letters.
 */
export function tokenize(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) {
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
