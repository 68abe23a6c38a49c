import { describe, expect, it } from 'vitest';
import { rootText } from '../utils/highlights/anchor';
import { paintHighlights, unpaintHighlights } from '../utils/highlights/paint';
import type { Highlight, HighlightColor } from '../utils/highlights/types';
import { highlightIn, rangeAt, rangeOf } from './highlight-fixtures';
import { fixtureArticle } from './helpers';

function rootOf(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

const highlightOf = (root: Node, text: string, id: string, color: HighlightColor = 'yellow') => highlightIn(root, rangeOf(root, text), id, { color });
const highlightAt = (root: Node, start: number, end: number, id: string) => highlightIn(root, rangeAt(root, start, end), id);

/** The text of each highlight's marks, joined, by id. */
function markedText(root: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const mark of root.querySelectorAll('mark[data-hl]')) {
    const id = mark.getAttribute('data-hl')!;
    out[id] = (out[id] ?? '') + mark.textContent;
  }
  return out;
}

describe('paintHighlights', () => {
  it('wraps a highlight in one mark per text node piece, across a bold span and across paragraphs', () => {
    const root = rootOf('<p>先说背景，<strong>这是重点</strong>，然后展开。</p>\n<p>下一段从这里开始。</p>');
    const bold = highlightOf(root, '背景，这是重点，然后', 'a', 'green');
    const paragraphs = highlightOf(root, '展开。\n下一段', 'b', 'pink');
    expect(paintHighlights(root, [bold, paragraphs])).toEqual({ painted: ['a', 'b'], orphaned: [] });
    expect(root.innerHTML).toBe(
      '<p>先说<mark data-hl="a" data-hl-color="green">背景，</mark><strong><mark data-hl="a" data-hl-color="green">这是重点</mark></strong>' +
        '<mark data-hl="a" data-hl-color="green">，然后</mark><mark data-hl="b" data-hl-color="pink">展开。</mark></p>\n' +
        '<p><mark data-hl="b" data-hl-color="pink">下一段</mark>从这里开始。</p>',
    );
    expect(rootText(root)).toBe('先说背景，这是重点，然后展开。\n下一段从这里开始。');
  });

  it('nests overlapping highlights and keeps each one whole', () => {
    const root = rootOf('<p>一二三四五六七八九十</p>');
    const outer = highlightOf(root, '二三四五六', 'outer');
    const inner = highlightOf(root, '四五六七八', 'inner', 'blue');
    const inside = highlightOf(root, '三四', 'inside', 'pink');
    paintHighlights(root, [outer, inner, inside]);
    expect(markedText(root)).toEqual({ outer: '二三四五六', inner: '四五六七八', inside: '三四' });
    // '四' lies in all three: outer > inner > inside, innermost last painted.
    const four = [...root.querySelectorAll('mark')].find((m) => m.textContent === '四' && !m.querySelector('mark'))!;
    expect(four.getAttribute('data-hl')).toBe('inside');
    expect(four.parentElement!.getAttribute('data-hl')).toBe('inner');
    expect(four.parentElement!.parentElement!.getAttribute('data-hl')).toBe('outer');
    expect(root.textContent).toBe('一二三四五六七八九十');
  });

  it('is idempotent: painting again gives the same DOM', () => {
    const root = rootOf('<p>甲乙<b>丙丁</b>戊己</p><p>庚辛</p>');
    const highlights = [highlightOf(root, '乙丙丁戊', 'x'), highlightOf(root, '丁戊己庚', 'y', 'green')];
    paintHighlights(root, highlights);
    const once = root.innerHTML;
    expect(paintHighlights(root, highlights)).toEqual({ painted: ['x', 'y'], orphaned: [] });
    expect(root.innerHTML).toBe(once);
    paintHighlights(root, [highlights[1]!]);
    expect(markedText(root)).toEqual({ x: '乙丙丁戊', y: '丁戊己庚' });
  });

  it('repaints a highlight whose colour changed, and reports the orphaned', () => {
    const root = rootOf('<p>这段文字会被标注。</p>');
    const h = highlightOf(root, '会被标注', 'h');
    paintHighlights(root, [h]);
    const gone: Highlight = { ...h, id: 'gone', quote: { exact: '根本不存在的一句话在这里', prefix: '', suffix: '' } };
    expect(paintHighlights(root, [{ ...h, color: 'blue' }, gone])).toEqual({ painted: ['h'], orphaned: ['gone'] });
    expect(root.querySelectorAll('mark').length).toBe(1);
    expect(root.querySelector('mark')!.getAttribute('data-hl-color')).toBe('blue');
  });

  it('leaves data-hl-ignore and whitespace between blocks alone', () => {
    const root = rootOf('<ul>\n<li>第一项</li>\n<li>第二项</li>\n</ul><div data-hl-ignore>工具栏</div>');
    paintHighlights(root, [highlightOf(root, '第一项\n第二项', 'l')]);
    expect(root.innerHTML).toBe(
      '<ul>\n<li><mark data-hl="l" data-hl-color="yellow">第一项</mark></li>\n<li><mark data-hl="l" data-hl-color="yellow">第二项</mark></li>\n</ul><div data-hl-ignore="">工具栏</div>',
    );
  });
});

describe('unpaintHighlights', () => {
  it('restores the exact original DOM, text nodes merged back', () => {
    const html = '<p>先说背景，<strong>这是<em>作者</em>加粗的重点</strong>，然后展开。</p>\n  <p>下一段从这里开始，继续讲。</p>';
    const root = rootOf(html);
    const childCounts = () => [...root.querySelectorAll('*')].map((e) => e.childNodes.length);
    const before = childCounts();
    paintHighlights(root, [
      highlightOf(root, '背景，这是作者加', 'a'),
      highlightOf(root, '作者加粗的重点，然后展开。\n  下一段', 'b', 'green'),
      highlightOf(root, '继续', 'c', 'pink'),
    ]);
    expect(root.innerHTML).not.toBe(html);
    unpaintHighlights(root, 'b');
    expect(markedText(root)).toEqual({ a: '背景，这是作者加', c: '继续' });
    unpaintHighlights(root);
    expect(root.innerHTML).toBe(html);
    expect(childCounts()).toEqual(before);
  });

  it('restores a real fixture article after 100 highlights', () => {
    const article = fixtureArticle('pd-2024-6119971'); // as extraction gives it
    const root = rootOf(article.html);
    const html = root.innerHTML;
    const text = rootText(root);
    const highlights: Highlight[] = [];
    for (let i = 0; i < 100; i++) {
      const start = Math.floor((i * (text.length - 80)) / 100);
      const end = start + 20 + (i % 7) * 10; // some overlap their neighbours
      if (text.slice(start, end).trim()) highlights.push(highlightAt(root, start, end, `h${i}`));
    }
    const { painted, orphaned } = paintHighlights(root, highlights);
    expect(orphaned).toEqual([]);
    expect(painted.length).toBe(highlights.length);
    expect(rootText(root)).toBe(text);
    for (const h of highlights) {
      const marked = [...root.querySelectorAll(`mark[data-hl="${h.id}"]`)].map((m) => m.textContent).join('');
      expect(marked.replace(/\s+/g, '')).toBe(h.quote.exact.replace(/\s+/g, ''));
    }
    unpaintHighlights(root);
    expect(root.innerHTML).toBe(html);
  });
});
