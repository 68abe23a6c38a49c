/** The reader component, and its colours against WCAG AA. */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Reader } from '../components/reader/Reader';
import { defaultReaderPrefs } from '../utils/reader-prefs';
import { markCaptions, spaceCjkLatin, wrapTables } from '../components/reader/typography';
import type { Article } from '../utils/types';
import { fixtureArticle } from './helpers';

const article = fixtureArticle('woshipm-6025589');

function renderReader(over: Partial<Parameters<typeof Reader>[0]> = {}) {
  const props = { article, prefs: defaultReaderPrefs, onPrefs: vi.fn().mockResolvedValue(undefined), onClose: vi.fn(), onExport: vi.fn(), ...over };
  render(<Reader {...props} />);
  return props;
}

describe('Reader', () => {
  it('renders the header, lead, body, outline and key points', () => {
    renderReader();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(article.title);
    expect(screen.getByText(article.lead!)).toBeTruthy();
    expect([...document.querySelectorAll('nav.outline a')].map((a) => a.textContent)).toEqual(article.outline.map((h) => h.text));
    expect(document.querySelectorAll('aside.points li')).toHaveLength(article.keyPoints.length);
    expect(screen.getByText('要点（作者加粗）')).toBeTruthy();
    for (const h of article.outline) expect(document.getElementById(h.id)?.textContent).toBe(h.text);
  });

  it('labels key sentences as such when the article has no bold', () => {
    // no bold, and no numbered list of sections either (that shows its skeleton: tests/points.test.tsx)
    renderReader({ article: { ...article, keyPoints: [], keySentences: ['第一句。', '第二句。'], outline: [] } as Article });
    expect(screen.getByText('关键句（自动摘取）')).toBeTruthy();
    expect(document.querySelectorAll('aside.points li')).toHaveLength(2);
  });

  it('changes theme, text size, width and font through onPrefs', () => {
    const props = renderReader();
    fireEvent.change(document.querySelector('#reader-theme')!, { target: { value: 'sepia' } });
    fireEvent.click(screen.getByRole('button', { name: 'A+ 放大字号' }));
    fireEvent.change(document.querySelector('#reader-width')!, { target: { value: 'wide' } });
    fireEvent.click(screen.getByRole('button', { name: '衬线' }));
    expect((props.onPrefs as ReturnType<typeof vi.fn>).mock.calls.map(([p]) => p)).toEqual([
      { ...defaultReaderPrefs, theme: 'sepia' },
      { ...defaultReaderPrefs, fontSize: 20 },
      { ...defaultReaderPrefs, width: 'wide' },
      { ...defaultReaderPrefs, font: 'serif' },
    ]);
  });

  it('applies prefs as classes and size, and stops at the size limits', () => {
    renderReader({ prefs: { theme: 'dark', fontSize: 26, width: 'narrow', font: 'serif' } });
    const reader = document.querySelector('.reader') as HTMLElement;
    expect(reader.className).toBe('reader theme-dark width-narrow font-serif');
    expect(reader.style.getPropertyValue('--reader-size')).toBe('26px');
    expect((screen.getByRole('button', { name: 'A+ 放大字号' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps Tab inside (a modal over the page): past the last control to the first, Shift+Tab back', () => {
    renderReader();
    const controls = [...document.querySelectorAll<HTMLElement>('.reader button:not(:disabled), .reader select, .reader a[href]')];
    const first = controls[0]!;
    const last = controls.at(-1)!;
    expect(first.id).toBe('reader-theme');
    expect(last.classList.contains('point')).toBe(true);
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
    // in between, Tab is the browser's own
    const close = screen.getByRole('button', { name: '关闭阅读模式' });
    close.focus();
    expect(fireEvent.keyDown(close, { key: 'Tab' })).toBe(true); // not prevented
    expect(document.activeElement).toBe(close);
  });

  it('closes on Escape and on the close button, which has focus first', () => {
    const props = renderReader();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('关闭阅读模式');
    fireEvent.keyDown(document, { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: '关闭阅读模式' }));
    expect(props.onClose).toHaveBeenCalledTimes(2);
  });
});

describe('display-only typography', () => {
  it('hands its body over once typography is done (highlights paint there), and takes it back on close', async () => {
    const cleanup = vi.fn();
    const onBody = vi.fn((_body: HTMLElement) => cleanup);
    const { unmount } = render(
      <Reader
        article={article}
        prefs={defaultReaderPrefs}
        onPrefs={vi.fn().mockResolvedValue(undefined)}
        onClose={vi.fn()}
        onExport={vi.fn()}
        onBody={onBody}
      />,
    );
    await waitFor(() => expect(onBody).toHaveBeenCalledTimes(1));
    const body = onBody.mock.calls[0]![0];
    expect(body.classList.contains('body')).toBe(true);
    expect(body.textContent).toContain(article.text.slice(0, 10));
    unmount();
    await waitFor(() => expect(cleanup).toHaveBeenCalledTimes(1));
  });

  it('styles the short line under an image as its caption', () => {
    const root = document.createElement('div');
    root.innerHTML =
      '<p><img src="https://image.woshipm.com/a.png"></p><p>讨论出海的笔记。图源：小红书</p><p>正文继续，这是一段普通的正文，不是图注，长度也明显超过了图注应有的长度。</p>';
    markCaptions(root);
    expect([...root.querySelectorAll('p.caption')].map((p) => p.textContent)).toEqual(['讨论出海的笔记。图源：小红书']);
  });

  it('wraps tables for horizontal scrolling', () => {
    const root = document.createElement('div');
    root.innerHTML = '<table><tr><td>a</td></tr></table>';
    wrapTables(root);
    expect(root.innerHTML).toBe('<div class="table-wrap"><table><tbody><tr><td>a</td></tr></tbody></table></div>');
  });
  it('spaces Latin runs next to CJK with margins, leaving the text itself alone', () => {
    const root = document.createElement('div');
    root.innerHTML = '<p>用AI做PRD，再看ROI。</p><pre>不动code</pre>';
    spaceCjkLatin(root, false);
    expect(root.textContent).toBe('用AI做PRD，再看ROI。不动code');
    expect([...root.querySelectorAll('p .latin')].map((s) => `${s.textContent}:${s.className}`)).toEqual([
      'AI:latin gap-before gap-after',
      'PRD:latin gap-before',
      'ROI:latin gap-before',
    ]);
    expect(root.querySelector('pre .latin')).toBeNull();
    const untouched = document.createElement('div');
    untouched.innerHTML = '<p>用AI做</p>';
    spaceCjkLatin(untouched, true);
    expect(untouched.innerHTML).toBe('<p>用AI做</p>');
  });
});

describe('reader colours meet WCAG AA', () => {
  const css = readFileSync(path.resolve(__dirname, '..', 'components', 'reader', 'reader.css'), 'utf8');
  const themeVars = (selector: string) => {
    const block = new RegExp(`${selector.replace(/\./g, '\\.')}\\s*\\{([^}]*)\\}`).exec(css)![1]!;
    return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
  };
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  it.each(['.reader', '.reader.theme-sepia', '.reader.theme-dark'])('%s', (selector) => {
    const v = { ...themeVars('.reader'), ...themeVars(selector) };
    expect(contrast(v.fg!, v.bg!)).toBeGreaterThanOrEqual(7);
    expect(contrast(v.muted!, v.bg!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(v.accent!, v.bg!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(v['mark-fg']!, v.mark!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(v.fg!, v.soft!)).toBeGreaterThanOrEqual(4.5);
  });
});
