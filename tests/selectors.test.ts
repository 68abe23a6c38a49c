/**
 * The fast look-ups extraction uses instead of the selector engine (utils/extract/selectors.ts,
 * pageindex.ts) must list exactly what the engine lists, on every fixture page, with and without
 * the page index, in standards and in quirks mode.
 */
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { woshipm as site } from '../utils/site/woshipm';
import { PageIndex } from '../utils/extract/pageindex';
import { elementsByTag, firstElement, matcher, queryAll, walkElements } from '../utils/extract/selectors';
import { manifest, nonArticlePages, readFixture } from './helpers';

const siteSelectors = [
  ...Object.values(site.fields).flatMap((sources) => sources.flatMap((s) => ('css' in s ? [s.css] : []))),
  ...site.contentSelectors,
  ...site.tags.selectors,
  ...site.metaLine.selectors,
  ...site.likes.regions,
  site.categoryLinks.breadcrumb,
  site.categoryLinks.any,
  ...site.clutter.selectors,
];
const moreSelectors = [
  'a',
  'p',
  'div',
  '*',
  '.nothing-here',
  'div.article--content',
  'ul li a',
  'div > p',
  'div > p:first-child',
  'blockquote:first-child',
  'main div p',
  'main > div',
  '.sidebar a[href]',
  'a[href*="woshipm"]',
  'a[href*=""]',
  'link[rel="CANONICAL"]',
  'meta[name="description"]',
  'script[type="application/ld+json"]',
  'div .course-card',
  'li:first-child a',
  'p:nth-child(2)',
  'a:not([href])',
  'div ~ p',
  'h2 + p',
  '#comments .comment',
];
const selectors = [...new Set([...siteSelectors, ...moreSelectors])].filter((s): s is string => typeof s === 'string');

/** A page that exercises nesting: containers inside containers, first children, mixed case. */
const nested = `<!DOCTYPE html><html><head><title>t</title><link rel="Canonical" href="/x"></head><body>
<div class="a"><div class="a b"><p class="A">1</p><p>2<a href="/u/1">x</a></p></div><p>3</p>
<ul><li><a href="/tag/1">t1</a></li><li class="a"><a href="/category/pmd">c</a></li></ul></div>
<div class="b"><blockquote>q</blockquote><main><div class="article--content"><blockquote>lead</blockquote><p>body</p></div></main></div></body></html>`;

const pages = [
  ...manifest.map((m) => ({ name: m.name, html: readFixture(m.name, 'page.html') })),
  ...nonArticlePages().map((p) => ({ name: p.file, html: readFixture('non-article', p.file) })),
  { name: 'nested', html: nested },
  { name: 'nested, quirks mode', html: nested.replace('<!DOCTYPE html>', '') },
];

describe.each(pages)('$name', ({ html }) => {
  const doc = new JSDOM(html).window.document;

  it('lists what querySelectorAll lists, with and without the page index', () => {
    for (const selector of selectors) {
      const expected = [...doc.querySelectorAll(selector)];
      expect(queryAll(doc, selector), selector).toEqual(expected);
      expect(firstElement(doc, selector), selector).toBe(expected[0] ?? null);
      const index = new PageIndex(doc);
      expect(queryAll(index, selector), `${selector} (indexed)`).toEqual(expected);
      expect(firstElement(index, selector), `${selector} (indexed)`).toBe(expected[0] ?? null);
    }
  });

  it('lists elements by tag in document order', () => {
    for (const tags of [['a'], ['p', 'div', 'span'], ['h1', 'h2', 'h3'], ['meta'], ['script'], ['nothing']]) {
      const expected = [...doc.querySelectorAll(tags.join(','))];
      expect(elementsByTag(doc, ...tags)).toEqual(expected);
      expect(elementsByTag(doc.body, ...tags)).toEqual([...doc.body.querySelectorAll(tags.join(','))]);
      expect(elementsByTag(new PageIndex(doc), ...tags)).toEqual(expected);
    }
  });

  it('matches the clutter list as element.matches does', () => {
    const isClutter = matcher(site.clutter.selectors, doc);
    const list = site.clutter.selectors.join(',');
    for (const el of doc.querySelectorAll('*')) expect(isClutter(el), el.outerHTML.slice(0, 80)).toBe(el.matches(list));
  });

  it('walks in document order and skips what the visitor rejects', () => {
    const seen: Element[] = [];
    walkElements(doc.body, (el) => {
      seen.push(el);
      return !el.matches('aside, .sidebar');
    });
    expect(seen).toEqual([...doc.body.querySelectorAll('*')].filter((el) => !el.parentElement?.closest('aside, .sidebar')));
  });
});

describe('random selectors of the supported shapes', () => {
  const doc = new JSDOM(readFixture('woshipm-6025589', 'page.html')).window.document;
  const classes = [...new Set([...doc.querySelectorAll('[class]')].flatMap((el) => [...el.classList]))];
  const compound = fc
    .record({
      tag: fc.option(fc.constantFrom('a', 'div', 'p', 'span', 'li', 'ul', 'img', 'h2', 'h3', 'time', 'blockquote', 'strong')),
      classes: fc.array(fc.constantFrom(...classes), { maxLength: 2 }),
      href: fc.option(fc.constantFrom('[href]', '[href*="/u/"]', '[href*="woshipm.com/tag"]', '[href="https://www.woshipm.com/"]')),
      first: fc.boolean(),
    })
    .filter((c) => !!(c.tag || c.classes.length || c.href))
    .map((c) => `${c.tag ?? ''}${c.classes.map((k) => `.${k}`).join('')}${c.href ?? ''}${c.first ? ':first-child' : ''}`);
  const selector = fc
    .tuple(compound, fc.array(fc.tuple(fc.constantFrom(' ', ' > '), compound), { maxLength: 2 }))
    .map(([first, rest]) => first + rest.map(([comb, c]) => comb + c).join(''));

  it('agree with querySelectorAll (1,000 selectors)', () => {
    fc.assert(
      fc.property(selector, (s) => {
        const expected = [...doc.querySelectorAll(s)];
        expect(queryAll(doc, s)).toEqual(expected);
        expect(queryAll(new PageIndex(doc), s)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
