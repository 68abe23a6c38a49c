import type { SiteProfile } from '../site/profile';
import { squash } from './text';
import { elementsByTag, matcher, walkElements } from './selectors';
import { absoluteUrl } from './urls';

const lazyAttributes = ['data-src', 'data-original', 'data-actualsrc', 'data-lazy-src', 'data-url'];
const placeholder = /(^data:)|loading\.gif|placeholder|blank\.(gif|png)|^$/i;

function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

/** The real URL of a lazy-loaded image: its lazy attribute, else the first srcset candidate, else src. */
function imageSource(img: Element): string | null {
  for (const attr of lazyAttributes) {
    const value = img.getAttribute(attr)?.trim();
    if (value && !placeholder.test(value)) return value;
  }
  const src = img.getAttribute('src')?.trim() ?? '';
  if (!placeholder.test(src)) return src;
  const srcset = img.getAttribute('srcset')?.trim().split(/\s+/)[0];
  return srcset || null;
}

/** Gives every image its real, absolute `src` (lazy-load attributes resolved); images with none go. */
export function fixImages(root: Element, base: string, site: SiteProfile): void {
  for (const img of elementsByTag(root, 'img')) {
    const src = absoluteUrl(imageSource(img), base, site, 'image');
    if (!src) {
      img.remove();
      continue;
    }
    img.setAttribute('src', src);
    for (const attr of [...lazyAttributes, 'srcset', 'sizes']) img.removeAttribute(attr);
  }
}

/** Removes `el` with the largest wrapper (below `root`) that holds nothing else: the link of a card, its paragraph. */
function removeWithWrapper(el: Element, root: Element): void {
  const text = squash(el.textContent);
  const images = el.getElementsByTagName('img').length + (el.tagName === 'IMG' ? 1 : 0);
  let target = el;
  for (let parent = el.parentElement; parent && parent !== root; parent = parent.parentElement) {
    if (squash(parent.textContent) !== text || parent.getElementsByTagName('img').length !== images) break;
    target = parent;
  }
  target.remove();
}

const headingLevel = (el: Element) => (/^H([1-6])$/.exec(el.tagName) ? Number(el.tagName[1]) : 0);

/** Removes a heading and what follows it, up to the next heading of its level or the closing credits (or their label). */
function removeSection(heading: Element, site: SiteProfile): void {
  const level = headingLevel(heading);
  const ends = (el: Element) =>
    (headingLevel(el) > 0 && headingLevel(el) <= level) || [...site.attributionPatterns, ...site.attributionLabels].some((p) => p.test(squash(el.textContent)));
  let next = heading.nextElementSibling;
  while (next && !ends(next)) {
    const after = next.nextElementSibling;
    next.remove();
    next = after;
  }
  heading.remove();
}

const textBlocks = new Set(['p', 'div', 'span', 'li', 'section', 'a', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'strong', 'em']);
const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Whether `el` is one of the site's known clutter blocks (`site.clutter.selectors`). */
export const clutterMatcher = (doc: Document | null, site: SiteProfile) => matcher(site.clutter.selectors, doc);

/**
 * Removes the site's furniture from `root` (a subtree of a clone, never the live page): known
 * blocks by selector, promotion and sharing links by host, avatars/badges/QR codes by image URL,
 * and short blocks whose text is furniture (关注, 赞赏 …, the meta line).
 *
 * One walk removes the known blocks and lists the rest in document order; each later step skips
 * what an earlier one removed.
 */
export function declutter(root: Element, base: string, site: SiteProfile): void {
  const isClutter = clutterMatcher(root.ownerDocument, site);
  const links: Element[] = [];
  const images: Element[] = [];
  const heads: Element[] = [];
  const blocks: Element[] = [];
  walkElements(root, (el) => {
    if (isClutter(el)) {
      el.remove();
      return false;
    }
    const tag = el.localName;
    if (tag === 'a' && el.hasAttribute('href')) links.push(el);
    else if (tag === 'img') images.push(el);
    if (headings.has(tag)) heads.push(el);
    if (textBlocks.has(tag)) blocks.push(el);
  });
  for (const a of links) {
    const host = hostOf(absoluteUrl(a.getAttribute('href'), base, site));
    if (host && site.clutter.linkHosts.some((p) => p.test(host)) && root.contains(a)) removeWithWrapper(a, root);
  }
  for (const img of images) {
    const src = imageSource(img) ?? '';
    const alt = img.getAttribute('alt') ?? '';
    const isClutter = site.clutter.imageUrls.some((p) => p.test(src)) || site.clutter.imageAlts.some((p) => p.test(alt));
    if (isClutter && root.contains(img)) removeWithWrapper(img, root);
  }
  for (const heading of heads) {
    if (root.contains(heading) && site.clutter.sectionHeadings.some((p) => p.test(squash(heading.textContent)))) {
      removeSection(heading, site);
    }
  }
  for (const el of blocks) {
    if (!root.contains(el)) continue;
    const text = squash(el.textContent);
    if (text && text.length <= 200 && site.clutter.blockTexts.some((p) => p.test(text))) el.remove();
  }
}
