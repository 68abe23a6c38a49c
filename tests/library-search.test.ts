/** The library search core (utils/library): normalising, the Chinese tokenizer, the index, ranking, passages. */
import { describe, expect, it } from 'vitest';
import { firstMatchAt, normalize, normalizeWithMap } from '../utils/library/normalize';
import { queryClauses, tokenize } from '../utils/library/tokenize';
import { contains, createLibraryIndex, loadLibraryIndex, passageOf, verifiedHit } from '../utils/library/search';
import { searchDocOf } from '../utils/library/search-doc';
import { searchFields, type SearchDoc } from '../utils/library/types';
import { fixtureArticle } from './helpers';
import manifest from './fixtures/manifest.json';

const doc = (url: string, fields: Partial<SearchDoc>): SearchDoc => ({
  url,
  title: '',
  author: '',
  tags: [],
  lead: '',
  body: '',
  highlights: [],
  notes: [],
  ...fields,
});
/** Does a text with these terms match every clause of the query? */
const matches = (text: string, query: string) => {
  const terms = new Set(tokenize(text));
  return queryClauses(query).every((clause) => clause.some((t) => terms.has(t)));
};

describe('normalize', () => {
  it('folds full-width forms, lower-cases Latin, drops zero-width characters and collapses white space', () => {
    expect(normalize('ＡＡＲＲＲ　模型')).toBe('aarrr 模型');
    expect(normalize('  SaaS\u200d  创业\n\n路线图 ')).toBe('saas 创业 路线图');
    expect(normalize('ＣｈａｔＧＰＴ：１２３')).toBe('chatgpt:123');
  });

  it('maps every normalised character back to the original', () => {
    const input = 'Ａ\u200bB  端';
    const { text, from } = normalizeWithMap(input);
    expect(text).toBe('ab 端');
    expect([...text].map((_, i) => input[from[i]!])).toEqual(['Ａ', 'B', ' ', '端']);
  });

  it('gives what folding one code point at a time gives, runs of plain characters included (copied whole)', () => {
    // the definition, code point by code point: NFKC, lower case, invisible dropped, white space runs one space, trimmed
    const reference = (input: string) =>
      [...input]
        .map((ch) => (/^[\u200b-\u200d\u2060\ufeff]$/u.test(ch) ? '' : /^\s$/u.test(ch) ? ' ' : ch.normalize('NFKC').toLowerCase()))
        .map((out) => (/^\s+$/u.test(out) ? ' ' : out))
        .join('')
        .replace(/ +/g, ' ')
        .trim();
    const pieces = '用户留存|B端|SaaS|aarrr|2024|ＡＢ|，|。|　| \n\t|\u200b|🎉|é|e\u0301|ﬁ|①|㍿|丽|—|:)|Z'.split('|');
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let n = 0; n < 500; n++) {
      const input = Array.from({ length: 1 + (next() % 12) }, () => pieces[next() % pieces.length]).join('');
      const { text, from } = normalizeWithMap(input);
      expect(normalize(input)).toBe(reference(input));
      expect(text).toBe(reference(input));
      expect(from).toHaveLength(text.length + 1);
      // each character maps back to where it came from: the same character, or one that folds to it
      for (let i = 0; i < text.length; i++) if (text[i] !== ' ') expect(normalize(input.slice(from[i]!, from[i]! + 2))).toContain(text[i]);
    }
  });
});

describe('tokenize', () => {
  it('finds a word however the segmenter cut it: 懵逼了 and 懵逼 share their pairs', () => {
    expect(tokenize('这下懵逼了')).toEqual(expect.arrayContaining(['懵逼', '逼了']));
    expect(matches('这下懵逼了', '懵逼')).toBe(true);
    expect(matches('他有点懵逼', '懵逼了')).toBe(false);
    expect(matches('标题：懵逼了吗', '懵逼了')).toBe(true);
  });

  it('keeps Latin product words and numbers whole, lower-cased, full-width folded', () => {
    const terms = tokenize('ＡＡＲＲＲ模型讲SaaS和ChatGPT，2024年');
    expect(terms).toEqual(expect.arrayContaining(['aarrr', 'saas', 'chatgpt', '2024', 'aarrr模', '模型', '2024年']));
    expect(terms).not.toContain('a');
    expect(matches('AARRR模型', 'ａａｒｒｒ')).toBe(true);
    expect(matches('做SaaS产品', 'saas')).toBe(true);
    expect(matches('ChatGPT-4o', 'ChatGPT')).toBe(true);
  });

  it('keeps B端 and 2B as terms, and B端定价 is found only where B端 stands before 定价', () => {
    expect(tokenize('B端定价')).toEqual(expect.arrayContaining(['b端', '端定', '定价']));
    expect(tokenize('做2B生意')).toEqual(expect.arrayContaining(['2b', '做2b', '2b生']));
    expect(matches('谈谈B端定价的方法', 'B端定价')).toBe(true);
    expect(matches('B端产品的定价', 'B端定价')).toBe(false);
  });

  it('finds a query cut inside a word at either end', () => {
    expect(matches('用ChatGPT写', 'atGPT写')).toBe(true); // starts inside ChatGPT
    expect(matches('用ChatGPT写', '用Chat')).toBe(true); // ends inside it
    expect(matches('用ChatGPT写', 'GPT')).toBe(true);
    expect(matches('用ChatGPT写', '用GPT')).toBe(false);
  });

  it('finds a query whose punctuation leaves one CJK character at an end: 大环境下，自 in 大环境下，自我', () => {
    expect(matches('在业务增长受限的大环境下，自我驱动', '务增长受限的大环境下，自')).toBe(true);
    expect(matches('在业务增长受限的大环境下，自我驱动', '我，大环境下')).toBe(true); // a candidate; verification drops it
    expect(contains(doc('u', { body: '在业务增长受限的大环境下，自我驱动' }), '我，大环境下')).toBe(false);
    expect(matches('一，二', '一，二')).toBe(true); // only lone characters: they are the clauses
  });

  it('indexes single CJK characters only where they stand alone, and adds segmenter words only when asked', () => {
    expect(tokenize('产品经理')).not.toContain('产');
    expect(tokenize('A 端 B')).toContain('端');
    expect(tokenize('真不好意思', { words: true })).toContain('不好意思');
    expect(tokenize('真不好意思')).not.toContain('不好意思');
  });
});

describe('the library index', () => {
  const a = doc('https://x/a', { title: '用户留存的三个方法', body: '正文没有那个词。' });
  const b = doc('https://x/b', { title: '增长', lead: '本文讲用户留存。', body: '正文。' });
  const c = doc('https://x/c', { title: '运营', body: '第三段里谈到用户留存和 SaaS 的 AARRR 模型。' });
  const noise = doc('https://x/d', { title: '用户', body: '留存之外，用户的留言。' }); // has the pairs, not the phrase

  it('ranks title matches above lead above body, and names the field', () => {
    const index = createLibraryIndex();
    for (const d of [c, b, a]) index.add(d);
    expect(index.search('用户留存').map((h) => [h.url, h.field])).toEqual([
      ['https://x/a', 'title'],
      ['https://x/b', 'lead'],
      ['https://x/c', 'body'],
    ]);
    expect(index.search('用户留存', { limit: 1 })).toHaveLength(1);
    expect(index.search('ａａｒｒｒ')[0]).toMatchObject({ url: 'https://x/c', field: 'body' });
  });

  it('with the documents to verify, keeps only those that contain the query', () => {
    const index = createLibraryIndex();
    const all = [a, b, c, noise];
    for (const d of all) index.add(d);
    const byUrl = new Map(all.map((d) => [d.url, d]));
    const found = index.search('用户留存', { verify: (url) => byUrl.get(url) }).map((h) => h.url);
    expect(found).toEqual(['https://x/a', 'https://x/b', 'https://x/c']);
    expect(found).toEqual(all.filter((d) => contains(d, '用户留存')).map((d) => d.url));
  });

  it('replaces an article added again and forgets a removed one', () => {
    const index = createLibraryIndex();
    index.add(a, 1);
    index.add(c);
    index.add({ ...a, title: '另一个标题' }, 2);
    expect(index.size).toBe(2);
    expect(index.stampOf(a.url)).toBe(2);
    expect(index.search('用户留存').map((h) => h.url)).toEqual(['https://x/c']);
    expect(index.search('另一个').map((h) => h.url)).toEqual(['https://x/a']);
    expect(index.remove(c.url)).toBe(true);
    expect(index.remove(c.url)).toBe(false);
    expect(index.has(c.url)).toBe(false);
    expect(index.search('用户留存')).toEqual([]);
  });

  it('serializes and loads back the same answers, and goes on updating once loaded', () => {
    const index = createLibraryIndex();
    const articles = ['pmd-2025-6195764', 'operate-2023-5957178', 'pd-2024-6119971'].map((n) => searchDocOf(fixtureArticle(n)));
    for (const d of articles) index.add(d, 7);
    const queries = ['产品思维', '面试', '用户', 'PRD', articles[1]!.author, articles[2]!.tags[0]!];
    const loaded = loadLibraryIndex(index.serialize());
    expect(loaded.size).toBe(3);
    expect(loaded.stampOf(articles[0]!.url)).toBe(7);
    for (const q of queries) {
      expect(loaded.search(q), q).toEqual(index.search(q));
      expect(loaded.search(q).length, q).toBeGreaterThan(0);
    }
    loaded.remove(articles[0]!.url);
    loaded.add(b);
    expect(loaded.search('无效积累').map((h) => h.url)).toEqual([]);
    expect(loaded.search('用户留存').map((h) => h.url)).toContain(b.url);
    expect(
      loadLibraryIndex(loaded.serialize())
        .search('用户留存')
        .map((h) => h.url),
    ).toContain(b.url);
  });

  it('finds every fixture article by a phrase of its body, and its highlight note', () => {
    const index = createLibraryIndex();
    const names = ['pmd-2025-6195764', 'operate-2023-5957178', 'pd-2024-6119971', 'it-2025-6200141'];
    const docs = names.map((n) => searchDocOf(fixtureArticle(n), [{ text: '划线', note: `${n} 的笔记：值得复盘` }]));
    for (const d of docs) index.add(d);
    for (const d of docs) {
      const phrase = d.body.slice(300, 308);
      expect(
        index.search(phrase).map((h) => h.url),
        phrase,
      ).toContain(d.url);
      expect(index.search(`${d.url.match(/\d+/)![0]} 的笔记`)[0]).toMatchObject({ url: d.url, field: 'notes' });
    }
  });
});

describe('passageOf', () => {
  it('cuts the stretch around the first match and marks every match in it', () => {
    const d = doc('u', { body: `${'前文。'.repeat(40)}我们谈ＡＡＲＲＲ，再谈aarrr模型。后文${'很长'.repeat(80)}` });
    const p = passageOf(d, 'body', 'AARRR', 60);
    expect(p.field).toBe('body');
    expect(p.text.length).toBeLessThanOrEqual(60);
    expect(p.marks.map(([s, e]) => p.text.slice(s, e))).toEqual(['ＡＡＲＲＲ', 'aarrr']);
    expect(p.text.startsWith('我们谈')).toBe(true);
  });

  it('collapses white space and keeps the marks on the right characters', () => {
    const d = doc('u', { lead: '第一行\n\n增长 \n  黑客 的方法' });
    const p = passageOf(d, 'lead', '增长  黑客');
    expect(p.text).toBe('增长 黑客 的方法'); // from the line the match is on
    expect(p.marks.map(([s, e]) => p.text.slice(s, e))).toEqual(['增长 黑客']);
  });

  it('marks the parts when the phrase is not there whole, and nothing when none is', () => {
    const d = doc('u', { title: '用户的留存' });
    const parts = passageOf(d, 'title', '用户留存');
    expect(parts.marks.map(([s, e]) => parts.text.slice(s, e))).toEqual(['用户', '留存']);
    expect(passageOf(d, 'title', '定价')).toEqual({ field: 'title', text: '用户的留存', marks: [] });
  });

  it('finds the first match without normalising the field when it can tell, and gives what normalising it gives', () => {
    const queries = ['用户', '产品经理', 'AI', 'APP', '的', '，', 'c端', '2023'];
    let quick = 0;
    let spanCount = 0;
    for (const { name } of manifest as Array<{ name: string }>) {
      const d = searchDocOf(fixtureArticle(name));
      const spans = [0.1, 0.4, 0.8].flatMap((at) => [2, 5, 8].map((n) => d.body.slice(Math.floor(d.body.length * at), Math.floor(d.body.length * at) + n)));
      for (const q of [...queries, ...spans, d.title.slice(2, 6), d.author])
        for (const field of ['title', 'body', 'lead'] as const)
          expect(passageOf(d, field, q), `${name} ${field} ${q}`).toEqual(passageOf(d, field, q, 120, 'whole'));
      // the quick way is the usual one for a span of the body (else this would compare the whole scan with itself)
      for (const q of spans.filter((span) => /^[\u4e00-\u9fff\w]+$/.test(span))) {
        spanCount++;
        if (firstMatchAt(d.body, normalize(q)) !== null) quick++;
      }
    }
    console.log(`passageOf: the quick way for ${quick} of ${spanCount} spans of the bodies (ideographs, letters, digits)`);
    expect(quick).toBeGreaterThan(spanCount * 0.9);
  });

  it('checks a candidate for a query that normalising changes (AARRR, B端) as normalising every field would', () => {
    const reference = (d: SearchDoc, q: string) =>
      searchFields.filter((field) => {
        const value = d[field];
        return normalize(Array.isArray(value) ? value.join('\n') : value).includes(normalize(q));
      });
    const queries = ['AARRR', 'ChatGPT', 'SaaS', 'B端', 'APP', 'AI', 'PRD', 'ＡＡＲＲＲ', 'Ai产品'];
    let hits = 0;
    for (const { name } of manifest as Array<{ name: string }>) {
      const d = searchDocOf(fixtureArticle(name));
      for (const q of [...queries, d.title.slice(0, 4).toUpperCase(), d.author.toUpperCase()]) {
        const fields = reference(d, q);
        const hit = verifiedHit(d, q);
        expect(hit?.field ?? null, `${name} ${q}`).toBe(fields[0] ?? null);
        expect(contains(d, q), `${name} ${q}`).toBe(fields.length > 0);
        if (hit) hits++;
      }
    }
    // and where something before a plain match folds otherwise (a full-width form, a zero-width character)
    for (const body of [`${'前文。'.repeat(30)}ＡＡＲＲＲ 模型`, `前文 A\u200bARRR 模型`, '前文 aarrr 模型'])
      expect(verifiedHit(doc('u', { body }), 'AARRR')?.field ?? null, body).toBe('body');
    expect(hits).toBeGreaterThan(30);
  });

  it('normalises the whole field when something before the first plain match could fold into an earlier one', () => {
    const cases: Array<[string, string]> = [
      [`${'前文。'.repeat(30)}第②0②3年，后来的2023年`, '2023'], // a circled digit folds into an earlier one
      [`${'前文。'.repeat(30)}用\u200b户留存，后来的用户留存`, '用户留存'], // a zero-width character inside an earlier one
      [`${'前文。'.repeat(30)}增长\u3000黑客，后来的增长黑客`, '增长 黑客'], // a query with a space
      [`${'前文。'.repeat(30)}ÉCLAT 的 éclat`, 'éclat'], // a query with a letter other than ASCII that has a case
    ];
    for (const [body, q] of cases) {
      const d = doc('u', { body });
      expect(firstMatchAt(body, normalize(q)), q).toBeNull();
      const p = passageOf(d, 'body', q);
      expect(p).toEqual(passageOf(d, 'body', q, 120, 'whole'));
      expect(p.marks.length).toBeGreaterThan(0);
    }
    // the folded one is the first match: the passage starts there, not at the plain one
    const circled = passageOf(doc('u', { body: cases[0]![0] }), 'body', '2023', 40);
    expect(circled.text.slice(...circled.marks[0]!)).toBe('②0②3');
    // a full-width form before the plain one: the passage starts at it, marking both
    const wide = doc('u', { body: `${'前文。'.repeat(30)}ＡＡＲＲＲ 模型，后来的 AARRR 模型` });
    expect(firstMatchAt(wide.body, 'aarrr')).toBeNull();
    const p = passageOf(wide, 'body', 'AARRR', 40);
    expect(p.marks.map((m) => p.text.slice(...m))).toEqual(['ＡＡＲＲＲ', 'AARRR']);
    // punctuation before a Chinese query folds (， -> ,) but into nothing of the query: the quick way
    expect(firstMatchAt('前文，后文。用户留存', '用户留存')).toBe(6);
    expect(firstMatchAt('前文，后文。AARRR', 'aarrr')).toBe(6);
    expect(firstMatchAt('前文,后文。用户留存', ',')).toBe(2);
    expect(firstMatchAt('前文，后文。a,b', ',')).toBeNull();
    expect(firstMatchAt('前文①后文。a1b', '1b')).toBeNull();
    expect(firstMatchAt('Ｃ端之前，c端 与 C端', 'c端')).toBeNull();
    expect(firstMatchAt('前文，后文。ChatGPT 与 chatgpt', 'chatgpt')).toBe(6);
    expect(firstMatchAt('前文。a.b 与 a-b', 'a-b')).toBe(9);
  });
});
