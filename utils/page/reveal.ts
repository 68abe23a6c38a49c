import { squash } from '../extract/text';
import type { Article } from '../types';

export type RevealTarget = { kind: 'heading' | 'keyPoint'; index: number } | { kind: 'highlight'; id: string };

const flashFrames: Keyframe[] = [
  { backgroundColor: 'rgba(255, 196, 0, 0.55)', boxShadow: '0 0 0 4px rgba(255, 196, 0, 0.55)' },
  { backgroundColor: 'transparent', boxShadow: '0 0 0 4px transparent' },
];

/** The live page element an outline heading or key point of `article` came from, or null. */
function findInPage(doc: Document, article: Article, target: RevealTarget): Element | null {
  if (target.kind === 'highlight') return [...doc.querySelectorAll('mark[data-hl]')].find((m) => m.getAttribute('data-hl') === target.id) ?? null;
  if (target.kind === 'heading') {
    const text = article.outline[target.index]?.text;
    if (!text) return null;
    // a heading, or a paragraph wholly in bold that the outline counts as one (utils/extract/boldheadings.ts)
    return [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6, p')].find((h) => squash(h.textContent) === text) ?? null;
  }
  const point = article.keyPoints[target.index];
  return point ? findPoint(doc, point, 'keyPoint') : null;
}

/**
 * The element under `root` (the page, or the reader's copy of the body) a point came from: for a key
 * point, the author's bold text it was made of; for a key sentence, the paragraph that holds it.
 */
export function findPoint(root: ParentNode, point: string, kind: 'keyPoint' | 'keySentence'): Element | null {
  const bold = kind === 'keyPoint';
  return (
    [...root.querySelectorAll(bold ? 'strong, b' : 'p, li')].find((el) => {
      const text = squash(el.textContent);
      return text.length > 0 && (bold ? point.includes(text) : text.includes(point.slice(0, 20)));
    }) ?? null
  );
}

/**
 * How to scroll to something in `doc`: smooth where the reader can see it, at once in a hidden tab (the
 * popup opened as a page) and for a reader who asked the system for reduced motion (an explicit
 * `smooth` would override the page's CSS `scroll-behavior`).
 */
export function scrollBehavior(doc: Document): ScrollBehavior {
  const reduced = doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  return doc.visibilityState === 'visible' && !reduced ? 'smooth' : 'instant';
}

/**
 * Scrolls the page to the element and flashes it. The flash is a Web Animation: it never writes to
 * the page's DOM, so leaving the page as it was needs no clean-up.
 */
export function reveal(doc: Document, article: Article, target: RevealTarget): boolean {
  const el = findInPage(doc, article, target);
  if (!el) return false;
  el.scrollIntoView({ behavior: scrollBehavior(doc), block: 'center' });
  el.animate?.(flashFrames, { duration: 1600, easing: 'ease-out' });
  return true;
}
