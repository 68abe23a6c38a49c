import { useEffect, useState } from 'preact/hooks';
import { applyLanguage, t } from '../../shell/i18n';
import { exportSettings, interfaceSettings, readerSettings, type Language } from '../../shell/settings';
import { getShortcuts, openShortcutsPage, shortcutsPage, type Shortcut } from '../../shell/shortcuts';
import { useSetting } from '../../shell/use-setting';
import { sendToBackground } from '../../shell/messaging';
import { makeFilename } from '../../utils/markdown/filename';
import { safeFolderName } from '../../utils/images/paths';
import type { ExportSettings } from '../../utils/markdown/options';
import { ImagesSelect, TemplateSelect } from '../../components/ExportSelects';
import { useNotice } from '../../components/useNotice';
import { NotesFolder } from './NotesFolder';
import { LibrarySection } from './LibrarySection';
import type { Article } from '../../utils/types';

/** A real article's facts, for the file name preview. */
const sample: Article = {
  url: 'https://www.woshipm.com/zhichang/6025589.html',
  title: '2024，大厂人“卷”向海外',
  author: { name: '霞光社', url: 'https://www.woshipm.com/u/956307' },
  published: '2024-04-02',
  category: { slug: 'zhichang', name: '职场攻略' },
  stats: { views: 4021, comments: 1, collects: 11, likes: 8 },
  readingMinutes: 24,
  tags: ['互联网人', '出海', '大厂'],
  lead: null,
  cover: null,
  keyPoints: [],
  keySentences: [],
  outline: [],
  html: '',
  text: '',
  wordCount: 0,
  attribution: [],
  truncated: false,
  readFrom: { fallbacks: [] },
};

const commandLabel = { 'toggle-reader': 'command.reader', 'export-markdown': 'command.export' } as const;

/**
 * Each command with the key the browser gave it, or a note that it has none (the suggested key may be
 * held by another extension), and where to set it: a button to Chrome's / Edge's shortcuts page, or the
 * steps in Firefox, whose page has no address an extension may open.
 */
function Shortcuts() {
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    void getShortcuts().then(setShortcuts);
    // Back from the browser's shortcuts page: show what the user set there.
    const refresh = () => document.visibilityState === 'visible' && void getShortcuts().then(setShortcuts);
    document.addEventListener('visibilitychange', refresh);
    return () => document.removeEventListener('visibilitychange', refresh);
  }, []);
  if (!shortcuts) return null;
  const page = shortcutsPage();
  return (
    <fieldset class="shortcuts">
      <legend>{t('options.shortcuts')}</legend>
      <dl>
        {shortcuts.map(({ name, key }) => (
          <div key={name} data-command={name}>
            <dt>{name in commandLabel ? t(commandLabel[name as keyof typeof commandLabel]) : name}</dt>
            <dd>{key ? <kbd>{key}</kbd> : <span class="unset">{t('options.shortcutNone')}</span>}</dd>
          </div>
        ))}
      </dl>
      {page ? (
        <small>
          {t('options.shortcutChange')}{' '}
          <a href={page} onClick={(e) => (e.preventDefault(), void openShortcutsPage(page))}>
            {page}
          </a>
        </small>
      ) : (
        <small>{t('options.shortcutFirefox')}</small>
      )}
    </fieldset>
  );
}

/** A text field waits this long after the last keystroke before it is saved (sync storage: 120 writes a minute). */
const typingPause = 500;

/** Every setting, saved as soon as it changes (a text field once the user pauses or leaves it); a refused write is shown. */
export function OptionsForm({ onLanguage }: { onLanguage?: (language: string) => void }) {
  const exporting = useSetting(exportSettings);
  const reader = useSetting(readerSettings);
  const ui = useSetting(interfaceSettings);
  const [saved, flashSaved] = useNotice(1500);
  const exportValue = exporting.value;
  if (!exportValue || !reader.value || !ui.value) return null;
  const failure = exporting.error ?? reader.error ?? ui.error;

  async function done(saving: Promise<boolean>) {
    if (await saving) flashSaved(t('options.saved'));
  }
  const saveExport = (patch: Partial<ExportSettings>) => void done(exporting.update(patch));
  const typeExport = (patch: Partial<ExportSettings>) => void done(exporting.update(patch, { debounce: typingPause }));
  const saveReaderButton = (pageButton: boolean) => void done(reader.update({ pageButton }));
  const saveLanguage = (language: Language) =>
    void done(
      ui.update({ language }).then(async (saved) => {
        if (saved) onLanguage?.(await applyLanguage(language));
        return saved;
      }),
    );
  const check = (label: string, checked: boolean, onChange: (checked: boolean) => void) => (
    <label class="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      {label}
    </label>
  );

  return (
    <form class="options" onSubmit={(e) => e.preventDefault()}>
      <h1>{t('options.title')}</h1>
      <p class="library-link">
        <button type="button" onClick={() => void sendToBackground('openLibrary')}>
          {t('libraryPage.openHint')}
        </button>
      </p>
      <TemplateSelect label={t('options.defaultTemplate')} value={exportValue.template} onChange={(template) => saveExport({ template })} />
      <label>
        <span>{t('options.filename')}</span>
        <input
          type="text"
          value={exportValue.filename}
          spellcheck={false}
          onInput={(e) => typeExport({ filename: e.currentTarget.value })}
          onBlur={() => void exporting.flush()}
        />
        <small>{t('options.filenameHelp')}</small>
        <output>{t('options.filenamePreview', [makeFilename(sample, exportValue.filename)])}</output>
      </label>
      <NotesFolder exporting={exporting} typingPause={typingPause} />
      <ImagesSelect value={exportValue.images} onChange={(images) => saveExport({ images })} />
      <label>
        <span>{t('images.folder')}</span>
        <input
          type="text"
          value={exportValue.assetsFolder}
          spellcheck={false}
          onInput={(e) => typeExport({ assetsFolder: e.currentTarget.value })}
          onBlur={(e) => saveExport({ assetsFolder: safeFolderName(e.currentTarget.value) })}
        />
        <small>{t('images.folderHelp')}</small>
      </label>
      <fieldset>
        <legend>{t('options.include')}</legend>
        {check(t('export.includeKeyPoints'), exportValue.keyPoints, (keyPoints) => saveExport({ keyPoints }))}
        {check(t('options.includeLead'), exportValue.lead, (lead) => saveExport({ lead }))}
        {check(t('options.includeAttribution'), exportValue.attribution, (attribution) => saveExport({ attribution }))}
        {check(t('highlight.section'), exportValue.highlightsSection, (highlightsSection) => saveExport({ highlightsSection }))}
      </fieldset>
      <fieldset>
        <legend>{t('reader.open')}</legend>
        {check(t('reader.pageButton'), reader.value.pageButton, saveReaderButton)}
      </fieldset>
      <LibrarySection />
      <Shortcuts />
      <label>
        <span>{t('options.language')}</span>
        <select value={ui.value.language} onChange={(e) => saveLanguage(e.currentTarget.value as Language)}>
          <option value="auto">{t('options.languageAuto')}</option>
          <option value="zh_CN">简体中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <p class="saved" role="status" aria-live="polite">
        {saved ?? ''}
      </p>
      {failure && (
        <p class="save-failed" role="alert">
          {t('options.saveFailed', [failure])}
        </p>
      )}
    </form>
  );
}
