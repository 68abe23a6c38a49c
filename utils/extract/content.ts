import Readability from '@mozilla/readability/Readability.js';
import { unpaintHighlights } from '../highlights/paint';
import type { SiteProfile } from '../site/profile';
import type { Article, Fallback } from '../types';
import { boldHeadings } from './boldheadings';
import { creditLines, isAttributionLabel } from './credits';
import { clutterMatcher, declutter, fixImages } from './declutter';
import { keyPoints } from './keypoints';
import { sanitizeToBody } from './sanitize';
import type { PageIndex } from './pageindex';
import { elementsByTag, firstElement, hasElement } from './selectors';
import { isBlock, squash, toPlainText } from './text';
import { absoluteUrl } from './urls';

export type Body = Pick<Article, 'html' | 'text' | 'keyPoints' | 'outline' | 'attribution'>;

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && squash(a).replace(/\s/g, '') === squash(b).replace(/\s/g, '');

/**
 * How much of a page's body extraction reads: past this much text or this many elements the rest
 * is left out, and the article says so (`Article.truncated`). The longest fixture article has 29,000
 * characters in 650 elements (an hour and a quarter of reading); no real article comes near the limits.
 * They bound the time of a 10 MB page under jsdom (the budget: 2 s on a quiet machine, the reliability
 * tier's 4 s bound on a busy one), where Readability and the sanitizer cost a few microseconds per node.
 * `BENCH_ONLY=limit npm run bench:perf` (2026-11-28, jsdom 31, load average 5): 150,000 characters
 * 1.5 s CPU, 200,000 1.7 s, 300,000 2.4 s (under jsdom 29 it was 2.1, 2.4 and 3.0 s). The limit stays at
 * 150,000, 5 times the longest article, which keeps a third of the budget for a slower machine.
 */
export const bodyLimits = { chars: 150_000, elements: 15_000 };

/** What is left to read; `cut` once something of the body had to be left out. */
type Budget = { chars: number; elements: number; cut: boolean };

/** Whether `node` or a later sibling has something a reader would miss: text or an image. */
function hasMore(node: Node | null): boolean {
  for (let n = node; n; n = n.nextSibling) {
    if (n.nodeType === 3 && (n.nodeValue ?? '').trim()) return true;
    if (n.nodeType === 1 && ((n.textContent ?? '').trim() || (n as Element).getElementsByTagName('img').length || (n as Element).tagName === 'IMG'))
      return true;
  }
  return false;
}

/** Text length and element count of `node`; the count only when the text fits in `budget` (else it does not matter). */
function sizeOf(node: Node, budget: Budget) {
  const chars = node.textContent?.length ?? 0;
  const elements = node.nodeType !== 1 ? 0 : chars > budget.chars ? Infinity : (node as Element).getElementsByTagName('*').length + 1;
  return { chars, elements };
}

/**
 * Copies `node` into `target` (of another document) within `budget`, leaving out the site's known
 * clutter blocks (extraction removes them first anyway). A node too big for what is left of the
 * budget is copied in part: as many of its children, in order, as fit.
 */
function copyWithin(target: Node, node: Node, budget: Budget, isClutter: (el: Element) => boolean): void {
  if (budget.chars <= 0 || budget.elements <= 0) return;
  if (node.nodeType === 1 && isClutter(node as Element)) return;
  const doc = target.ownerDocument!;
  const size = sizeOf(node, budget);
  if (size.chars <= budget.chars && size.elements <= budget.elements) {
    target.appendChild(doc.importNode(node, true));
    budget.chars -= size.chars;
    budget.elements -= size.elements;
  } else if (node.nodeType === 1) {
    budget.elements -= 1;
    const copy = target.appendChild(doc.importNode(node, false));
    copyChildrenWithin(copy, node, budget, isClutter);
  } else if (node.nodeType === 3) {
    const text = node.nodeValue ?? '';
    target.appendChild(doc.createTextNode(text.slice(0, budget.chars)));
    if (text.slice(budget.chars).trim()) budget.cut = true;
    budget.chars = 0;
  }
}

/** The children of `parent`, in order, as many as fit; notes in `budget` when some that matter do not. */
function copyChildrenWithin(target: Node, parent: Node, budget: Budget, isClutter: (el: Element) => boolean): void {
  let child = parent.firstChild;
  for (; child && budget.chars > 0 && budget.elements > 0; child = child.nextSibling) copyWithin(target, child, budget, isClutter);
  if (child && hasMore(child)) budget.cut = true;
}

/**
 * A small document for Readability: the page's title in its head, and in its body the article
 * container alone when the site's content selector finds it (else the children of the page's
 * body), within `bodyLimits`, lazy images resolved and the site's furniture removed. Readability
 * scans its whole document many times over: what it does not need is left out. Never touches `doc`.
 */
function preparedClone(page: PageIndex, base: string, site: SiteProfile): { clone: Document; body: Element; truncated: boolean; container: Fallback | null } {
  const doc = page.doc;
  const clone = doc.cloneNode(false) as Document; // an empty document with the page's URL and mode
  const html = clone.appendChild(clone.createElement('html'));
  html.appendChild(clone.createElement('head')).appendChild(clone.createElement('title')).textContent = doc.title;
  const body = html.appendChild(clone.createElement('body'));
  const source = doc.body;
  const isClutter = clutterMatcher(doc, site);
  const budget: Budget = { ...bodyLimits, cut: false };
  const containers = site.contentSelectors.map((s) => firstElement(page, s));
  const found = containers.findIndex(Boolean);
  const content = containers[found];
  const whole = !content || content.contains(source);
  if (!whole) copyWithin(body, content, budget, isClutter);
  else if (source) copyChildrenWithin(body, source, budget, isClutter);
  // Noted unless the site's first container was read: a later one of the table, or the page's body.
  const container: Fallback | null =
    !whole && found === 0
      ? null
      : { field: 'contentSelectors', source: whole ? 'body' : `css ${site.contentSelectors[found]}`, primary: `css ${site.contentSelectors[0] ?? ''}` };
  unpaintHighlights(body); // the reader's own highlight marks are not the article's
  fixImages(body, base, site);
  declutter(body, base, site);
  return { clone, body, truncated: budget.cut, container };
}

const units = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TABLE', 'UL', 'OL', 'BLOCKQUOTE', 'FIGURE']);

/** The body's paragraphs in order: block elements that are read as one piece. */
function paragraphs(root: Element): Element[] {
  const found: Element[] = [];
  // Sibling pointers, not `children`: jsdom rebuilds a live HTMLCollection on each access after a change.
  const hasBlockChild = (el: Element) => {
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (isBlock(c)) return true;
    return false;
  };
  const visit = (el: Element) => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      const isUnit = units.has(child.tagName) || (isBlock(child) && !hasBlockChild(child));
      if (isUnit) found.push(child);
      else visit(child);
    }
  };
  visit(root);
  return found;
}

/**
 * Takes the credit lines (本文由 @X 原创发布…, 题图来自…, the bylines that close the article) out of the body, in order;
 * the site's label over them (专栏作家) goes too, but is not returned.
 */
function takeAttribution(root: Element, site: SiteProfile): string[] {
  const all = paragraphs(root);
  const credits = creditLines(
    all.map((el) => {
      const text = squash(el.textContent);
      return { text, closing: text.length <= site.attributionTailMaxLength && !hasElement(el, 'img', 'table') && !/^H\d$/.test(el.tagName) };
    }),
    site,
  );
  const taken = all.filter((_, i) => credits[i]);
  for (const el of taken) el.remove();
  return taken.map((el) => squash(el.textContent)).filter((text) => text && !isAttributionLabel(text, site));
}

/** Makes links and images absolute and safe; a link that is neither keeps its text only. */
function fixLinks(root: Element, base: string, site: SiteProfile): void {
  for (const a of elementsByTag(root, 'a')) {
    const href = absoluteUrl(a.getAttribute('href'), base, site);
    if (href) a.setAttribute('href', href);
    else a.replaceWith(...a.childNodes);
  }
  fixImages(root, base, site);
}

function dropEmpty(root: Element): void {
  for (const el of elementsByTag(root, 'p', 'div', 'span', 'a', 'strong', 'b', 'em', 'section', 'blockquote', 'figure').reverse()) {
    if (!squash(el.textContent) && !hasElement(el, 'img', 'table', 'hr', 'pre', 'br')) el.remove();
  }
}

type Lead = { title: string; lead: string | null };

/**
 * The body's headings in order, each given an id to jump to: h1–h6, and the paragraphs that are
 * bold used as a heading (`boldHeadings`), one level below the heading before them (or at the top
 * level of the real headings when none comes before; h2 when there are none).
 */
function outlineOf(root: Element, site: SiteProfile): (Article['outline'][number] & { bold?: Element })[] {
  const bold = new Set(boldHeadings(root, site));
  const real = elementsByTag(root, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6');
  const top = real.length ? Math.min(...real.map((h) => Number(h.tagName[1]))) : 2;
  const all = bold.size ? elementsByTag(root, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div').filter((el) => bold.has(el) || /^H\d$/.test(el.tagName)) : real;
  let above = 0; // level of the last real heading
  return all.flatMap((h, i) => {
    const text = squash(h.textContent);
    if (!text) return [];
    const id = `wr-h${i + 1}`;
    h.setAttribute('id', id);
    if (!bold.has(h)) {
      above = Number(h.tagName[1]);
      return [{ level: above, text, id }];
    }
    return [{ level: above ? Math.min(6, above + 1) : top, text, id, bold: h }];
  });
}

function windowOf(doc: Document): Window {
  const win = doc.defaultView ?? (globalThis as { window?: Window }).window;
  if (!win) throw new Error('extraction needs a document with a window (for DOMPurify)');
  return win;
}

/**
 * Body HTML from the page (or a part of it, lazy images already resolved) -> the clean body: DOMPurify, then cleaned again
 * (furniture, the lead and title repeated in the body, credit lines), with absolute safe URLs and
 * ids on headings; its text, key points and outline.
 */
function cleanBody(html: string | Node, base: string, lead: Lead, win: Window, site: SiteProfile): Body {
  const root = sanitizeToBody(html, win);
  declutter(root, base, site);
  const lead1 = elementsByTag(root, 'blockquote')[0];
  if (lead1 && same(lead1.textContent, lead.lead)) lead1.remove();
  for (const h of elementsByTag(root, 'h1', 'h2', 'h3')) if (same(h.textContent, lead.title)) h.remove();
  const attribution = takeAttribution(root, site);
  fixLinks(root, base, site);
  dropEmpty(root);
  const outline = outlineOf(root, site);
  const wrapper = root.children.length === 1 && root.firstElementChild?.tagName === 'DIV' ? root.firstElementChild : root;
  return {
    html: wrapper.innerHTML.trim(),
    text: toPlainText(root),
    keyPoints: keyPoints(root, new Set(outline.flatMap((h) => (h.bold ? [h.bold] : [])))),
    outline: outline.map(({ level, text, id }) => ({ level, text, id })),
    attribution,
  };
}

/**
 * The article body: a small decluttered copy of the page (`preparedClone`) through Readability,
 * then `cleanBody`. Never touches the page.
 */
export function extractBody(page: PageIndex, base: string, lead: Lead, site: SiteProfile): Body & Pick<Article, 'truncated'> & { container: Fallback | null } {
  const win = windowOf(page.doc);
  const { clone, truncated, container } = preparedClone(page, base, site);
  let content: Element | null = null;
  try {
    // The article as Readability's element, not its HTML: the sanitizer copies it, with no second parse.
    // Only its content is used: no JSON-LD metadata (read from the page itself), and classes are
    // left for the sanitizer to drop, which saves Readability a walk.
    const options = { charThreshold: 100, keepClasses: true, disableJSONLD: true, serializer: (el: Node) => el };
    const article = new Readability<Node>(clone, options).parse()?.content;
    if (article?.hasChildNodes()) {
      // A body element: DOMPurify takes its children as the body's, as it would parse `innerHTML`.
      content = clone.createElement('body');
      content.append(...article.childNodes);
    }
  } catch {
    content = null; // Readability gives up on some malformed pages: fall back to the decluttered body.
  }
  // Readability has changed the copy: the fallback is made anew (rarely needed, so not kept before).
  return { ...cleanBody(content ?? preparedClone(page, base, site).body, base, lead, win, site), truncated, container };
}

/** The body made of what the user selected (all ranges, in order), through the same cleaning. */
export function selectionBody(doc: Document, selection: Selection, base: string, lead: Lead, site: SiteProfile): Body | null {
  if (selection.isCollapsed || selection.rangeCount === 0) return null;
  const holder = doc.implementation.createHTMLDocument('').createElement('div');
  for (let i = 0; i < selection.rangeCount; i++) holder.append(selection.getRangeAt(i).cloneContents());
  unpaintHighlights(holder);
  // As for the whole page: lazy images and site furniture first, while classes and data-* are there.
  fixImages(holder, base, site);
  declutter(holder, base, site);
  const body = cleanBody(holder.innerHTML, base, lead, windowOf(doc), site);
  return body.text ? body : null;
}
