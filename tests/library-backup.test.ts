/**
 * The library backup (utils/library/backup.ts, restore.ts): the zip in the CLI library's layout, read back to
 * the same records; a folder the CLI wrote with --library imports through the same path and backs up to the
 * CLI's own files; the merge plan; broken and hostile backups refused with a reason, never a crash.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { convertFile, main } from '../cli/md';
import type { ArticleHighlights } from '../utils/highlights/types';
import { BackupZipWriter, newCard, writeBackup, type BackupSource, type LibraryImage } from '../utils/library/backup';
import {
  mergeHighlights,
  pickedBackupFiles,
  planLibraryRestore,
  readBackup,
  readBackupZip,
  type ReadBackupResult,
  type RestoredLibrary,
} from '../utils/library/restore';
import type { LibraryCard, LibraryRecord } from '../utils/library/types';
import type { Article } from '../utils/types';
import { files } from './cli-cases';
import { article as inDocument, highlightOf } from './highlight-fixtures';
import { fixtureArticle, fixturesDir } from './helpers';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const page = (name: string) => path.join(fixturesDir, name, 'page.html');
const quiet = { write: () => true };
/** A PNG's signature and a seed: what sniffing takes for a PNG, distinct bytes per seed. */
const png = (seed: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, seed, seed + 1, seed + 2, 0]);
const bytes = (data: Uint8Array | string | undefined) => (typeof data === 'string' ? strToU8(data) : data);

function ok(result: ReadBackupResult): RestoredLibrary {
  if (!result.ok) throw new Error(`refused: ${result.reason} ${result.detail}`);
  return result.backup;
}

/** The backup's files as a writer collects them. */
async function backupFiles(source: BackupSource): Promise<Map<string, Uint8Array | string>> {
  const written = new Map<string, Uint8Array | string>();
  await writeBackup(source, { add: (p, data) => void written.set(p, data) }, { parser: new DOMParser(), now: 5_000 });
  return written;
}

/** A library in memory: its records, images by hash and highlights, as the store would give them. */
function sourceOf(records: LibraryRecord[], images: Map<string, LibraryImage>, highlights: ArticleHighlights[] = []): BackupSource {
  const byUrl = new Map(records.map((r) => [r.card.url, r]));
  return { cards: records.map((r) => r.card), record: async (url) => byUrl.get(url) ?? null, image: async (hash) => images.get(hash) ?? null, highlights };
}

/** `src` of the first `n` images of an article's body. */
const imageUrls = (a: Article, n: number) => [...a.html.matchAll(/<img[^>]* src="([^"]+)"/g)].slice(0, n).map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('a folder the CLI wrote with --library', () => {
  it('imports through the restore path: the articles as extracted, their images by hash; backed up again it gives the CLI files byte for byte', async () => {
    const input = mkdtempSync(path.join(tmpdir(), 'wr-saved-'));
    cpSync(path.join(fixturesDir, 'saved-complete'), input, { recursive: true });
    copyFileSync(page('woshipm-6025589'), path.join(input, 'a.html'));
    copyFileSync(page('pmd-2025-6195764'), path.join(input, 'b.html'));
    const out = mkdtempSync(path.join(tmpdir(), 'wr-library-'));
    expect(await main([input, '--out', out, '--library', '--images', 'local'], quiet, quiet)).toBe(0);
    const onDisk = files(out);
    expect(onDisk).toContain('library.json');
    // as the browser gives a picked folder: each file under the folder's own name
    const picked = onDisk.map((rel) => ({
      path: `lib/${rel}`,
      size: statSync(path.join(out, rel)).size,
      bytes: async () => new Uint8Array(readFileSync(path.join(out, rel))),
    }));
    const backup = ok(await readBackup(pickedBackupFiles(picked)));
    expect(backup.generator).toBe('cli');
    expect(backup.missingImages).toBe(0);

    const pages = ['a.html', 'b.html', '加密货币 新规.html'].map((f) => path.join(input, f));
    const extracted = pages.map((file) => {
      const result = convertFile(file);
      if (!result.ok) throw new Error(file);
      return result.article;
    });
    expect(backup.records.map((r) => r.article).sort((x, y) => x.url.localeCompare(y.url))).toEqual(extracted.sort((x, y) => x.url.localeCompare(y.url)));
    for (const record of backup.records) {
      expect(record.card.textHash).toBe(sha256(record.article.text));
      expect(record.card.state).toBe('later');
    }
    const withImages = backup.records.find((r) => Object.keys(r.images).length)!;
    expect(Object.keys(withImages.images)).toHaveLength(4); // four body images, two of them the same bytes
    const images = await backup.images(withImages);
    expect(images.size).toBe(3);
    for (const [hash, image] of images) expect(sha256(image.bytes)).toBe(hash);

    const allImages = new Map<string, LibraryImage>();
    for (const record of backup.records) for (const [hash, image] of await backup.images(record)) allImages.set(hash, image);
    const written = await backupFiles(sourceOf(backup.records, allImages));
    expect([...written.keys()].sort()).toEqual(onDisk);
    for (const rel of onDisk) {
      if (rel === 'library.json') continue;
      const data = written.get(rel);
      if (typeof data === 'string') expect(data, rel).toBe(readFileSync(path.join(out, rel), 'utf8'));
      else expect(data, rel).toEqual(new Uint8Array(readFileSync(path.join(out, rel))));
    }
    const json = (data: Uint8Array | string | undefined) => ({ ...JSON.parse(new TextDecoder().decode(bytes(data))), exportedAt: 0, generator: '' });
    expect(json(written.get('library.json'))).toEqual(json(readFileSync(path.join(out, 'library.json'))));
  });
});

describe('the backup zip', () => {
  const a = fixtureArticle('woshipm-6025589');
  const b = fixtureArticle('pmd-2025-6195764');
  const c = fixtureArticle('zhichang-2025-6191298');
  const [imageA1, imageA2] = imageUrls(a, 2);
  const card = (article: Article, over: Partial<LibraryCard>, images = 0): LibraryCard => ({
    ...newCard(article, sha256(article.text), 1_000, images),
    ...over,
  });
  const images = new Map<string, LibraryImage>([
    [sha256(png(1)), { bytes: png(1), type: 'image/png' }],
    [sha256(png(2)), { bytes: png(2), type: 'application/octet-stream' }], // sniffed: a PNG
  ]);
  const records: LibraryRecord[] = [
    { card: card(a, { updatedAt: 3_000 }, 2), article: a, images: { [imageA1!]: sha256(png(1)), [imageA2!]: sha256(png(2)) } },
    { card: card(b, { state: 'read', exports: [{ at: 2_000, where: 'folder', folder: 'vault', path: 'pmd/b.md' }] }), article: b, images: {} },
    // an image the store lost: the backup goes on without it
    { card: card(c, {}, 1), article: c, images: { [imageUrls(c, 1)[0]!]: sha256(png(9)) } },
  ];
  const highlights = (): ArticleHighlights[] => {
    const root = inDocument(a.html);
    const phrase = a.text
      .split('\n')
      .find((line) => line.length > 20)!
      .slice(2, 14);
    const entry = { url: a.url, title: a.title, updatedAt: 4_000, highlights: [highlightOf(root, phrase, 'h1', { note: '回头细读', updatedAt: 4_000 })] };
    root.remove();
    return [entry];
  };

  it('round trip: records -> zip -> read back -> the same records, images and highlights; the Markdown carries images and highlights', async () => {
    const marks = highlights();
    const writer = new BackupZipWriter(5_000);
    const summary = await writeBackup(sourceOf(records, images, marks), writer, { parser: new DOMParser(), now: 5_000 });
    expect(summary).toEqual({ articles: 3, images: 2, missingImages: 1 });
    const zip = new Uint8Array(await writer.end().arrayBuffer());
    const backup = ok(await readBackupZip(zip));
    expect(backup.generator).toBe('extension');
    expect(backup.exportedAt).toBe(5_000);
    const lost = records[2]!;
    expect(backup.records).toEqual([records[0], records[1], { ...lost, images: {}, card: { ...lost.card, images: 0 } }]);
    expect(backup.highlights).toEqual(marks);
    const restored = await backup.images(backup.records[0]!);
    expect([...restored]).toEqual([...images].map(([hash, image]) => [hash, { bytes: image.bytes, type: 'image/png' }]));

    const written = await backupFiles(sourceOf(records, images, marks));
    const markdown = written.get(`${'zhichang/2024'}/2024-04-02-2024，大厂人“卷”向海外.md`) as string;
    expect(markdown).toContain(`](../../assets/${sha256(png(1)).slice(0, 16)}.png)`);
    expect(markdown).toContain(`==${marks[0]!.highlights[0]!.quote.exact}==`);
    expect(markdown).toContain('回头细读');
    expect(bytes(written.get(`assets/${sha256(png(2)).slice(0, 16)}.png`))).toEqual(png(2));
    expect(written.get('SUMMARY.md')).toMatch(/^# Summary\n/);
  });

  it('plans the merge: new articles added, identical ones skipped, other text or state a conflict', () => {
    const stored = [
      records[0]!.card,
      { ...records[1]!.card, state: 'later' as const },
      { ...card(c, {}), textHash: sha256('an older text') },
      card(fixtureArticle('pmd-2021-5239764'), {}),
    ];
    const plan = planLibraryRestore(stored, records);
    expect(plan.added).toEqual([]);
    expect(plan.identical).toEqual([a.url]);
    expect(plan.conflicts.map((x) => [x.url, x.differs])).toEqual([
      [b.url, ['state']],
      [c.url, ['text']],
    ]);
    expect(plan.conflicts[0]!.mine.state).toBe('later');
    expect(plan.conflicts[0]!.backup.state).toBe('read');
    expect(planLibraryRestore([], records).added).toEqual(records);
  });

  it('merges highlights by id: both sides kept, the same id the one changed last', () => {
    const [mine] = highlights();
    const h = mine!.highlights[0]!;
    const theirs: ArticleHighlights = {
      ...mine!,
      updatedAt: 9_000,
      highlights: [
        { ...h, note: '备份里改过的笔记', updatedAt: 9_000 },
        { ...h, id: 'h2', position: { start: h.position.start + 100, end: h.position.end + 100 } },
      ],
    };
    const [merged] = mergeHighlights([mine!], [theirs]);
    expect(merged!.highlights.map((x) => [x.id, x.note])).toEqual([
      ['h1', '备份里改过的笔记'],
      ['h2', h.note],
    ]);
    expect(mergeHighlights([theirs], [mine!])).toEqual([]); // older: nothing to change
    expect(mergeHighlights([merged!], [theirs])).toEqual([]);
    expect(mergeHighlights([], [mine!])).toEqual([mine]);
  });
});

describe('a broken or hostile backup', () => {
  const a = fixtureArticle('woshipm-6025589');
  const json = (over: Record<string, unknown> = {}, article: Record<string, unknown> = {}) =>
    JSON.stringify({
      format: 'woshipm-reader-library',
      version: 1,
      exportedAt: 1,
      generator: 'extension',
      articles: [{ path: 'a.md', card: newCard(a, 'x', 1), article: { ...a, ...article }, images: {} }],
      images: {},
      highlights: [],
      ...over,
    });
  const zipOf = (entries: Record<string, string | Uint8Array>) =>
    zipSync(Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, typeof data === 'string' ? strToU8(data) : data])));
  const refused = async (zip: Uint8Array) => {
    const result = await readBackupZip(zip);
    return result.ok ? 'accepted' : `${result.reason}${result.detail && result.reason === 'invalid' ? ` ${result.detail}` : ''}`;
  };
  /** The uncompressed size the central directory declares for the zip's first entry, rewritten. */
  const declaring = (zip: Uint8Array, size: number) => {
    const copy = zip.slice();
    const view = new DataView(copy.buffer);
    for (let i = copy.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      view.setUint32(i + 24, size, true);
      return copy;
    }
    throw new Error('no central directory');
  };

  it.each([
    ['random bytes', () => crypto.getRandomValues(new Uint8Array(4096)), 'not-zip'],
    ['nothing', () => new Uint8Array(0), 'not-zip'],
    ['a zip without library.json', () => zipOf({ 'notes/a.md': '# a' }), 'no-library'],
    ['library.json that is not JSON', () => zipOf({ 'library.json': '{"format":' }), 'not-json'],
    ['library.json that is not UTF-8', () => zipOf({ 'library.json': new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), 'not-json'],
    ["another program's JSON", () => zipOf({ 'library.json': '{"format":"pocket","version":1}' }), 'wrong-format'],
    ['a newer version', () => zipOf({ 'library.json': json({ version: 2 }) }), 'newer-version'],
    ['a body that is not text', () => zipOf({ 'library.json': json({}, { html: 5 }) }), 'invalid articles[0].article.html'],
    ['a javascript: cover', () => zipOf({ 'library.json': json({}, { cover: 'javascript:alert(1)' }) }), 'invalid articles[0].article.cover'],
    ['a javascript: article URL', () => zipOf({ 'library.json': json({}, { url: 'javascript:alert(1)' }) }), 'invalid articles[0].article.url'],
    [
      'a card of another article',
      () =>
        zipOf({
          'library.json': json({
            articles: [{ path: 'a.md', card: newCard({ ...a, url: 'https://www.woshipm.com/x/1.html' }, 'x', 1), article: a, images: {} }],
          }),
        }),
      'invalid articles[0].card.url',
    ],
    [
      'the same article twice',
      () => zipOf({ 'library.json': json({ articles: [0, 1].map(() => ({ path: 'a.md', card: newCard(a, 'x', 1), article: a, images: {} })) }) }),
      'invalid articles: the same url twice',
    ],
    [
      'an image outside the backup',
      () => zipOf({ 'library.json': json({ images: { [sha256('x')]: { path: '../../etc/passwd', type: 'image/png' } } }) }),
      `invalid images.${sha256('x')}.path`,
    ],
    [
      'a __proto__ image key',
      () =>
        zipOf({
          'library.json':
            '{"format":"woshipm-reader-library","version":1,"exportedAt":1,"generator":"cli","articles":[],"images":{"__proto__":{"path":"a.png","type":"image/png"}},"highlights":[]}',
        }),
      'invalid images.__proto__',
    ],
    [
      'a highlight of no color',
      () => zipOf({ 'library.json': json({ highlights: [{ url: a.url, title: '', updatedAt: 1, highlights: [{ id: 'h', color: 'red' }] }] }) }),
      'invalid highlights[0]',
    ],
    [
      'a reading state of its own',
      () => zipOf({ 'library.json': json({ articles: [{ path: 'a.md', card: { ...newCard(a, 'x', 1), state: 'archived' }, article: a, images: {} }] }) }),
      'invalid articles[0].card.state',
    ],
    ['articles that are not a list', () => zipOf({ 'library.json': json({ articles: { length: 1 } }) }), 'invalid articles'],
    ['a library.json declared 4 GB', () => declaring(zipOf({ 'library.json': json() }), 0xfffffff0), 'too-large'],
    ['a library.json longer than declared', () => declaring(zipOf({ 'library.json': json() }), 10), 'not-json'],
  ])('%s', async (_name, make, expected) => {
    expect(await refused(make())).toBe(expected);
  });

  it('takes an image only when its bytes are there, are a raster image and hash as named', async () => {
    const real = png(3);
    const entry = (hash: string, file: string) => ({ [hash]: { path: file, type: 'image/png' } });
    const record = (hashes: string[]) => ({
      path: 'a.md',
      card: newCard(a, 'x', 1),
      article: a,
      images: Object.fromEntries(hashes.map((h, i) => [`https://image.woshipm.com/${i}.png`, h])),
    });
    const hashes = [sha256(real), sha256('other bytes'), sha256('<svg onload=alert(1)>'), sha256('absent')];
    const zip = zipOf({
      'library.json': json({
        articles: [record(hashes)],
        images: {
          ...entry(hashes[0]!, 'assets/a.png'),
          ...entry(hashes[1]!, 'assets/b.png'),
          ...entry(hashes[2]!, 'assets/c.png'),
          ...entry(hashes[3]!, 'assets/gone.png'),
        },
      }),
      'assets/a.png': real,
      'assets/b.png': png(4), // not the bytes named
      'assets/c.png': strToU8('<svg onload=alert(1)>'), // an SVG, which can carry script: not taken from a backup
    });
    const backup = ok(await readBackupZip(zip));
    expect(backup.missingImages).toBe(1);
    expect(Object.values(backup.records[0]!.images)).toEqual(hashes.slice(0, 3));
    expect([...(await backup.images(backup.records[0]!)).keys()]).toEqual([hashes[0]]);
  });

  it('never throws on a damaged zip: every truncation and flipped byte of a real backup gives a backup or a reason', async () => {
    const writer = new BackupZipWriter(1);
    const image = png(5);
    await writeBackup(
      sourceOf(
        [{ card: newCard(a, sha256(a.text), 1, 1), article: a, images: { [imageUrls(a, 1)[0]!]: sha256(image) } }],
        new Map([[sha256(image), { bytes: image, type: 'image/png' }]]),
      ),
      writer,
      { parser: new DOMParser(), now: 1 },
    );
    const zip = new Uint8Array(await writer.end().arrayBuffer());
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const reasons = new Set<string>();
    for (let i = 0; i < 120; i++) {
      const damaged = i % 3 === 0 ? zip.slice(0, Math.floor(random() * zip.length)) : zip.slice();
      if (i % 3)
        for (let k = 0; k < 1 + (i % 4); k++) {
          const at = Math.floor(random() * damaged.length);
          damaged[at] = damaged[at]! ^ (1 + Math.floor(random() * 255));
        }
      const result = await readBackupZip(damaged);
      reasons.add(result.ok ? 'ok' : result.reason);
      if (result.ok) for (const record of result.backup.records) await result.backup.images(record);
    }
    expect(reasons.size).toBeGreaterThan(1);
  });
});
