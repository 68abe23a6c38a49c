/** utils/highlights/surfaces.ts: the registry of painted surfaces, their paint and their watch over the site's changes. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decorateMarks } from '../utils/highlights/mark-access';
import { createSurfaces, type Surface } from '../utils/highlights/surfaces';
import type { Highlight } from '../utils/highlights/types';
import { article, highlightOf } from './highlight-fixtures';

const marked = (root: Element) => [...root.querySelectorAll('mark[data-hl]')].map((m) => `${m.getAttribute('data-hl')}:${m.textContent}`);
/** Long enough for the observer's records and the settle timer. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

afterEach(() => document.body.replaceChildren());

function setup(html = '<p>先说背景，再谈方法，最后是结论。</p>') {
  const page = article(html);
  const reader = article(html);
  let list: Highlight[] = [highlightOf(page, '再谈方法', 'a')];
  const beforePaint = vi.fn<(s: Surface) => void>();
  const surfaces = createSurfaces({ highlights: () => list, beforePaint, settleMs: 5 });
  return { page, reader, surfaces, beforePaint, setList: (next: Highlight[]) => (list = next) };
}

describe('createSurfaces', () => {
  it('paints a surface when it is added, and every surface when asked', () => {
    const { page, reader, surfaces, setList } = setup();
    const first = surfaces.add(page, document);
    expect(marked(page)).toEqual(['a:再谈方法']);
    expect([...first.painted]).toEqual(['a']);
    const second = surfaces.add(reader, document);
    expect(surfaces.all()).toEqual([first, second]);
    setList([highlightOf(page, '最后是结论', 'b')]);
    surfaces.paintAll();
    expect(marked(page)).toEqual(['b:最后是结论']);
    expect(marked(reader)).toEqual(['b:最后是结论']);
    expect([...second.painted]).toEqual(['b']);
  });

  it('gives the same surface back for a root added twice, painted once over', () => {
    const { page, surfaces } = setup();
    const first = surfaces.add(page, document);
    expect(surfaces.add(page, document)).toBe(first);
    expect(surfaces.all()).toHaveLength(1);
    expect(marked(page)).toEqual(['a:再谈方法']);
  });

  it('removing a surface that is already gone removes nothing (it used to remove the last one)', () => {
    const { page, reader, surfaces, setList } = setup();
    const pageSurface = surfaces.add(page, document);
    const readerSurface = surfaces.add(reader, document);
    expect(surfaces.remove(pageSurface)).toBe(true);
    expect(surfaces.remove(pageSurface)).toBe(false);
    expect(surfaces.all()).toEqual([readerSurface]);
    // the reader is still painted on change; the removed page is not
    setList([highlightOf(page, '先说背景', 'c')]);
    surfaces.paintAll();
    expect(marked(reader)).toEqual(['c:先说背景']);
    expect(marked(page)).toEqual(['a:再谈方法']);
  });

  it('forgets nothing when asked to remove a surface it never had', () => {
    const { page, reader, surfaces } = setup();
    const kept = surfaces.add(page, document);
    const other = createSurfaces({ highlights: () => [] }).add(reader, document);
    expect(surfaces.remove(other)).toBe(false);
    expect(surfaces.all()).toEqual([kept]);
  });

  it('paints again after the site changes the text or takes the marks away, and not after its own paint', async () => {
    const { page, surfaces, beforePaint } = setup('<p>先说背景，再谈方法，最后是结论。</p><p>第二段。</p>');
    surfaces.add(page, document);
    expect(beforePaint).toHaveBeenCalledTimes(1);
    await settle();
    expect(beforePaint).toHaveBeenCalledTimes(1); // painting did not trigger painting
    // the site re-renders the paragraph, marks gone
    page.querySelector('p')!.innerHTML = '先说背景，再谈方法，最后是结论。';
    await settle();
    expect(beforePaint).toHaveBeenCalledTimes(2);
    expect(marked(page)).toEqual(['a:再谈方法']);
    // a change that leaves the text and the marks alone needs no paint
    page.querySelector('p:last-child')!.replaceChildren(document.createTextNode('第二段。'));
    await settle();
    expect(beforePaint).toHaveBeenCalledTimes(2);
  });

  it('stops watching a removed surface', async () => {
    const { page, surfaces, beforePaint } = setup();
    const s = surfaces.add(page, document);
    surfaces.remove(s);
    page.querySelector('p')!.textContent = '先说背景，再谈方法，最后是结论。';
    await settle();
    expect(beforePaint).toHaveBeenCalledTimes(1);
    surfaces.paint(s); // not ours any more: nothing
    surfaces.check(s);
    expect(beforePaint).toHaveBeenCalledTimes(1);
    expect(marked(page)).toEqual([]);
  });

  it('checks a surface on demand: paints only when something changed', () => {
    const { page, surfaces, beforePaint } = setup();
    const s = surfaces.add(page, document);
    surfaces.check(s);
    expect(beforePaint).toHaveBeenCalledTimes(1);
    page.querySelector('mark')!.replaceWith('再谈方法');
    surfaces.check(s);
    expect(beforePaint).toHaveBeenCalledTimes(2);
    expect(marked(page)).toEqual(['a:再谈方法']);
  });

  it('lists the surfaces of one event tree', () => {
    const { page, surfaces } = setup();
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const body = article('<p>先说背景，再谈方法，最后是结论。</p>', shadow);
    const pageSurface = surfaces.add(page, document);
    const readerSurface = surfaces.add(body, shadow);
    expect(surfaces.inTree(document)).toEqual([pageSurface]);
    expect(surfaces.inTree(shadow)).toEqual([readerSurface]);
  });

  it('clear takes every surface and its marks away', () => {
    const { page, reader, surfaces } = setup();
    surfaces.add(page, document);
    surfaces.add(reader, document);
    surfaces.clear();
    expect(surfaces.all()).toEqual([]);
    expect(marked(page)).toEqual([]);
    expect(marked(reader)).toEqual([]);
    expect(page.innerHTML).toBe('<p>先说背景，再谈方法，最后是结论。</p>');
  });

  it('gives the focus back to a highlight whose mark was painted anew', () => {
    const page = article('<p>先说背景，再谈方法，最后是结论。</p>');
    let list = [highlightOf(page, '再谈方法', 'a')];
    const surfaces = createSurfaces({ highlights: () => list, decorate: (s, l) => decorateMarks(s.root, l, (text) => `标注：${text}`) });
    surfaces.add(page, document);
    const before = page.querySelector<HTMLElement>('mark[data-hl="a"]')!;
    before.focus();
    list = [{ ...list[0]!, color: 'pink' }];
    surfaces.paintAll();
    const after = page.querySelector<HTMLElement>('mark[data-hl="a"]')!;
    expect(after).not.toBe(before);
    expect(after.getAttribute('data-hl-color')).toBe('pink');
    expect(document.activeElement).toBe(after);
  });
});
