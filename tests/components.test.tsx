/** The popup's components and states, rendered under jsdom with WXT's fake browser. */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { ExportBar } from '../components/ExportBar';
import type { ImageStatus } from '../components/ImageReport';
import type { ImageMode } from '../utils/images';
import type { Destination } from '../utils/markdown/options';
import { MarkdownPreview } from '../components/MarkdownPreview';
import { StateView } from '../components/StateView';
import { ArticleCard } from '../components/ArticleCard';
import { diagnosticText, fallbackLine } from '../entrypoints/popup/diagnostic';
import { fixtureArticle } from './helpers';

const article = fixtureArticle('woshipm-6025589');


describe('ArticleCard', () => {
  it('shows the facts, tags, lead, key points and outline', () => {
    render(<ArticleCard article={article} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('2024，大厂人“卷”向海外');
    expect(screen.getByRole('link', { name: '霞光社' }).getAttribute('href')).toBe('https://www.woshipm.com/u/956307');
    expect(screen.getByText('2024-04-02')).toBeTruthy();
    expect(screen.getByText('职场攻略')).toBeTruthy();
    for (const tag of article.tags) expect(screen.getByText(tag)).toBeTruthy();
    expect(screen.getByText(article.lead!)).toBeTruthy();
    expect(document.querySelectorAll('.keypoints li')).toHaveLength(article.keyPoints.length);
    expect(document.querySelectorAll('.outline li')).toHaveLength(article.outline.length);
    expect(document.querySelector('.stats')!.textContent).toContain('4021');
  });

  it('leaves out counts the page did not show, and shows 万 for large ones', () => {
    render(<ArticleCard article={{ ...article, stats: { views: 123456, comments: null, collects: 0, likes: null } }} />);
    const stats = document.querySelector('.stats')!.textContent!;
    expect(stats).toContain('12.3万');
    expect(document.querySelectorAll('.stats li')).toHaveLength(3); // views, collects, minutes
  });

  it('asks to reveal a key point or heading when one is clicked', () => {
    const onReveal = vi.fn();
    render(<ArticleCard article={article} onReveal={onReveal} />);
    fireEvent.click(screen.getByRole('button', { name: article.keyPoints[2]! }));
    fireEvent.click(screen.getByRole('button', { name: article.outline[1]!.text }));
    expect(onReveal.mock.calls).toEqual([[{ kind: 'keyPoint', index: 2 }], [{ kind: 'heading', index: 1 }]]);
  });

  it('says nothing of how a page the table knows was read', () => {
    render(<ArticleCard article={article} onCopyDiagnostic={vi.fn()} />);
    expect(document.querySelector('.fallbacks')).toBeNull();
    expect(screen.queryByRole('button', { name: '复制诊断信息' })).toBeNull();
  });

  it('notes a page read partly by fallbacks, with its diagnostic to copy', () => {
    const onCopyDiagnostic = vi.fn();
    const fallbacks = [{ field: 'title' as const, source: 'meta og:title', primary: 'css h2.article--title' }];
    const { rerender } = render(<ArticleCard article={{ ...article, readFrom: { fallbacks } }} onCopyDiagnostic={onCopyDiagnostic} />);
    expect(screen.getByRole('note').textContent).toContain('部分信息由备用方式读取');
    fireEvent.click(screen.getByRole('button', { name: '复制诊断信息' }));
    expect(onCopyDiagnostic).toHaveBeenCalledOnce();
    // Where nothing can be copied, the note stays and the button does not.
    rerender(<ArticleCard article={{ ...article, readFrom: { fallbacks } }} />);
    expect(screen.getByRole('note').textContent).toContain('部分信息由备用方式读取');
    expect(screen.queryByRole('button', { name: '复制诊断信息' })).toBeNull();
  });
});

describe('the diagnostic', () => {
  it('is the version, the page, then one line per finding', () => {
    expect(diagnosticText('0.1.0', 'https://www.woshipm.com/pmd/1.html', ['a', 'b'])).toBe('woshipm-reader 0.1.0\nhttps://www.woshipm.com/pmd/1.html\na\nb');
  });

  it('names each fallback by its table entry, what gave it and what was missed', () => {
    expect(fallbackLine({ field: 'title', source: 'meta og:title', primary: 'css h2.article--title' })).toBe(
      'title: meta og:title (css h2.article--title gave nothing)',
    );
    expect(fallbackLine({ field: 'tags', source: null, primary: 'css .taglist a' })).toBe('tags: nothing found (css .taglist a gave nothing)');
  });
});

describe('StateView', () => {
  it.each([
    ['busy', 'status'],
    ['info', 'alert'],
    ['warn', 'alert'],
  ] as const)('%s state is announced as %s, with its hint and actions', (tone, role) => {
    render(
      <StateView tone={tone} title="标题" hint="提示">
        <button type="button">重试</button>
      </StateView>,
    );
    expect(screen.getByRole(role).textContent).toContain('标题');
    expect(screen.getByText('提示')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });
});

describe('ExportBar', () => {
  const props = () => ({
    template: 'frontmatter' as const,
    keyPoints: false,
    selectionOnly: null as boolean | null,
    previewing: false,
    notice: null,
    images: 'local' as ImageMode,
    imageStatus: null as ImageStatus | null,
    onImages: vi.fn(),
    onTemplate: vi.fn(),
    onKeyPoints: vi.fn(),
    onSelectionOnly: vi.fn(),
    onTogglePreview: vi.fn(),
    onReader: vi.fn(),
    onDownload: vi.fn(),
    onCopy: vi.fn(),
    destination: 'download' as Destination,
    folder: null as { name: string; needsPermission: boolean } | null,
    conflict: null as string | null,
    onConflict: vi.fn(),
    onDestination: vi.fn(),
    onAllowFolder: vi.fn(),
  });

  it('saves to the notes folder when chosen, asks for permission from a click, and answers a changed file', () => {
    const p = { ...props(), destination: 'folder' as Destination, folder: { name: 'vault', needsPermission: true }, conflict: 'vault/a.md 在上次保存后被改动过。' };
    render(<ExportBar {...p} />);
    const destination = screen.getByLabelText('保存位置') as HTMLSelectElement;
    expect([...destination.options].map((o) => [o.value, o.textContent])).toEqual([
      ['download', '下载'],
      ['folder', '保存到文件夹'],
    ]);
    fireEvent.change(destination, { target: { value: 'download' } });
    expect(p.onDestination).toHaveBeenCalledWith('download');
    expect(screen.getByText('保存到：vault')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '允许写入 vault' }));
    expect(p.onAllowFolder).toHaveBeenCalledOnce();
    const question = screen.getByRole('alertdialog', { name: 'vault/a.md 在上次保存后被改动过。' });
    for (const [name, choice] of [['覆盖', 'overwrite'], ['另存为新文件', 'new'], ['取消', 'cancel']] as const) {
      fireEvent.click(within(question).getByRole('button', { name }));
      expect(p.onConflict).toHaveBeenLastCalledWith(choice);
    }
    fireEvent.click(screen.getByRole('button', { name: /保存到文件夹/ }));
    expect(p.onDownload).toHaveBeenCalledOnce();
  });

  it('takes the focus into the changed-file question (另存为新文件, which loses nothing), Esc cancels, and gives the focus back after', () => {
    const p = { ...props(), destination: 'folder' as Destination, folder: { name: 'vault', needsPermission: false } };
    const { rerender } = render(<ExportBar {...p} />);
    const save = screen.getByRole('button', { name: /保存到文件夹/ });
    save.focus();
    rerender(<ExportBar {...p} conflict="vault/a.md 在上次保存后被改动过。" />);
    expect(document.activeElement?.textContent).toBe('另存为新文件');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(p.onConflict).toHaveBeenLastCalledWith('cancel');
    rerender(<ExportBar {...p} conflict={null} />);
    expect(document.activeElement).toBe(save);
  });

  it('offers the three templates and both actions', () => {
    const p = props();
    render(<ExportBar {...p} />);
    expect([...document.querySelector('select')!.options].map((o) => o.value)).toEqual(['frontmatter', 'gitbook', 'plain']);
    fireEvent.change(document.querySelector('select')!, { target: { value: 'gitbook' } });
    fireEvent.click(screen.getByRole('button', { name: /下载 Markdown|Download Markdown/ }));
    fireEvent.click(screen.getByRole('button', { name: /复制 Markdown|Copy Markdown/ }));
    expect(p.onTemplate).toHaveBeenCalledWith('gitbook');
    expect(p.onDownload).toHaveBeenCalledOnce();
    expect(p.onCopy).toHaveBeenCalledOnce();
  });

  it('offers selection-only export only when there is a selection', () => {
    const { rerender } = render(<ExportBar {...props()} />);
    expect(document.querySelectorAll('input[type=checkbox]')).toHaveLength(1);
    rerender(<ExportBar {...props()} selectionOnly={false} />);
    expect(document.querySelectorAll('input[type=checkbox]')).toHaveLength(2);
  });

  it('shows the confirmation it is given', () => {
    render(<ExportBar {...props()} notice="已复制到剪贴板" />);
    expect(screen.getByRole('status').textContent).toBe('已复制到剪贴板');
  });

  it('offers the three ways to export images, with images by default, and says copying keeps web links', () => {
    const p = props();
    const { rerender } = render(<ExportBar {...p} />);
    const select = screen.getByLabelText('图片') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['local', '打包下载（zip）'],
      ['inline', '内嵌（单个文件）'],
      ['remote', '在线地址'],
    ]);
    expect(select.value).toBe('local');
    expect(screen.getByText('复制时图片仍用在线地址')).toBeTruthy();
    fireEvent.change(select, { target: { value: 'inline' } });
    expect(p.onImages).toHaveBeenCalledWith('inline');
    rerender(<ExportBar {...p} images="remote" />);
    expect(screen.queryByText('复制时图片仍用在线地址')).toBeNull();
  });

  it('shows progress while images are saved, with the actions off', () => {
    render(<ExportBar {...props()} imageStatus={{ kind: 'saving', done: 3, total: 12 }} />);
    expect(screen.getByText('正在保存图片 3/12')).toBeTruthy();
    expect((document.querySelector('progress') as HTMLProgressElement).value).toBe(3);
    expect((screen.getByRole('button', { name: /下载 Markdown/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: /复制 Markdown/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says how many images were saved, and lists each one that was not, with why', () => {
    const { rerender } = render(<ExportBar {...props()} imageStatus={{ kind: 'done', total: 5, saved: 5, failures: [] }} />);
    expect(screen.getByText('已保存 5 张图片')).toBeTruthy();
    const failures = [
      { url: 'https://image.woshipm.com/wp-files/2024/01/missing.png', reason: 'unreachable' as const, detail: 'HTTP 404' },
      { url: 'https://image.woshipm.com/wp-files/2024/01/error.png', reason: 'not-image' as const },
      { url: 'https://image.woshipm.com/wp-files/2024/01/huge.png', reason: 'too-large' as const },
    ];
    rerender(<ExportBar {...props()} imageStatus={{ kind: 'done', total: 5, saved: 2, failures }} />);
    expect(screen.getByText('已保存 2/5 张图片，以下图片保留在线地址：')).toBeTruthy();
    const items = [...document.querySelectorAll('.image-report li')].map((li) => li.textContent);
    expect(items).toEqual(['missing.png无法获取（HTTP 404）', 'error.png不是图片', 'huge.png文件太大']);
    expect(screen.getByRole('link', { name: 'missing.png' }).getAttribute('href')).toBe(failures[0]!.url);
    rerender(<ExportBar {...props()} imageStatus={{ kind: 'done', total: 0, saved: 0, failures: [] }} />);
    expect(screen.getByText('正文里没有可保存的图片')).toBeTruthy();
    expect((screen.getByRole('button', { name: /下载 Markdown/ }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('MarkdownPreview', () => {
  it('edits, and asks before replacing an edit', async () => {
    const onEdit = vi.fn();
    const onReplace = vi.fn();
    const onKeep = vi.fn();
    const { rerender } = render(<MarkdownPreview title="文章标题" text="# 标题" edited={false} askReplace={false} onEdit={onEdit} onReplace={onReplace} onKeep={onKeep} />);
    expect(screen.getByRole('heading', { level: 1, name: '文章标题' })).toBeTruthy();
    expect(screen.getByRole('region', { name: '文章标题' })).toBeTruthy();
    const box = document.querySelector('textarea')!;
    expect(box.value).toBe('# 标题');
    fireEvent.input(box, { target: { value: '# 改过' } });
    expect(onEdit).toHaveBeenCalledWith('# 改过');
    rerender(<MarkdownPreview title="文章标题" text="# 改过" edited askReplace onEdit={onEdit} onReplace={onReplace} onKeep={onKeep} />);
    expect(screen.getByRole('alert')).toBeTruthy();
    fireEvent.click(document.querySelectorAll('.ask button')[1]!);
    await waitFor(() => expect(onKeep).toHaveBeenCalledOnce());
    fireEvent.click(document.querySelectorAll('.ask button')[0]!);
    expect(onReplace).toHaveBeenCalledOnce();
  });
});

describe('the popup, state by state', () => {
  const articleUrl = 'https://www.woshipm.com/zhichang/6025589.html';
  async function openTab(url: string) {
    await fakeBrowser.windows.create({ focused: true });
    await fakeBrowser.tabs.create({ url, active: true });
  }
  const reply = (value: unknown) => vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async () => value as never);
  async function renderApp() {
    const { App } = await import('../entrypoints/popup/App');
    return render(<App />);
  }

  it('loading: a spinner while the page answers', async () => {
    await openTab(articleUrl);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(() => new Promise(() => undefined));
    await renderApp();
    await screen.findByText('正在读取文章…');
    expect(screen.getByRole('status')).toBeTruthy();
  });

  it('not woshipm: says so without asking the page', async () => {
    await openTab('https://example.com/');
    const send = reply({});
    await renderApp();
    await screen.findByText('这不是 woshipm 的页面');
    expect(send).not.toHaveBeenCalled();
  });

  it('not an article', async () => {
    await openTab('https://www.woshipm.com/category/pmd');
    reply({ ok: false, reason: 'not-article', message: 'x', hasSelection: false });
    await renderApp();
    await screen.findByText('这个页面不是文章');
  });

  it('empty: offers to try again, and shows the card once the page is ready', async () => {
    await openTab(articleUrl);
    const send = reply({ ok: false, reason: 'empty', message: 'x', hasSelection: false });
    await renderApp();
    await screen.findByText('还没有找到正文');
    send.mockImplementation(async (_id, message) => ((message as { type: string }).type === 'ping' ? { version: '1' } : { ok: true, article, hasSelection: false }) as never);
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await screen.findByRole('heading', { name: article.title });
  });

  it('content script missing and not injectable: asks to reload the page', async () => {
    await openTab(articleUrl);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access contents of the page'));
    const reload = vi.spyOn(fakeBrowser.tabs, 'reload').mockResolvedValue(undefined);
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined); // the popup closes after the reload
    await renderApp();
    await screen.findByText('需要刷新页面');
    fireEvent.click(screen.getByRole('button', { name: '刷新页面' }));
    await waitFor(() => expect(reload).toHaveBeenCalledOnce());
    await waitFor(() => expect(close).toHaveBeenCalledOnce());
  });

  it('failed: copies a diagnostic with the URL, version and error', async () => {
    await openTab(articleUrl);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('TypeError: boom'));
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'x', version: '0.1.0' });
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await renderApp();
    await screen.findByText('读取失败');
    fireEvent.click(screen.getByRole('button', { name: '复制诊断信息' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledOnce());
    const diagnostic = writeText.mock.calls[0]![0] as string;
    expect(diagnostic).toContain(articleUrl);
    expect(diagnostic).toContain('TypeError: boom');
    expect(diagnostic).toMatch(/woshipm-reader \d+\.\d+\.\d+/);
  });

  it('ready: the card and the export bar', async () => {
    await openTab(articleUrl);
    // Each message answered as the content script does (shell/messaging.ts TabProtocol).
    const replies: Record<string, unknown> = {
      ping: { version: '1', engine: true },
      extract: { ok: true, article, hasSelection: true },
      highlights: { url: article.url, title: article.title, highlights: [], orphaned: [] },
    };
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (_id, message) => replies[(message as { type: string }).type] as never);
    await renderApp();
    await screen.findByRole('heading', { name: article.title });
    await screen.findByLabelText('只导出选中内容');
  });

  it('ready, read partly by fallbacks: copies a diagnostic with the version, URL and one line per fallback', async () => {
    const classic = fixtureArticle('pmd-2021-5239764'); // an older layout: its meta line, date and category by fallbacks
    await openTab(classic.url);
    const replies: Record<string, unknown> = {
      ping: { version: '1', engine: true },
      extract: { ok: true, article: classic, hasSelection: false },
      highlights: { url: classic.url, title: classic.title, highlights: [], orphaned: [] },
    };
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (_id, message) => replies[(message as { type: string }).type] as never);
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'x', version: '0.1.0' });
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await renderApp();
    fireEvent.click(await screen.findByRole('button', { name: '复制诊断信息' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledOnce());
    expect((writeText.mock.calls[0]![0] as string).split('\n')).toEqual([
      'woshipm-reader 0.1.0',
      classic.url,
      'metaLine: css .meta--sup (css .meta--sup__right gave nothing)',
      'published: css .article--wrapper time (meta article:published_time gave nothing)',
      'categoryLinks: css a[href*="/category/"] (css .breadcrumb a[href*="/category/"] gave nothing)',
    ]);
    await screen.findByText('已复制到剪贴板');
  });
});
