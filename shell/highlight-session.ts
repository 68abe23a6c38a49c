/**
 * One article's highlights as a page works with them: read once from storage, kept in step with
 * changes made elsewhere (another tab, the options page), and changed through here, one change after
 * another. Whoever opened the session hears of every change, to paint it.
 */
import type { ArticleHighlights, Highlight, HighlightColor } from '../utils/highlights';
import { getArticleHighlights, updateArticleHighlights, watchArticleHighlights } from './highlights';

/** Where a change came from: the first read, another page of the extension, or this session's own save. */
export type HighlightsChange = 'loaded' | 'elsewhere' | 'saved';

export interface HighlightSession {
  /** Resolves once the stored highlights have been read. */
  readonly ready: Promise<void>;
  /** The highlights as known now (none before `ready`). */
  highlights(): readonly Highlight[];
  /** The article's title as stored ('' when nothing is). */
  title(): string;
  /** Adds a highlight with these selectors; resolves with its id once saved. */
  add(selectors: Pick<Highlight, 'quote' | 'position'>, color: HighlightColor): Promise<string>;
  edit(id: string, patch: Partial<Pick<Highlight, 'color' | 'note'>>): Promise<void>;
  remove(id: string): Promise<void>;
  /** Stops following changes made elsewhere. */
  stop(): void;
}

const randomId = () => crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Opens the session of the article kept under `url`; `title()` names it when its first highlight is saved. */
export function openHighlightSession(url: string, title: () => string, onChange: (change: HighlightsChange) => void): HighlightSession {
  let entry: ArticleHighlights | null = null;
  const ready = getArticleHighlights(url).then((stored) => {
    entry = stored;
    onChange('loaded');
  });
  const unwatch = watchArticleHighlights(url, (stored) => {
    // Our own saves come back here too: those are known already.
    if (stored?.updatedAt === entry?.updatedAt && stored?.highlights.length === entry?.highlights.length) return;
    entry = stored;
    onChange('elsewhere');
  });
  const save = (change: (list: Highlight[]) => Highlight[]) =>
    updateArticleHighlights(url, (current) => ({
      url,
      title: current?.title || title(),
      updatedAt: Date.now(),
      highlights: change(current?.highlights ?? []),
    })).then((saved) => {
      entry = saved;
      onChange('saved');
    });

  return {
    ready,
    highlights: () => entry?.highlights ?? [],
    title: () => entry?.title ?? '',
    async add(selectors, color) {
      const now = Date.now();
      const highlight: Highlight = { id: randomId(), color, note: '', ...selectors, createdAt: now, updatedAt: now };
      await save((list) => [...list, highlight]);
      return highlight.id;
    },
    edit: (id, patch) => save((list) => list.map((h) => (h.id === id ? { ...h, ...patch, updatedAt: Date.now() } : h))),
    remove: (id) => save((list) => list.filter((h) => h.id !== id)),
    stop: unwatch,
  };
}
