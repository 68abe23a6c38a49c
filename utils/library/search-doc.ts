/** What the search indexes of an article: its card fields, its body text, and the live highlights with their notes. */
import type { Article } from '../types';
import type { SearchDoc } from './types';

/** A highlight as far as the search is concerned: its text and its note ('' when none). */
export interface SearchableHighlight {
  text: string;
  note?: string;
}

export function searchDocOf(article: Article, highlights: readonly SearchableHighlight[] = []): SearchDoc {
  return {
    url: article.url,
    title: article.title,
    author: article.author.name,
    tags: article.tags,
    lead: article.lead ?? '',
    body: article.text,
    highlights: highlights.map((h) => h.text),
    notes: highlights.map((h) => h.note ?? '').filter((n) => n !== ''),
  };
}
