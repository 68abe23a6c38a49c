/**
 * The highlights backup: every article's highlights as one JSON file, and reading one back. A backup is
 * input from anywhere: every field is checked and the objects are rebuilt from the checked fields only.
 */
import { highlightColors, type ArticleHighlights, type Highlight, type HighlightColor } from './types';

const format = 'woshipm-reader-highlights';
const version = 1;

export function backupJson(entries: readonly ArticleHighlights[], now: number): string {
  return JSON.stringify({ format, version, exportedAt: now, articles: entries }, null, 2) + '\n';
}

export type ParsedBackup = { ok: true; articles: ArticleHighlights[] } | { ok: false; reason: 'not-json' | 'wrong-format' | 'invalid' };

/** Bounds on what one backup may hold; far above real use, low enough that a hostile file cannot blow up the UI. */
const limits = {
  fileChars: 50_000_000,
  articles: 10_000,
  highlightsPerArticle: 5_000,
  urlChars: 2_048,
  titleChars: 1_000,
  idChars: 100,
  exactChars: 20_000,
  contextChars: 200,
  noteChars: 20_000,
  offset: 100_000_000,
};

class Invalid extends Error {}
const check = (ok: boolean): void => {
  if (!ok) throw new Invalid();
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, max: number): string => {
  check(typeof value === 'string' && value.length <= max);
  return value as string;
};
const time = (value: unknown): number => {
  check(typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 8.64e15);
  return value as number;
};
const offset = (value: unknown): number => {
  check(Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= limits.offset);
  return value as number;
};

function webUrl(value: unknown): string {
  const url = text(value, limits.urlChars);
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // checked below
  }
  check(!!parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:'));
  return url;
}

function highlight(value: unknown): Highlight {
  check(isObject(value));
  const h = value as Json;
  const id = text(h.id, limits.idChars);
  check(/^[\w-]+$/.test(id));
  check(highlightColors.includes(h.color as HighlightColor));
  check(isObject(h.quote) && isObject(h.position));
  const quote = h.quote as Json;
  const position = h.position as Json;
  const exact = text(quote.exact, limits.exactChars);
  check(!!exact.trim());
  const start = offset(position.start);
  const end = offset(position.end);
  check(start < end);
  return {
    id,
    color: h.color as HighlightColor,
    note: text(h.note, limits.noteChars),
    quote: { exact, prefix: text(quote.prefix, limits.contextChars), suffix: text(quote.suffix, limits.contextChars) },
    position: { start, end },
    createdAt: time(h.createdAt),
    updatedAt: time(h.updatedAt),
  };
}

function article(value: unknown): ArticleHighlights {
  check(isObject(value));
  const a = value as Json;
  check(Array.isArray(a.highlights) && a.highlights.length <= limits.highlightsPerArticle);
  const highlights = (a.highlights as unknown[]).map(highlight);
  check(new Set(highlights.map((h) => h.id)).size === highlights.length);
  return { url: webUrl(a.url), title: text(a.title, limits.titleChars), updatedAt: time(a.updatedAt), highlights };
}

/** One article's highlights read from anywhere (the library backup's `highlights`), checked and rebuilt; null when a field does not check. */
export function checkedArticleHighlights(value: unknown): ArticleHighlights | null {
  try {
    return article(value);
  } catch (error) {
    if (error instanceof Invalid) return null;
    throw error;
  }
}

/** A backup file's text -> its articles, or why not: not JSON, not our backup (or a newer version), or a field that does not check. */
export function parseBackup(input: string): ParsedBackup {
  if (typeof input !== 'string') return { ok: false, reason: 'not-json' };
  if (input.length > limits.fileChars) return { ok: false, reason: 'invalid' };
  let data: unknown;
  try {
    data = JSON.parse(input);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  if (!isObject(data) || data.format !== format || data.version !== version) return { ok: false, reason: 'wrong-format' };
  try {
    check(Array.isArray(data.articles) && data.articles.length <= limits.articles);
    const articles = (data.articles as unknown[]).map(article);
    check(new Set(articles.map((a) => a.url)).size === articles.length);
    return { ok: true, articles };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: 'invalid' };
    throw error;
  }
}

const sameHighlights = (a: ArticleHighlights, b: ArticleHighlights) => {
  const key = (e: ArticleHighlights) => JSON.stringify([...e.highlights].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)));
  return key(a) === key(b);
};

/**
 * What restoring `incoming` over `existing` would do: articles with no highlights here yet are added; an
 * article highlighted both here and in the backup, differently, is a conflict the UI must ask about
 * (counts of each side); one that is the same on both sides needs nothing.
 */
export function planRestore(
  existing: readonly ArticleHighlights[],
  incoming: readonly ArticleHighlights[],
): { added: ArticleHighlights[]; conflicts: { url: string; existing: number; incoming: number }[] } {
  const here = new Map(existing.filter((e) => e.highlights.length).map((e) => [e.url, e]));
  const added: ArticleHighlights[] = [];
  const conflicts: { url: string; existing: number; incoming: number }[] = [];
  for (const entry of incoming) {
    if (!entry.highlights.length) continue;
    const current = here.get(entry.url);
    if (!current) added.push(entry);
    else if (!sameHighlights(current, entry)) {
      conflicts.push({ url: entry.url, existing: current.highlights.length, incoming: entry.highlights.length });
    }
  }
  return { added, conflicts };
}
