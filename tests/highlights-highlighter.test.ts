/**
 * entrypoints/engine/highlights.ts, the wiring, in jsdom over a saved woshipm page: the Highlighter the
 * content script uses, with the storage of the fake browser. The end-to-end suite does the same in Chromium.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runningHighlighter, startHighlighter, stopHighlighter } from '../entrypoints/engine/highlights';
import { getArticleHighlights, putArticleHighlights } from '../shell/highlights';
import type { Highlight } from '../utils/highlights';
import { woshipm } from '../utils/site/woshipm';
import { article, highlightOf, select } from './highlight-fixtures';
import { readFixture } from './helpers';

const url = 'https://www.woshipm.com/zhichang/6025589.html';
const passage = '面试官坦然答道。';
const later = '规模是效率的天敌。';

let container: HTMLElement;
beforeEach(() => {
  // jsdom has no layout: a selection's box is empty there (the toolbar is placed by it).
  Object.defineProperty(Range.prototype, 'getBoundingClientRect', { configurable: true, value: () => new DOMRect(0, 0, 0, 0) });
  document.body.innerHTML = new DOMParser().parseFromString(readFixture('woshipm-6025589', 'page.html'), 'text/html').body.innerHTML;
  container = woshipm.contentSelectors.map((s) => document.querySelector<HTMLElement>(s)).find(Boolean)!;
});
afterEach(() => {
  stopHighlighter();
  document.getSelection()?.removeAllRanges();
  document.body.replaceChildren();
  for (const el of document.head.querySelectorAll('[data-hl-ignore]')) el.remove();
  delete (Range.prototype as Partial<Range>).getBoundingClientRect;
});

/** A stored highlight of `text` in the page's article. */
const storedOf = (text: string, id: string, over: Partial<Highlight> = {}) => highlightOf(container, text, id, over);
const store = (...highlights: Highlight[]) => putArticleHighlights([{ url, title: '存过的标题', updatedAt: 1, highlights }]);
const marks = (root: ParentNode = container) => [...root.querySelectorAll<HTMLElement>('mark[data-hl]')];
const toolbar = () => document.querySelector('woshipm-highlight-toolbar')?.shadowRoot?.querySelector<HTMLElement>('[role="toolbar"]') ?? null;
const toolbarButton = (name: string) =>
  [...(toolbar()?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, composed: true }));
const mouseUp = (target: Element) => target.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, composed: true }));
const start = async () => {
  const h = startHighlighter(document, url, () => '页面的标题');
  await h.current();
  return h;
};

describe('the highlighter in a page', () => {
  it('paints the stored highlights in the article, each reachable from the keyboard by its text', async () => {
    await store(storedOf(passage, 'a', { note: '我的想法' }));
    const h = await start();
    expect(marks().map((m) => m.textContent).join('')).toBe(passage);
    const button = marks()[0]!;
    expect([button.tabIndex, button.getAttribute('role'), button.getAttribute('aria-label'), button.title]).toEqual([0, 'button', `标注：${passage}`, '我的想法']);
    expect(document.head.querySelector('style[data-hl-ignore]')).not.toBeNull();
    expect(runningHighlighter()).toBe(h);
    expect(startHighlighter(document, url, () => '')).toBe(h); // once per article
  });

  it('H makes a highlight of the selection in the article, saved and painted', async () => {
    await start();
    select(container, later);
    key(container.querySelector('p')!, 'h');
    await vi.waitFor(async () => expect((await getArticleHighlights(url))?.highlights.map((x) => x.quote.exact)).toEqual([later]));
    expect((await getArticleHighlights(url))!.title).toBe('页面的标题');
    await vi.waitFor(() => expect(marks().map((m) => m.textContent)).toEqual([later]));
    expect(document.getSelection()!.rangeCount).toBe(0);
  });

  it('a selection\'s toolbar makes a highlight in the colour chosen', async () => {
    await start();
    select(container, later);
    mouseUp(container.querySelector('p')!);
    await vi.waitFor(() => expect(toolbarButton('蓝色高亮')).toBeTruthy());
    toolbarButton('蓝色高亮')!.click();
    await vi.waitFor(() => expect(marks().map((m) => m.getAttribute('data-hl-color'))).toEqual(['blue']));
    expect(toolbar()).toBeNull();
  });

  it('a click on a highlight opens its toolbar: another colour, then Esc closes', async () => {
    await store(storedOf(passage, 'a'));
    await start();
    mouseUp(marks()[0]!);
    await vi.waitFor(() => expect(toolbarButton('删除标注')).toBeTruthy());
    toolbarButton('粉色高亮')!.click();
    await vi.waitFor(async () => expect((await getArticleHighlights(url))!.highlights[0]!.color).toBe('pink'));
    await vi.waitFor(() => expect(marks()[0]!.getAttribute('data-hl-color')).toBe('pink'));
    key(container.querySelector('p')!, 'Escape');
    expect(toolbar()).toBeNull();
  });

  it('Enter on a highlight opens its toolbar with the focus in it; Esc gives the focus back to the highlight', async () => {
    await store(storedOf(passage, 'a'));
    await start();
    const host = () => document.querySelector<HTMLElement>('woshipm-highlight-toolbar')!;
    marks()[0]!.focus();
    key(marks()[0]!, 'Enter');
    expect(toolbar()).not.toBeNull();
    expect(document.activeElement).toBe(host());
    expect(host().shadowRoot!.activeElement).toBe(toolbarButton('黄色高亮'));
    // a colour from the keyboard repaints the marks; the focus stays in the bar
    toolbarButton('绿色高亮')!.click();
    await vi.waitFor(() => expect(marks()[0]!.getAttribute('data-hl-color')).toBe('green'));
    toolbarButton('绿色高亮')!.focus();
    key(toolbarButton('绿色高亮')!, 'Escape');
    expect(toolbar()).toBeNull();
    expect(document.activeElement).toBe(marks()[0]);
    // Space opens it too
    key(marks()[0]!, ' ');
    expect(toolbarButton('删除标注')).toBeTruthy();
  });

  it('reports the highlights and the ones not found in the page; reveals one that is there', async () => {
    const elsewhere = article('<p>这段话已经从文章里删掉了。</p>');
    const gone = highlightOf(elsewhere, '这段话已经从文章里删掉了', 'gone');
    elsewhere.remove();
    await store(storedOf(passage, 'a'), gone);
    const h = await start();
    const report = await h.report();
    expect(report).toMatchObject({ url, title: '存过的标题', orphaned: ['gone'] });
    expect(report.highlights.map((x) => x.id)).toEqual(['a', 'gone']);
    const scrolled = vi.fn();
    Object.defineProperty(HTMLElement.prototype, 'scrollIntoView', { configurable: true, value: scrolled });
    try {
      expect(await h.reveal('a')).toBe(true);
      expect(scrolled).toHaveBeenCalledTimes(1);
      expect(await h.reveal('gone')).toBe(false);
    } finally {
      delete (HTMLElement.prototype as Partial<HTMLElement>).scrollIntoView;
    }
  });

  it('paints the reader\'s body too; detaching it twice leaves the page\'s highlights alone', async () => {
    await store(storedOf(passage, 'a'));
    const h = await start();
    const readerHost = article('');
    const shadow = readerHost.attachShadow({ mode: 'open' });
    const body = article(container.innerHTML, shadow);
    for (const m of body.querySelectorAll('mark')) m.replaceWith(...m.childNodes);
    const detach = h.attachReader(body);
    await vi.waitFor(() => expect(marks(body).map((m) => m.textContent).join('')).toBe(passage));
    // the reader's toolbar closes with the reader
    key(marks(body)[0]!, 'Enter');
    expect(toolbar()).not.toBeNull();
    detach();
    expect(toolbar()).toBeNull();
    detach();
    expect((await h.report()).orphaned).toEqual([]);
    expect(await h.current()).toHaveLength(1);
  });

  it('stops: marks, toolbar and listeners go', async () => {
    await store(storedOf(passage, 'a'));
    await start();
    mouseUp(marks()[0]!);
    await vi.waitFor(() => expect(toolbar()).not.toBeNull());
    stopHighlighter();
    expect(marks()).toEqual([]);
    expect(document.querySelector('woshipm-highlight-toolbar')).toBeNull();
    expect(runningHighlighter()).toBeNull();
    select(container, later);
    key(container.querySelector('p')!, 'h');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await getArticleHighlights(url))!.highlights).toHaveLength(1);
  });
});
