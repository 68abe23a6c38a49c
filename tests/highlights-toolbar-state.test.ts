/** utils/highlights/toolbar-state.ts and toolbar-position.ts: what the toolbar is open for, what it offers and does, where it goes. */
import { describe, expect, it, vi } from 'vitest';
import { toolbarPosition } from '../utils/highlights/toolbar-position';
import { createToolbarState, type Pending, type ToolbarPresenter, type ToolbarTarget, type ToolbarView } from '../utils/highlights/toolbar-state';
import type { Highlight, HighlightColor } from '../utils/highlights/types';

type S = { name: string };
const page: S = { name: 'page' };
const reader: S = { name: 'reader' };
const range = () => document.createRange();

const stored = (id: string, color: HighlightColor = 'yellow', note = ''): Highlight => ({
  id,
  color,
  note,
  quote: { exact: id, prefix: '', suffix: '' },
  position: { start: 0, end: id.length },
  createdAt: 1,
  updatedAt: 1,
});

/** A toolbar state over an in-memory list, with a presenter that records what it was told. */
function setup(initial: Highlight[] = []) {
  let list = [...initial];
  let next = 0;
  const log: string[] = [];
  let view: ToolbarView | null = null;
  let target: ToolbarTarget<S> | null = null;
  const presenter: ToolbarPresenter<S> = {
    show(t, v) {
      target = t;
      view = v;
      log.push(`show ${t.mode}${t.mode === 'edit' ? ` ${t.id}` : ''}${t.editingNote ? ' note' : ''}`);
    },
    update(v) {
      view = v;
      log.push('update');
    },
    hide(t) {
      view = null;
      log.push(`hide ${t.mode}`);
    },
  };
  const actions = {
    highlights: () => list,
    create: vi.fn(async (pending: Pending<S>, color: HighlightColor) => {
      if (pending.range.toString() === 'unanchorable') return null;
      const id = `new${++next}`;
      list = [...list, stored(id, color)];
      return id;
    }),
    edit: vi.fn(async (id: string, patch: Partial<Pick<Highlight, 'color' | 'note'>>) => {
      list = list.map((h) => (h.id === id ? { ...h, ...patch } : h));
    }),
    remove: vi.fn(async (id: string) => {
      list = list.filter((h) => h.id !== id);
    }),
  };
  const state = createToolbarState<S>(actions, presenter);
  return { state, actions, log, view: () => view, shownTarget: () => target, setList: (l: Highlight[]) => (list = l) };
}

describe('createToolbarState', () => {
  it('for a selection: offers the last colour; a colour makes the highlight, remembers the colour and closes', async () => {
    const { state, actions, log, view } = setup();
    const pending = { surface: page, range: range() };
    state.openForSelection(pending);
    expect(state.target()).toEqual({ mode: 'new', pending, editingNote: false });
    expect(view()).toMatchObject({ mode: 'new', color: 'yellow', note: '', editingNote: false });
    await view()!.onColor('green');
    expect(actions.create).toHaveBeenCalledWith(pending, 'green');
    expect(state.target()).toBeNull();
    expect(state.color()).toBe('green');
    expect(log).toEqual(['show new', 'hide new']);
    // the next selection is offered in that colour
    state.openForSelection({ surface: page, range: range() });
    expect(view()!.color).toBe('green');
  });

  it('keeps the colour when the selection could not be anchored', async () => {
    const { state, view } = setup();
    const unanchorable = { surface: page, range: { toString: () => 'unanchorable' } as Range };
    state.openForSelection(unanchorable);
    await view()!.onColor('pink');
    expect(state.color()).toBe('yellow');
    expect(state.target()).toBeNull();
  });

  it("for a highlight: shows its colour and note; a colour changes it in place and becomes the next one's", async () => {
    const { state, actions, log, view } = setup([stored('a', 'blue', '旧笔记')]);
    state.openForHighlight('a', page);
    expect(state.target()).toEqual({ mode: 'edit', id: 'a', surface: page, editingNote: false });
    expect(view()).toMatchObject({ mode: 'edit', color: 'blue', note: '旧笔记', editingNote: false });
    await view()!.onColor('pink');
    expect(actions.edit).toHaveBeenCalledWith('a', { color: 'pink' });
    expect(view()!.color).toBe('pink');
    expect(state.color()).toBe('pink');
    expect(log).toEqual(['show edit a', 'update']);
  });

  it("edits a highlight's note: the editor opens, the note is saved, the bar closes", async () => {
    const { state, actions, log, view } = setup([stored('a')]);
    state.openForHighlight('a', page, { fromKeyboard: true });
    await view()!.onNote();
    expect(state.target()).toEqual({ mode: 'edit', id: 'a', surface: page, editingNote: true, fromKeyboard: true });
    await view()!.onSaveNote('新的笔记');
    expect(actions.edit).toHaveBeenCalledWith('a', { note: '新的笔记' });
    expect(log).toEqual(['show edit a', 'show edit a note', 'hide edit']);
  });

  it('添加笔记 on a selection makes the highlight in the last colour, then opens its note', async () => {
    const { state, actions, log, view, shownTarget } = setup();
    const pending = { surface: reader, range: range() };
    state.openForSelection(pending);
    await view()!.onNote();
    expect(actions.create).toHaveBeenCalledWith(pending, 'yellow');
    expect(shownTarget()).toEqual({ mode: 'edit', id: 'new1', surface: reader, editingNote: true });
    expect(log).toEqual(['show new', 'show edit new1 note']);
  });

  it('removes a highlight and closes', async () => {
    const { state, actions, log, view } = setup([stored('a')]);
    state.openForHighlight('a', page);
    await view()!.onRemove();
    expect(actions.remove).toHaveBeenCalledWith('a');
    expect(state.target()).toBeNull();
    expect(log).toEqual(['show edit a', 'hide edit']);
  });

  it('closes instead of showing a highlight that is gone, and when its highlight goes while open', () => {
    const { state, log, setList } = setup([stored('a')]);
    state.openForHighlight('gone', page);
    expect(state.target()).toBeNull();
    expect(log).toEqual(['hide edit']);
    state.openForHighlight('a', page);
    state.refresh();
    setList([]);
    state.refresh();
    expect(state.target()).toBeNull();
    expect(log).toEqual(['hide edit', 'show edit a', 'update', 'hide edit']);
  });

  it("the H key highlights in the last colour and closes; the N key opens the new highlight's note", async () => {
    const { state, actions, log } = setup();
    await state.highlightSelection({ surface: page, range: range() });
    expect(actions.create).toHaveBeenLastCalledWith(expect.anything(), 'yellow');
    expect(log).toEqual([]); // it was not open: nothing to hide
    await state.noteSelection({ surface: page, range: range() });
    expect(state.target()).toEqual({ mode: 'edit', id: 'new2', surface: page, editingNote: true });
    expect(log).toEqual(['show new', 'show edit new2 note']);
  });

  it('closes when its surface goes, not when another does; Esc twice hides once', () => {
    const { state, log } = setup([stored('a')]);
    state.openForHighlight('a', reader);
    state.closeOn(page);
    expect(state.target()).not.toBeNull();
    state.closeOn(reader);
    expect(state.target()).toBeNull();
    state.openForSelection({ surface: page, range: range() });
    state.close();
    state.close();
    expect(log).toEqual(['show edit a', 'hide edit', 'show new', 'hide new']);
  });
});

describe('toolbarPosition', () => {
  const viewport = { width: 1000, height: 800 };
  const bar = { width: 220, height: 40 };
  it('centres the bar above what it is for', () => {
    expect(toolbarPosition({ top: 300, bottom: 320, left: 400, width: 100 }, bar, viewport)).toEqual({ top: 252, left: 340 });
  });
  it('goes below when there is no room above, and stays in the viewport at the edges', () => {
    expect(toolbarPosition({ top: 20, bottom: 40, left: 0, width: 10 }, bar, viewport)).toEqual({ top: 48, left: 8 });
    expect(toolbarPosition({ top: 790, bottom: 810, left: 990, width: 10 }, bar, viewport)).toEqual({ top: 742, left: 772 });
    expect(toolbarPosition({ top: 300.4, bottom: 320, left: 400.3, width: 100 }, bar, viewport)).toEqual({ top: 252, left: 340 });
  });
});
