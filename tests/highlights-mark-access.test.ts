/** utils/highlights/mark-access.ts: notes as tooltips, and one keyboard button per highlight. */
import { afterEach, describe, expect, it } from 'vitest';
import { decorateMarks, focusableMark, isMarkButton, markInPath, marksOf } from '../utils/highlights/mark-access';
import { paintHighlights } from '../utils/highlights/paint';
import type { Highlight } from '../utils/highlights/types';
import { article, highlightOf } from './highlight-fixtures';

const label = (text: string) => `标注：${text}`;
afterEach(() => document.body.replaceChildren());

function painted(html: string, make: (root: HTMLElement) => Highlight[]) {
  const root = article(html);
  const list = make(root);
  paintHighlights(root, list);
  decorateMarks(root, list, label);
  return root;
}

describe('decorateMarks', () => {
  it('makes the first mark of each highlight a focusable button named after its text', () => {
    const root = painted('<p>先说背景，<strong>这是重点</strong>，然后展开。</p><p>下一段。</p>', (r) => [
      highlightOf(r, '背景，这是重点', 'a'),
      highlightOf(r, '下一段', 'b'),
    ]);
    const [first, second] = marksOf(root, 'a');
    expect(first!.textContent).toBe('背景，');
    expect(first!.tabIndex).toBe(0);
    expect(first!.getAttribute('role')).toBe('button');
    expect(first!.getAttribute('aria-label')).toBe('标注：背景，');
    // the rest of the highlight is read as text, not as more buttons
    expect(second!.hasAttribute('tabindex')).toBe(false);
    expect(second!.hasAttribute('role')).toBe(false);
    expect(focusableMark(root, 'a')).toBe(first);
    expect(focusableMark(root, 'b')!.getAttribute('aria-label')).toBe('标注：下一段');
    expect(root.querySelectorAll('[tabindex="0"]')).toHaveLength(2);
  });

  it('puts a note on every mark as its tooltip and a dotted line under the last', () => {
    const root = painted('<p>先说背景，<strong>这是重点</strong>，然后展开。</p>', (r) => [
      highlightOf(r, '背景，这是重点', 'a', { note: '我的想法' }),
      highlightOf(r, '然后', 'b'),
    ]);
    const marks = marksOf(root, 'a');
    expect(marks.map((m) => m.title)).toEqual(['我的想法', '我的想法']);
    expect(marks.map((m) => m.hasAttribute('data-hl-note'))).toEqual([false, true]);
    expect(marksOf(root, 'b').map((m) => [m.title, m.hasAttribute('data-hl-note')])).toEqual([['', false]]);
  });

  it('makes no button inside a link (a control in a control), but the next piece outside it', () => {
    const root = painted('<p>见<a href="https://example.com/">这篇文章</a>的第二节。</p>', (r) => [highlightOf(r, '这篇文章的第二节', 'a')]);
    const [inLink, after] = marksOf(root, 'a');
    expect(inLink!.closest('a')).not.toBeNull();
    expect(inLink!.hasAttribute('tabindex')).toBe(false);
    expect(focusableMark(root, 'a')).toBe(after);
  });

  it("does not nest one highlight's button in another's", () => {
    const root = painted('<p>一二三四五六七八九十</p>', (r) => [
      highlightOf(r, '三四五六', 'outer'),
      highlightOf(r, '四五', 'inner'),
      highlightOf(r, '五六七八', 'overlap'),
    ]);
    const buttons = [...root.querySelectorAll<HTMLElement>('mark[role="button"]')];
    for (const b of buttons) expect(buttons.filter((o) => o !== b && (o.contains(b) || b.contains(o)))).toEqual([]);
    expect(focusableMark(root, 'outer')).not.toBeNull();
    expect(focusableMark(root, 'overlap')).not.toBeNull();
  });
});

describe('mark lookups', () => {
  it('finds the innermost mark an event came through, and tells a button mark from the others', () => {
    const root = painted('<p>一二三四五六七八九十</p>', (r) => [highlightOf(r, '三四五六', 'outer'), highlightOf(r, '四五', 'inner')]);
    const inner = marksOf(root, 'inner')[0]!;
    let seen: HTMLElement | null = null;
    root.addEventListener('mouseup', (e) => (seen = markInPath(e)));
    inner.firstChild!.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    expect(seen).toBe(inner);
    root.querySelector('p')!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    expect(seen).toBeNull();
    expect(isMarkButton(focusableMark(root, 'outer')!)).toBe(true);
    expect(isMarkButton(root.querySelector('p')!)).toBe(false);
    expect(isMarkButton(undefined)).toBe(false);
  });
});
