/** What the search indexes of an article: its card fields, its body text, and the live highlights with their notes. */
import type { Article } from '../types';
import type { SearchDoc, SearchText } from './types';

/** A highlight as far as the search is concerned: its text and its note ('' when none). */
export interface SearchableHighlight {
  text: string;
  note?: string;
}

/** The article's own searchable text (what the library keeps of it for the search). */
export const searchTextOf = (article: Article): SearchText => ({
  url: article.url,
  title: article.title,
  author: article.author.name,
  tags: article.tags,
  lead: article.lead ?? '',
  body: article.text,
});

/** The document the search indexes: the article's text (or what the library kept of it) with the live highlights. */
export function searchDocOf(article: Article | SearchText, highlights: readonly SearchableHighlight[] = []): SearchDoc {
  const text = 'html' in article ? searchTextOf(article) : article;
  return {
    ...text,
    highlights: highlights.map((h) => h.text),
    notes: highlights.map((h) => h.note ?? '').filter((n) => n !== ''),
  };
}
