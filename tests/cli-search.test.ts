/** `md search <library folder> <query>`: a library written by the CLI from fixture pages, searched in process. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/md';
import { markdownText } from '../cli/search';
import { fixtureArticle, readFixture } from './helpers';

const names = ['pmd-2025-6195764', 'operate-2023-5957178', 'pd-2024-6119971', 'it-2025-6200141'];

async function run(...args: string[]) {
  const r = { stdout: '', stderr: '' };
  const code = await main(args, { write: (s: string) => (r.stdout += s) }, { write: (s: string) => (r.stderr += s) });
  return { code, ...r };
}

async function library(template: string): Promise<string> {
  const saved = mkdtempSync(path.join(tmpdir(), 'wr-search-saved-'));
  for (const n of names) writeFileSync(path.join(saved, `${n}.html`), readFixture(n, 'page.html'));
  const out = mkdtempSync(path.join(tmpdir(), 'wr-search-lib-'));
  expect((await run(saved, '--out', out, '--library', '--template', template)).code).toBe(0);
  return out;
}

describe.each(['frontmatter', 'gitbook'])('md search in a %s library', (template) => {
  let dir = '';
  beforeAll(async () => {
    dir = await library(template);
  }, 60_000);

  it('prints title, path and the passage with the hits marked, title matches first', async () => {
    const target = fixtureArticle('pmd-2025-6195764');
    const { code, stdout } = await run('search', dir, '产品思维', '--limit', '2');
    expect(code).toBe(0);
    const first = stdout.split('\n\n')[0]!.split('\n');
    expect(first[0]).toBe(`1. ${target.title}`);
    expect(first[1]).toMatch(/^ {3}pmd\/2025\/.+\.md$/);
    expect(first[2]).toContain('【产品思维】');
    expect(stdout.match(/^\d+\. /gm)?.length).toBeLessThanOrEqual(2);
  });

  it('finds each article by a phrase of its body, by its author and by a tag, as JSON', async () => {
    for (const n of names) {
      const article = fixtureArticle(n);
      const phrase = /\p{Script=Han}{7}/u.exec(article.text.slice(200))![0];
      for (const [query, field] of [[phrase, 'body'], [article.author.name, 'author'], [article.tags[0]!, null]] as const) {
        const { code, stdout } = await run('search', dir, query, '--format', 'json');
        expect(code, `${n} ${query}`).toBe(0);
        const hits = JSON.parse(stdout) as Array<{ url: string; path: string; score: number; title: string; passage: { field: string; text: string; marks: [number, number][] } }>;
        const hit = hits.find((h) => h.url === article.url);
        expect(hit, `${n} ${query}`).toBeDefined();
        expect(hit!.title).toBe(article.title);
        if (field) expect(hit!.passage.field).toBe(field);
        const [s, e] = hit!.passage.marks[0]!;
        expect(hit!.passage.text.slice(s, e).replace(/\s/g, '')).toBe(query.replace(/\s/g, ''));
      }
    }
  });

  it('says when nothing is found (exit 1) and refuses bad arguments (exit 2)', async () => {
    const none = await run('search', dir, '这句话不会在任何文章里出现');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('没有找到');
    expect((await run('search', dir)).code).toBe(2);
    expect((await run('search', dir, 'x', '--format', 'xml')).code).toBe(2);
    expect((await run('search', dir, 'x', '--limit', '0')).code).toBe(2);
    expect((await run('search', path.join(dir, 'missing'), 'x')).code).toBe(2);
  });
});

describe('markdownText', () => {
  it('keeps the words a reader sees', () => {
    expect(markdownText('## 标题\n\n**加粗**和[链接](https://x)![图](https://i)\n> 引用\n1. 第一\n- 点\\*')).toBe('标题\n\n加粗和链接\n引用\n第一\n点*');
  });
});
