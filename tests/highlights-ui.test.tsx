/** The highlight UI's presentational parts and the page key they are stored under. */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { JSDOM } from 'jsdom';
import { render as renderPreact } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { HighlightList } from '../components/HighlightList';
import { HighlightToolbar, type HighlightToolbarProps } from '../components/highlights/HighlightToolbar';
import { articleKey } from '../utils/page/article-key';
import type { Highlight } from '../utils/highlights';
import { woshipmUrls } from '../utils/site/woshipm';
import { toolbarView } from './highlight-fixtures';

const page = (head: string, url: string) => new JSDOM(`<!doctype html><html><head>${head}</head><body></body></html>`, { url }).window.document;

describe('articleKey', () => {
  it('is the canonical article URL the page declares, else its own in canonical form', () => {
    expect(
      articleKey(page('<meta property="og:url" content="http://woshipm.com/PD/42.html?from=x">', 'https://www.woshipm.com/pd/42.html#c'), woshipmUrls),
    ).toBe('https://www.woshipm.com/pd/42.html');
    expect(articleKey(page('<link rel="canonical" href="https://www.woshipm.com/ai/7.html">', 'https://www.woshipm.com/ai/7.html?utm=1'), woshipmUrls)).toBe(
      'https://www.woshipm.com/ai/7.html',
    );
    expect(articleKey(page('<meta property="og:url" content="https://www.woshipm.com/">', 'https://www.woshipm.com/ai/7.html?utm=1'), woshipmUrls)).toBe(
      'https://www.woshipm.com/ai/7.html',
    );
    expect(articleKey(page('', 'https://www.woshipm.com/tag/ai'), woshipmUrls)).toBeNull();
    // moved to another article with the History API, the old og:url left behind: the address bar wins
    expect(articleKey(page('<meta property="og:url" content="https://www.woshipm.com/pd/42.html">', 'https://www.woshipm.com/ai/43.html'), woshipmUrls)).toBe(
      'https://www.woshipm.com/ai/43.html',
    );
  });
});

const highlight = (id: string, exact: string, note = '', color: Highlight['color'] = 'yellow'): Highlight => ({
  id,
  color,
  note,
  quote: { exact, prefix: '', suffix: '' },
  position: { start: 0, end: exact.length },
  createdAt: 1,
  updatedAt: 1,
});

describe('HighlightList', () => {
  it('lists every highlight with its note, marks the orphaned ones, reveals on click', () => {
    const onReveal = vi.fn();
    const onExportOnly = vi.fn();
    const onSection = vi.fn();
    render(
      <HighlightList
        highlights={[highlight('a', '第一段', '我的想法'), highlight('b', '被删掉的话', '', 'pink')]}
        orphaned={['b']}
        section={false}
        onSection={onSection}
        onReveal={onReveal}
        onExportOnly={onExportOnly}
      />,
    );
    expect(screen.getByRole('heading', { name: '我的标注 (2)' })).toBeTruthy();
    expect(screen.getByText('我的想法')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '第一段' }));
    expect(onReveal).toHaveBeenCalledWith('a');
    // an orphan is listed, marked, and not a jump
    expect(screen.queryByRole('button', { name: /被删掉的话/ })).toBeNull();
    expect(document.querySelector('[data-hl-item="b"]')!.textContent).toContain('找不到原文');
    fireEvent.click(screen.getByRole('button', { name: '只导出标注' }));
    expect(onExportOnly).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('checkbox', { name: '包含「我的标注」一节' }));
    expect(onSection).toHaveBeenCalledWith(true);
  });

  it('lists them in reading order, not the order they were made in', () => {
    const at = (h: Highlight, start: number) => ({ ...h, position: { start, end: start + h.quote.exact.length } });
    render(
      <HighlightList
        highlights={[at(highlight('late', '后文'), 900), at(highlight('early', '前文'), 10), at(highlight('mid', '中段'), 400)]}
        orphaned={[]}
        section={false}
        onSection={vi.fn()}
        onReveal={vi.fn()}
        onExportOnly={vi.fn()}
      />,
    );
    expect([...document.querySelectorAll('[data-hl-item]')].map((li) => li.getAttribute('data-hl-item'))).toEqual(['early', 'mid', 'late']);
  });

  it('says how to highlight when there is nothing yet', () => {
    render(<HighlightList highlights={[]} orphaned={[]} section={false} onSection={vi.fn()} onReveal={vi.fn()} onExportOnly={vi.fn()} />);
    expect(screen.getByRole('heading', { name: '我的标注 (0)' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '只导出标注' })).toBeNull();
    expect(screen.getByText(/选中文字即可高亮/)).toBeTruthy();
  });
});

describe('HighlightToolbar', () => {
  const props = (over: Partial<HighlightToolbarProps> = {}) => toolbarView({ mode: 'new', ...over });

  it('offers four colours and 添加笔记 for a selection; Esc closes', () => {
    const p = props();
    render(<HighlightToolbar {...p} />);
    expect(screen.getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? b.textContent)).toEqual([
      '黄色高亮',
      '绿色高亮',
      '蓝色高亮',
      '粉色高亮',
      '添加笔记',
    ]);
    fireEvent.click(screen.getByRole('button', { name: '蓝色高亮' }));
    expect(p.onColor).toHaveBeenCalledWith('blue');
    fireEvent.click(screen.getByRole('button', { name: '添加笔记' }));
    expect(p.onNote).toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('toolbar'), { key: 'Escape' });
    expect(p.onClose).toHaveBeenCalled();
  });

  it("moves between its buttons with the arrow keys, and a highlight's bar takes the focus", async () => {
    render(<HighlightToolbar {...props({ mode: 'edit', color: 'green' })} />);
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('黄色高亮'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('绿色高亮');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(document.activeElement?.textContent).toBe('删除标注');
  });

  it("leaves the focus where a key moved it before the bar's own effect ran (opened from the keyboard, then an arrow)", async () => {
    // Preact's own render: the effects run a frame later, as in the page (the testing library's render runs them at once)
    const container = document.body.appendChild(document.createElement('div'));
    try {
      renderPreact(<HighlightToolbar {...props({ mode: 'edit', color: 'green' })} />, container);
      container.querySelector<HTMLButtonElement>('[aria-label="绿色高亮"]')!.focus();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(document.activeElement?.getAttribute('aria-label')).toBe('绿色高亮');
    } finally {
      renderPreact(null, container);
      container.remove();
    }
  });

  it('for a highlight: shows its colour, edits the note (Ctrl+Enter saves), removes', () => {
    const p = props({ mode: 'edit', color: 'pink', note: '旧笔记', editingNote: true });
    render(<HighlightToolbar {...p} />);
    expect(screen.getByRole('button', { name: '粉色高亮' }).getAttribute('aria-pressed')).toBe('true');
    const box = screen.getByRole('textbox', { name: '笔记' }) as HTMLTextAreaElement;
    expect(box.value).toBe('旧笔记');
    expect(document.activeElement).toBe(box);
    fireEvent.input(box, { target: { value: '  新的笔记 ' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    expect(p.onSaveNote).toHaveBeenCalledWith('新的笔记');
    fireEvent.click(screen.getByRole('button', { name: '删除标注' }));
    expect(p.onRemove).toHaveBeenCalled();
  });
});
