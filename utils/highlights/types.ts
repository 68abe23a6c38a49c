export const highlightColors = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof highlightColors)[number];
/** W3C Web Annotation TextQuoteSelector: the exact text with up to 32 characters of context either side. */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}
/** W3C Web Annotation TextPositionSelector: offsets in the root's text (see `rootText`). */
export interface PositionSelector {
  start: number;
  end: number;
}
export interface Highlight {
  id: string; // random, stable
  color: HighlightColor;
  note: string; // '' when none
  quote: QuoteSelector;
  position: PositionSelector;
  createdAt: number; // ms since epoch
  updatedAt: number;
}
/** Everything stored for one article, keyed by its canonical URL. */
export interface ArticleHighlights {
  url: string;
  title: string;
  updatedAt: number;
  highlights: Highlight[];
}
