/**
 * Fixture pages made bigger, for the robustness tests and the performance bench: the body's
 * paragraphs repeated, or the page's clutter blocks (course cards, ad blocks, related and hot
 * lists, comments) repeated. Built on a parsed copy of the page and serialized back to HTML.
 */
import { JSDOM } from 'jsdom';

/** Elements that are page furniture, repeated by `scaleClutter`. */
const clutterBlocks = ['.course-card', '[data-role="ad"]', '.relate-post', '.sidebar-hot', '.comments', '.meta--course'];

/** The element holding most of the page's paragraphs: the article body on any layout. */
function bodyContainer(doc: Document): Element {
  const counts = new Map<Element, number>();
  for (const p of doc.querySelectorAll('p')) if (p.parentElement) counts.set(p.parentElement, (counts.get(p.parentElement) ?? 0) + 1);
  const [best] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (!best) throw new Error('no paragraphs on the page');
  return best;
}

const credit = /^(本文由|本文原创发布于|题图来自|该文观点仅代表作者本人)/;

/** The page with its body's paragraphs (all children before the credit lines) repeated `factor` times. */
export function scaleBody(html: string, factor: number): string {
  const dom = new JSDOM(html);
  const container = bodyContainer(dom.window.document);
  const children: Element[] = [];
  for (let el = container.firstElementChild; el; el = el.nextElementSibling) children.push(el);
  const end = children.findIndex((el) => credit.test(el.textContent?.trim() ?? ''));
  // Less the lead (a first blockquote): repeated, it would no longer be the lead.
  const body = children.slice(children[0]?.tagName === 'BLOCKQUOTE' ? 1 : 0, end < 0 ? undefined : end);
  const copies = body.map((el) => el.outerHTML).join('\n') + '\n';
  const marker = '<!--wr-scale-->';
  if (end < 0) container.append(dom.window.document.createComment('wr-scale'));
  else children[end]!.before(dom.window.document.createComment('wr-scale'));
  // Built as text: inserting thousands of nodes one by one is slow under jsdom.
  return dom.serialize().replace(marker, copies.repeat(factor - 1));
}

/** The page with each of its clutter blocks repeated `factor` times in place. */
export function scaleClutter(html: string, factor: number): string {
  const dom = new JSDOM(html);
  const blocks = [...dom.window.document.querySelectorAll(clutterBlocks.join(','))];
  if (!blocks.length) throw new Error('no clutter blocks on the page');
  for (const el of blocks) {
    const copies = Array.from({ length: factor - 1 }, () => el.cloneNode(true));
    el.after(...copies);
  }
  return dom.serialize();
}

/** UTF-8 size of a page. */
export const byteSize = (html: string) => Buffer.byteLength(html, 'utf8');

/** The smallest factor (from `scale(html, 1)`'s growth rate) that makes the page at least `bytes` long. */
export function scaleTo(html: string, bytes: number, scale: (html: string, factor: number) => string): string {
  const one = byteSize(html);
  const two = byteSize(scale(html, 2));
  const factor = Math.max(1, Math.ceil((bytes - one) / (two - one)) + 1);
  return scale(html, factor);
}
