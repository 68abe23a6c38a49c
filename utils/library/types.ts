/**
 * The library's contract: what is kept of each saved article, what the search indexes, and what it answers.
 * Storage (shell/library.ts, IndexedDB), search (utils/library/search.ts), the library page and the CLI's
 * `search` all speak these types.
 */
import type { Article } from '../types';

/** 稍后读 (saved, not read yet) or 已读. */
export type ReadingState = 'later' | 'read';

/** One export of the article, as the export flow reported it. */
export interface LibraryExport {
  /** ms since epoch. */
  at: number;
  /** `folder`: the notes folder; `downloads`: the notes layout inside Downloads; `download`: a zip or file in Downloads. */
  where: 'folder' | 'downloads' | 'download';
  /** The notes folder's name, the folder inside Downloads, or ''. */
  folder: string;
  /** The file written, relative to `folder`. */
  path: string;
}

/** What the list, the filters and the card need, without the body: small, read all at once. */
export interface LibraryCard {
  /** The article's canonical URL: the key everywhere (also of its highlights). */
  url: string;
  title: string;
  author: string;
  category: { slug: string; name: string | null };
  tags: string[];
  /** `YYYY-MM-DD` or ISO date-time, as in `Article.published`. */
  published: string | null;
  lead: string | null;
  cover: string | null;
  /** When it first entered the library (ms since epoch). */
  savedAt: number;
  /** When the stored copy was last written (ms): a new save or an update. */
  updatedAt: number;
  state: ReadingState;
  /** Every export, oldest first; empty when only collected. */
  exports: LibraryExport[];
  /** SHA-256 (hex) of `Article.text` as stored: a page whose text hashes otherwise changed since. */
  textHash: string;
  /** How many images are kept offline with it (0 when images are not kept). */
  images: number;
}

/** The whole stored article: its card, the `Article` as extracted, and its images kept offline. */
export interface LibraryRecord {
  card: LibraryCard;
  article: Article;
  /** Image URL as it appears in `article.html` -> SHA-256 of its bytes in the images store (bytes kept once). */
  images: Record<string, string>;
}

/** The fields a search looks in, in the order their matches rank (title first). */
export const searchFields = ['title', 'author', 'tags', 'lead', 'highlights', 'notes', 'body'] as const;
export type SearchField = (typeof searchFields)[number];

/** What the search indexes of one article: plain text per field. Highlights and notes are the live ones. */
export interface SearchDoc {
  url: string;
  title: string;
  author: string;
  tags: string[];
  lead: string;
  body: string;
  /** The highlighted passages' text. */
  highlights: string[];
  /** The highlights' notes ('' left out). */
  notes: string[];
}

/** What the library keeps of an article for its search: the fields of its `SearchDoc` that are the article's own. */
export type SearchText = Omit<SearchDoc, 'highlights' | 'notes'>;

/** A stretch of one field's text around the matches, with the matches marked as [start, end) offsets into `text`. */
export interface Passage {
  field: SearchField;
  text: string;
  marks: Array<[number, number]>;
}

/** One article found: best first. */
export interface SearchHit {
  url: string;
  score: number;
  /** The best-ranked field that matched. */
  field: SearchField;
}
