/**
 * Selector lists as predicates, and a walk over a subtree. Under jsdom a `querySelectorAll` or
 * `matches` with a list of selectors costs many times a plain check of tag, class or attribute,
 * and extraction runs these lists over whole pages.
 */

import { documentOf, PageIndex, type Page } from './pageindex';

type Test = (el: Element) => boolean;

const whitespace = /[\t\n\f\r ]+/;
const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (c) => c.toLowerCase());

/**
 * `el.matches(selectors.join(','))` for `doc`'s elements, fast for the simple selectors: a tag,
 * `.class`, `#id`, `[data-x="v"]` (data-* only: some HTML attributes compare values without case,
 * which a plain check would not); the engine does the others. Each element's tag, class and id
 * are read once. In quirks mode (a page without doctype, DOMPurify's documents) classes and ids
 * match without case, as selectors do there.
 */
export function matcher(selectors: readonly string[], doc: Document | null): Test {
  const quirks = doc?.compatMode === 'BackCompat';
  const fold = (name: string) => (quirks ? asciiLower(name) : name);
  const tags = new Set<string>();
  const classes = new Set<string>();
  const ids = new Set<string>();
  const attributes: [string, string][] = [];
  const rest: string[] = [];
  for (const selector of selectors) {
    const s = selector.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([a-z][a-z0-9-]*)$/.exec(s))) tags.add(m[1]!);
    else if ((m = /^\.([A-Za-z_][\w-]*)$/.exec(s))) classes.add(fold(m[1]!));
    else if ((m = /^#([A-Za-z_][\w-]*)$/.exec(s))) ids.add(fold(m[1]!));
    else if ((m = /^\[(data-[a-z0-9-]+)="([^"\\]*)"\]$/.exec(s))) attributes.push([m[1]!, m[2]!]);
    else rest.push(s);
  }
  const complex = rest.join(',');
  return (el) => {
    if (tags.has(el.localName)) return true;
    if (classes.size) {
      const names = el.getAttribute('class');
      if (names && fold(names).split(whitespace).some((c) => classes.has(c))) return true;
    }
    if (ids.size) {
      const id = el.getAttribute('id');
      if (id && ids.has(fold(id))) return true;
    }
    for (const [name, value] of attributes) if (el.getAttribute(name) === value) return true;
    return !!complex && el.matches(complex);
  };
}

/**
 * A live HTMLCollection as an array. Indexed reads: under jsdom iterating a collection (`for of`,
 * spread, `Array.from`) costs several times as much.
 */
function toArray<T extends Element>(collection: HTMLCollectionOf<T>): T[] {
  const out: T[] = [];
  for (let i = 0, n = collection.length; i < n; i++) out.push(collection[i]!);
  return out;
}

/**
 * The elements below `root` with one of these (lower-case) tag names, in document order: what
 * `root.querySelectorAll(tags.join(','))` lists, as an array, at a fraction of its cost under jsdom
 * (which scans through the selector engine; `getElementsByTagName` walks its own tree).
 * Given a page's index, from the index.
 */
export function elementsByTag(root: Element | Page, ...tags: string[]): Element[] {
  if (root instanceof PageIndex) return root.byTag(tags);
  if (tags.length === 1) return toArray(root.getElementsByTagName(tags[0]!));
  const wanted = new Set(tags);
  return toArray(root.getElementsByTagName('*')).filter((el) => wanted.has(el.localName));
}

/**
 * Visits the elements below `root` (not `root`) in document order, as `querySelectorAll('*')`
 * lists them. `visit` returning false skips the element's subtree; it may then remove the element.
 */
export function walkElements(root: Element | Document, visit: (el: Element) => boolean | undefined): void {
  let skipped: Element | null = null;
  for (const el of toArray(root.getElementsByTagName('*'))) {
    if (skipped?.contains(el)) continue;
    skipped = visit(el) === false ? el : null;
  }
}

/** One compound selector of the shapes `tag`, `.a.b`, `tag.a[href*="x"][data-y]`, `tag:first-child`. */
interface Compound {
  tag: string | null;
  classes: string[];
  attributes: { name: string; op: '' | '=' | '*='; value: string }[];
  firstChild: boolean;
}

/** HTML attributes whose values selectors compare without case in HTML documents. */
const caseless = new Set(['accept', 'accept-charset', 'align', 'alink', 'axis', 'bgcolor', 'charset', 'checked', 'clear',
  'codetype', 'color', 'compact', 'declare', 'defer', 'dir', 'direction', 'disabled', 'enctype', 'face', 'frame',
  'hreflang', 'http-equiv', 'lang', 'language', 'link', 'media', 'method', 'multiple', 'nohref', 'noresize',
  'noshade', 'nowrap', 'readonly', 'rel', 'rev', 'rules', 'scope', 'scrolling', 'selected', 'shape', 'target',
  'text', 'type', 'valign', 'valuetype', 'vlink']);

const compoundShape = /^([a-z][a-z0-9]*)?((?:\.[A-Za-z_][\w-]*|\[[a-z][a-z0-9-]*(?:\*?="[^"\\]*")?\])*)(:first-child)?$/;

function parseCompound(text: string): Compound | null {
  const m = compoundShape.exec(text);
  if (!m || !text || text === ':first-child') return null;
  const compound: Compound = { tag: m[1] ?? null, classes: [], attributes: [], firstChild: !!m[3] };
  for (const part of m[2]!.match(/\.[^.[]+|\[[^\]]+\]/g) ?? []) {
    if (part.startsWith('.')) compound.classes.push(part.slice(1));
    else {
      const a = /^\[([a-z0-9-]+)(?:(\*?=)"(.*)")?\]$/.exec(part)!;
      compound.attributes.push({ name: a[1]!, op: (a[2] ?? '') as '' | '=' | '*=', value: a[3] ?? '' });
    }
  }
  return compound;
}

/** Compounds joined by descendant (` `) and child (`>`) combinators; null for anything else. */
function parseSelector(selector: string): { compounds: Compound[]; child: boolean[] } | null {
  const tokens = selector.trim().replace(/\s*>\s*/g, ' > ').split(/\s+/);
  const compounds: Compound[] = [];
  const child: boolean[] = []; // child[i]: compound i+1 is a child (not just a descendant) of compound i
  let pendingChild = false;
  for (const token of tokens) {
    if (token === '>') {
      if (!compounds.length || pendingChild) return null;
      pendingChild = true;
      continue;
    }
    const compound = parseCompound(token);
    if (!compound) return null;
    if (compounds.length) child.push(pendingChild);
    compounds.push(compound);
    pendingChild = false;
  }
  return compounds.length && !pendingChild ? { compounds, child } : null;
}

function attributesMatch(el: Element, compound: Compound): boolean {
  return compound.attributes.every(({ name, op, value }) => {
    const actual = el.getAttribute(name);
    if (actual === null) return false;
    const [a, v] = caseless.has(name) && el.namespaceURI === 'http://www.w3.org/1999/xhtml' ? [asciiLower(actual), asciiLower(value)] : [actual, value];
    return op === '' || (op === '=' ? a === v : !!v && a.includes(v));
  });
}

/** The elements of `page` matching `compound`, in document order. */
function compoundMatches(page: Page, compound: Compound): Element[] {
  const { tag, classes } = compound;
  const index = page instanceof PageIndex ? page : null;
  const doc = documentOf(page);
  // getElementsByClassName follows the document's mode for case, as class selectors do.
  const found = index
    ? classes.length
      ? index.byClasses(classes)
      : index.byTag([tag ?? '*'])
    : classes.length
      ? toArray(doc.getElementsByClassName(classes.join(' ')))
      : toArray(doc.getElementsByTagName(tag ?? '*'));
  return found.filter(
    (el) =>
      (!classes.length || !tag || el.localName === tag) &&
      (!compound.firstChild || !el.previousElementSibling) &&
      attributesMatch(el, compound),
  );
}

/**
 * `doc.querySelectorAll(selector)` as an array, without the selector engine for compounds of tag,
 * classes, attributes (`=`, `*=`, presence) and `:first-child` joined by descendant and child
 * combinators, the shapes the site table uses; anything else goes to the engine. Each outer
 * compound's matches are listed first, so a selector whose container is not on the page costs
 * next to nothing, and the innermost compound's matches are checked against them.
 */
export function queryAll(page: Page, selector: string): Element[] {
  const parsed = parseSelector(selector);
  if (!parsed) return [...documentOf(page).querySelectorAll(selector)];
  const { compounds, child } = parsed;
  const outer = compounds.slice(0, -1).map((c) => new Set(compoundMatches(page, c)));
  if (outer.some((set) => !set.size)) return [];
  /** Whether `el`, which matches compound `i`, has the ancestors compounds 0..i-1 ask for. */
  const chain = (el: Element, i: number): boolean => {
    if (i === 0) return true;
    const set = outer[i - 1]!;
    if (child[i - 1]) {
      const parent = el.parentElement;
      return !!parent && set.has(parent) && chain(parent, i - 1);
    }
    for (let at = el.parentElement; at; at = at.parentElement) if (set.has(at) && chain(at, i - 1)) return true;
    return false;
  };
  return compoundMatches(page, compounds.at(-1)!).filter((el) => chain(el, compounds.length - 1));
}

/** `doc.querySelector(selector)`, by `queryAll` for the shapes it knows. */
export function firstElement(page: Page, selector: string): Element | null {
  const s = selector.trim();
  if (/^[a-z][a-z0-9]*$/.test(s)) return page instanceof PageIndex ? (page.byTag([s])[0] ?? null) : (page.getElementsByTagName(s)[0] ?? null);
  return parseSelector(s) ? (queryAll(page, s)[0] ?? null) : documentOf(page).querySelector(s);
}

/** `doc.querySelectorAll('a[href]')`, as an array, without the selector engine. */
export function linksOf(page: Page): Element[] {
  return elementsByTag(page, 'a').filter((a) => a.hasAttribute('href'));
}

/** Whether `root` has an element with one of these tag names below it (`root.querySelector(tags)`). */
export function hasElement(root: Element, ...tags: string[]): boolean {
  return tags.some((tag) => root.getElementsByTagName(tag).length > 0);
}
