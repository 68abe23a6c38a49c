/** The popup card's library line (entrypoints/popup/LibraryStatus.tsx): collect, 已在资料库, the reading state, the changed page. */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LibraryStatus } from '../entrypoints/popup/LibraryStatus';
import type { LibraryCard } from '../utils/library/types';
import { fixtureArticle } from './helpers';

const article = fixtureArticle('woshipm-6025589');
const card = (over: Partial<LibraryCard> = {}): LibraryCard => ({
  url: article.url,
  title: article.title,
  author: article.author.name,
  category: article.category,
  tags: article.tags,
  published: article.published,
  lead: article.lead,
  cover: article.cover,
  savedAt: Date.UTC(2026, 10, 30),
  updatedAt: Date.UTC(2026, 10, 30),
  state: 'later',
  exports: [],
  textHash: 'x',
  images: 0,
  ...over,
});

/** What a message carries, as the test reads it. */
type Data = Record<string, unknown>;
/** The background's answers by message type; every message sent is kept. */
function background(replies: Record<string, (data: Data) => unknown>) {
  const sent: { type: string; data: Data }[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string; data: unknown }) => {
    sent.push(message as { type: string; data: Data });
    return replies[message.type]?.(message.data as Data) ?? null;
  }) as never);
  return sent;
}

describe('the popup card in the library', () => {
  it('offers 收藏到资料库 for an article not in the library, and sends collect for this tab', async () => {
    const sent = background({ libraryStatus: () => null, collect: () => ({ ok: true, card: card() }) });
    render(<LibraryStatus article={article} tabId={7} onNotice={() => undefined} />);
    fireEvent.click(await screen.findByRole('button', { name: '收藏到资料库' }));
    await waitFor(() => expect(sent.find((m) => m.type === 'collect')?.data).toEqual({ tabId: 7 }));
    // It asked with the hash of the page's text, so the background can tell a changed page.
    const asked = sent.find((m) => m.type === 'libraryStatus')!.data;
    expect(asked.url).toBe(article.url);
    expect(asked.textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says 已在资料库（收藏于 …）, and toggles 稍后读 / 已读', async () => {
    const sent = background({
      libraryStatus: () => ({ ...card(), changed: false }),
      libraryState: ({ state }) => card({ state: state as LibraryCard['state'] }),
    });
    render(<LibraryStatus article={article} tabId={7} onNotice={() => undefined} />);
    expect(await screen.findByText(/^已在资料库（收藏于 .*2026.*）$/)).toBeTruthy();
    const group = screen.getByRole('group', { name: '阅读状态' });
    expect(group.querySelector('[aria-pressed="true"]')?.textContent).toBe('稍后读');
    expect(screen.queryByRole('button', { name: '收藏到资料库' })).toBeNull();
    expect(screen.queryByRole('button', { name: '更新资料库中的副本' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '已读' }));
    await waitFor(() => expect(sent.find((m) => m.type === 'libraryState')?.data).toEqual({ url: article.url, state: 'read' }));
  });

  it('a page changed since it was saved: says so and offers 更新资料库中的副本', async () => {
    const notices: string[] = [];
    const sent = background({
      libraryStatus: () => ({ ...card(), changed: true }),
      updateSaved: () => ({ ok: false, error: 'quota', detail: 'QuotaExceededError' }),
    });
    render(<LibraryStatus article={article} tabId={7} onNotice={(text) => notices.push(text)} />);
    expect(await screen.findByText('这篇文章在收藏后有改动。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '更新资料库中的副本' }));
    await waitFor(() => expect(sent.some((m) => m.type === 'updateSaved')).toBe(true));
    // A full disk is said in words, not as an error's name.
    await waitFor(() => expect(notices).toEqual(['存储空间已满，未能存入资料库，已保存的文章不受影响']));
  });
});
