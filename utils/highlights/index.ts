export { highlightColors } from './types';
export type { ArticleHighlights, Highlight, HighlightColor, PositionSelector, QuoteSelector } from './types';
