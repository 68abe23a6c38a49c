import { useRef } from 'preact/hooks';
import { useT } from './i18n';
import type { Template } from '../utils/markdown/options';
import type { Destination, ImageMode } from '../utils/markdown/options';
import { ImagesSelect, TemplateSelect } from './ExportSelects';
import { ImageReport, type ImageStatus } from './ImageReport';
import { Icon } from './icons';
import { useQuestionFocus } from './useQuestionFocus';

export interface ExportBarProps {
  template: Template;
  keyPoints: boolean;
  /** null when the page has no selection to offer. */
  selectionOnly: boolean | null;
  previewing: boolean;
  notice: string | null;
  /** How a download carries the images (remote links, a zip with the files, or embedded). */
  images: ImageMode;
  /** An export with images under way or just done; null otherwise. */
  imageStatus: ImageStatus | null;
  /** Downloads, or the notes folder. */
  destination: Destination;
  /** The notes folder (null: none chosen, or a browser that writes it under Downloads) and whether writing there needs a click first. */
  folder: { name: string; needsPermission: boolean } | null;
  /** The file changed since it was last saved: the question, until answered. */
  conflict: string | null;
  onConflict(choice: 'overwrite' | 'new' | 'cancel'): void;
  onDestination(destination: Destination): void;
  onAllowFolder(): void;
  onTemplate(template: Template): void;
  onImages(mode: ImageMode): void;
  onKeyPoints(include: boolean): void;
  onSelectionOnly(only: boolean): void;
  onTogglePreview(): void;
  onReader(): void;
  onDownload(): void;
  onCopy(): void;
}

/** Template and options, the preview switch, then the two one-click actions. */
export function ExportBar(p: ExportBarProps) {
  const t = useT();
  const saving = p.imageStatus?.kind === 'saving';
  const saveNew = useRef<HTMLButtonElement>(null);
  useQuestionFocus(p.conflict !== null, saveNew);
  return (
    <footer class="export">
      <div class="export-options">
        <TemplateSelect label={t('export.template')} value={p.template} onChange={p.onTemplate} />
        <label class="check">
          <input type="checkbox" checked={p.keyPoints} onChange={(e) => p.onKeyPoints(e.currentTarget.checked)} />
          <span>{t('export.includeKeyPoints')}</span>
        </label>
      </div>
      <div class="export-options">
        {p.selectionOnly === null ? (
          <span />
        ) : (
          <label class="check">
            <input type="checkbox" checked={p.selectionOnly} onChange={(e) => p.onSelectionOnly(e.currentTarget.checked)} />
            <span>{t('export.selectionOnly')}</span>
          </label>
        )}
        <span class="row-buttons">
          <button type="button" class="small" onClick={p.onReader}>
            {t('reader.open')}
          </button>
          <button type="button" class="small" aria-pressed={p.previewing} onClick={p.onTogglePreview}>
            {p.previewing ? t('export.back') : t('export.preview')}
          </button>
        </span>
      </div>
      <div class="export-options">
        <ImagesSelect value={p.images} onChange={p.onImages} />
        {p.images === 'local' && <small class="hint">{t('images.copyHint')}</small>}
      </div>
      <div class="export-options">
        <label>
          <span>{t('save.destination')}</span>
          <select value={p.destination} onChange={(e) => p.onDestination(e.currentTarget.value as Destination)}>
            <option value="download">{t('save.download')}</option>
            <option value="folder">{t('save.folder')}</option>
          </select>
        </label>
        {p.destination === 'folder' && p.folder && (
          <span class="row-buttons">
            <small class="hint">{t('save.target', [p.folder.name])}</small>
            {p.folder.needsPermission && (
              <button type="button" class="small" onClick={p.onAllowFolder}>
                {t('save.allow', [p.folder.name])}
              </button>
            )}
          </span>
        )}
      </div>
      {p.conflict && (
        <div
          class="conflict"
          role="alertdialog"
          aria-labelledby="conflict-text"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              p.onConflict('cancel');
            }
          }}
        >
          <p id="conflict-text">{p.conflict}</p>
          <span class="row-buttons">
            <button type="button" class="small" onClick={() => p.onConflict('overwrite')}>
              {t('save.overwrite')}
            </button>
            <button type="button" class="small" ref={saveNew} onClick={() => p.onConflict('new')}>
              {t('save.saveNew')}
            </button>
            <button type="button" class="small" onClick={() => p.onConflict('cancel')}>
              {t('save.cancel')}
            </button>
          </span>
        </div>
      )}
      <div class="export-actions">
        <button type="button" class="primary" disabled={saving} onClick={p.onDownload}>
          <Icon name="download" />
          {p.destination === 'folder' ? t('save.toFolder') : t('action.download')}
        </button>
        <button type="button" disabled={saving} onClick={p.onCopy}>
          <Icon name="copy" />
          {t('action.copy')}
        </button>
      </div>
      <p class="notice" role="status" aria-live="polite">
        {p.notice ?? ''}
      </p>
      {p.imageStatus && <ImageReport status={p.imageStatus} />}
    </footer>
  );
}
