/**
 * Runtime checks of extraction results: the shape `utils/types.ts` promises, field by field, and
 * what the sanitized body must never carry. Each returns a list of problems (empty is good), so a
 * failing case says what is wrong.
 */
import { JSDOM } from 'jsdom';

const reasons = ['not-woshipm', 'not-article', 'empty'];
const articleKeys = [
  'url',
  'title',
  'author',
  'published',
  'category',
  'stats',
  'readingMinutes',
  'tags',
  'lead',
  'cover',
  'keyPoints',
  'keySentences',
  'outline',
  'html',
  'text',
  'wordCount',
  'attribution',
  'truncated',
  'readFrom',
].sort();
const readFields = [
  'title',
  'authorName',
  'authorUrl',
  'published',
  'lead',
  'cover',
  'canonical',
  'metaLine',
  'likes',
  'tags',
  'categoryLinks',
  'contentSelectors',
];

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown) => v === null || isString(v);
const isCount = (v: unknown) => v === null || (Number.isSafeInteger(v) && (v as number) >= 0);
const isStringArray = (v: unknown) => Array.isArray(v) && v.every(isString);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const keysAre = (v: Record<string, unknown>, keys: string[]) => Object.keys(v).sort().join() === [...keys].sort().join();

/** Problems with `result` as an `ExtractResult`: wrong types, missing or extra fields, an empty message. */
export function shapeProblems(result: unknown): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  if (!isObject(result)) return ['result is not an object'];
  if (result.ok === false) {
    check(keysAre(result, ['ok', 'reason']), `failure keys: ${Object.keys(result)}`);
    check(reasons.includes(result.reason as string), `reason ${String(result.reason)}`);
    return problems;
  }
  if (result.ok !== true) return [`ok is ${String(result.ok)}`];
  check(keysAre(result, ['ok', 'article']), `result keys: ${Object.keys(result)}`);
  const a = result.article;
  if (!isObject(a)) return [...problems, 'article is not an object'];
  check(keysAre(a, articleKeys), `article keys: ${Object.keys(a).sort()}`);
  check(isString(a.url) && /^https?:\/\//.test(a.url), `url ${String(a.url)}`);
  check(isString(a.title) && a.title.trim().length > 0, 'title');
  check(isObject(a.author) && keysAre(a.author, ['name', 'url']) && isString(a.author.name) && isStringOrNull(a.author.url), 'author');
  check(isStringOrNull(a.published), 'published');
  check(isObject(a.category) && keysAre(a.category, ['slug', 'name']) && isString(a.category.slug) && isStringOrNull(a.category.name), 'category');
  const stats = ['views', 'comments', 'collects', 'likes'];
  check(isObject(a.stats) && keysAre(a.stats, stats) && stats.every((k) => isCount((a.stats as Record<string, unknown>)[k])), 'stats');
  check(Number.isSafeInteger(a.readingMinutes) && (a.readingMinutes as number) >= 0, `readingMinutes ${String(a.readingMinutes)}`);
  for (const key of ['tags', 'keyPoints', 'keySentences', 'attribution']) check(isStringArray(a[key]), key);
  check(isStringOrNull(a.lead), 'lead');
  check(isStringOrNull(a.cover), 'cover');
  check(
    Array.isArray(a.outline) &&
      a.outline.every(
        (h) =>
          isObject(h) &&
          keysAre(h, ['level', 'text', 'id']) &&
          Number.isInteger(h.level) &&
          (h.level as number) >= 1 &&
          (h.level as number) <= 6 &&
          isString(h.text) &&
          h.text.length > 0 &&
          isString(h.id) &&
          /^wr-h\d+$/.test(h.id),
      ),
    'outline',
  );
  check(isString(a.html), 'html');
  check(isString(a.text), 'text'); // empty for a body of images only
  check(Number.isSafeInteger(a.wordCount) && (a.wordCount as number) >= 0, 'wordCount');
  check(typeof a.truncated === 'boolean', 'truncated');
  check(
    isObject(a.readFrom) &&
      keysAre(a.readFrom, ['fallbacks']) &&
      Array.isArray(a.readFrom.fallbacks) &&
      a.readFrom.fallbacks.every(
        (f) =>
          isObject(f) &&
          keysAre(f, ['field', 'source', 'primary']) &&
          readFields.includes(f.field as string) &&
          isStringOrNull(f.source) &&
          f.source !== '' &&
          isString(f.primary) &&
          f.primary.length > 0 &&
          f.source !== f.primary,
      ),
    'readFrom',
  );
  return problems;
}

const parser = new new JSDOM('').window.DOMParser();

/** What in sanitized body HTML could run: a script, an `on…` handler attribute, a `javascript:` URL. */
export function unsafeProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('<script');
  if (/javascript:/i.test(html)) problems.push('javascript:');
  // Attributes named on…: parsed only when something in a tag looks like one (an attribute value may say " onx=").
  if (/<[^>]*\son[^\s=>]*\s*=/i.test(html)) {
    const body = parser.parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
    for (const el of body.querySelectorAll('*')) {
      for (const attr of el.attributes) if (/^on/i.test(attr.name)) problems.push(`${el.localName}@${attr.name}`);
    }
  }
  return problems;
}
