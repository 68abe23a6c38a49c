/**
 * Highlights and notes (issue 11), the pure core: anchoring, painting, backup. The Markdown side is
 * `./markdown` (used through `utils/markdown`), kept out of here so that painting does not pull in turndown;
 * `anchor` and the selector types are in `./anchor` and `./types`.
 */
export { highlightColors } from './types';
export type { ArticleHighlights, Highlight, HighlightColor } from './types';
export { describeRange } from './anchor';
export { paintHighlights } from './paint';
/** @public bench/highlights.ts bundles this index as the core and restores with these (the page uses ./surfaces). */
export { rootText } from './anchor';
/** @public as above. */
export { unpaintHighlights } from './paint';
export { backupJson, parseBackup, planRestore } from './backup';
