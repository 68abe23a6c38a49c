import { useEffect, useRef, useState } from 'preact/hooks';
import { useNotice } from '../../components/useNotice';
import { useQuestionFocus } from '../../components/useQuestionFocus';
import { downloadFile } from '../../shell/downloads';
import { deleteAllData, deleteArticleHighlights, listArticleHighlights, putArticleHighlights } from '../../shell/highlights';
import { t } from '../../shell/i18n';
import { backupJson, parseBackup, planRestore, type ArticleHighlights } from '../../utils/highlights';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const stamp = () => day(Date.now());

/**
 * 我的标注 in the options page: every highlighted article (title, date, count), everything as one
 * Markdown file, a JSON backup and its restore (asking before it replaces an article's highlights),
 * and 删除全部数据. All of it stays on this machine: files are saved by the browser's downloads.
 */
export function HighlightsLibrary({ onDeletedAll }: { onDeletedAll?: () => void }) {
  const [entries, setEntries] = useState<ArticleHighlights[] | null>(null);
  const [conflicts, setConflicts] = useState<{
    incoming: ArticleHighlights[];
    added: number;
    list: { url: string; existing: number; incoming: number }[];
  } | null>(null);
  const [notice, flash] = useNotice(4000);
  const keep = useRef<HTMLButtonElement>(null);
  useQuestionFocus(conflicts !== null, keep);
  const reload = () => void listArticleHighlights().then(setEntries);
  useEffect(reload, []);
  if (!entries) return null;

  const download = (text: string, type: string, name: string) => downloadFile(new Blob([text], { type }), name, name);
  async function exportAll() {
    const { libraryMarkdown } = await import('../../utils/highlights/markdown');
    await download(libraryMarkdown(entries!), 'text/markdown;charset=utf-8', `woshipm-highlights-${stamp()}.md`);
  }
  async function restore(file: File) {
    const parsed = parseBackup(await file.text());
    if (!parsed.ok) return flash(t('library.invalid'));
    const plan = planRestore(await listArticleHighlights(), parsed.articles);
    await putArticleHighlights(plan.added);
    reload();
    if (plan.conflicts.length) setConflicts({ incoming: parsed.articles, added: plan.added.length, list: plan.conflicts });
    else flash(t('library.restored', [plan.added.length]));
  }
  async function resolve(overwrite: boolean) {
    if (!conflicts) return;
    const urls = new Set(conflicts.list.map((c) => c.url));
    const replaced = overwrite ? conflicts.incoming.filter((e) => urls.has(e.url)) : [];
    await putArticleHighlights(replaced);
    setConflicts(null);
    reload();
    flash(t('library.restored', [conflicts.added + replaced.length]));
  }

  return (
    <section class="library" aria-labelledby="library-title">
      <h2 id="library-title">{t('library.title')}</h2>
      <p class="privacy">{t('library.privacy')}</p>
      <div class="library-actions">
        <button type="button" disabled={!entries.length} onClick={() => void exportAll()}>
          {t('library.exportAll')}
        </button>
        <button
          type="button"
          disabled={!entries.length}
          onClick={() => void download(backupJson(entries, Date.now()), 'application/json', `woshipm-highlights-${stamp()}.json`)}
        >
          {t('library.backup')}
        </button>
        <label class="file-button">
          {t('library.restore')}
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void restore(file);
            }}
          />
        </label>
      </div>
      {conflicts && (
        <div
          class="ask"
          role="alertdialog"
          aria-labelledby="conflicts-text"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              void resolve(false);
            }
          }}
        >
          <p id="conflicts-text">{t('library.conflicts', [conflicts.list.length])}</p>
          <ul>
            {conflicts.list.map((c) => (
              <li key={c.url}>
                {entries.find((e) => e.url === c.url)?.title ?? c.url}: {c.existing} → {c.incoming}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void resolve(true)}>
            {t('library.overwrite')}
          </button>
          <button type="button" ref={keep} onClick={() => void resolve(false)}>
            {t('library.keep')}
          </button>
        </div>
      )}
      {entries.length === 0 ? (
        <p class="muted">{t('library.empty')}</p>
      ) : (
        <ul class="library-list">
          {entries.map((e) => (
            <li key={e.url}>
              <a href={e.url} target="_blank" rel="noreferrer">
                {e.title || e.url}
              </a>
              <small>
                {t('library.count', [e.highlights.length])} · {t('library.updated', [day(e.updatedAt)])}
              </small>
              <button
                type="button"
                class="small"
                onClick={() => {
                  if (confirm(t('library.deleteConfirm', [e.highlights.length]))) void deleteArticleHighlights(e.url).then(reload);
                }}
              >
                {t('library.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="status" role="status" aria-live="polite">
        {notice ?? ''}
      </p>
      <button
        type="button"
        class="danger"
        onClick={() => {
          if (!confirm(t('library.deleteAllConfirm'))) return;
          void deleteAllData().then(() => {
            reload();
            flash(t('library.deletedAll'));
            onDeletedAll?.();
          });
        }}
      >
        {t('library.deleteAll')}
      </button>
    </section>
  );
}
