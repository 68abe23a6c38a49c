/**
 * What the highlight toolbar is open for and what it offers: a selection (make a highlight, in a
 * colour or with a note) or a highlight (its colour, its note, remove), the colour a new highlight
 * gets, and whether the note is being edited. It draws nothing: a presenter shows, updates and hides
 * the views it is given, and the saving is done by the actions.
 */
import type { Highlight, HighlightColor } from './types';

/** A selection a highlight can be made from, cut to one surface. */
export interface Pending<S> {
  surface: S;
  range: Range;
}

export type ToolbarTarget<S> =
  | { mode: 'new'; pending: Pending<S>; editingNote: false }
  | {
      mode: 'edit';
      id: string;
      surface: S;
      editingNote: boolean /** Opened from its mark with the keyboard: the focus goes into the bar. */;
      fromKeyboard?: boolean;
    };

/** What the bar shows and does (the props of components/highlights/HighlightToolbar). */
export interface ToolbarView {
  mode: 'new' | 'edit';
  /** The highlight's colour (edit), or the colour a new one gets with the H key. */
  color: HighlightColor;
  note: string;
  /** Open the note editor at once (添加笔记 was chosen). */
  editingNote: boolean;
  onColor(color: HighlightColor): void;
  /** 添加笔记 / 编辑笔记: the caller makes the highlight if needed, then shows the editor. */
  onNote(): void;
  onSaveNote(note: string): void;
  onRemove(): void;
  onClose(): void;
}

export interface ToolbarActions<S> {
  /** The article's highlights as they are now. */
  highlights(): readonly Highlight[];
  /** Makes a highlight of the selection; its id, or null when the selection cannot be anchored. */
  create(pending: Pending<S>, color: HighlightColor): Promise<string | null>;
  edit(id: string, patch: Partial<Pick<Highlight, 'color' | 'note'>>): Promise<unknown>;
  remove(id: string): Promise<unknown>;
}

export interface ToolbarPresenter<S> {
  /** Opens the bar (or brings it to the front again) for `target`. */
  show(target: ToolbarTarget<S>, view: ToolbarView): void;
  /** The same target, with what changed (its colour, its note). */
  update(view: ToolbarView): void;
  /** The bar closed; it was open for `target`. */
  hide(target: ToolbarTarget<S>): void;
}

export interface ToolbarState<S> {
  /** What the bar is open for; null when closed. */
  target(): ToolbarTarget<S> | null;
  /** The colour a new highlight gets: the last one chosen. */
  color(): HighlightColor;
  openForSelection(pending: Pending<S>): void;
  openForHighlight(id: string, surface: S, how?: { fromKeyboard?: boolean }): void;
  /** The H key: a highlight of the selection in the last colour, the bar closed. */
  highlightSelection(pending: Pending<S>): Promise<void>;
  /** The N key: the bar for the selection, then the new highlight's note editor. */
  noteSelection(pending: Pending<S>): Promise<void>;
  /** The highlights changed: show what the bar's highlight is now, or close if it is gone. */
  refresh(): void;
  close(): void;
  /** Closes the bar if it is open for something on `surface` (the surface went away). */
  closeOn(surface: S): void;
}

export function createToolbarState<S>(actions: ToolbarActions<S>, presenter: ToolbarPresenter<S>): ToolbarState<S> {
  let target: ToolbarTarget<S> | null = null;
  let lastColor: HighlightColor = 'yellow';

  async function create(pending: Pending<S>, color: HighlightColor) {
    const id = await actions.create(pending, color);
    if (id) lastColor = color;
    return id;
  }

  function view(state: ToolbarTarget<S>): ToolbarView | null {
    const existing = state.mode === 'edit' ? actions.highlights().find((h) => h.id === state.id) : undefined;
    if (state.mode === 'edit' && !existing) return null;
    return {
      mode: state.mode,
      color: existing?.color ?? lastColor,
      note: existing?.note ?? '',
      editingNote: state.editingNote,
      async onColor(color) {
        if (state.mode === 'new') {
          await create(state.pending, color);
          close();
        } else {
          lastColor = color;
          await actions.edit(state.id, { color });
          refresh();
        }
      },
      async onNote() {
        if (state.mode === 'edit') return open({ ...state, editingNote: true });
        const id = await create(state.pending, lastColor);
        if (id) open({ mode: 'edit', id, surface: state.pending.surface, editingNote: true });
      },
      async onSaveNote(note) {
        if (state.mode === 'edit') await actions.edit(state.id, { note });
        close();
      },
      async onRemove() {
        if (state.mode === 'edit') await actions.remove(state.id);
        close();
      },
      onClose: close,
    };
  }

  function open(next: ToolbarTarget<S>) {
    target = next;
    const shown = view(next);
    if (shown) presenter.show(next, shown);
    else close(); // the highlight is gone
  }
  function refresh() {
    if (!target) return;
    const shown = view(target);
    if (shown) presenter.update(shown);
    else close();
  }
  function close() {
    if (!target) return;
    const was = target;
    target = null;
    presenter.hide(was);
  }

  return {
    target: () => target,
    color: () => lastColor,
    openForSelection: (pending) => open({ mode: 'new', pending, editingNote: false }),
    openForHighlight: (id, surface, how = {}) => open({ mode: 'edit', id, surface, editingNote: false, ...(how.fromKeyboard ? { fromKeyboard: true } : {}) }),
    async highlightSelection(pending) {
      await create(pending, lastColor);
      close();
    },
    async noteSelection(pending) {
      open({ mode: 'new', pending, editingNote: false });
      const id = await create(pending, lastColor);
      if (id) open({ mode: 'edit', id, surface: pending.surface, editingNote: true });
    },
    refresh,
    close,
    closeOn(surface) {
      if (target && (target.mode === 'new' ? target.pending.surface : target.surface) === surface) close();
    },
  };
}
