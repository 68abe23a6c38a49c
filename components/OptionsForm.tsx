import { useEffect, useState } from 'preact/hooks';
import { applyLanguage, t } from '../shell/i18n';
import {
  attributionSetting,
  filenameSetting,
  keyPointsSetting,
  languageSetting,
  readerButtonSetting,
  leadSetting,
  templateSetting,
  type Language,
} from '../shell/settings';
import { makeFilename } from '../utils/markdown/filename';
import type { Template } from '../utils/markdown/options';
import { TemplateSelect } from './TemplateSelect';
import type { Article } from '../utils/types';

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
};

interface Values {
  template: Template;
  filename: string;
  keyPoints: boolean;
  lead: boolean;
  attribution: boolean;
  language: Language;
  readerButton: boolean;
}

const items = {
  template: templateSetting,
  filename: filenameSetting,
  keyPoints: keyPointsSetting,
  lead: leadSetting,
  attribution: attributionSetting,
  language: languageSetting,
  readerButton: readerButtonSetting,
} as const;

/** Every setting, saved as soon as it changes. */
export function OptionsForm({ onLanguage }: { onLanguage?: (language: string) => void }) {
  const [values, setValues] = useState<Values | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void Promise.all(Object.values(items).map((item) => item.getValue())).then(([template, filename, keyPoints, lead, attribution, language, readerButton]) =>
      setValues({ template, filename, keyPoints, lead, attribution, language, readerButton } as Values),
    );
  }, []);
  if (!values) return null;

  async function save<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((current) => (current ? { ...current, [key]: value } : current));
    await (items[key] as { setValue(v: Values[K]): Promise<void> }).setValue(value);
    if (key === 'language') onLanguage?.(await applyLanguage(value as Language));
    setSaved(true);
    setTimeout(() => setSaved(false), 1500);
  }
  const check = (key: 'keyPoints' | 'lead' | 'attribution' | 'readerButton', label: string) => (
    <label class="check">
      <input type="checkbox" checked={values[key]} onChange={(e) => void save(key, e.currentTarget.checked)} />
      {label}
    </label>
  );

  return (
    <form class="options" onSubmit={(e) => e.preventDefault()}>
      <h1>{t('options.title')}</h1>
      <TemplateSelect label={t('options.defaultTemplate')} value={values.template} onChange={(template) => void save('template', template)} />
      <label>
        <span>{t('options.filename')}</span>
        <input type="text" value={values.filename} spellcheck={false} onInput={(e) => void save('filename', e.currentTarget.value)} />
        <small>{t('options.filenameHelp')}</small>
        <output>{t('options.filenamePreview', [makeFilename(sample, values.filename)])}</output>
      </label>
      <fieldset>
        <legend>{t('options.include')}</legend>
        {check('keyPoints', t('export.includeKeyPoints'))}
        {check('lead', t('options.includeLead'))}
        {check('attribution', t('options.includeAttribution'))}
      </fieldset>
      <fieldset>
        <legend>{t('reader.open')}</legend>
        {check('readerButton', t('reader.pageButton'))}
      </fieldset>
      <label>
        <span>{t('options.language')}</span>
        <select value={values.language} onChange={(e) => void save('language', e.currentTarget.value as Language)}>
          <option value="auto">{t('options.languageAuto')}</option>
          <option value="zh_CN">简体中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <p class="saved" role="status" aria-live="polite">
        {saved ? t('options.saved') : ''}
      </p>
    </form>
  );
}
