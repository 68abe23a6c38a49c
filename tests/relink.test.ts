/**
 * utils/export/relink: which images a Markdown text holds, and pointing them at saved copies without
 * touching anything else. `marked` (a CommonMark/GFM renderer) is the second reader: what it shows as
 * an image is what these functions must find, and after relinking it must show the new link.
 */
import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { imageUrlKey, imageUrlsIn, relinkImages } from '../utils/export/relink';
import { createMarkdown } from '../utils/markdown';

const { htmlToMarkdown } = createMarkdown(new DOMParser());
const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** What a renderer makes of `markdown`: image sources, link targets and code, in order. */
function rendered(markdown: string) {
  const doc = parseHtml(marked.parse(markdown, { async: false }) as string);
  return {
    images: Array.from(doc.querySelectorAll('img'), (img) => img.getAttribute('src') ?? ''),
    links: Array.from(doc.querySelectorAll('a'), (a) => a.getAttribute('href') ?? ''),
    code: Array.from(doc.querySelectorAll('code'), (code) => code.textContent ?? ''),
  };
}
const keys = (urls: readonly string[]) => urls.map(imageUrlKey);

// woshipm's CDN, with the UPYUN resize suffix the site adds to avatars and list images.
const cdn = 'https://image.woshipm.com/wp-files/2021/04';
const fw600 = `${cdn}/TxJxSJJ7zk1kT7v3cd3B.png!/fw/600`;

describe('imageUrlsIn', () => {
  it.each([
    ['an inline image', `![图 1](${cdn}/a.png)`, [`${cdn}/a.png`]],
    ['a "title"', `![图](${cdn}/a.png "标题")`, [`${cdn}/a.png`]],
    ["a 'title'", `![图](${cdn}/a.png '标题')`, [`${cdn}/a.png`]],
    ['a (title)', `![图](${cdn}/a.png (标题))`, [`${cdn}/a.png`]],
    ['a title on the next line', `![图](${cdn}/a.png\n  "标题")`, [`${cdn}/a.png`]],
    ['an <angle> destination with spaces', `![图](<${cdn}/a b.png>)`, [`${cdn}/a b.png`]],
    ['balanced parentheses', '![](a(1).png)', ['a(1).png']],
    ['nested parentheses', '![](a(b(c)).png)', ['a(b(c)).png']],
    ['backslash-escaped parentheses', '![](a\\(1.png)', ['a(1.png']],
    ["the writer's percent-escapes", '![](a%20b%281%29%3Cc%3E.png)', ['a b(1)<c>.png']],
    ['a literal %25, kept', '![](100%25.png)', ['100%25.png']],
    ['an escaped CJK name, kept as written', '![](%E4%BA%A7%E5%93%81.png)', ['%E4%BA%A7%E5%93%81.png']],
    ['a CJK name', `![产品](${cdn}/产品 设计.png)`.replace(' ', '%20'), [`${cdn}/产品 设计.png`]],
    ['an UPYUN suffix', `![](${fw600})`, [fw600]],
    ['entities and escapes', '![](a&amp;b\\_c.png)', ['a&b_c.png']],
    ['an image with alt text holding brackets and code', '![a [b] `]` c](x.png)', ['x.png']],
    ['an image in a link', `[![图](${cdn}/a.png)](https://www.woshipm.com/pd/1.html)`, [`${cdn}/a.png`]],
    ['an image in a heading and in a table', '## ![](h.png) 标题\n\n| a | ![](t.png) |\n| --- | --- |', ['h.png', 't.png']],
    ['an image in a list item, as the writer indents it', '-   第一段\n\n    ![](li.png)\n\n10.  y\n\n     ![](ol.png)', ['li.png', 'ol.png']],
    ['an image in a block quote', '> 引用\n>\n> ![](q.png)', ['q.png']],
    ['CRLF line endings', 'a\r\n\r\n```\r\n![](code.png)\r\n```\r\n\r\n![](b.png)\r\n', ['b.png']],
  ])('reads %s', (_, markdown, expected) => {
    expect(imageUrlsIn(markdown)).toEqual(expected);
  });

  it('reads reference images from their definitions, wherever these stand', () => {
    const md = [
      '![full][Logo] ![collapsed][] ![shortcut] [not an image][logo]',
      '',
      '[logo]: <https://x/logo one.png> "标题"',
      '[collapsed]: https://x/c%20c.png',
      "  [shortcut]:\n    https://x/s.png\n    'title'",
      '[logo]: https://x/ignored-second-definition.png',
    ].join('\n');
    expect(imageUrlsIn(md)).toEqual(['https://x/logo one.png', 'https://x/c c.png', 'https://x/s.png']);
  });

  it('reads <img src> in the Markdown too, quoted or not', () => {
    const md = 'a <img src="https://x/a.png?w=1&amp;h=2" alt="x"> b <img alt=\'y\' src=\'https://x/b.png\'/>\n\n<IMG SRC=https://x/c.png>';
    expect(imageUrlsIn(md)).toEqual(['https://x/a.png?w=1&h=2', 'https://x/b.png', 'https://x/c.png']);
  });

  it.each([
    ['a fenced block', '```\n![](code.png)\n```'],
    ['a fenced block with a language and a longer fence', '````markdown\n```\n![](code.png)\n```\n````'],
    ['a tilde fence', '~~~\n![](code.png)\n~~~'],
    ['an unclosed fence, to the end', '```\n![](code.png)\n\n![](still-code.png)'],
    ['an indented block', 'text\n\n    ![](code.png)\n\n\t![](tab.png)'],
    ['a fence in a list item', '-   b\n\n    ```\n    ![](code.png)\n    ```'],
    ['inline code', '`![](code.png)` and ``![](a`b.png)``'],
    ['an escaped image', '!\\[not\\](https://x/escaped.png) \\![x](y.png)'],
    ['a normal link', '[![]](https://x/a.png) [text](https://x/b.png)'],
    ['prose, a bare URL and an autolink', 'see https://x/a.png and <https://x/b.png>'],
    ['an HTML comment', '<!-- ![](https://x/a.png) <img src="b.png"> -->'],
    ['an empty destination', '![]() ![](<>)'],
    ['a footnote, which is no definition', '![x][^1]\n\n[^1]: https://x/a.png'],
  ])('finds nothing in %s', (_, markdown) => {
    expect(imageUrlsIn(markdown)).toEqual([]);
  });

  it.each([
    ['raw HTML block: Markdown in it is text, its <img> counts', '<div>\n![](no.png)\n<img src="yes.png">\n</div>\n\n![](after.png)', ['yes.png', 'after.png']],
    ['a tag alone on a line opens an HTML block', '<img src="a.png">\n![](no.png)\n\n![](b.png)', ['a.png', 'b.png']],
    ['which cannot interrupt a paragraph', '文字\n<img src="a.png">\n![](b.png)', ['a.png', 'b.png']],
    ['an HTML comment block, blank lines and all', '<!--\n![](no.png)\n\n![](no2.png) -->\n![](b.png)', ['b.png']],
    ['an unclosed comment, to the end', '<!-- 草稿\n<img src="no.png">\n\n<img src="no2.png">', []],
    ['<pre> keeps its images, not its Markdown', '<pre>\n![](no.png) <img src="pre.png">\n\n</pre>', ['pre.png']],
    ['a quote ends its HTML block', '> <img src="a.png">\n![](b.png)', ['a.png', 'b.png']],
    ['a lazy line goes on with a quoted paragraph', '> 段落\n    ![](c.png)', ['c.png']],
    ['a list from 2 does not interrupt a paragraph', '段落\n2. 不是列表\n\n    ![](code.png)', []],
    ['a list from 1 does', '段落\n1. 列表\n\n    ![](li.png)', ['li.png']],
    ['a > line inside HTML is HTML', '<img src="a.png">\n> \n![](no.png)', ['a.png']],
    ['a > line inside a fence is code', '```\n> ```\n![](no.png)\n```', []],
    ['a quote ends its fence', '> ```\n> ![](no.png)\n![](b.png)', ['b.png']],
  ])('follows CommonMark blocks: %s', (_, markdown, expected) => {
    expect(imageUrlsIn(markdown)).toEqual(expected);
    expect(keys(rendered(markdown).images)).toEqual(keys(expected));
  });

  it('tells an indented code block from a paragraph going on', () => {
    expect(imageUrlsIn('段落\n    ![](lazy.png)\n\n    ![](code.png)')).toEqual(['lazy.png']);
  });

  // Constructs written as people (and our writer) write them: marked renders the same images.
  const corpus = [
    `# 标题\n\n![封面](${cdn}/cover.png)\n\n正文 ![a](a%20b.png "t") 与 [链接](https://www.woshipm.com/) 。`,
    '-   一\n\n    ![](li%281%29.png)\n\n-   二\n\n    ```js\n    ![](code.png)\n    ```\n\n> ![](q.png)',
    '![r][R] `![](c.png)` ![s]\n\n[r]: <r r.png>\n[s]: s.png "S"',
    '| 图 | 说明 |\n| --- | --- |\n| ![](t1.png) | `![](t2.png)` |\n\n    ![](indented.png)',
    `[![](${fw600})](https://x/big.png) \\![no](x.png) ![](%E4%BA%A7.png)`,
    '```\n![](a.png)\n```\n\n~~~~\n![](b.png)\n~~~~\n\n![](c(1).png)',
  ];
  it.each(corpus.map((md, i) => [i, md]))('finds what marked shows (corpus %i)', (_, markdown) => {
    expect(keys(imageUrlsIn(markdown as string))).toEqual(keys(rendered(markdown as string).images));
  });
});

describe('imageUrlKey', () => {
  it('makes two spellings of one URL equal', () => {
    expect(imageUrlKey('https://x/a%20b.png')).toBe(imageUrlKey('https://x/a b.png'));
    expect(imageUrlKey('https://x/%E4%BA%A7.png')).toBe(imageUrlKey('https://x/产.png'));
    expect(imageUrlKey('https://x/%e4%ba%a7.png')).toBe(imageUrlKey('https://x/产.png'));
    expect(imageUrlKey('https://x/a%28b%29.png')).toBe(imageUrlKey('https://x/a(b).png'));
    expect(imageUrlKey(' https://x/a.png\n')).toBe('https://x/a.png');
  });

  it('decodes once, and keeps what is no UTF-8', () => {
    expect(imageUrlKey('a%2520b')).toBe('a%20b');
    expect(imageUrlKey('a%2520b')).not.toBe(imageUrlKey('a%20b'));
    expect(imageUrlKey('a%e4b')).toBe('a%E4b');
    expect(imageUrlKey('%E4%BA%A7%FF%41')).toBe('产%FFA');
    expect(imageUrlKey('100%')).toBe('100%');
  });
});

describe('relinkImages', () => {
  it('relinks what the writer percent-encoded, leaving everything else as it was', () => {
    const md = '前文 ![图 1](https://x/a%20b%281%29.png "标题") 后文';
    const { markdown, relinked } = relinkImages(md, new Map([['https://x/a b(1).png', 'assets/1.png']]));
    expect(markdown).toBe('前文 ![图 1](assets/1.png "标题") 后文');
    expect(relinked).toEqual(new Set(['https://x/a b(1).png']));
  });

  it.each([
    ['a space, as %20 or raw', '![](https://x/a%20b.png)', 'https://x/a b.png'],
    ['a space escaped on both sides', '![](https://x/a%20b.png)', 'https://x/a%20b.png'],
    ['CJK, escaped in the text', '![](https://x/%E4%BA%A7%E5%93%81.png)', 'https://x/产品.png'],
    ['CJK, escaped in the key', '![](https://x/产品.png)', 'https://x/%E4%BA%A7%E5%93%81.png'],
    ['parentheses, as %28 %29', '![](https://x/a%281%29.png)', 'https://x/a(1).png'],
    ['parentheses, escaped', '![](https://x/a\\(1\\).png)', 'https://x/a(1).png'],
    ['parentheses in the key as %28 %29', '![](https://x/a(1).png)', 'https://x/a%281%29.png'],
    ['a literal %25', '![](https://x/100%25.png)', 'https://x/100%25.png'],
    ['an UPYUN suffix', `![](${fw600})`, fw600],
    ['an & the writer left raw', '![](https://x/a.png?w=1&copy=2)', 'https://x/a.png?w=1&copy=2'],
    ['an entity-like & the writer left raw (CommonMark reads ©)', '![](https://x/a.png?w=1&copy;h=2)', 'https://x/a.png?w=1&copy;h=2'],
    ['an &amp;', '![](https://x/a.png?w=1&amp;h=2)', 'https://x/a.png?w=1&h=2'],
  ])('matches %s', (_, md, key) => {
    const { markdown, relinked } = relinkImages(md, new Map([[key, 'assets/new.png']]));
    expect(markdown).toBe('![](assets/new.png)');
    expect([...relinked]).toEqual([key]);
  });

  it('does not take one URL for another', () => {
    const md = '![](https://x/a%2520b.png) ![](https://x/a.png!/fw/600) ![](https://x/a.PNG)';
    const { markdown, relinked } = relinkImages(
      md,
      new Map([
        ['https://x/a%20b.png', 'N'],
        ['https://x/a.png', 'N'],
      ]),
    );
    expect(markdown).toBe(md);
    expect(relinked.size).toBe(0);
  });

  it('finds a raw space in <…> by the key that has it as %20, and keeps the brackets', () => {
    const { markdown } = relinkImages('![](<https://x/a b.png>)', new Map([['https://x/a%20b.png', 'assets/a.png']]));
    expect(markdown).toBe('![](<assets/a.png>)');
  });

  it('keeps alt text and titles byte for byte, and the angle brackets', () => {
    const md = '![a *b* \\[c\\]](<https://x/a b.png>   \'t "q"\')';
    expect(relinkImages(md, new Map([['https://x/a b.png', 'assets/a.png']])).markdown).toBe('![a *b* \\[c\\]](<assets/a.png>   \'t "q"\')');
  });

  it('relinks a URL each time it appears', () => {
    const md = '![1](https://x/a.png)\n\n![2](https://x/a.png "again") ![3](<https://x/a.png>)';
    const { markdown, relinked } = relinkImages(md, new Map([['https://x/a.png', 'assets/a.png']]));
    expect(markdown).toBe('![1](assets/a.png)\n\n![2](assets/a.png "again") ![3](<assets/a.png>)');
    expect(relinked.size).toBe(1);
  });

  it('changes a definition that only images use, and never one a link uses', () => {
    const only = '![a][img] ![b][IMG]\n\n[img]: https://x/a.png "T"';
    expect(relinkImages(only, new Map([['https://x/a.png', 'assets/a.png']])).markdown).toBe('![a][img] ![b][IMG]\n\n[img]: assets/a.png "T"');
    const shared = '![a][ref] 与 [原图][ref]\n\n[ref]: https://x/a.png "T"';
    expect(relinkImages(shared, new Map([['https://x/a.png', 'assets/a.png']])).markdown).toBe(
      '![a](assets/a.png "T") 与 [原图][ref]\n\n[ref]: https://x/a.png "T"',
    );
  });

  it('relinks <img src>, writing the value as HTML wants it', () => {
    const md = '<img src="https://x/a.png" alt="a"> <img src=\'https://x/b.png\'> <img src=https://x/c.png>';
    const links = new Map([
      ['https://x/a.png', 'data:image/svg+xml,<svg a="1"/>'],
      ['https://x/b.png', "it's.png"],
      ['https://x/c.png', 'assets/c&d.png'],
    ]);
    const { markdown } = relinkImages(md, links);
    expect(markdown).toBe('<img src="data:image/svg+xml,<svg a=&quot;1&quot;/>" alt="a"> <img src=\'it&#39;s.png\'> <img src="assets/c&amp;d.png">');
    expect(rendered(markdown).images).toEqual([...links.values()]);
  });

  it('writes a link that would break a bare destination in <…>', () => {
    const { markdown } = relinkImages('![](https://x/a.png)', new Map([['https://x/a.png', 'my images/a (1).png']]));
    expect(markdown).toBe('![](<my images/a (1).png>)');
    expect(rendered(markdown).images).toEqual(['my%20images/a%20(1).png']);
  });

  it('never changes the URL in code, prose or a normal link', () => {
    const url = 'https://x/a.png';
    const md = [`![](${url})`, `\`![](${url})\``, `[原图](${url})`, `见 ${url}`, '```', `![](${url})`, '```', '', `    ![](${url})`].join('\n');
    const { markdown } = relinkImages(md, new Map([[url, 'assets/a.png']]));
    expect(markdown).toBe(md.replace(`![](${url})`, '![](assets/a.png)'));
    expect(markdown.split(url).length - 1).toBe(md.split(url).length - 2);
  });

  it('leaves the text alone when nothing matches', () => {
    const md = '![](https://x/a.png)';
    expect(relinkImages(md, new Map())).toEqual({ markdown: md, relinked: new Set() });
  });

  it('gives every image of Markdown made by our writer its new link (round trip)', () => {
    const srcs = [
      `${cdn}/产品 设计 (1).png`, // spaces and parentheses: the writer percent-encodes them
      `${cdn}/%E4%BA%A7%E5%93%81.png`, // already escaped at the source
      `${cdn}/增长100%25.png`, // a literal %25
      fw600,
      `${cdn}/q.png?imageView2/2/w/800&x=<1>`,
      `${cdn}/a b.png`,
    ];
    const html = [
      `<h2>标题 <img src="${srcs[0]}" alt="题图"></h2>`,
      `<p>正文<img src="${srcs[1]}" alt="图 [1]"> 见 ${srcs[0]} 与 <a href="${srcs[0]}">原图</a></p>`,
      `<ul><li><p>一</p><p><img src="${srcs[2]}"></p></li><li><a href="https://www.woshipm.com/"><img src="${srcs[3]}"></a></li></ul>`,
      `<blockquote><p><img src="${srcs[4]}"></p></blockquote>`,
      `<pre><code>![](${srcs[3]})</code></pre><p><code>![](${srcs[3]})</code></p>`,
      `<table><tr><td><img src="${srcs[5]}"></td><td><img src="${srcs[0]}"></td></tr></table>`,
    ].join('');
    const md = htmlToMarkdown(html);
    const before = rendered(md);
    expect(before.images).toHaveLength(7);
    expect(keys(imageUrlsIn(md))).toEqual(keys(before.images));

    const links = new Map(srcs.map((src, i) => [src, `../assets/${i}.png`]));
    const { markdown, relinked } = relinkImages(md, links);
    const after = rendered(markdown);
    expect(after.images).toEqual([
      '../assets/0.png',
      '../assets/1.png',
      '../assets/2.png',
      '../assets/3.png',
      '../assets/4.png',
      '../assets/5.png',
      '../assets/0.png',
    ]);
    expect(after.links).toEqual(before.links);
    expect(after.code).toEqual(before.code);
    expect(relinked).toEqual(new Set(srcs));
    // Relinked to the spelling the writer gave them, the images change nothing: not a byte moved elsewhere.
    const asWritten = new Map(srcs.map((src) => [src, src.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)]));
    expect(relinkImages(md, asWritten).markdown).toBe(md);
  });

  // Documents of random pieces: after relinking, marked shows every image at its new link and
  // everything else (links, code) as before.
  const urls = ['https://x/a b.png', 'https://x/(1).png', 'https://x/100%25.png', 'https://x/产品.png', fw600, 'https://x/q.png?a=1&b=2'];
  const spell = (url: string, how: number) =>
    [
      url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`), // as our writer does
      `<${url.replace(/[<>]/g, '\\$&')}>`,
      encodeURI(decodeURI(url)).replace(/[()]/g, '\\$&'),
    ][how]!;
  const piece = fc.oneof(
    fc
      .record({ url: fc.constantFrom(...urls), how: fc.integer({ min: 0, max: 2 }), alt: fc.constantFrom('', '图', 'a [b]', '`c`') })
      .map(({ url, how, alt }) => `![${alt}](${spell(url, how)}${how === 1 ? ' "t"' : ''})`),
    fc.constantFrom(...urls).map((url) => `[链接](${spell(url, 0)})`),
    fc.constantFrom(...urls).map((url) => `\`![](${spell(url, 0)})\``),
    fc.constantFrom(...urls).map((url) => `\n\n\`\`\`\n![](${spell(url, 0)})\n\`\`\`\n\n`),
    fc.constantFrom(...urls).map((url) => `\n\n-   项\n\n    ![](${spell(url, 0)})\n\n`),
    fc.constantFrom(...urls).map((url) => `<img src="${url.replace(/&/g, '&amp;')}">`),
    fc.constantFrom('文字', ' ', '\n', '\n\n', '**粗体**', '> '),
  );
  it('relinks exactly the images of any document (300 cases)', () => {
    const links = new Map(urls.map((url, i) => [url, `assets/${i}.png`]));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const md = pieces.join('');
        const before = rendered(md);
        expect(keys(imageUrlsIn(md))).toEqual(keys(before.images));
        const { markdown } = relinkImages(md, links);
        const after = rendered(markdown);
        expect(after.images).toEqual(before.images.map((src) => links.get([...links.keys()].find((k) => imageUrlKey(k) === imageUrlKey(src))!)));
        expect(after.links).toEqual(before.links);
        expect(after.code).toEqual(before.code);
      }),
      { numRuns: 300 },
    );
  });
});
