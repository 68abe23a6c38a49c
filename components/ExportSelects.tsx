import type { ComponentChildren } from 'preact';
import { useT } from './i18n';
import { imageModes, templates, type ImageMode, type Template } from '../utils/markdown/options';

/** A labelled select over a fixed list of values, each shown by `text(value)`. */
function ChoiceSelect<T extends string>(p: {
  label: string;
  value: T;
  choices: readonly T[];
  text(value: T): string;
  onChange(value: T): void;
  children?: ComponentChildren;
}) {
  return (
    <label>
      <span>{p.label}</span>
      <select value={p.value} onChange={(e) => p.onChange(e.currentTarget.value as T)}>
        {p.choices.map((value) => (
          <option key={value} value={value}>
            {p.text(value)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The Markdown template picker, as the popup and the options page show it. */
export function TemplateSelect({ label, value, onChange }: { label: string; value: Template; onChange(template: Template): void }) {
  const t = useT();
  return <ChoiceSelect label={label} value={value} choices={templates} text={(name) => t(`export.${name}`)} onChange={onChange} />;
}

/** How images are exported (with the article, embedded, or linked), as the popup and the options page show it. */
export function ImagesSelect({ value, onChange }: { value: ImageMode; onChange(mode: ImageMode): void }) {
  const t = useT();
  return <ChoiceSelect label={t('images.label')} value={value} choices={imageModes} text={(mode) => t(`images.${mode}`)} onChange={onChange} />;
}
