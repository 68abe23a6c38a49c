/**
 * Selector lists as predicates, and a walk over a subtree. Under jsdom a `querySelectorAll` or
 * `matches` with a list of selectors costs many times a plain check of tag, class or attribute,
 * and extraction runs these lists over whole pages.
 */

type Test = (el: Element) => boolean;

const whitespace = /[\t\n\f\r ]+/;

/**
 * `el.matches(selectors.join(','))` for `doc`'s elements, fast for the simple selectors: a tag,
 * `.class`, `#id`, `[data-x="v"]` (data-* only: some HTML attributes compare values without case,
 * which a plain check would not). Each element's tag, class and id are read once. In quirks mode
 * classes and ids match without case: there the selector engine does all of it.
 */
export function matcher(selectors: readonly string[], doc: Document | null): Test {
  const list = selectors.join(',');
  if (doc?.compatMode === 'BackCompat') return (el) => el.matches(list);
  const tags = new Set<string>();
  const classes = new Set<string>();
  const ids = new Set<string>();
  const attributes: [string, string][] = [];
  const rest: string[] = [];
  for (const selector of selectors) {
    const s = selector.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([a-z][a-z0-9-]*)$/.exec(s))) tags.add(m[1]!);
    else if ((m = /^\.([A-Za-z_][\w-]*)$/.exec(s))) classes.add(m[1]!);
    else if ((m = /^#([A-Za-z_][\w-]*)$/.exec(s))) ids.add(m[1]!);
    else if ((m = /^\[(data-[a-z0-9-]+)="([^"\\]*)"\]$/.exec(s))) attributes.push([m[1]!, m[2]!]);
    else rest.push(s);
  }
  const complex = rest.join(',');
  return (el) => {
    if (tags.has(el.localName)) return true;
    if (classes.size) {
      const names = el.getAttribute('class');
      if (names && names.split(whitespace).some((c) => classes.has(c))) return true;
    }
    if (ids.size) {
      const id = el.getAttribute('id');
      if (id && ids.has(id)) return true;
    }
    for (const [name, value] of attributes) if (el.getAttribute(name) === value) return true;
    return !!complex && el.matches(complex);
  };
}

/**
 * Visits the elements below `root` (not `root`) in document order, as `querySelectorAll('*')`
 * lists them. `visit` returning false skips the element's subtree; it may then remove the element.
 */
export function walkElements(root: Element | Document, visit: (el: Element) => boolean | void): void {
  const stack: Element[] = [];
  for (let c = root.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  while (stack.length) {
    const el = stack.pop()!;
    if (visit(el) === false) continue;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
}

/**
 * `doc.querySelector(selector)`, without the selector engine for a lone tag, `.class` or `tag.class`: the
 * metadata fallbacks are mostly such, and most of them find nothing, which costs a whole-page scan.
 */
export function firstElement(doc: Document, selector: string): Element | null {
  const s = selector.trim();
  let m: RegExpExecArray | null;
  if ((m = /^([a-z][a-z0-9]*)$/.exec(s))) return doc.getElementsByTagName(m[1]!)[0] ?? null;
  if (doc.compatMode !== 'BackCompat' && (m = /^([a-z][a-z0-9]*)?\.([A-Za-z_][\w-]*)$/.exec(s))) {
    const tag = m[1];
    for (const el of doc.getElementsByClassName(m[2]!)) if (!tag || el.localName === tag) return el;
    return null;
  }
  return doc.querySelector(s);
}
