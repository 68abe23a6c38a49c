import { useT } from './i18n';
import { templates, type Template } from '../utils/markdown/options';

/** The Markdown template picker, labelled, as the popup and the options page show it. */
export function TemplateSelect({ label, value, onChange }: { label: string; value: Template; onChange(template: Template): void }) {
  const t = useT();
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as Template)}>
        {templates.map((name) => (
          <option key={name} value={name}>
            {t(`export.${name}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
