/** utils/highlights/input.ts: which mouse and key events open, drive and close the highlight toolbar. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listenForHighlightInput, type InputHandlers } from '../utils/highlights/input';
import { decorateMarks, focusableMark } from '../utils/highlights/mark-access';
import { paintHighlights } from '../utils/highlights/paint';
import type { EventTree } from '../utils/highlights/selection';
import { article, highlightOf, select } from './highlight-fixtures';

type P = { text: string };
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  document.getSelection()?.removeAllRanges();
  document.body.replaceChildren();
});

/** Listens in `events` with spies; the selection is whatever is selected in `root`. */
function setup(events: EventTree = document) {
  const root = article('<p>先说背景，再谈方法，最后是结论。</p><textarea>草稿</textarea>', events instanceof Document ? events.body : events);
  const list = [highlightOf(root, '再谈方法', 'a')];
  paintHighlights(root, list);
  decorateMarks(root, list, (text) => `标注：${text}`);
  let mode: 'new' | 'edit' | null = null;
  const h = {
    inToolbar: vi.fn((e: Event) => e.composedPath().some((n) => n instanceof HTMLElement && n.id === 'toolbar')),
    selection: vi.fn((): P | null => {
      const text = document.getSelection()?.toString() ?? '';
      return text ? { text } : null;
    }),
    toolbarMode: () => mode,
    offerSelection: vi.fn<(p: P) => void>(),
    openMark: vi.fn((mark: HTMLElement, _how: { fromKeyboard: boolean }) => root.contains(mark)),
    highlight: vi.fn<(p: P) => void>(),
    note: vi.fn<(p: P) => void>(),
    close: vi.fn(),
    reposition: vi.fn(),
  } satisfies InputHandlers<P>;
  stops.push(listenForHighlightInput(events, h));
  const mark = root.querySelector<HTMLElement>('mark[data-hl]')!;
  return { root, h, mark, setMode: (m: typeof mode) => (mode = m) };
}

const afterMouseUp = () => new Promise((resolve) => setTimeout(resolve));
const key = (target: Element, type: 'keydown' | 'keyup', init: KeyboardEventInit) => {
  const e = new KeyboardEvent(type, { bubbles: true, cancelable: true, composed: true, ...init });
  target.dispatchEvent(e);
  return e;
};
const mouseUp = (target: Element) => target.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, composed: true }));

describe('listenForHighlightInput: the mouse', () => {
  it('offers the bar for a selection made with the mouse', async () => {
    const { root, h } = setup();
    select(root, '最后是结论');
    mouseUp(root.querySelector('p')!);
    await afterMouseUp();
    expect(h.offerSelection).toHaveBeenCalledWith({ text: '最后是结论' });
    expect(h.close).not.toHaveBeenCalled();
  });

  it('opens a highlight\'s bar on a click on its mark, and closes the bar on a click elsewhere', async () => {
    const { root, h, mark } = setup();
    mouseUp(mark);
    await afterMouseUp();
    expect(h.openMark).toHaveBeenCalledWith(mark, { fromKeyboard: false });
    expect(h.close).not.toHaveBeenCalled();
    mouseUp(root.querySelector('p')!);
    await afterMouseUp();
    expect(h.close).toHaveBeenCalledTimes(1);
  });

  it('closes when the clicked mark is in none of its surfaces', async () => {
    const { h } = setup();
    const stray = article('<mark data-hl="x">别处</mark>').querySelector('mark')!;
    mouseUp(stray);
    await afterMouseUp();
    expect(h.openMark).toHaveBeenCalledWith(stray, { fromKeyboard: false });
    expect(h.close).toHaveBeenCalledTimes(1);
  });

  it('leaves the toolbar\'s own events to it, and follows the page as it scrolls', async () => {
    const { h } = setup();
    const toolbar = article('<button>x</button>');
    toolbar.id = 'toolbar';
    mouseUp(toolbar.querySelector('button')!);
    key(toolbar.querySelector('button')!, 'keydown', { key: 'Escape' });
    await afterMouseUp();
    expect(h.close).not.toHaveBeenCalled();
    expect(h.offerSelection).not.toHaveBeenCalled();
    document.dispatchEvent(new Event('scroll'));
    expect(h.reposition).toHaveBeenCalledTimes(1);
  });
});

describe('listenForHighlightInput: the keys', () => {
  it('H highlights the selection and N opens its note, the page not seeing the key', () => {
    const { root, h } = setup();
    const page = vi.fn();
    document.body.addEventListener('keydown', page);
    select(root, '先说背景');
    const p = root.querySelector('p')!;
    const hKey = key(p, 'keydown', { key: 'h' });
    expect(h.highlight).toHaveBeenCalledWith({ text: '先说背景' });
    expect(hKey.defaultPrevented).toBe(true);
    key(p, 'keydown', { key: 'N' });
    expect(h.note).toHaveBeenCalledWith({ text: '先说背景' });
    expect(page).not.toHaveBeenCalled();
    document.body.removeEventListener('keydown', page);
  });

  it('H and N do nothing without a selection, in a text field, or with Ctrl, ⌘ or Alt', () => {
    const { root, h } = setup();
    const p = root.querySelector('p')!;
    expect(key(p, 'keydown', { key: 'h' }).defaultPrevented).toBe(false);
    select(root, '先说背景');
    key(root.querySelector('textarea')!, 'keydown', { key: 'h' });
    key(p, 'keydown', { key: 'h', ctrlKey: true });
    key(p, 'keydown', { key: 'n', metaKey: true });
    key(p, 'keydown', { key: 'h', altKey: true });
    const editor = article('<div contenteditable="true">写点什么</div>').firstElementChild!;
    key(editor, 'keydown', { key: 'n' });
    expect(h.highlight).not.toHaveBeenCalled();
    expect(h.note).not.toHaveBeenCalled();
  });

  it('Esc closes an open bar (and only then is the key taken)', () => {
    const { root, h, setMode } = setup();
    const p = root.querySelector('p')!;
    expect(key(p, 'keydown', { key: 'Escape' }).defaultPrevented).toBe(false);
    expect(h.close).not.toHaveBeenCalled();
    setMode('edit');
    expect(key(p, 'keydown', { key: 'Escape' }).defaultPrevented).toBe(true);
    expect(h.close).toHaveBeenCalledTimes(1);
    // not from a text field: Esc there is the field's
    key(root.querySelector('textarea')!, 'keydown', { key: 'Escape' });
    expect(h.close).toHaveBeenCalledTimes(1);
  });

  it('a selection made with Shift and the arrows is offered; without one, a selection\'s bar closes', () => {
    const { root, h, setMode } = setup();
    const p = root.querySelector('p')!;
    select(root, '先说');
    key(p, 'keyup', { key: 'Shift' });
    key(p, 'keyup', { key: 'ArrowRight', shiftKey: true });
    expect(h.offerSelection).toHaveBeenCalledTimes(2);
    key(p, 'keyup', { key: 'a' });
    expect(h.offerSelection).toHaveBeenCalledTimes(2);
    document.getSelection()!.removeAllRanges();
    setMode('edit');
    key(p, 'keyup', { key: 'End' });
    expect(h.close).not.toHaveBeenCalled(); // a highlight's bar stays
    setMode('new');
    key(p, 'keyup', { key: 'Home' });
    expect(h.close).toHaveBeenCalledTimes(1);
  });

  it('Enter or Space on a highlight\'s mark opens its bar from the keyboard', () => {
    const { root, h } = setup();
    const button = focusableMark(root, 'a')!;
    button.focus();
    const enter = key(button, 'keydown', { key: 'Enter' });
    expect(h.openMark).toHaveBeenCalledWith(button, { fromKeyboard: true });
    expect(enter.defaultPrevented).toBe(true);
    const space = key(button, 'keydown', { key: ' ' });
    expect(space.defaultPrevented).toBe(true); // no scrolling
    expect(h.openMark).toHaveBeenCalledTimes(2);
    // not on other text, nor on a mark that is not a highlight's button
    key(root.querySelector('p')!, 'keydown', { key: 'Enter' });
    const plain = document.createElement('mark');
    plain.setAttribute('data-hl', 'a');
    plain.textContent = '另一片';
    root.append(plain);
    key(plain, 'keydown', { key: 'Enter' });
    expect(h.openMark).toHaveBeenCalledTimes(2);
  });
});

describe('listenForHighlightInput: event trees', () => {
  it('takes only the events of its own tree: the reader\'s shadow root is not the page', () => {
    const host = article('');
    const shadow = host.attachShadow({ mode: 'open' });
    const pageSide = setup(document);
    const readerSide = setup(shadow);
    key(focusableMark(readerSide.root, 'a')!, 'keydown', { key: 'Enter' });
    expect(readerSide.h.openMark).toHaveBeenCalledTimes(1);
    expect(pageSide.h.openMark).not.toHaveBeenCalled();
  });

  it('stops listening when told', async () => {
    const { root, h, mark } = setup();
    for (const stop of stops.splice(0)) stop();
    select(root, '先说');
    mouseUp(mark);
    key(mark, 'keydown', { key: 'h' });
    key(mark, 'keydown', { key: 'Enter' });
    await afterMouseUp();
    expect(h.offerSelection).not.toHaveBeenCalled();
    expect(h.highlight).not.toHaveBeenCalled();
    expect(h.openMark).not.toHaveBeenCalled();
  });
});
