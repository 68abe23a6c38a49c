/**
 * One listing of a page's elements, by tag and by class, for the length of one extraction.
 *
 * Metadata is read through a dozen fallbacks per field, most of which find nothing; under jsdom
 * each such look-up walks the whole page (`getElementsByTagName(x)[0]` builds the full list), which
 * on a 10 MB page costs a tenth of a second each. The page is not changed while it is read, so
 * one walk can serve them all. An index holds for one reading: a page that changes between two
 * extractions (the browser tab) is indexed anew each time.
 */
export class PageIndex {
  readonly elements: Element[] = [];
  private tags: Map<string, Element[]> | null = null;
  private classes: Map<string, Element[]> | null = null;
  private readonly quirks: boolean;

  constructor(readonly doc: Document) {
    const all = doc.getElementsByTagName('*');
    for (let i = 0, n = all.length; i < n; i++) this.elements.push(all[i]!);
    this.quirks = doc.compatMode === 'BackCompat';
  }

  /** `getElementsByTagName` for each of `tags` (lower case, or `*`), merged in document order; a new array. */
  byTag(tags: string[]): Element[] {
    if (tags.includes('*')) return this.elements.slice();
    if (!this.tags) {
      this.tags = new Map();
      for (const el of this.elements) {
        // getElementsByTagName matches HTML elements by lower-cased name, others by exact name.
        const list = this.tags.get(el.localName);
        if (list) list.push(el);
        else this.tags.set(el.localName, [el]);
      }
    }
    if (tags.length === 1) return this.tags.get(tags[0]!)?.slice() ?? [];
    const wanted = new Set(tags);
    return this.elements.filter((el) => wanted.has(el.localName));
  }

  /** `getElementsByClassName(classes.join(' '))`: elements with all of `classes` (without case in quirks mode). */
  byClasses(classes: string[]): Element[] {
    const fold = (name: string) => (this.quirks ? name.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : name);
    if (!this.classes) {
      this.classes = new Map();
      for (const el of this.elements) {
        const names = el.getAttribute('class');
        if (!names) continue;
        for (const name of new Set(fold(names).split(/[\t\n\f\r ]+/))) {
          if (!name) continue;
          const list = this.classes.get(name);
          if (list) list.push(el);
          else this.classes.set(name, [el]);
        }
      }
    }
    const [first, ...rest] = classes.map(fold);
    const found = this.classes.get(first!) ?? [];
    if (!rest.length) return found.slice();
    return found.filter((el) => {
      const names = new Set(fold(el.getAttribute('class') ?? '').split(/[\t\n\f\r ]+/));
      return rest.every((c) => names.has(c));
    });
  }
}

/** What the page look-ups (`selectors.ts`) read: a document, or its index when many look-ups will follow. */
export type Page = Document | PageIndex;

export const documentOf = (page: Page): Document => (page instanceof PageIndex ? page.doc : page);
