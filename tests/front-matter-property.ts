/**
 * Hostile strings (what YAML, Markdown or a file system treat specially) and the property that the
 * YAML front matter gives them back exactly. The fast tier (tests/robustness.test.ts) checks it on
 * 100 cases, the reliability tier (tests/reliability/front-matter.test.ts) on 2,000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { extractArticle } from '../utils/extract';
import { createMarkdown } from '../utils/markdown';
import { loadDocument, manifest, readFixture } from './helpers';
import { woshipm } from '../utils/site/woshipm';

const { toMarkdown } = createMarkdown(new DOMParser());

/** Strings that YAML, Markdown or a file system treat specially, and random ones with odd characters. */
export const hostile = fc.oneof(
  fc.constantFrom(
    '标题: 冒号',
    '# 井号',
    '---',
    '--- \n---',
    'a\nb',
    'a\r\nb',
    '"引号"',
    "'单引号'",
    '\u2028',
    '\u2029',
    '\t缩进',
    '  前导空格',
    '- 列表',
    '? 问号',
    '!tag',
    '&anchor',
    '*alias',
    '{}',
    '[]',
    '{a: 1}',
    '[1, 2]',
    '%YAML',
    '@at',
    '`code`',
    '|',
    '>',
    'null',
    'true',
    'no',
    '~',
    '0x10',
    '1e3',
    '2024-04-02',
    '',
    ' ',
    '🚀 emoji 👨‍👩‍👧',
    '\ufeffBOM',
    '\u0085',
    '\u0000',
    '\ud800 lone',
    'lone \udfff',
    '\\',
    '\\n',
    'x'.repeat(5000),
    '长'.repeat(3000),
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({
    unit: fc.constantFrom(':', '#', '-', '?', '!', '&', '*', '{', '}', '[', ']', '%', '"', "'", '\n', '\t', ' ', '\u2028', 'a', '长'),
    maxLength: 30,
  }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
);

/** The YAML front matter gives back hostile strings exactly: `runs` cases, on a fixture article. */
export function describeFrontMatter(runs: number): void {
  describe('YAML front matter', () => {
    const { name, url } = manifest[0]!; // woshipm-6025589
    const result = extractArticle(loadDocument(readFixture(name, 'page.html'), url), url, woshipm);
    if (!result.ok) throw new Error(result.reason);
    const base = result.article;
    const frontMatter = (md: string) => parseYaml(md.slice(4, md.indexOf('\n---\n', 4)));

    it(`gives back title, tags, description and author exactly, for any strings (${runs.toLocaleString('en')} cases)`, () => {
      fc.assert(
        fc.property(hostile, fc.array(hostile, { maxLength: 4 }), fc.option(hostile), hostile, (title, tags, lead, author) => {
          const md = toMarkdown({ ...base, title, tags, lead, author: { name: author, url: null } });
          const yaml = frontMatter(md);
          expect(yaml.title).toBe(title);
          expect(yaml.tags).toEqual(tags);
          expect(yaml.author).toBe(author);
          if (lead === null) expect(yaml).not.toHaveProperty('description');
          else expect(yaml.description).toBe(lead);
        }),
        { numRuns: runs },
      );
    });
  });
}
