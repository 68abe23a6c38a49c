/**
 * Highlights and notes (issue 11), the pure core: anchoring, painting, backup. The Markdown side is
 * `./markdown` (used through `utils/markdown`), kept out of here so that painting does not pull in turndown;
 * `anchor` and the selector types are in `./anchor` and `./types`.
 */
export { highlightColors } from './types';
export type { ArticleHighlights, Highlight, HighlightColor } from './types';
export { describeRange, rootText } from './anchor';
export { paintHighlights, unpaintHighlights } from './paint';
export { backupJson, parseBackup, planRestore } from './backup';
