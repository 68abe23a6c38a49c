/** utils/export/paths: segments, subfolders and numbered names for saving into the user's notes folder. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notePath, numbered, safePath, safeSegment, subfolderFields, subfolderFor, undated } from '../utils/export/paths';
import type { Article } from '../utils/types';
import { readFixture } from './helpers';

const fixture = (name: string) => JSON.parse(readFixture(name, 'expected.json')) as Article;
const pd2024 = fixture('pd-2024-6119971'); // 产品设计, 2024-09-26T08:00:00+08:00, 橙言
const chuangye2020 = fixture('chuangye-2020-4278313'); // no category name, 2020-11-30, 一路向北
const pmd2021 = fixture('pmd-2021-5239764'); // 产品经理, 2021-12-07, 周武
const bytes = (s: string) => new TextEncoder().encode(s).length;
const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('safeSegment', () => {
  it.each([
    ['a<b>c:d"e/f\\g|h?i*j', 'a_b_c_d_e_f_g_h_i_j'],
    ['nul\u0000c0\u001fdel\u007fc1\u0085\u009f', 'nul_c0_del_c1__'],
    ['  两个   空格\t制表\n换行\u3000全角  ', '两个 空格 制表 换行 全角'],
    ['产品设计', '产品设计'],
    ['用户研究：如何识别真假需求？', '用户研究：如何识别真假需求？'], // full-width punctuation is allowed everywhere
    ['', '_'],
    ['   ', '_'],
    ['.', '_'],
    ['..', '_'],
    ['...', '_'],
  ])('%j → %j', (name, expected) => {
    expect(safeSegment(name)).toBe(expected);
  });

  it.each([
    'CON',
    'con',
    'Prn',
    'AUX',
    'NUL',
    'COM1',
    'com9',
    'COM0',
    'LPT1',
    'lpt9',
    'COM¹',
    'COM²',
    'LPT³',
    'CONIN$',
    'conout$',
    'con.md',
    'NUL.tar.gz',
    'aux .txt',
    'CON.',
    'CON ',
    ' con',
  ])('prefixes the Windows device name %j with _', (name) => {
    const segment = safeSegment(name);
    expect(segment.startsWith('_')).toBe(true);
    expect(segment.slice(1).toLowerCase()).toBe(name.trim().replace(/\.$/, '').toLowerCase());
  });

  it.each(['CONSOLE', 'comma', 'COM10', 'LPT', 'nullable.md', 'auxiliary', 'icon.md'])('leaves %j, which is no device name', (name) => {
    expect(safeSegment(name)).toBe(name);
  });

  it('drops trailing dots and spaces, which Windows would drop silently, and leading ones, which hide a file', () => {
    expect(safeSegment('草稿. . .')).toBe('草稿');
    expect(safeSegment('notes ...  ')).toBe('notes');
    expect(safeSegment('.obsidian')).toBe('obsidian');
    expect(safeSegment(' . 隐藏')).toBe('隐藏');
    expect(safeSegment('v1.2')).toBe('v1.2');
  });

  it('makes ". " "." everywhere (Firefox 126+ refuses it in folder names)', () => {
    expect(safeSegment('1. 引言')).toBe('1.引言');
    expect(safeSegment('Vol. 3. 总结')).toBe('Vol.3.总结');
    expect(safeSegment('a.  \t b')).toBe('a.b');
    expect(safeSegment('a . b')).toBe('a .b');
  });

  // Each of these made Firefox 153 ESR's downloads API answer "filename must not contain illegal characters".
  it.each([
    ['zero-width space', 'a\u200bb', 'ab'],
    ['zero-width joiner (family emoji)', '👨\u200d👩\u200d👧', '👨👩👧'],
    ['left-to-right mark', 'a\u200eb', 'ab'],
    ['right-to-left override', 'a\u202eb', 'ab'],
    ['Arabic letter mark', 'a\u061cb', 'ab'],
    ['soft hyphen', 'a\u00adb', 'ab'],
    ['word joiner', 'a\u2060b', 'ab'],
    ['byte order mark', '\ufeffa', 'a'],
    ['tag characters (subdivision flag)', '\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}', '\u{1f3f4}'],
    ['no-break space', 'a\u00a0b', 'a b'],
    ['narrow no-break space', 'a\u202fb', 'a b'],
    ['figure space', 'a\u2007b', 'a b'],
    ['en space', 'a\u2002b', 'a b'],
    ['line separator', 'a\u2028b', 'a b'],
  ])('drops or plainly spaces a %s', (_, name, expected) => {
    expect(safeSegment(name)).toBe(expected);
  });

  it('keeps what Firefox takes: variation selectors, combining marks, U+FFFD', () => {
    expect(safeSegment('❤\ufe0f')).toBe('❤\ufe0f');
    expect(safeSegment('e\u0301')).toBe('e\u0301');
    expect(safeSegment('a\ufffdb')).toBe('a\ufffdb');
  });

  it('does not start with ~, which Firefox reads as the home folder', () => {
    expect(safeSegment('~笔记')).toBe('_笔记');
    expect(safeSegment(' ~a~')).toBe('_a~');
  });

  it('drops lone surrogates and keeps pairs', () => {
    expect(safeSegment('a\ud800b')).toBe('ab');
    expect(safeSegment('a\udfffb')).toBe('ab');
    expect(safeSegment('\ud83d\ude80 \ud83d')).toBe('🚀');
    expect(safeSegment('\udc00')).toBe('_');
  });

  it('keeps at most 255 UTF-8 bytes, cut on a whole character', () => {
    const cjk = safeSegment('长'.repeat(100)); // 3 bytes each: 85 fit
    expect(cjk).toBe('长'.repeat(85));
    expect(bytes(cjk)).toBe(255);
    const emoji = safeSegment('🚀'.repeat(100)); // 4 bytes each: 63 fit, never half a pair
    expect(emoji).toBe('🚀'.repeat(63));
    expect(bytes(emoji)).toBe(252);
    const mixed = safeSegment(`a${'长'.repeat(84)}🚀`); // 1 + 252 + 4 > 255: the emoji goes whole
    expect(mixed).toBe(`a${'长'.repeat(84)}`);
    expect(safeSegment('x'.repeat(300))).toBe('x'.repeat(255));
  });

  it('takes another byte limit, and never ends a cut on a dot or a space', () => {
    expect(safeSegment('产品设计方法', { maxBytes: 10 })).toBe('产品设'); // 9 bytes; a 4th would be 12
    expect(safeSegment('ab. cd', { maxBytes: 3 })).toBe('ab'); // "ab." cut, then the dot goes
    expect(safeSegment('ab  cd', { maxBytes: 3 })).toBe('ab');
    expect(safeSegment('CONSOLE', { maxBytes: 3 })).toBe('_CO'); // the cut made a device name
    expect(safeSegment('CON', { maxBytes: 3 })).toBe('_CO');
    expect(safeSegment('长', { maxBytes: 2 })).toBe('_');
  });

  // A property over any string: what every file system and Firefox's downloads API need.
  const odd = fc.constantFrom(
    '.',
    ' ',
    '. ',
    '\t',
    '\n',
    '\u3000',
    '<',
    '>',
    ':',
    '"',
    '/',
    '\\',
    '|',
    '?',
    '*',
    '\u0000',
    '\u0085',
    '\ud800',
    '\udfff',
    '🚀',
    '长',
    'a',
    'CON',
    'com1',
    'nul.md',
    '~',
    '\u200d',
    '\u00a0',
    '\ufeff',
    '\u202e',
  );
  const names = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
    fc.array(odd, { maxLength: 30 }).map((parts) => parts.join('')),
    fc.string({ unit: fc.constantFrom('长', '🚀', '.', ' ', 'a'), minLength: 60, maxLength: 140 }),
  );
  it('gives a safe, non-empty, stable segment for any string (3,000 cases)', () => {
    fc.assert(
      fc.property(names, fc.constantFrom(undefined, 255, 200, 16, 4), (name, maxBytes) => {
        const segment = safeSegment(name, { maxBytes });
        expect(segment).not.toBe('');
        expect(segment).not.toMatch(/[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/);
        expect(segment).not.toMatch(/^[\s.~]|[\s.]$|\. |\s\s|[^\S ]/);
        expect(segment).not.toMatch(/\p{Cf}/u);
        expect(segment).not.toMatch(/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]) *(\..*)?$/i);
        expect(wellFormed(segment)).toBe(true);
        expect(bytes(segment)).toBeLessThanOrEqual(maxBytes ?? 255);
        expect(safeSegment(segment, { maxBytes })).toBe(segment);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('safePath', () => {
  it('never climbs out of its folder', () => {
    expect(safePath('../../etc')).toBe('etc');
    expect(safePath('..\\..\\Windows\\System32')).toBe('Windows/System32');
    expect(safePath('a/./b/../c')).toBe('a/b/c');
    expect(safePath('/abs//path/')).toBe('abs/path');
    expect(safePath('C:\\Users')).toBe('C_/Users');
    expect(safePath('')).toBe('');
  });
});

describe('subfolderFor', () => {
  it('fills each field from a real article', () => {
    expect(subfolderFor(pd2024, '{category}/{year}')).toBe('产品设计/2024');
    expect(subfolderFor(pd2024, '{slug}/{year}/{month}')).toBe('pd/2024/09');
    expect(subfolderFor(pd2024, '{author}')).toBe('橙言');
    expect(subfolderFor(pmd2021, '人人都是产品经理/{category}/{year}-{month}')).toBe('人人都是产品经理/产品经理/2021-12');
    expect(Object.keys(subfolderFields).sort()).toEqual(['author', 'category', 'month', 'slug', 'year']);
  });

  it('uses the slug when the category has no Chinese name', () => {
    expect(chuangye2020.category.name).toBeNull();
    expect(subfolderFor(chuangye2020, '{category}/{year}/{month}')).toBe('chuangye/2020/11');
  });

  it('puts an undated article in the word the CLI library uses', () => {
    const article = { ...pd2024, published: null };
    expect(subfolderFor(article, '{category}/{year}')).toBe(`产品设计/${undated}`);
    expect(subfolderFor(article, '{year}/{month}')).toBe(undated); // no month: its folder is dropped
  });

  it('is the notes folder itself for an empty template', () => {
    expect(subfolderFor(pd2024, '')).toBe('');
    expect(subfolderFor(pd2024, '/')).toBe('');
    expect(subfolderFor({ ...pd2024, author: { name: '', url: null } }, '{author}')).toBe('');
  });

  it('leaves unknown placeholders as written', () => {
    expect(subfolderFor(pd2024, '{category}/{title}')).toBe('产品设计/{title}');
    expect(subfolderFor(pd2024, '{toString}/{constructor}')).toBe('{toString}/{constructor}');
    expect(subfolderFor(pd2024, '{ year }/{year')).toBe('{ year }/{year');
  });

  it('splits on / or \\ in the template, never on what a field holds', () => {
    expect(subfolderFor(pd2024, 'woshipm\\{category}\\{year}')).toBe('woshipm/产品设计/2024');
    const odd = { ...pd2024, author: { name: 'A/B\\C', url: null }, category: { slug: 'pd', name: '设计/../交互' } };
    expect(subfolderFor(odd, '{author}/{category}')).toBe('A_B_C/设计_.._交互');
  });

  it('does not let a template or a field escape the notes folder', () => {
    expect(subfolderFor(pd2024, '../../etc')).toBe('etc');
    expect(subfolderFor(pd2024, '{category}/../../{year}')).toBe('产品设计/2024');
    const dots = { ...pd2024, author: { name: '..', url: null }, category: { slug: '.', name: null } };
    const made = subfolderFor(dots, '{author}/{category}/{slug}/x');
    expect(made.split('/')).not.toContain('..');
    expect(made).toBe('x');
  });

  it('makes each part a safe segment', () => {
    const odd = { ...pd2024, author: { name: 'CON', url: null }, category: { slug: 'pd', name: '1. 设计 ' } };
    expect(subfolderFor(odd, '{author}/{category}/第 {month} 期.')).toBe('_CON/1.设计/第 09 期');
    // the title of pmd-2021 holds " | ": as a folder name it keeps everything but the pipe
    expect(subfolderFor(pmd2021, pmd2021.title)).toBe('深度思考 _ 产品经理要不要懂技术的底层逻辑');
  });
});

describe('notePath', () => {
  it('joins a subfolder and a file name', () => {
    expect(notePath('a/b', 'x.md')).toBe('a/b/x.md');
    expect(notePath('', 'x.md')).toBe('x.md');
    expect(notePath('a/b/', 'x.md')).toBe('a/b/x.md');
    expect(notePath(subfolderFor(pd2024, '{category}/{year}'), '3大系统架构设计-业务系统篇.md')).toBe('产品设计/2024/3大系统架构设计-业务系统篇.md');
  });
});

describe('numbered', () => {
  it('puts " (n)" before the extension of the last segment', () => {
    expect(numbered('a/b/x.md', 2)).toBe('a/b/x (2).md');
    expect(numbered('x.md', 3)).toBe('x (3).md');
    expect(numbered('v1.2/笔记.md', 2)).toBe('v1.2/笔记 (2).md');
    expect(numbered('a/README', 2)).toBe('a/README (2)');
    expect(numbered('a/.hidden', 2)).toBe('a/.hidden (2)');
    expect(numbered('x.tar.gz', 10)).toBe('x.tar (10).gz');
  });

  it('keeps the name within 250 UTF-8 bytes (Firefox adds .part), cutting the stem on a whole character', () => {
    const cjk = numbered(`产品设计/${'长'.repeat(82)}.md`, 2); // 246 + 3 bytes: " (2)" needs 4 more
    const name = cjk.split('/').pop()!;
    expect(name).toBe(`${'长'.repeat(81)} (2).md`);
    expect(bytes(name)).toBe(250);
    const emoji = numbered(`${'🚀'.repeat(62)}.md`, 12); // 4 bytes each: 60 fit with " (12).md"
    expect(emoji).toBe(`${'🚀'.repeat(60)} (12).md`);
    expect(wellFormed(emoji)).toBe(true);
    expect(numbered(`${'a'.repeat(242)}. b.md`, 2)).toBe(`${'a'.repeat(242)} (2).md`); // no dot left before " ("
    expect(numbered('x'.repeat(200) + '.md', 2)).toBe(`${'x'.repeat(200)} (2).md`); // makeFilename's longest: not cut
  });

  it('leaves folders alone however long', () => {
    const folder = '长'.repeat(85);
    expect(numbered(`${folder}/x.md`, 2)).toBe(`${folder}/x (2).md`);
  });
});
