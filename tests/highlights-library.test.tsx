/** The options page's 我的标注: listing, restore (refusing bad files, asking on conflicts), 删除全部数据. */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { storage } from '@wxt-dev/storage';
import { describe, expect, it, vi } from 'vitest';
import { HighlightsLibrary } from '../entrypoints/options/HighlightsLibrary';
import { listArticleHighlights, putArticleHighlights } from '../shell/highlights';
import { backupJson, type ArticleHighlights, type Highlight } from '../utils/highlights';

const highlight = (id: string, exact: string): Highlight => ({
  id,
  color: 'blue',
  note: '',
  quote: { exact, prefix: '', suffix: '' },
  position: { start: 0, end: exact.length },
  createdAt: Date.UTC(2026, 10, 1),
  updatedAt: Date.UTC(2026, 10, 1),
});
const entry = (n: number, ...highlights: Highlight[]): ArticleHighlights => ({
  url: `https://www.woshipm.com/pd/${n}.html`,
  title: `文章 ${n}`,
  updatedAt: Date.UTC(2026, 10, n),
  highlights,
});
const choose = (text: string) =>
  fireEvent.change(document.querySelector('input[type=file]')!, { target: { files: [new File([text], 'backup.json', { type: 'application/json' })] } });

describe('HighlightsLibrary', () => {
  it('lists each article with its count and date', async () => {
    await putArticleHighlights([entry(1, highlight('a', '甲')), entry(2, highlight('b', '乙'), highlight('c', '丙'))]);
    render(<HighlightsLibrary />);
    const links = await screen.findAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['文章 2', '文章 1']);
    expect(screen.getByText(/2 条标注 · 更新于 2026-11-02/)).toBeTruthy();
  });

  it('refuses a file that is not a backup, and changes nothing', async () => {
    await putArticleHighlights([entry(1, highlight('a', '甲'))]);
    render(<HighlightsLibrary />);
    await screen.findByRole('link');
    choose('{"format":"something else"}');
    await screen.findByText('无法恢复：这不是本扩展的标注备份文件');
    expect((await listArticleHighlights()).map((e) => e.url)).toEqual([entry(1).url]);
  });

  it('adds new articles at once and asks before replacing one that differs', async () => {
    await putArticleHighlights([entry(1, highlight('a', '甲'))]);
    render(<HighlightsLibrary />);
    await screen.findByRole('link');
    choose(backupJson([entry(1, highlight('a', '甲'), highlight('z', '新')), entry(3, highlight('c', '丙'))], Date.now()));
    await screen.findByRole('alertdialog');
    expect((await listArticleHighlights()).map((e) => e.url).sort()).toEqual([entry(1).url, entry(3).url]);
    expect((await listArticleHighlights()).find((e) => e.url === entry(1).url)?.highlights).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '替换' }));
    await screen.findByText('已恢复 2 篇文章的标注');
    expect((await listArticleHighlights()).find((e) => e.url === entry(1).url)?.highlights).toHaveLength(2);
  });

  it('deletes everything only after confirming', async () => {
    await putArticleHighlights([entry(1, highlight('a', '甲'))]);
    await storage.setItem('sync:reader', { theme: 'dark' });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    render(<HighlightsLibrary />);
    await screen.findByRole('link');
    fireEvent.click(screen.getByRole('button', { name: '删除全部数据' }));
    expect(await listArticleHighlights()).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '删除全部数据' }));
    await screen.findByText('已删除全部数据');
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(await listArticleHighlights()).toEqual([]);
    expect(await storage.getItem('sync:reader')).toBeNull();
    await waitFor(() => expect(screen.queryByRole('link')).toBeNull());
  });
});
