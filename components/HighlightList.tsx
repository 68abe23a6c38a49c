import { useT } from './i18n';
import type { Highlight } from '../utils/highlights';

export interface HighlightListProps {
  highlights: readonly Highlight[];
  /** Ids the page could not find any more (shown, never dropped). */
  orphaned: readonly string[];
  /** Whether exports list the highlights in a 我的标注 section at the top. */
  section: boolean;
  onSection(on: boolean): void;
  onReveal(id: string): void;
  onExportOnly(): void;
}

/** 我的标注 (N): each highlight with its note, in reading order; one click scrolls the page to it. */
export function HighlightList({ highlights, orphaned, section, onSection, onReveal, onExportOnly }: HighlightListProps) {
  const t = useT();
  const lost = new Set(orphaned);
  return (
    <section class="highlights" aria-labelledby="highlights-title">
      <div class="highlights-head">
        <h2 id="highlights-title">{t('highlight.list', [highlights.length])}</h2>
        {highlights.length > 0 && (
          <button type="button" class="small" onClick={onExportOnly}>
            {t('highlight.exportOnly')}
          </button>
        )}
      </div>
      {highlights.length === 0 ? (
        <p class="highlights-hint">{t('highlight.hint')}</p>
      ) : (
        <>
          <label class="check highlights-section">
            <input type="checkbox" checked={section} onChange={(e) => onSection(e.currentTarget.checked)} />
            <span>{t('highlight.section')}</span>
          </label>
          <ol>
            {[...highlights]
              .sort((a, b) => a.position.start - b.position.start)
              .map((h) => (
                <li key={h.id} class={`hl-item hl-${h.color}`} data-hl-item={h.id}>
                  {lost.has(h.id) ? (
                    <span class="hl-quote">
                      {h.quote.exact}{' '}
                      <span class="badge" title={t('highlight.orphanedHint')}>
                        {t('highlight.orphaned')}
                      </span>
                    </span>
                  ) : (
                    <button type="button" class="jump hl-quote" title={t('card.jumpHint')} onClick={() => onReveal(h.id)}>
                      {h.quote.exact}
                    </button>
                  )}
                  {h.note && <p class="hl-note">{h.note}</p>}
                </li>
              ))}
          </ol>
        </>
      )}
    </section>
  );
}
