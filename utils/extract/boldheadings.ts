import type { SiteProfile } from '../site/profile';
import { elementsByTag } from './selectors';
import { blockOf, squash } from './text';

const isBold = (el: Element) => el.localName === 'strong' || el.localName === 'b';

/** Whether every piece of text in `block` that is not white space lies inside a bold element. */
function whollyBold(block: Element): boolean {
  let bold = false;
  const visit = (node: Node, inBold: boolean): boolean => {
    if (node.nodeType === 3) {
      if (!squash(node.nodeValue)) return true;
      if (!inBold) return false;
      bold = true;
      return true;
    }
    if (node.nodeType !== 1) return true;
    const el = node as Element;
    if (el.localName === 'img') return false;
    const here = inBold || isBold(el);
    for (let child = el.firstChild; child; child = child.nextSibling) if (!visit(child, here)) return false;
    return true;
  };
  return visit(block, false) && bold;
}

/** Whether a paragraph's text, wholly in bold, reads as a heading by the site's `boldHeading` rules. */
export function isHeadingText(text: string, rules: SiteProfile['boldHeading']): boolean {
  const length = text.replace(/\s/g, '').length;
  if (!length) return false;
  // a numbered line that ends as a sentence does (第二点很重要。) is a sentence
  if (rules.sentenceEnd.test(text)) return false;
  if (length <= rules.maxChars && rules.numbered.test(text)) return true;
  if (rules.label.test(text)) return length <= rules.maxLabelChars;
  return length <= rules.maxPlainChars;
}

/**
 * Paragraphs that are bold used as headings (`<p><strong>1. 建立以客户为中心的文化</strong></p>`,
 * `<p><b>DeepSeek的回答：</b></p>`), in document order: structure, so they go into the outline and
 * not into the key points. Only paragraphs (`p`, or a `div` holding text only) count: a bold list
 * item or table cell is content.
 */
export function boldHeadings(root: Element, site: SiteProfile): Element[] {
  const found: Element[] = [];
  for (const el of elementsByTag(root, 'strong', 'b')) {
    const block = blockOf(el, root);
    if (block === root || found.at(-1) === block) continue;
    if (block.localName !== 'p' && block.localName !== 'div') continue;
    if (block.closest('li, td, th, blockquote')) continue;
    if (whollyBold(block) && isHeadingText(squash(block.textContent), site.boldHeading)) found.push(block);
  }
  return found;
}
