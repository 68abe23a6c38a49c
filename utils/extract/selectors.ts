/**
 * Selector lists as predicates, and a walk over a subtree. Under jsdom a `querySelectorAll` or
 * `matches` with a list of selectors costs many times a plain check of tag, class or attribute,
 * and extraction runs these lists over whole pages: the simple selectors the site table uses (a
 * tag, `.class`, `#id`, `[data-x="v"]`) are checked directly, anything else by `matches`.
 */

type Test = (el: Element) => boolean;

/** One simple selector as a direct check, or null when it needs the selector engine. */
function simpleTest(selector: string): Test | null {
  const s = selector.trim();
  let m: RegExpExecArray | null;
  if ((m = /^([a-z][a-z0-9-]*)$/.exec(s))) {
    const tag = m[1]!;
    return (el) => el.localName === tag;
  }
  if ((m = /^\.([A-Za-z_][\w-]*)$/.exec(s))) {
    const cls = m[1]!;
    return (el) => el.classList.contains(cls);
  }
  if ((m = /^#([A-Za-z_][\w-]*)$/.exec(s))) {
    const id = m[1]!;
    return (el) => el.id === id;
  }
  // data-* only: some HTML attributes compare values without case, which a plain check would not.
  if ((m = /^\[(data-[a-z0-9-]+)="([^"\\]*)"\]$/.exec(s))) {
    const [, name, value] = m;
    return (el) => el.getAttribute(name!) === value;
  }
  return null;
}

/**
 * `el.matches(selectors.join(','))` for `doc`'s elements, fast for simple selectors. In quirks
 * mode classes and ids match without case: there the selector engine does all of it.
 */
export function matcher(selectors: readonly string[], doc: Document | null): Test {
  const list = selectors.join(',');
  if (doc?.compatMode === 'BackCompat') return (el) => el.matches(list);
  const tests: Test[] = [];
  const rest: string[] = [];
  for (const selector of selectors) {
    const test = simpleTest(selector);
    if (test) tests.push(test);
    else rest.push(selector);
  }
  const complex = rest.join(',');
  return (el) => tests.some((t) => t(el)) || (!!complex && el.matches(complex));
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
