/**
 * A YAML double-quoted scalar for any string: JSON's escapes are valid YAML ones; the characters
 * JSON leaves raw but YAML does not print raw (C1 controls, line/paragraph separators, BOM) are
 * escaped too. Titles with `: # --- "` or newlines stay one value.
 */
function yamlString(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export type YamlValue = string | number | null | string[] | { raw: string };

/** `key: value` lines; null values are left out; `{ raw }` is printed as is (dates, URLs checked by the caller). */
export function yamlBlock(fields: Record<string, YamlValue>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) continue;
    if (Array.isArray(value)) {
      if (!value.length) lines.push(`${key}: []`);
      else lines.push(`${key}:`, ...value.map((v) => `  - ${yamlString(v)}`));
    } else if (typeof value === 'number') lines.push(`${key}: ${value}`);
    else if (typeof value === 'string') lines.push(`${key}: ${yamlString(value)}`);
    else lines.push(`${key}: ${value.raw}`);
  }
  return `---\n${lines.join('\n')}\n---`;
}
