/** The settings groups (defaults, later fields, overlapping and refused writes) and the useSetting hook (debounce, errors). */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from '@wxt-dev/storage';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { complete, exportSettings, interfaceSettings, readerSettings } from '../shell/settings';
import { useSetting } from '../shell/use-setting';
import { OptionsForm } from '../entrypoints/options/OptionsForm';
import { defaultExportSettings } from '../utils/markdown/options';
import { defaultReaderPrefs } from '../utils/reader-prefs';

describe('settings groups', () => {
  it('start from the defaults the CLI uses too', async () => {
    expect(await exportSettings.get()).toEqual(defaultExportSettings);
    expect(defaultExportSettings).toEqual({
      template: 'frontmatter',
      keyPoints: false,
      lead: true,
      attribution: false,
      highlightsSection: false,
      filename: '{published}-{title}.md',
      images: 'local',
      assetsFolder: 'assets',
      destination: 'download',
      subfolder: '',
      downloadsFolder: 'woshipm',
      openInObsidian: true,
    });
    expect(await readerSettings.get()).toEqual({ ...defaultReaderPrefs, pageButton: false });
    expect(await interfaceSettings.get()).toEqual({ language: 'auto' });
  });

  it('give a field added later (or saved with the wrong type) its default', async () => {
    await storage.setItem('sync:reader', { theme: 'dark', fontSize: '20', stale: 1 });
    expect(await readerSettings.get()).toEqual({ ...defaultReaderPrefs, theme: 'dark', pageButton: false });
    await storage.setItem('sync:export', { template: 'plain', keyPoints: true, lead: true, attribution: false, filename: '{title}' });
    expect(await exportSettings.get()).toEqual({ ...defaultExportSettings, template: 'plain', keyPoints: true, filename: '{title}' });
    expect(complete({ a: 1, b: [1] }, null)).toEqual({ a: 1, b: [1] });
    expect(complete({ a: 1, b: [1] }, { a: null, b: 'x' })).toEqual({ a: 1, b: [1] });
  });

  it('keep every change, even when changes overlap', async () => {
    await Promise.all([
      exportSettings.update({ template: 'gitbook' }),
      exportSettings.update({ filename: '{id}' }),
      exportSettings.update({ keyPoints: true }),
    ]);
    expect(await exportSettings.get()).toEqual({ ...defaultExportSettings, template: 'gitbook', filename: '{id}', keyPoints: true });
  });

  it('reject a write the browser refuses, and go on with the next', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValueOnce(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'));
    await expect(readerSettings.update({ theme: 'sepia' })).rejects.toThrow(/quota/);
    await readerSettings.update({ fontSize: 22 });
    expect(await readerSettings.get()).toMatchObject({ theme: 'auto', fontSize: 22 });
  });

  it('tell a change made elsewhere, completed', async () => {
    const seen: unknown[] = [];
    const unwatch = readerSettings.watch((value) => seen.push(value));
    await storage.setItem('sync:reader', { pageButton: true });
    await waitFor(() => expect(seen).toEqual([{ ...defaultReaderPrefs, pageButton: true }]));
    unwatch();
  });
});

function Field() {
  const { value, update, flush, error } = useSetting(exportSettings);
  if (!value) return null;
  return (
    <>
      <input
        aria-label="name"
        value={value.filename}
        onInput={(e) => void update({ filename: e.currentTarget.value }, { debounce: 500 })}
        onBlur={() => void flush()}
      />
      <button type="button" onClick={() => void update({ template: 'plain' })}>
        plain
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}

describe('useSetting', () => {
  it('shows each keystroke at once and writes once the typing pauses', async () => {
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    render(<Field />);
    const input = (await screen.findByLabelText('name')) as HTMLInputElement;
    vi.useFakeTimers();
    try {
      for (const text of ['{t', '{ti', '{tit', '{title}']) fireEvent.input(input, { target: { value: text } });
      expect(input.value).toBe('{title}');
      expect(set).not.toHaveBeenCalled();
      await act(async () => void (await vi.advanceTimersByTimeAsync(600)));
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() => expect(set).toHaveBeenCalledTimes(1));
    expect((await exportSettings.get()).filename).toBe('{title}');
  });

  it('saves a pending change when the field is left', async () => {
    render(<Field />);
    const input = (await screen.findByLabelText('name')) as HTMLInputElement;
    fireEvent.input(input, { target: { value: '{id}' } });
    fireEvent.blur(input);
    await waitFor(async () => expect((await exportSettings.get()).filename).toBe('{id}'));
  });

  it('shows a refused write and what is really saved', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    render(<Field />);
    fireEvent.click(await screen.findByRole('button', { name: 'plain' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/quota/);
    expect((await exportSettings.get()).template).toBe('frontmatter');
  });
});

describe('Options', () => {
  beforeEach(() => void vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([] as never));
  it('says when a setting was not saved', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValueOnce(new Error('quota exceeded'));
    render(<OptionsForm />);
    fireEvent.click(await screen.findByLabelText('包含导语'));
    expect((await screen.findByRole('alert')).textContent).toBe('设置未能保存：quota exceeded');
    expect((await exportSettings.get()).lead).toBe(true);
  });

  it('keeps the page button in the reader group', async () => {
    render(<OptionsForm />);
    fireEvent.click(await screen.findByLabelText('在页面上显示「阅读模式」按钮'));
    await waitFor(async () => expect((await readerSettings.get()).pageButton).toBe(true));
  });
});
