/**
 * Nothing lost without a word: a body longer than extraction reads is marked `truncated`, and the
 * card, the reader, the Markdown (a note, and `truncated: true` in the front matter) and the CLI card say so.
 * The limit is lowered for these tests so that a small page is "too long"; the 10 MB pages of the
 * reliability tier use the real one.
 */
import { render, screen } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatCard } from '../cli/card';
import { ArticleCard } from '../components/ArticleCard';
import { scaleBody } from '../tools/scale-page';
import { extractArticle } from '../utils/extract';
import { bodyLimits } from '../utils/extract/content';
import { createMarkdown } from '../utils/markdown';
import { woshipm } from '../utils/site/woshipm';
import type { Article } from '../utils/types';
import { loadDocument, manifest, readFixture } from './helpers';

const { name, url } = manifest.find((m) => m.name === 'woshipm-6025589')!;
const page = readFixture(name, 'page.html');
const { toMarkdown } = createMarkdown(new DOMParser());

const extract = (html: string, selection?: Selection): Article => {
  const result = extractArticle(loadDocument(html, url), url, woshipm, selection ? { selection } : undefined);
  if (!result.ok) throw new Error(result.reason);
  return result.article;
};

const real = { ...bodyLimits };
const longPage = scaleBody(page, 8); // about 51,000 characters of body
let whole: Article;
let long: Article;
beforeAll(() => {
  Object.assign(bodyLimits, { chars: 20_000, elements: 2_000 });
  whole = extract(page);
  long = extract(longPage);
});
afterAll(() => Object.assign(bodyLimits, real));

describe('a body longer than the limit', () => {
  it('is marked truncated, keeps its start, and is under the limit', () => {
    expect(whole.text.length).toBeLessThan(10_000);
    expect(whole.truncated).toBe(false);
    expect(long.truncated).toBe(true);
    expect(long.text.startsWith(whole.text.slice(0, 3000))).toBe(true);
    expect(long.text.length).toBeLessThanOrEqual(20_000 * 1.1); // plus paragraph breaks
    expect(long.text.length).toBeGreaterThan(15_000);
  });

  it('is not marked when the whole body fits, even with little to spare', () => {
    const limits = { ...bodyLimits };
    Object.assign(bodyLimits, { chars: Math.ceil(whole.text.length * 1.1), elements: 2_000 });
    try {
      expect(extract(page).truncated).toBe(false);
    } finally {
      Object.assign(bodyLimits, limits);
    }
  });

  it('says so in every Markdown template, with truncated: true in the front matter', () => {
    for (const template of ['frontmatter', 'gitbook', 'plain'] as const) {
      const md = toMarkdown(long, { template });
      expect(md, template).toContain(`> **未完**：原文正文过长，这里只收录了前 ${long.wordCount} 字，其余部分见原文：[${url}](${url})`);
    }
    const md = toMarkdown(long);
    expect(parseYaml(md.slice(4, md.indexOf('\n---\n', 4))).truncated).toBe(true);
    const normal = toMarkdown(whole);
    expect(normal).not.toContain('未完');
    expect(parseYaml(normal.slice(4, normal.indexOf('\n---\n', 4)))).not.toHaveProperty('truncated');
  });

  it('says so on the popup card and the CLI card', () => {
    render(<ArticleCard article={long} />);
    expect(screen.getByRole('note').textContent).toBe(`正文很长：只读取了前 ${long.wordCount} 字，后面的部分不在卡片、阅读模式和导出里。`);
    expect(formatCard(long)).toContain(`注意：正文很长，只读取了前 ${long.wordCount} 字`);
    expect(formatCard(whole)).not.toContain('注意：');
  });
});

describe('an exported selection', () => {
  it('is taken whole and never marked truncated', () => {
    const doc = loadDocument(longPage, url);
    const range = doc.createRange();
    range.selectNodeContents(doc.querySelector('.article--content')!);
    const selection = doc.getSelection()!;
    selection.addRange(range);
    const result = extractArticle(doc, url, woshipm, { selection });
    if (!result.ok) throw new Error(result.reason);
    expect(result.article.truncated).toBe(false);
  });
});
