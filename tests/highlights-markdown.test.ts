import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fastParser } from '../cli/dom';
import { describeRange, rootText } from '../utils/highlights/anchor';
import { highlightsMarkdown, highlightsSupport, libraryMarkdown } from '../utils/highlights/markdown';
import { paintHighlights } from '../utils/highlights/paint';
import type { Highlight } from '../utils/highlights/types';
import { createMarkdown } from '../utils/markdown';
import type { Article } from '../utils/types';
import { fixtureArticle } from './helpers';

const { toMarkdown } = createMarkdown(new DOMParser(), highlightsSupport);

const base = fixtureArticle('woshipm-6025589');

/** An article whose body is `html` (text as extraction would give it: paragraphs apart). */
function articleOf(html: string): Article {
  const root = document.createElement('div');
  root.innerHTML = html;
  const text = [...root.children].map((c) => c.textContent).join('\n\n');
  return { ...base, html, text, keyPoints: [], attribution: [] };
}

/** A highlight of `text` (its first occurrence) in the article's body, as the page would describe it. */
function highlight(article: Article, text: string, id: string, note = ''): Highlight {
  const root = document.createElement('div');
  root.innerHTML = article.html;
  const start = rootText(root).replace(/\s/g, ' ').indexOf(text.replace(/\s/g, ' '));
  if (start < 0) throw new Error(`no ${text}`);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: { node: Text; start: number }[] = [];
  let length = 0;
  while (walker.nextNode()) {
    nodes.push({ node: walker.currentNode as Text, start: length });
    length += (walker.currentNode as Text).data.length;
  }
  const point = (offset: number, isEnd: boolean) => {
    const hit = [...nodes].reverse().find((n) => (isEnd ? n.start < offset : n.start <= offset))!;
    return [hit.node, offset - hit.start] as const;
  };
  const range = document.createRange();
  range.setStart(...point(start, false));
  range.setEnd(...point(start + text.length, true));
  return { id, color: 'yellow', note, ...describeRange(root, range)!, createdAt: 1, updatedAt: 2 };
}

/** The body of an export: what follows the header (and sections), up to the footnotes. */
const lines = (md: string) => md.split('\n');

const sample = articleOf('<p>先说背景，<strong>这是作者加粗的重点</strong>，然后展开。</p><p>下一段从这里开始，继续讲。</p><p>一二三四五六七八九十</p>');

describe('highlights in an article export', () => {
  it('marks a highlight across a bold span as one ==run== around the bold', () => {
    const md = toMarkdown(sample, { highlights: [highlight(sample, '背景，这是作者加粗的重点，然后', 'a')], highlightsSection: false });
    expect(lines(md)).toContain('先说==背景，**这是作者加粗的重点**，然后==展开。');
  });

  it('marks a highlight that ends inside the bold without crossing delimiters', () => {
    const md = toMarkdown(sample, { highlights: [highlight(sample, '背景，这是作者', 'a')], highlightsSection: false });
    expect(lines(md)).toContain('先说==背景==，**==这是作者==加粗的重点**，然后展开。');
  });

  it('never stacks == and ** next to a letter (CommonMark would open neither): the highlight wins there', () => {
    const tight = articleOf('<p>先说<strong>重点内容</strong>然后展开。</p>');
    const body = (text: string) => lines(toMarkdown(tight, { highlights: [highlight(tight, text, 'a')] })).at(-2);
    expect(body('重点内容')).toBe('先说==重点内容==然后展开。');
    expect(body('重点')).toBe('先说==重点==**内容**然后展开。');
    expect(body('内容')).toBe('先说**重点**==内容==然后展开。');
    expect(body('说重点')).toBe('先==说重点==**内容**然后展开。');
    expect(body('点内')).toBe('先说**重==点内==容**然后展开。');
    expect(body('说重点内容然')).toBe('先==说**重点内容**然==后展开。');
  });

  it('marks a highlight across two paragraphs in each of them', () => {
    const md = toMarkdown(sample, { highlights: [highlight(sample, '然后展开。下一段', 'a')], highlightsSection: false });
    expect(lines(md)).toContain('先说背景，**这是作者加粗的重点**，==然后展开。==');
    expect(lines(md)).toContain('==下一段==从这里开始，继续讲。');
  });

  it('writes overlapping and adjacent highlights as one run, each note after it', () => {
    const overlapping = toMarkdown(sample, {
      highlights: [highlight(sample, '二三四', 'a', '第一条'), highlight(sample, '三四五六', 'b', '第二条')],
      highlightsSection: false,
    });
    expect(lines(overlapping)).toContain('一==二三四五六==[^hl-1][^hl-2]七八九十');
    const adjacent = toMarkdown(sample, {
      highlights: [highlight(sample, '七八', 'b'), highlight(sample, '二三', 'a', '只有这条有笔记'), highlight(sample, '四五', 'c')],
      highlightsSection: false,
    });
    expect(lines(adjacent)).toContain('一==二三四五==[^hl-1]六==七八==九十');
    expect(adjacent.trimEnd().split('\n').at(-1)).toBe('[^hl-1]: 只有这条有笔记');
    const nested = toMarkdown(sample, {
      highlights: [highlight(sample, '一二三四五六', 'a', '外'), highlight(sample, '三四', 'b', '内')],
      highlightsSection: false,
    });
    expect(lines(nested)).toContain('==一二三四五六==[^hl-1][^hl-2]七八九十');
  });

  it('escapes Markdown in notes and keeps multi-line notes inside their footnote', () => {
    const note = '用 **粗体** 和 [链接](javascript:alert(1)) <script>alert(1)</script>\n# 不是标题\n- 不是列表 ==不是高亮== _x_ `y`';
    const md = toMarkdown(sample, { highlights: [highlight(sample, '继续讲', 'a', note)], highlightsSection: false });
    expect(lines(md)).toContain('下一段从这里开始，==继续讲==[^hl-1]。');
    const footnote = md.slice(md.indexOf('[^hl-1]: '));
    expect(footnote).toBe(
      '[^hl-1]: 用 \\*\\*粗体\\*\\* 和 \\[链接\\](javascript:alert(1)) \\<script>alert(1)\\</script>\n' +
        '    \\# 不是标题\n' +
        '    \\- 不是列表 \\=\\=不是高亮\\=\\= \\_x\\_ \\`y\\`\n',
    );
  });

  it('adds highlights: N to front matter and the 我的标注 section at the top, orphaned ones marked', () => {
    const gone: Highlight = { ...highlight(sample, '继续讲', 'z'), quote: { exact: '这句话早已被删掉了不在文中', prefix: '', suffix: '' } };
    const md = toMarkdown(sample, {
      highlights: [highlight(sample, '二三四', 'a', '第一行\n\n第二段'), gone, highlight(sample, '这是作者', 'b')],
      highlightsSection: true,
    });
    const yaml = parseYaml(md.slice(4, md.indexOf('\n---\n', 4)));
    expect(yaml.highlights).toBe(3);
    const section = md.slice(md.indexOf('## 我的标注'), md.indexOf('先说'));
    expect(section).toBe(
      '## 我的标注\n\n- ==这是作者==\n- ==二三四==\n  > 第一行\n  >\n  > 第二段\n- ==这句话早已被删掉了不在文中==（原文已改动，未找到这段文字）\n\n',
    );
    expect(md.indexOf('## 我的标注')).toBeLessThan(md.indexOf('先说'));
    expect(toMarkdown(sample, { highlights: [gone] })).not.toContain('## 我的标注'); // only when asked for
  });

  it('uses bold for the gitbook and plain templates, merging with the author’s bold', () => {
    for (const template of ['gitbook', 'plain'] as const) {
      const md = toMarkdown(sample, {
        template,
        highlights: [highlight(sample, '背景，这是作者加粗的重点，然后', 'a', '笔记'), highlight(sample, '二三', 'b')],
        highlightsSection: true,
      });
      expect(md).not.toContain('==');
      expect(lines(md)).toContain('先说**背景，这是作者加粗的重点，然后**[^hl-1]展开。');
      expect(lines(md)).toContain('一**二三**四五六七八九十');
      expect(lines(md)).toContain('- **背景，这是作者加粗的重点，然后**');
      expect(md).not.toMatch(/^highlights:/m);
    }
  });

  it('changes nothing without highlights, even when the article HTML carries a painted page’s marks', () => {
    const article = fixtureArticle('pd-2024-6119971');
    const plain = toMarkdown(article, { keyPoints: true });
    expect(toMarkdown(article, { keyPoints: true, highlights: [] })).toBe(plain);
    const root = document.createElement('div');
    root.innerHTML = article.html;
    const text = rootText(root);
    const h = highlight(article, text.slice(200, 260), 'p');
    paintHighlights(root, [h]);
    expect(root.innerHTML).toContain('<mark data-hl="p"');
    const painted = { ...article, html: root.innerHTML };
    expect(toMarkdown(painted, { keyPoints: true })).toBe(plain);
    expect(toMarkdown(painted, { highlights: [h] })).toBe(toMarkdown(article, { highlights: [h] }));
    expect(toMarkdown(article, { highlights: [h] })).toContain('==');
    // The plain writer (no highlights code loaded) leaves them out rather than failing.
    expect(createMarkdown(new DOMParser()).toMarkdown(painted, { keyPoints: true, highlights: [h], highlightsSection: true })).toBe(plain);
  });

  it('writes the same bytes from the CLI’s domino tree, on a fixture article with many highlights', () => {
    const article = fixtureArticle('pd-2024-6119971');
    const root = document.createElement('div');
    root.innerHTML = article.html;
    const text = rootText(root);
    const highlights = Array.from({ length: 30 }, (_, i) => {
      const start = Math.floor((i * (text.length - 60)) / 30);
      return highlight(article, text.slice(start, start + 15 + (i % 5) * 12).trim(), `h${i}`, i % 3 ? '' : `笔记 ${i}`);
    });
    for (const template of ['frontmatter', 'gitbook', 'plain'] as const) {
      const md = toMarkdown(article, { template, highlights });
      expect(createMarkdown(fastParser, highlightsSupport).toMarkdown(article, { template, highlights })).toBe(md);
      expect(md).toContain('[^hl-10]: ');
    }
    const md = toMarkdown(article, { highlights });
    expect((md.match(/\[\^hl-\d+\](?!:)/g) ?? []).length).toBe(10);
  });
});

describe('highlightsMarkdown (只导出标注)', () => {
  it('lists the highlights in reading order with notes and links to the passages', () => {
    const gone: Highlight = { ...highlight(sample, '继续讲', 'z'), quote: { exact: '删掉的话', prefix: '', suffix: '' } };
    const md = highlightsMarkdown(sample, [highlight(sample, '二三四', 'a', '笔记 *重要*'), gone, highlight(sample, '然后展开。下一段', 'b')]);
    const yaml = parseYaml(md.slice(4, md.indexOf('\n---\n', 4)));
    expect(yaml).toMatchObject({ title: sample.title, source: sample.url, highlights: 3 });
    const items = md.slice(md.indexOf('## 我的标注') + '## 我的标注\n\n'.length);
    expect(items).toBe(
      `- ==然后展开。 下一段==（[原文](${sample.url}#:~:text=%E7%84%B6%E5%90%8E%E5%B1%95%E5%BC%80%E3%80%82,%E4%B8%8B%E4%B8%80%E6%AE%B5)）\n` +
        `- ==二三四==（[原文](${sample.url}#:~:text=%E4%BA%8C%E4%B8%89%E5%9B%9B)）\n  > 笔记 \\*重要\\*\n` +
        '- ==删掉的话==（原文已改动，未找到这段文字）\n',
    );
    expect(highlightsMarkdown(sample, [highlight(sample, '二三四', 'a')], { template: 'plain' })).toMatch(
      /^# .*\n\n原文：\[.*\]\(https:.*\)\n\n## 我的标注\n\n- \*\*二三四\*\*（\[原文\]/,
    );
  });
});

describe('libraryMarkdown', () => {
  it('puts every article in one file, newest first, and links only web addresses', () => {
    const a = highlight(sample, '二三四', 'a', '笔记');
    const md = libraryMarkdown([
      { url: 'https://www.woshipm.com/pd/1.html', title: '旧的 [文章]', updatedAt: Date.UTC(2026, 0, 2), highlights: [a] },
      { url: 'javascript:alert(1)', title: '坏的', updatedAt: Date.UTC(2026, 5, 1), highlights: [a] },
      { url: 'https://www.woshipm.com/pd/2.html', title: '没有标注', updatedAt: Date.UTC(2026, 6, 1), highlights: [] },
    ]);
    expect(md).not.toContain('javascript:alert(1)](');
    expect(md).not.toContain('(javascript:');
    expect(md).not.toContain('没有标注');
    expect(md.indexOf('## 坏的')).toBeLessThan(md.indexOf('## [旧的 \\[文章\\]](https://www.woshipm.com/pd/1.html)'));
    expect(md).toContain('2026-01-02 · 1 条标注\n\n- ==二三四==（[原文](https://www.woshipm.com/pd/1.html#:~:text=%E4%BA%8C%E4%B8%89%E5%9B%9B)）\n  > 笔记');
    expect(md.startsWith('# 我的标注\n\n')).toBe(true);
  });
});
