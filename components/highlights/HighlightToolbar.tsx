import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n';
import { highlightColors, type HighlightColor } from '../../utils/highlights';
import type { ToolbarView } from '../../utils/highlights/toolbar-state';

const colorLabel = {
  yellow: 'highlight.yellow',
  green: 'highlight.green',
  blue: 'highlight.blue',
  pink: 'highlight.pink',
} as const satisfies Record<HighlightColor, string>;

/** What the bar shows and does: `new` for a selection, `edit` for a highlight clicked or opened from the keyboard (utils/highlights/toolbar-state.ts). */
export type HighlightToolbarProps = ToolbarView;

/**
 * The small bar over a selection or a highlight: four colours, the note, remove. Keyboard: every
 * control is a button; Esc closes; in the note, Ctrl/⌘+Enter saves.
 */
export function HighlightToolbar(p: HighlightToolbarProps) {
  const t = useT();
  const [draft, setDraft] = useState(p.note);
  const first = useRef<HTMLButtonElement>(null);
  const noteBox = useRef<HTMLTextAreaElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => setDraft(p.note), [p.note, p.editingNote]);
  useEffect(() => {
    if (p.editingNote) noteBox.current?.focus();
    else if (p.mode === 'edit') {
      // Not when the focus is in the bar already: opened from the keyboard, it was put there as the bar was shown, and
      // a key pressed since (an arrow) may have moved it on before this effect runs.
      const active = (bar.current?.getRootNode() as Document | ShadowRoot | undefined)?.activeElement;
      if (!active || !bar.current!.contains(active)) first.current?.focus({ preventScroll: true });
    }
  }, [p.editingNote, p.mode]);

  return (
    <div
      ref={bar}
      class="hl-toolbar"
      role="toolbar"
      aria-label={t('highlight.toolbar')}
      // A press on the bar must not clear the page's selection.
      onMouseDown={(e) => (e.target as Element).tagName !== 'TEXTAREA' && e.preventDefault()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          p.onClose();
        }
        // Arrow keys move between the bar's buttons (the toolbar pattern); Tab works too.
        const target = e.target as HTMLElement;
        if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && target.tagName === 'BUTTON') {
          const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.hl-row:first-child button')];
          const next = buttons[(buttons.indexOf(target as HTMLButtonElement) + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length];
          e.preventDefault();
          next?.focus();
        }
      }}
    >
      <div class="hl-row">
        {highlightColors.map((color, i) => (
          <button
            key={color}
            ref={i === 0 ? first : undefined}
            type="button"
            class={`hl-swatch hl-${color}`}
            aria-pressed={p.mode === 'edit' ? p.color === color : undefined}
            aria-label={t(colorLabel[color])}
            title={p.mode === 'new' && color === p.color ? `${t(colorLabel[color])} (H)` : t(colorLabel[color])}
            onClick={() => p.onColor(color)}
          />
        ))}
        <button type="button" class="hl-text" aria-expanded={p.editingNote} onClick={p.onNote}>
          {p.note ? t('highlight.editNote') : t('highlight.addNote')}
        </button>
        {p.mode === 'edit' && (
          <button type="button" class="hl-text" onClick={p.onRemove}>
            {t('highlight.remove')}
          </button>
        )}
      </div>
      {p.editingNote && (
        <form
          class="hl-note"
          onSubmit={(e) => {
            e.preventDefault();
            p.onSaveNote(draft.trim());
          }}
        >
          <textarea
            ref={noteBox}
            rows={3}
            value={draft}
            aria-label={t('highlight.note')}
            placeholder={t('highlight.notePlaceholder')}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                p.onSaveNote(draft.trim());
              }
            }}
          />
          <div class="hl-row hl-end">
            <button type="button" class="hl-text" onClick={p.onClose}>
              {t('highlight.cancel')}
            </button>
            <button type="submit" class="hl-text hl-primary">
              {t('highlight.save')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
