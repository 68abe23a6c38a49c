/**
 * Keeping the persisted search index current without rebuilding it: the index records, per article,
 * which version of its stored copy and of its highlights it holds; on opening the library page each
 * article whose card or highlights changed since is indexed again, and those deleted are removed.
 */
import type { ArticleHighlights } from '../highlights';
import { searchDocOf } from './search-doc';
import type { Article } from '../types';
import type { LibraryCard, SearchDoc, SearchText } from './types';

/** What the index holds of one article: its card's `updatedAt` and its highlights' `updatedAt` (0: none). */
export interface IndexedVersion {
  card: number;
  highlights: number;
}

export type IndexedVersions = Record<string, IndexedVersion>;

/** The version of an article as stored now. */
export const versionOf = (card: Pick<LibraryCard, 'updatedAt'>, highlights: Pick<ArticleHighlights, 'updatedAt'> | null | undefined): IndexedVersion => ({
  card: card.updatedAt,
  highlights: highlights?.updatedAt ?? 0,
});

/** Which articles to (re)index and which to drop so that the index matches the library. */
export function planIndexUpdate(
  cards: readonly Pick<LibraryCard, 'url' | 'updatedAt'>[],
  highlightsOf: (url: string) => Pick<ArticleHighlights, 'updatedAt'> | null | undefined,
  indexed: IndexedVersions,
): { add: string[]; remove: string[] } {
  const live = new Set(cards.map((c) => c.url));
  const add = cards
    .filter((c) => {
      const had = indexed[c.url];
      const now = versionOf(c, highlightsOf(c.url));
      return !had || had.card !== now.card || had.highlights !== now.highlights;
    })
    .map((c) => c.url);
  const remove = Object.keys(indexed).filter((url) => !live.has(url));
  return { add, remove };
}

/** What the search indexes of a stored article (or of the text the library keeps of it): its fields, with the live highlights and their notes. */
export const storedSearchDoc = (stored: Article | SearchText, highlights: Pick<ArticleHighlights, 'highlights'> | null | undefined): SearchDoc =>
  searchDocOf(
    stored,
    (highlights?.highlights ?? []).map((h) => ({ text: h.quote.exact, note: h.note })),
  );
