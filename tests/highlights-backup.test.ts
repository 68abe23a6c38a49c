import { describe, expect, it } from 'vitest';
import { backupJson, parseBackup, planRestore } from '../utils/highlights/backup';
import type { ArticleHighlights, Highlight } from '../utils/highlights/types';

const h = (id: string, over: Partial<Highlight> = {}): Highlight => ({
  id,
  color: 'green',
  note: '笔记：**重要**\n第二行',
  quote: { exact: '用户增长的本质', prefix: '我们认为，', suffix: '是价值的传递' },
  position: { start: 120, end: 127 },
  createdAt: 1_764_000_000_000,
  updatedAt: 1_764_000_100_000,
  ...over,
});

const entries: ArticleHighlights[] = [
  { url: 'https://www.woshipm.com/pd/6119971.html', title: '系统架构怎么画', updatedAt: 1_764_000_100_000, highlights: [h('a1'), h('a2', { color: 'pink', note: '' })] },
  { url: 'https://www.woshipm.com/zhichang/6025589.html', title: '大厂人“卷”向海外', updatedAt: 1_764_000_200_000, highlights: [h('b1')] },
];

/** A valid backup with one field set to `value` by `edit`. */
// biome-ignore lint/suspicious/noExplicitAny: the test breaks the JSON on purpose, field by field
function tampered(edit: (data: any) => void): string {
  const data = JSON.parse(backupJson(entries, 1_764_000_300_000));
  edit(data);
  return JSON.stringify(data);
}

describe('backupJson / parseBackup', () => {
  it('round-trips every field', () => {
    const text = backupJson(entries, 1_764_000_300_000);
    expect(JSON.parse(text)).toMatchObject({ format: 'woshipm-reader-highlights', version: 1, exportedAt: 1_764_000_300_000 });
    expect(parseBackup(text)).toEqual({ ok: true, articles: entries });
    expect(parseBackup(backupJson([], 0))).toEqual({ ok: true, articles: [] });
  });

  it('says not-json for text that is not JSON', () => {
    for (const input of ['', 'not json', '{"format":', '\u0000', backupJson(entries, 1).slice(0, 100)]) {
      expect(parseBackup(input)).toEqual({ ok: false, reason: 'not-json' });
    }
  });

  it('says wrong-format for JSON that is not our backup, or a version it does not know', () => {
    for (const input of ['null', '[]', '42', '"x"', '{}', '{"format":"other","version":1,"articles":[]}', tampered((d) => (d.version = 2)), tampered((d) => (d.version = '1'))]) {
      expect(parseBackup(input)).toEqual({ ok: false, reason: 'wrong-format' });
    }
  });

  it('says invalid when any field does not check, and never throws', () => {
    // biome-ignore lint/suspicious/noExplicitAny: the test breaks the JSON on purpose, field by field
    const edits: ((d: any) => void)[] = [
      (d) => (d.articles = {}),
      (d) => (d.articles[0] = null),
      (d) => (d.articles[0].url = 'javascript:alert(1)'),
      (d) => (d.articles[0].url = 'data:text/html,<script>alert(1)</script>'),
      (d) => (d.articles[0].url = 'not a url'),
      (d) => (d.articles[0].url = `https://www.woshipm.com/${'x'.repeat(3000)}`),
      (d) => (d.articles[1].url = d.articles[0].url), // the same article twice
      (d) => (d.articles[0].title = 42),
      (d) => (d.articles[0].title = 'x'.repeat(1001)),
      (d) => (d.articles[0].updatedAt = -1),
      (d) => (d.articles[0].updatedAt = 'yesterday'),
      (d) => (d.articles[0].highlights = 'many'),
      (d) => (d.articles[0].highlights[0] = []),
      (d) => (d.articles[0].highlights[0].id = ''),
      (d) => (d.articles[0].highlights[0].id = '<img src=x onerror=alert(1)>'),
      (d) => (d.articles[0].highlights[1].id = d.articles[0].highlights[0].id),
      (d) => (d.articles[0].highlights[0].color = 'red'),
      (d) => (d.articles[0].highlights[0].color = 'constructor'),
      (d) => (d.articles[0].highlights[0].note = null),
      (d) => (d.articles[0].highlights[0].note = 'x'.repeat(20_001)),
      (d) => delete d.articles[0].highlights[0].quote,
      (d) => (d.articles[0].highlights[0].quote.exact = '   '),
      (d) => (d.articles[0].highlights[0].quote.prefix = 7),
      (d) => (d.articles[0].highlights[0].quote.suffix = 'x'.repeat(201)),
      (d) => (d.articles[0].highlights[0].position = { start: 10, end: 10 }),
      (d) => (d.articles[0].highlights[0].position = { start: -5, end: 10 }),
      (d) => (d.articles[0].highlights[0].position = { start: 1.5, end: 10 }),
      (d) => (d.articles[0].highlights[0].position = { start: 0, end: 1e300 }),
      (d) => (d.articles[0].highlights[0].createdAt = Number.MAX_VALUE),
      (d) => (d.articles[0].highlights[0].updatedAt = null),
    ];
    for (const edit of edits) expect(parseBackup(tampered(edit)), String(edit)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('keeps only the known fields, whatever else the file carries', () => {
    const text = tampered((d) => {
      d.articles[0].extra = '<script>';
      d.articles[0].highlights[0].html = '<img onerror=alert(1)>';
      d.articles[0].highlights[0].quote.selector = 'x';
    }).replace('"format"', '"__proto__":{"polluted":true},"format"');
    const parsed = parseBackup(text);
    expect(parsed).toEqual({ ok: true, articles: entries });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('planRestore', () => {
  it('adds what is new, leaves what is the same, and asks about every difference', () => {
    const [pd, zhichang] = entries as [ArticleHighlights, ArticleHighlights];
    const fresh: ArticleHighlights = { url: 'https://www.woshipm.com/it/1.html', title: '新的', updatedAt: 5, highlights: [h('c1')] };
    const emptied: ArticleHighlights = { ...fresh, url: 'https://www.woshipm.com/it/2.html', highlights: [] };
    const changed: ArticleHighlights = { ...zhichang, highlights: [h('b1', { note: '改过的笔记' }), h('b2')] };
    const reordered: ArticleHighlights = { ...pd, highlights: [...pd.highlights].reverse() };
    const plan = planRestore([pd, zhichang, { ...emptied, url: fresh.url }], [reordered, changed, fresh, emptied]);
    expect(plan.added).toEqual([fresh]);
    expect(plan.conflicts).toEqual([{ url: zhichang.url, existing: 1, incoming: 2 }]);
    expect(planRestore([], entries)).toEqual({ added: entries, conflicts: [] });
    expect(planRestore(entries, entries)).toEqual({ added: [], conflicts: [] });
  });
});
