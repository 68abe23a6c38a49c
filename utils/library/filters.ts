/**
 * The library page's list as plain data: cards newest first, the filter choices the cards offer
 * (category, author, tag, year), and a filter applied to them. Highlight counts come from the live
 * highlights (passed in by URL), never from a copy.
 */
import type { LibraryCard, ReadingState } from './types';

/** What the user narrowed the list to; `null` / `false`: not narrowed by it. */
export interface LibraryFilter {
  category: string | null;
  author: string | null;
  tag: string | null;
  year: string | null;
  state: ReadingState | null;
  withHighlights: boolean;
}

export const noFilter: LibraryFilter = { category: null, author: null, tag: null, year: null, state: null, withHighlights: false };

/** One choice of a filter: its value, what to show, and how many cards have it. */
export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface Facets {
  categories: FacetValue[];
  authors: FacetValue[];
  tags: FacetValue[];
  years: FacetValue[];
}

/** The year a card was published (`YYYY`), or null when the date is unknown. */
export const yearOf = (card: Pick<LibraryCard, 'published'>): string | null => /^\d{4}/.exec(card.published ?? '')?.[0] ?? null;

/** Newest saved first (ties: newest written first, then by URL, so the order is stable). */
export const newestFirst = (cards: readonly LibraryCard[]): LibraryCard[] =>
  [...cards].sort((a, b) => b.savedAt - a.savedAt || b.updatedAt - a.updatedAt || a.url.localeCompare(b.url));

function facet(values: Iterable<[value: string, label: string]>, order: 'count' | 'desc'): FacetValue[] {
  const byValue = new Map<string, FacetValue>();
  for (const [value, label] of values) {
    const entry = byValue.get(value) ?? { value, label, count: 0 };
    entry.count++;
    byValue.set(value, entry);
  }
  const list = [...byValue.values()];
  return order === 'desc'
    ? list.sort((a, b) => b.value.localeCompare(a.value))
    : list.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'));
}

/** The choices each filter offers: every category, author, tag and year the cards have, with counts. */
export function facetsOf(cards: readonly LibraryCard[]): Facets {
  return {
    categories: facet(
      cards.map((c) => [c.category.slug, c.category.name ?? c.category.slug]),
      'count',
    ),
    authors: facet(
      cards.filter((c) => c.author).map((c) => [c.author, c.author]),
      'count',
    ),
    tags: facet(
      cards.flatMap((c) => [...new Set(c.tags)].map((tag): [string, string] => [tag, tag])),
      'count',
    ),
    years: facet(
      cards.flatMap((c) => {
        const y = yearOf(c);
        return y ? [[y, y] as [string, string]] : [];
      }),
      'desc',
    ),
  };
}

/** The cards the filter keeps, in their order. `highlightCount(url)`: the article's live highlights. */
export function applyFilter(cards: readonly LibraryCard[], filter: LibraryFilter, highlightCount: (url: string) => number): LibraryCard[] {
  return cards.filter(
    (c) =>
      (filter.category === null || c.category.slug === filter.category) &&
      (filter.author === null || c.author === filter.author) &&
      (filter.tag === null || c.tags.includes(filter.tag)) &&
      (filter.year === null || yearOf(c) === filter.year) &&
      (filter.state === null || c.state === filter.state) &&
      (!filter.withHighlights || highlightCount(c.url) > 0),
  );
}

/** Whether any filter narrows the list. */
export const isFiltered = (filter: LibraryFilter): boolean =>
  filter.category !== null || filter.author !== null || filter.tag !== null || filter.year !== null || filter.state !== null || filter.withHighlights;
