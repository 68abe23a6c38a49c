/**
 * What the card, the reader, the CLI card and the Markdown 要点 section list as an article's points,
 * by one rule: the author's bold when there is any; else, when the article is a numbered list of
 * sections (一、… 二、… 三、…), its section headings as the skeleton; else the key sentences.
 */
import type { Article } from './types';

/**
 * A line that opens with a number: `1. `, `2、`, `（3）`, `四、`, `第五步`, and two digits then a space, `01 `, `02 `
 * (how 1 woshipm article in 7 numbers its sections), running on past `09 ` to `10 `. Also what makes bold a
 * heading (utils/site/woshipm.ts).
 */
export const numbered =
  /^(\d{1,2}\s*[.、．)）]|\d{2}\s|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十\d]{1,3}[步点章节个部层条招])/;

type PointsKind = 'keyPoints' | 'skeleton' | 'keySentences';

export interface Points {
  kind: PointsKind;
  /** The texts, in article order. */
  items: string[];
  /** For the skeleton: each item's index in `article.outline` (to jump to it). */
  outlineIndex: number[];
}

/** The top-level headings when there are at least 3 and every one is numbered, else none. */
export function skeleton(outline: Article['outline']): number[] {
  if (!outline.length) return [];
  const top = Math.min(...outline.map((h) => h.level));
  const indexes = outline.flatMap((h, i) => (h.level === top ? [i] : []));
  return indexes.length >= 3 && indexes.every((i) => numbered.test(outline[i]!.text)) ? indexes : [];
}

/** Whether an article's points are its key sentences: it has no bold and no numbered sections. */
export function showsKeySentences(article: Pick<Article, 'keyPoints' | 'outline'>): boolean {
  return !article.keyPoints.length && !skeleton(article.outline).length;
}

export function pointsOf(article: Pick<Article, 'keyPoints' | 'keySentences' | 'outline'>): Points {
  if (article.keyPoints.length) return { kind: 'keyPoints', items: article.keyPoints, outlineIndex: [] };
  const sections = skeleton(article.outline);
  if (sections.length) return { kind: 'skeleton', items: sections.map((i) => article.outline[i]!.text), outlineIndex: sections };
  return { kind: 'keySentences', items: article.keySentences, outlineIndex: [] };
}
