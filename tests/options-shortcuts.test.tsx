/** The options page's shortcuts section: each command's key, or a plain note when the browser gave it none. */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsForm } from '../entrypoints/options/OptionsForm';

describe('options: keyboard shortcuts', () => {
  it('shows the key of each command, says so when one has none, and opens the browser’s shortcuts page', async () => {
    // As Chrome reports it when another extension (e.g. a clipper) already held our suggested reader key.
    vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([
      { name: 'toggle-reader', description: '打开或关闭阅读模式', shortcut: '' },
      { name: 'export-markdown', description: '导出当前文章为 Markdown', shortcut: 'Alt+Shift+K' },
      { name: '_execute_action', shortcut: '' },
    ] as never);
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    const { container } = render(<OptionsForm />);
    await screen.findByText('快捷键');
    const row = (name: string) => container.querySelector(`[data-command="${name}"]`)!;
    await waitFor(() => expect(row('toggle-reader')).not.toBeNull());
    expect(row('toggle-reader').textContent).toBe('打开或关闭阅读模式未设置（可能已被其他扩展占用）');
    expect(row('toggle-reader').querySelector('kbd')).toBeNull();
    expect(row('export-markdown').querySelector('kbd')?.textContent).toBe('Alt+Shift+K');
    expect(container.querySelectorAll('[data-command]')).toHaveLength(2); // the toolbar button's own entry is not ours to list
    fireEvent.click(screen.getByRole('link', { name: 'chrome://extensions/shortcuts' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome://extensions/shortcuts' });
  });
});
