/** The Node command in process: its cases through `main` (tests/cli-cases.ts), the card, the library index, progress. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCard } from '../cli/card';
import { libraryIndex, UniqueNames, type LibraryEntry } from '../utils/library/layout';
import { batchReport, main } from '../cli/md';
import type { Article } from '../utils/types';
import { describeCli, files } from './cli-cases';
import { fixtureArticle, readFixture } from './helpers';

describeCli('in process', async (...args) => {
  const run = { stdout: '', stderr: '' };
  const code = await main(args, { write: (s: string) => (run.stdout += s) }, { write: (s: string) => (run.stderr += s) });
  return { code, ...run };
});

describe('the card', () => {
  it('shows the key sentences on the card of an article without bold', () => {
    // without bold and without a numbered list of sections (tests/points.test.tsx has the skeleton)
    const article = fixtureArticle('chuangye-2021-4425532');
    expect(article.keyPoints).toEqual([]);
    expect(formatCard(article)).toContain(`关键句（自动摘取）：\n  1. ${article.keySentences[0]}\n`);
    const bolded = fixtureArticle('pmd-2025-6195764');
    expect(formatCard(bolded)).toContain('要点：');
    expect(formatCard(bolded)).not.toContain('关键句');
  });
});

describe('a Markdown library', () => {
  it('skips the same article saved twice, keeps two articles that would share a file name, draws progress on a terminal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wr-saved-'));
    const html = readFixture('pmd-2025-6195764', 'page.html');
    writeFileSync(path.join(dir, 'a.html'), html);
    writeFileSync(path.join(dir, 'a-copy.html'), html);
    writeFileSync(path.join(dir, 'b.html'), html.replaceAll('6195764', '6195765'));
    writeFileSync(path.join(dir, 'broken.html'), '');
    const out = mkdtempSync(path.join(tmpdir(), 'wr-library-'));
    let log = '';
    const err = { isTTY: true, write: (s: string) => ((log += s), true) };
    expect(await main([dir, '--out', out], { write: () => true }, err)).toBe(0);
    expect(files(out)).toEqual([
      'SUMMARY.md',
      'library.json',
      'pmd/2025/2025-03-23-有产品实习但拿不到offer？你可能在无效积累（附自检清单） (2).md',
      'pmd/2025/2025-03-23-有产品实习但拿不到offer？你可能在无效积累（附自检清单）.md',
    ]);
    expect(log).toContain('\r[████████████████████████] 4/4 100%');
    expect(log).toMatch(/\r\x1b\[K✗ .*a\.html：与前面的页面是同一篇文章（duplicate）\n/);
    expect(log.endsWith('\r\x1b[K转换 2 篇，跳过 2 篇（duplicate: 1, no-url: 1）\n')).toBe(true);
  });

  it('sorts SUMMARY.md by category slug, years and articles newest first, undated last', () => {
    const article = (slug: string, name: string | null, title: string, published: string | null) =>
      ({ title, published, category: { slug, name } }) as Article;
    const entries: LibraryEntry[] = [
      { article: article('pd', '产品设计', 'B 旧文 [草稿]', '2023-01-05'), path: 'pd/2023/b.md' },
      { article: article('pd', '产品设计', 'A 新文', '2023-06-01T08:00:00+08:00'), path: 'pd/2023/a (1).md' },
      { article: article('pd', '产品设计', '无日期', null), path: 'pd/undated/c.md' },
      { article: article('ai', 'AI', '更新', '2024-02-02'), path: 'ai/2024/d.md' },
    ];
    expect(libraryIndex(entries)).toBe(`# Summary

## AI

### 2024

* [更新](ai/2024/d.md)

## 产品设计

### 2023

* [A 新文](pd/2023/a%20%281%29.md)
* [B 旧文 \\[草稿\\]](pd/2023/b.md)

### 日期不详

* [无日期](pd/undated/c.md)
`);
    const names = new UniqueNames();
    expect([names.take('a/b.md'), names.take('a/b.md'), names.take('a/B.md')]).toEqual(['a/b.md', 'a/b (2).md', 'a/B (3).md']);
    expect(batchReport(5, new Map())).toBe('转换 5 篇，跳过 0 篇');
  });
});
