/**
 * The library page's index kept in IndexedDB (shell/library-search.ts, FlexSearch's IndexedDB storage) over an
 * in-memory IndexedDB: it answers as the CLI's in-memory index does, survives a reopen, re-indexes and drops
 * articles, compacts its stale ids and goes with 删除全部数据.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as StoredIndex from '../shell/library-search';
import type * as PageSearch from '../entrypoints/library/search-index';
import { clearLibrary, deleteArticles, getSearchEntry, listCards, putArticle, putSearchEntry, setState } from '../shell/library';
import type * as Search from '../utils/library/search';
import { searchDocOf } from '../utils/library/search-doc';
import type { SearchDoc } from '../utils/library/types';
import { fixtureArticle } from './helpers';
import { useFakeIndexedDb } from './library-fixtures';

useFakeIndexedDb();
// FlexSearch reads `window.indexedDB` when its module is evaluated: what imports it is evaluated anew once the fake is
// in place (this tier's files share their module cache, and FlexSearch is inlined for this, see vitest.config.ts)
let openStoredIndex: typeof StoredIndex.openStoredIndex;
let createLibraryIndex: typeof Search.createLibraryIndex;
let openLibrarySearch: typeof PageSearch.openLibrarySearch;
beforeAll(async () => {
  vi.resetModules();
  ({ openStoredIndex } = await import('../shell/library-search'));
  ({ openLibrarySearch } = await import('../entrypoints/library/search-index'));
  ({ createLibraryIndex } = await import('../utils/library/search'));
});
beforeEach(() => clearLibrary());

const names = ['woshipm-6025589', 'marketing-2023-5966719', 'operate-2023-5957178', 'pd-2024-6119971', 'data-analysis-2024-6106918', 'it-2025-6200141'];
const docs: SearchDoc[] = names.map((name) => searchDocOf(fixtureArticle(name), [{ text: '', note: `笔记${name.length}号：回头再看` }]));
const byUrlOf = (url: string) => docs.find((d) => d.url === url)!;
/** Every field's text of a document, as one string. */
const searchFieldsText = (d: SearchDoc) => [d.title, d.author, d.tags.join('\n'), d.lead, d.body, d.highlights.join('\n'), d.notes.join('\n')].join('\n');
const version = (n: number) => ({ card: n, highlights: 0 });
/** Queries of every kind: title words, authors, tags, body spans, Latin words, a note, and one nothing has. */
const queries = [
  ...docs.flatMap((d) => [d.title.slice(0, 4), d.author, d.tags[0] ?? '', d.body.slice(200, 206), d.body.slice(1500, 1503)]),
  '用户',
  '产品经理',
  'AI',
  '回头再看',
  '量子纠缠花园',
].filter((q) => q.trim() !== '');

describe('the stored library index', () => {
  it('finds every article the in-memory index finds and contains the query, and no candidate that index would not give', async () => {
    const stored = await openStoredIndex();
    expect(stored.fresh).toBe(true);
    await stored.update(
      docs.map((doc, i) => ({ doc, version: version(i) })),
      [],
    );
    const memory = createLibraryIndex();
    for (const doc of docs) memory.add(doc);
    const byUrl = new Map(docs.map((d) => [d.url, d]));
    expect(stored.size).toBe(docs.length);
    let nonEmpty = 0;
    for (const query of queries) {
      const got = (await stored.search(query)).map((h) => h.url);
      const truth = memory.search(query, { verify: (url) => byUrl.get(url) }).map((h) => h.url);
      const candidates = memory.search(query).map((h) => h.url);
      expect(got, query).toEqual(expect.arrayContaining(truth));
      for (const url of got) expect(candidates, query).toContain(url);
      if (got.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(queries.length * 0.8);
    expect(await stored.search('量子纠缠花园')).toEqual([]);
    // the title's words rank its article first, the field recorded
    expect((await stored.search(docs[3]!.title.slice(0, 6)))[0]).toMatchObject({ url: docs[3]!.url, field: 'title' });
  });

  it('builds from nothing in parts of the terms, each posting written once, with the answers of a build in one commit', async () => {
    // six articles, two a commit: three parts, each over every article
    const stored = await openStoredIndex({ commitEvery: 2 });
    expect(stored.partsFor(docs.length)).toBe(3);
    const puts = new Map<string, number>();
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'map') puts.set(String(key), (puts.get(String(key)) ?? 0) + 1);
      return put.call(this, value, key);
    });
    try {
      await stored.update(
        docs.map((doc, i) => ({ doc, version: version(i) })),
        [],
      );
    } finally {
      spy.mockRestore();
    }
    expect(puts.size).toBeGreaterThan(1000);
    expect([...puts.values()].filter((n) => n > 1)).toEqual([]);
    // once it holds articles, an update is one part
    expect(stored.partsFor(docs.length)).toBe(1);
    const parted = await openStoredIndex();
    const answers = await Promise.all(queries.map((query) => parted.search(query)));
    expect(parted.versions).toEqual(Object.fromEntries(docs.map((d, i) => [d.url, version(i)])));
    await clearLibrary();
    const whole = await openStoredIndex();
    expect(whole.partsFor(docs.length)).toBe(1);
    await whole.update(
      docs.map((doc, i) => ({ doc, version: version(i) })),
      [],
    );
    for (const [i, query] of queries.entries()) expect(answers[i], query).toEqual(await whole.search(query));
    expect(answers.filter((hits) => hits.length).length).toBeGreaterThan(queries.length * 0.8);
  });

  it('keeps the body pairs exact: a two-character query has no candidate without that pair', async () => {
    const stored = await openStoredIndex();
    await stored.update(
      docs.map((doc, i) => ({ doc, version: version(i) })),
      [],
    );
    const memory = createLibraryIndex();
    for (const doc of docs) memory.add(doc);
    // pairs of the first article's body that some other article lacks: each finds only articles with that pair
    const pairs = [...new Set(docs[0]!.body.match(/[\u4e00-\u9fff]{2}/g) ?? [])].slice(0, 300);
    let bucketFalse = 0;
    for (const pair of pairs) {
      for (const hit of await stored.search(pair)) expect(searchFieldsText(byUrlOf(hit.url)), pair).toContain(pair);
      bucketFalse += memory.search(pair).filter((h) => !searchFieldsText(byUrlOf(h.url)).includes(pair)).length;
    }
    // the bucketed in-memory index does give such candidates: the difference is the point
    expect(bucketFalse).toBeGreaterThan(0);
  });

  it('is there again when opened again: the same versions and answers, nothing rebuilt', async () => {
    const first = await openStoredIndex();
    await first.update(
      docs.map((doc, i) => ({ doc, version: version(i) })),
      [],
    );
    const before = await first.search(docs[1]!.body.slice(300, 306));
    const again = await openStoredIndex();
    expect(again.fresh).toBe(false);
    expect(again.size).toBe(docs.length);
    expect(again.versions).toEqual(Object.fromEntries(docs.map((d, i) => [d.url, version(i)])));
    expect(before.map((h) => h.url)).toContain(docs[1]!.url);
    expect(await again.search(docs[1]!.body.slice(300, 306))).toEqual(before);
  });

  it('updated as soon as it is opened again (before anything asks which versions it holds), holds the right ones', async () => {
    const first = await openStoredIndex();
    await first.update(
      docs.slice(0, 4).map((doc, i) => ({ doc, version: version(i) })),
      [],
    );
    // the versions are made from the saved ids when first asked for: here by the update, after the page read none
    const again = await openStoredIndex();
    await again.update(
      [
        { doc: docs[4]!, version: version(4) },
        { doc: docs[1]!, version: version(11) },
      ],
      [docs[0]!.url],
    );
    const expected = { [docs[1]!.url]: version(11), [docs[2]!.url]: version(2), [docs[3]!.url]: version(3), [docs[4]!.url]: version(4) };
    expect(again.versions).toEqual(expected);
    expect((await openStoredIndex()).versions).toEqual(expected);
  });

  it('keeps what names its ids compactly, reads the layout before it without building again, and builds again from an older format', async () => {
    const first = await openStoredIndex();
    await first.update(
      docs.slice(0, 4).map((doc, i) => ({ doc, version: version(i) })),
      [],
    );
    const query = docs[2]!.body.slice(300, 306);
    const answer = await first.search(query);
    expect(answer.map((h) => h.url)).toContain(docs[2]!.url);
    const stored = (await getSearchEntry<{ format: number; urls: string; cards: Float64Array; highlights: Float64Array }>('stored-index'))!;
    expect(stored.format).toBe(4);
    expect(JSON.parse(stored.urls)).toEqual(docs.slice(0, 4).map((d) => d.url));
    expect([...stored.cards]).toEqual([0, 1, 2, 3]);
    expect(Object.prototype.toString.call(stored.highlights)).toBe('[object Float64Array]');
    expect([...stored.highlights]).toEqual([0, 0, 0, 0]);

    // the layout of format 3 (what the page saved before): the same index, read as it is
    const versions = Object.fromEntries(docs.slice(0, 4).map((d, i) => [d.url, version(i)]));
    await putSearchEntry('stored-index', { format: 3, urls: docs.slice(0, 4).map((d) => d.url), versions });
    const again = await openStoredIndex();
    expect(again.fresh).toBe(false);
    expect(again.versions).toEqual(versions);
    expect(await again.search(query)).toEqual(answer);
    await again.update([{ doc: docs[4]!, version: version(4) }], [docs[0]!.url]);
    const resaved = (await getSearchEntry<{ format: number; urls: string; cards: Float64Array }>('stored-index'))!;
    expect(resaved.format).toBe(4);
    expect(JSON.parse(resaved.urls)).toEqual([null, ...docs.slice(1, 5).map((d) => d.url)]);
    expect([...resaved.cards]).toEqual([0, 1, 2, 3, 4]);
    expect((await openStoredIndex()).versions).toEqual({ ...Object.fromEntries(docs.slice(1, 5).map((d, i) => [d.url, version(i + 1)])) });

    // an older format (2: the body's terms bucketed) is not used: the index starts empty, to be built again
    await putSearchEntry('stored-index', { format: 2, urls: [docs[0]!.url], versions: { [docs[0]!.url]: version(0) } });
    const rebuilt = await openStoredIndex();
    expect(rebuilt.fresh).toBe(true);
    expect(rebuilt.size).toBe(0);
    expect(await rebuilt.search(query)).toEqual([]);
  });

  it('indexes an article again under a new id (its old text no longer finds it) and drops a deleted one', async () => {
    const stored = await openStoredIndex();
    await stored.update(
      docs.map((doc, i) => ({ doc, version: version(i) })),
      [],
    );
    const [a, b] = docs as [SearchDoc, SearchDoc];
    const oldPhrase = a.body.slice(400, 407);
    expect((await stored.search(oldPhrase)).map((h) => h.url)).toContain(a.url);
    await stored.update([{ doc: { ...a, body: '改写之后只剩下一句关于灰度发布的话。', notes: [] }, version: version(99) }], [b.url]);
    const reopened = await openStoredIndex();
    for (const index of [stored, reopened]) {
      expect((await index.search(oldPhrase)).map((h) => h.url)).not.toContain(a.url);
      expect(await index.search('灰度发布')).toEqual([{ url: a.url, field: 'body', score: 1 }]);
      expect((await index.search(b.title)).map((h) => h.url)).not.toContain(b.url);
      expect(index.versions[a.url]).toEqual(version(99));
      expect(index.versions[b.url]).toBeUndefined();
      expect(index.size).toBe(docs.length - 1);
    }
  });

  it('empties itself once stale ids outnumber live ones, so that every article is indexed anew', async () => {
    const stored = await openStoredIndex({ minStale: 3 });
    await stored.update(
      docs.map((doc, i) => ({ doc, version: version(i) })),
      [],
    );
    expect(await stored.compact()).toBe(false);
    // five re-indexings leave five stale ids beside six live ones: not yet
    for (let n = 0; n < 5; n++) await stored.update([{ doc: docs[0]!, version: version(10 + n) }], []);
    expect(await stored.compact()).toBe(false);
    await stored.update(
      [
        { doc: docs[0]!, version: version(20) },
        { doc: docs[1]!, version: version(21) },
      ],
      [],
    );
    expect(await stored.compact()).toBe(true);
    expect(stored.size).toBe(0);
    expect(stored.versions).toEqual({});
    expect(await stored.search(docs[2]!.title)).toEqual([]);
    const reopened = await openStoredIndex();
    expect(reopened.size).toBe(0);
    expect(await reopened.search(docs[2]!.title)).toEqual([]);
  });

  it('goes with 删除全部数据: after clearLibrary it opens empty, and fresh', async () => {
    const stored = await openStoredIndex();
    await stored.update([{ doc: docs[0]!, version: version(1) }], []);
    expect(await stored.search(docs[0]!.title)).not.toEqual([]);
    await clearLibrary();
    const reopened = await openStoredIndex();
    expect(reopened.fresh).toBe(true);
    expect(await reopened.search(docs[0]!.title)).toEqual([]);
  });
});

describe("the library page's search", () => {
  it('indexes a burst of saves in one update: one asked for while another waits takes the newer library', async () => {
    const articles = names.slice(0, 5).map((name) => fixtureArticle(name));
    await putArticle(articles[0]!);
    const search = await openLibrarySearch();
    expect(await search.update(await listCards(), new Map())).toEqual({ added: 1, removed: 0, fresh: true });
    // the library as the page reads it after each of four more saves
    const snapshots = [];
    for (const article of articles.slice(1)) {
      await putArticle(article);
      snapshots.push(await listCards());
    }
    const running = search.update([...snapshots[0]!], new Map());
    const asked = snapshots.slice(1).map((cards) => search.update(cards, new Map()));
    const results = await Promise.all([running, ...asked]);
    // each call gets the result of an update that holds its library; not one update per save
    const distinct = [...new Set(results)];
    expect(distinct.length).toBeLessThanOrEqual(2);
    expect(distinct.reduce((sum, r) => sum + r.added, 0)).toBe(4);
    expect(results.at(-1)).toBe(distinct.at(-1));
    for (const article of articles) expect((await search.search(article.title)).items.map((f) => f.hit.url)).toContain(article.url);
    expect(await search.update(await listCards(), new Map())).toEqual({ added: 0, removed: 0, fresh: false });
  });

  it('builds the page’s index from nothing in parts of the terms when the library is more than a commit, and finds every article', async () => {
    const articles = names.map((name) => fixtureArticle(name));
    for (const article of articles) await putArticle(article);
    const search = await openLibrarySearch({ commitEvery: 2 });
    expect(await search.update(await listCards(), new Map())).toEqual({ added: 6, removed: 0, fresh: true });
    for (const article of articles) {
      expect((await search.search(article.title)).items.map((f) => f.hit.url)).toContain(article.url);
      const phrase = article.text.match(/[^\s]{40}/)![0].slice(20, 30);
      expect((await search.search(phrase)).items.map((f) => f.hit.url)).toContain(article.url);
    }
    // and so does the index as saved, opened again
    const again = await openLibrarySearch();
    expect(await again.update(await listCards(), new Map())).toEqual({ added: 0, removed: 0, fresh: false });
    for (const article of articles) expect((await again.search(article.title)).items.map((f) => f.hit.url)).toContain(article.url);
  });

  it('checks the candidates against the texts stored with the articles and shows them with their cards as stored now', async () => {
    const articles = names.slice(0, 3).map((name) => fixtureArticle(name));
    for (const article of articles) await putArticle(article);
    const search = await openLibrarySearch();
    expect(await search.update(await listCards(), new Map())).toEqual({ added: 3, removed: 0, fresh: true });
    // ten characters of the second article's body, no white space in them
    const phrase = articles[1]!.text.match(/[^\s]{40}/)![0].slice(20, 30);
    const { items } = await search.search(phrase);
    expect(items.map((f) => [f.hit.url, f.hit.field])).toEqual([[articles[1]!.url, 'body']]);
    expect(items[0]!.passage.text).toContain(phrase);
    const [start, end] = items[0]!.passage.marks[0]!;
    expect(items[0]!.passage.text.slice(start, end)).toBe(phrase);
    expect(items[0]!.card).toMatchObject({ url: articles[1]!.url, title: articles[1]!.title, state: 'later' });

    // the text is kept between queries, the card is not: marked 已读, the next answer says so
    await setState(articles[1]!.url, 'read');
    expect((await search.search(phrase)).items[0]!.card.state).toBe('read');
    // deleted, it is not shown, though the index names it until its next update
    await deleteArticles([articles[1]!.url]);
    expect((await search.search(phrase)).items).toEqual([]);
    expect(await search.update(await listCards(), new Map())).toEqual({ added: 0, removed: 1, fresh: false });
    expect((await search.search(articles[2]!.title)).items.map((f) => f.hit.url)).toEqual([articles[2]!.url]);
  });
});
