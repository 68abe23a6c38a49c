import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { extractArticle } from '../utils/extract';
import { asciiFilename, createMarkdown, makeFilename } from '../utils/markdown';
import type { Article } from '../utils/types';
import { loadDocument, manifest, readFixture } from './helpers';
import { woshipm } from '../utils/site/woshipm';

const { toMarkdown, htmlToMarkdown } = createMarkdown(new DOMParser());

function fixtureArticle(name: string): Article {
  const { url } = manifest.find((m) => m.name === name)!;
  const result = extractArticle(loadDocument(readFixture(name, 'page.html'), url), url, woshipm);
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}

const article = (over: Partial<Article> = {}): Article => ({
  ...fixtureArticle('woshipm-6025589'),
  ...over,
});

describe('gitbook template', () => {
  // The naive conversions come from that library: its header is the reference, byte for byte.
  it.each(manifest.filter((m) => m.name !== 'woshipm-6025589'))('reproduces the library header of $name', ({ name }) => {
    const naive = readFixture(name, 'naive.md');
    const md = toMarkdown(fixtureArticle(name), { template: 'gitbook' });
    expect(md.slice(0, md.indexOf('\n---\n') + 5)).toBe(naive.slice(0, naive.indexOf('\n---\n') + 5));
  });
});

describe('frontmatter template', () => {
  it('is YAML that parses back to the article fields', () => {
    const a = fixtureArticle('woshipm-6025589');
    const md = toMarkdown(a);
    expect(md.startsWith('---\n')).toBe(true);
    const yaml = parseYaml(md.slice(4, md.indexOf('\n---\n', 4)));
    expect(yaml).toMatchObject({
      title: a.title,
      source: a.url,
      author: a.author.name,
      category: '职场攻略',
      tags: a.tags,
      views: 4021,
      comments: 1,
      collects: 11,
      likes: 8,
      description: a.lead,
    });
    expect(new Date(yaml.published).toISOString()).toBe('2024-04-02T00:00:00.000Z');
  });

  it.each([
    '标题: 带冒号 # 和井号',
    '"引号" \'单引号\' `反引号`',
    '---\n换行\r\n和 --- 分隔',
    'emoji 🚀 与 \u2028 分隔符 \u0085 \ufeff',
    '- 列表开头',
    '[方括号] {花括号} & * ! | > %',
    'null',
    'true',
    '2024-04-02',
  ])('keeps a hostile title or tag as one string: %j', (hostile) => {
    const md = toMarkdown(article({ title: hostile, tags: [hostile, 'ok'], lead: hostile }));
    const yaml = parseYaml(md.slice(4, md.indexOf('\n---\n', 4)));
    expect(yaml.title).toBe(hostile);
    expect(yaml.tags).toEqual([hostile, 'ok']);
    expect(yaml.description).toBe(hostile);
  });
});

describe('body conversion', () => {
  it('keeps tables, with the first row as header when none is marked', () => {
    const md = htmlToMarkdown('<table><tr><td>指标</td><td>定义</td></tr><tr><td>DAU</td><td>日活 | 每日</td></tr></table>');
    expect(md).toBe('| 指标 | 定义 |\n| --- | --- |\n| DAU | 日活 \\| 每日 |');
    const marked = htmlToMarkdown('<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td><p>1</p><p>2</p></td><td>3</td></tr></tbody></table>');
    expect(marked).toBe('| a | b |\n| --- | --- |\n| 1 2 | 3 |');
  });

  it('keeps code blocks fenced, with their language', () => {
    expect(htmlToMarkdown('<pre><code class="language-sql">SELECT *\nFROM t;</code></pre>')).toBe('```sql\nSELECT *\nFROM t;\n```');
    expect(htmlToMarkdown('<pre>a ``` b</pre>')).toBe('````\na ``` b\n````');
  });

  it('keeps lists, headings, images and links', () => {
    expect(htmlToMarkdown('<h2>一、背景</h2><ul><li>甲</li><li>乙</li></ul><ol><li>一</li></ol>')).toBe('## 一、背景\n\n-   甲\n-   乙\n\n1.  一');
    expect(htmlToMarkdown('<p><img src="https://image.woshipm.com/a (1).png" alt="图 1"></p>')).toBe('![图 1](https://image.woshipm.com/a%20%281%29.png)');
    expect(htmlToMarkdown('<p><a href="https://www.woshipm.com/pmd/1.html">上一篇</a></p>')).toBe('[上一篇](https://www.woshipm.com/pmd/1.html)');
  });

  it('keeps bold that renders: split runs joined, punctuation outside where CommonMark needs it', () => {
    expect(htmlToMarkdown('<p>前文<strong>“引号内容”</strong>后文</p>')).toBe('前文“**引号内容**”后文');
    expect(htmlToMarkdown('<p><strong>一、</strong><strong>标题</strong>：正文</p>')).toBe('**一、标题**：正文');
    expect(htmlToMarkdown('<p><strong>(3) 人才</strong></p>')).toBe('**(3) 人才**');
    expect(htmlToMarkdown('<h3><strong>加粗标题</strong></h3>')).toBe('### 加粗标题');
  });

  it('leaves Chinese punctuation alone and writes text that looks like HTML as text', () => {
    expect(htmlToMarkdown('<p>“你好”，（测试）……——《书》【注】</p>')).toBe('“你好”，（测试）……——《书》【注】');
    expect(htmlToMarkdown('<p>&lt;script&gt;alert(1)&lt;/script&gt; 与 &lt;img src=x onerror=alert(1)&gt;</p>')).toBe(
      '\\<script>alert(1)\\</script> 与 \\<img src=x onerror=alert(1)>',
    );
  });
});

describe('sections and options', () => {
  const a = fixtureArticle('woshipm-6025589');
  it('adds the 要点 section only when asked, in key point order', () => {
    expect(toMarkdown(a)).not.toContain('## 要点');
    const md = toMarkdown(a, { keyPoints: true });
    expect(md).toContain(`## 要点（作者加粗）\n\n1. ${a.keyPoints[0]}\n2. ${a.keyPoints[1]}`);
  });
  it('adds the credits only when asked', () => {
    expect(toMarkdown(a)).not.toContain('授权发布');
    expect(toMarkdown(a, { attribution: true })).toContain('本文由人人都是产品经理合作媒体 @霞光社 授权发布。');
  });
  it('plain template has title, byline, source and body', () => {
    const md = toMarkdown(a, { template: 'plain' });
    expect(md.split('\n\n').slice(0, 3)).toEqual([
      '# 2024，大厂人“卷”向海外',
      '霞光社 · 2024-04-02 · 职场攻略',
      '原文：[https://www.woshipm.com/zhichang/6025589.html](https://www.woshipm.com/zhichang/6025589.html)',
    ]);
  });
});

describe('file names', () => {
  it('uses the template, defaulting to date and title', () => {
    expect(makeFilename(article())).toBe('2024-04-02-2024，大厂人“卷”向海外.md');
    expect(makeFilename(article(), '{category}/{author}-{id}')).toBe('职场攻略-霞光社-6025589.md');
  });
  it.each([
    ['a/b\\c:d*e?f"g<h>i|j', '2024-04-02-a-b-c-d-e-f-g-h-i-j.md'],
    ['CON', '_CON.md'],
    ['...隐藏. ', '隐藏.md'],
    ['\u0000\u001f控制', '控制.md'],
    ['', 'woshipm-article.md'],
  ])('makes %j safe on Windows and macOS', (title, expected) => {
    const template = title === 'a/b\\c:d*e?f"g<h>i|j' ? undefined : '{title}';
    expect(makeFilename(article({ title }), template)).toBe(expected);
  });
  it('leaves unknown placeholders as written, also those named like Object members', () => {
    expect(makeFilename(article(), '{constructor}-{toString}-{nope}-{id}')).toBe('{constructor}-{toString}-{nope}-6025589.md');
  });
  it('has an ASCII-only fallback for systems that refuse the real name', () => {
    expect(asciiFilename(article())).toBe('2024-04-02-woshipm-6025589.md');
  });
  it('keeps names under 200 bytes without cutting a character', () => {
    const name = makeFilename(article({ title: '长'.repeat(300) }));
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(203);
    expect(name.endsWith('长.md')).toBe(true);
  });
});
