import type { Source } from '../site/profile';
import { squash } from './text';
import type { Page } from './pageindex';
import { elementsByTag, firstElement } from './selectors';

type Json = Record<string, unknown>;

const articleTypes = /^(Article|NewsArticle|BlogPosting|TechArticle|Report)$/;

/** The page's JSON-LD Article (from a list or an @graph too), or null. Broken JSON is skipped. */
export function readJsonLd(page: Page): Json | null {
  // `script[type="application/ld+json"]`: the type compared without case, as that selector does in HTML.
  for (const script of elementsByTag(page, 'script')) {
    if (script.getAttribute('type')?.toLowerCase() !== 'application/ld+json') continue;
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === 'object') {
        const obj = item as Json;
        const types = ([] as unknown[]).concat(obj['@type'] ?? []);
        if (types.some((t) => typeof t === 'string' && articleTypes.test(t))) return obj;
        if (obj['@graph']) queue.push(obj['@graph']);
      }
    }
  }
  return null;
}

function jsonPath(data: Json | null, path: string): string | null {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (Array.isArray(value)) value = value[0];
    value = value && typeof value === 'object' ? (value as Json)[key] : undefined;
  }
  if (Array.isArray(value)) value = value[0];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** The content of the first `<meta>` whose property, name or itemprop is `name`. */
export function metaContent(page: Page, name: string): string | null {
  for (const el of elementsByTag(page, 'meta')) {
    if (el.getAttribute('property') === name || el.getAttribute('name') === name || el.getAttribute('itemprop') === name) {
      return el.getAttribute('content');
    }
  }
  return null;
}

/** Reads one source; white space is collapsed, empty results are null. */
function readSource(page: Page, source: Source, jsonLd: Json | null): string | null {
  let value: string | null;
  if ('css' in source) {
    const el = firstElement(page, source.css);
    value = el ? (source.attr ? el.getAttribute(source.attr) : el.textContent) : null;
  } else if ('meta' in source) value = metaContent(page, source.meta);
  else value = jsonPath(jsonLd, source.jsonld);
  const text = squash(value);
  return text || null;
}

/** A source as a diagnostic names it: `css h2.article--title`, `css a.name @href`, `meta og:title`, `jsonld headline`. */
export function describeSource(source: Source): string {
  if ('css' in source) return source.attr ? `css ${source.css} @${source.attr}` : `css ${source.css}`;
  return 'meta' in source ? `meta ${source.meta}` : `jsonld ${source.jsonld}`;
}

/** The first source, in order, that yields a value accepted by `accept`, with its place in `sources`. */
export function firstSource(
  page: Page,
  sources: readonly Source[],
  jsonLd: Json | null,
  accept: (value: string) => string | null = (v) => v,
): { value: string; index: number } | null {
  for (let index = 0; index < sources.length; index++) {
    const raw = readSource(page, sources[index]!, jsonLd);
    const value = raw === null ? null : accept(raw);
    if (value) return { value, index };
  }
  return null;
}

/** The first source, in order, that yields a value accepted by `accept`. */
export function firstOf(page: Page, sources: readonly Source[], jsonLd: Json | null, accept?: (value: string) => string | null): string | null {
  return firstSource(page, sources, jsonLd, accept)?.value ?? null;
}
