import { useT } from './i18n';

export interface MarkdownPreviewProps {
  /** The article's title: the view's heading, so the preview says whose Markdown it is. */
  title: string;
  text: string;
  edited: boolean;
  /** Options changed while the text was edited: ask before replacing it. */
  askReplace: boolean;
  onEdit(text: string): void;
  onReplace(): void;
  onKeep(): void;
}

/** The Markdown that will be saved, editable; download and copy take this text. */
export function MarkdownPreview(p: MarkdownPreviewProps) {
  const t = useT();
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h1 id="preview-title" class="preview-title">
        {p.title}
      </h1>
      <label for="md-preview">
        <span>{t('export.previewLabel')}</span>
        {p.edited && <span class="badge">{t('export.edited')}</span>}
      </label>
      {p.askReplace && (
        <div class="ask" role="alert">
          <p>{t('export.replaceEdited')}</p>
          <button type="button" class="small primary" onClick={p.onReplace}>
            {t('export.replace')}
          </button>
          <button type="button" class="small" onClick={p.onKeep}>
            {t('export.keepEdits')}
          </button>
        </div>
      )}
      <textarea id="md-preview" spellcheck={false} value={p.text} onInput={(e) => p.onEdit(e.currentTarget.value)} />
      {p.edited && !p.askReplace && (
        <button type="button" class="small" onClick={p.onReplace}>
          {t('export.reset')}
        </button>
      )}
    </section>
  );
}
