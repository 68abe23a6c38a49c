import { elementsByTag } from './selectors';
import { splitSentences } from '../keysentences';
import { blockOf, squash } from './text';

/** Fragments shorter than this (in characters) are read with the sentence around them. */
const shortFragment = 6;

/** The node after `node` in document order, skipping its descendants. */
function nextSkipping(node: Node): Node | null {
  for (let n: Node | null = node; n; n = n.parentNode) if (n.nextSibling) return n.nextSibling;
  return null;
}

/**
 * Whether any text that is not white space lies between the end of `a` and the start of `b` (`b`
 * after `a`, neither inside the other): what a Range from after `a` to before `b` would read, walked
 * only as far as the first such text (a Range's toString costs the whole document under jsdom).
 */
function textBetween(a: Node, b: Node): boolean {
  for (let n = nextSkipping(a); n && n !== b; n = n.firstChild ?? nextSkipping(n)) {
    if (n.nodeType === 3 && squash(n.nodeValue)) return true;
  }
  return false;
}

/**
 * Key points: the body's bolded spans, in order, trimmed and de-duplicated. Bold that the editor
 * split into adjacent runs (`<b>a</b><b>b</b>`, common on woshipm) is joined back; a fragment too
 * short to stand alone (a bolded word or label) is replaced by the sentence it sits in. Bold in the
 * paragraphs of `headings` (bold used as a heading, `boldHeadings`) is structure, not a key point.
 */
export function keyPoints(root: Element, headings: ReadonlySet<Element> = new Set()): string[] {
  const isBold = (el: Element) => el.localName === 'strong' || el.localName === 'b';
  const insideBold = (el: Element) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (isBold(p)) return true;
    return false;
  };
  const bolds = elementsByTag(root, 'strong', 'b').filter((el) => !insideBold(el));
  const groups: { block: Element; els: Element[] }[] = [];
  for (const el of bolds) {
    const block = blockOf(el, root);
    if (headings.has(block)) continue;
    const last = groups.at(-1);
    if (last && last.block === block) {
      if (!textBetween(last.els.at(-1)!, el)) {
        last.els.push(el);
        continue;
      }
    }
    groups.push({ block, els: [el] });
  }
  const points: string[] = [];
  for (const { block, els } of groups) {
    let text = squash(els.map((el) => el.textContent).join(''));
    if (!text) continue;
    if ([...text].length < shortFragment) {
      const blockText = squash(block.textContent);
      text = splitSentences(blockText).find((s) => s.includes(text)) ?? text;
    }
    if (!points.includes(text)) points.push(text);
  }
  return points;
}
