/**
 * The images of a Markdown text (inline `![alt](dest "title")`, reference `![alt][id]` with its
 * `[id]: dest`, and HTML `<img src>`), found by a small CommonMark scanner that knows where each
 * destination stands, so that it can be replaced and nothing else: not the alt text, not the title,
 * not a URL in prose, in a link or in code. Pure: no DOM, no `browser.*`.
 *
 * Why not `marked` (a devDependency, used by the tests as a second reader): its tokens carry their
 * `raw` text but no offsets, it rewrites line endings before lexing, and a destination's place
 * inside an image's `raw` would still have to be parsed here.
 */

interface Destination {
  /** The destination's span in the text, `<…>` included. */
  start: number;
  end: number;
  angle: boolean;
  /** What it stands for under CommonMark: backslash escapes and entities undone. */
  url: string;
  /** Backslash escapes undone, entities kept: our writer leaves a `&` in a URL as it is. */
  literal: string;
}

interface Definition {
  destination: Destination;
  /** The title with its delimiters as written, or '' when there is none. */
  title: string;
  /** A link that is not an image uses it too: then its images are relinked one by one. */
  usedByLink: boolean;
}

interface Image {
  destination: Destination;
  /** For `<img src>`: the quote around the value ('' when unquoted). */
  quote?: '"' | "'" | '';
  /** For a reference image: its definition, its span and its alt text as written. */
  reference?: { definition: Definition; start: number; end: number; alt: string };
}

const isPunct = (c: string | undefined) => !!c && /^[!-/:-@[-`{-~]$/.test(c);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t';
const isLineEnd = (c: string | undefined) => c === '\n' || c === '\r';

const unescapeBackslashes = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Numeric references and the few named ones a URL may hold; other names stay as written. */
function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return namedEntities[name] ?? whole;
    const cp = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp);
  });
}

/** The characters `escapeUrl` in utils/markdown/rules.ts percent-encodes (whitespace, `()<>`), decoded. */
const undoWriterEscapes = (url: string) =>
  url.replace(/%(09|0A|0B|0C|0D|20|28|29|3C|3E)/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/**
 * `url` in a form in which two spellings of the same URL are equal: percent-escapes of valid UTF-8
 * decoded once (`a%20b` is `a b`, `%E4%BA%A7` is `产`, `%28` is `(`), invalid ones kept (hex in
 * capitals), surrounding whitespace trimmed. For comparing, never for fetching.
 */
export function imageUrlKey(url: string): string {
  return url.trim().replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = run.match(/%[0-9a-fA-F]{2}/g)!;
    let out = '';
    for (let i = 0; i < bytes.length; ) {
      let taken = 0;
      for (let n = Math.min(4, bytes.length - i); n > 0 && !taken; n--) {
        try {
          out += decodeURIComponent(bytes.slice(i, i + n).join(''));
          taken = n;
        } catch {
          // not a whole UTF-8 sequence: try a shorter one
        }
      }
      if (!taken) out += bytes[i]!.toUpperCase();
      i += taken || 1;
    }
    return out;
  });
}

/** After `i`: spaces and tabs, at most one line ending, spaces and tabs again. */
function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isSpace(text[i])) i++;
  if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
  else if (isLineEnd(text[i])) i++;
  while (i < end && isSpace(text[i])) i++;
  return i;
}

function destination(text: string, i: number, end: number): Destination | null {
  let j = i;
  let raw: string;
  if (text[i] === '<') {
    for (j = i + 1; j < end && text[j] !== '>'; j++) {
      if (text[j] === '\\' && isPunct(text[j + 1])) j++;
      else if (text[j] === '<' || isLineEnd(text[j])) return null;
    }
    if (j >= end) return null;
    raw = text.slice(i + 1, j);
    j++;
  } else {
    let depth = 0;
    for (; j < end; j++) {
      const c = text[j]!;
      if (c === '\\' && isPunct(text[j + 1])) j++;
      else if (c === '(' && ++depth > 32) return null; // as commonmark.js: deeper nesting is not worth quadratic time
      else if (c === ')' && depth-- === 0) break;
      else if (c <= ' ' || c === '\u007f') break;
    }
    if (j === i || depth > 0) return null;
    raw = text.slice(i, j);
  }
  const literal = unescapeBackslashes(raw);
  return { start: i, end: j, angle: text[i] === '<', url: decodeEntities(literal), literal };
}

/** A link title from `i` (`"…"`, `'…'` or `(…)`): the index after it, or -1. */
function title(text: string, i: number, end: number): number {
  const close = { '"': '"', "'": "'", '(': ')' }[text[i] ?? ''];
  if (!close) return -1;
  for (let j = i + 1; j < end; j++) {
    if (text[j] === '\\' && isPunct(text[j + 1])) j++;
    else if (text[j] === close) return j + 1;
    else if (close === ')' && text[j] === '(') return -1;
  }
  return -1;
}

/** `(dest "title")` after a link's `]`, from `i` just past its `(`. */
function inlineTail(text: string, i: number, end: number): { destination: Destination | null; end: number } | null {
  let j = skipSpace(text, i, end);
  if (text[j] === ')') return { destination: null, end: j + 1 };
  const dest = destination(text, j, end);
  if (!dest) return null;
  j = skipSpace(text, dest.end, end);
  if (j > dest.end && text[j] !== ')') {
    j = title(text, j, end);
    if (j < 0) return null;
    j = skipSpace(text, j, end);
  }
  return text[j] === ')' ? { destination: dest, end: j + 1 } : null;
}

/** One paragraph (or heading) being read: its text, where it ends, and what is known of it already. */
interface Chunk {
  text: string;
  end: number;
  /** `[` → its `]`, past escapes and code spans. */
  brackets: Map<number, number>;
  /** Backtick run length → a position from which no closing run of that length follows. */
  noCloser: Map<number, number>;
  html: HtmlSeen;
}

/** The index after the code span or literal backtick run that starts at `i`. */
function afterBackticks(chunk: Chunk, i: number): number {
  const { text, end, noCloser } = chunk;
  let n = 0;
  while (text[i + n] === '`') n++;
  if ((noCloser.get(n) ?? end) <= i + n) return i + n;
  for (let j = i + n; j < end; ) {
    if (text[j] !== '`') {
      j++;
      continue;
    }
    let m = 0;
    while (text[j + m] === '`') m++;
    if (m === n) return j + m;
    j += m;
  }
  noCloser.set(n, i + n); // later runs of this length need not look again: linear time on many backticks
  return i + n;
}

function chunk(text: string, start: number, end: number): Chunk {
  const read: Chunk = { text, end, brackets: new Map(), noCloser: new Map(), html: { noCommentEnd: Infinity } };
  const open: number[] = [];
  for (let j = start; j < end; ) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c === '`') j = afterBackticks(read, j);
    else {
      if (c === '[') open.push(j);
      else if (c === ']' && open.length) read.brackets.set(open.pop()!, j);
      j++;
    }
  }
  return read;
}

const labelKey = (label: string) => label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase();

/** `[label]` at `i` for a reference (no brackets inside, at most 999 characters): its end and key. */
function label(text: string, i: number, end: number): { end: number; key: string } | null {
  if (text[i] !== '[') return null;
  for (let j = i + 1; j < end && j - i <= 1000; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '[') return null;
    else if (text[j] === ']') return { end: j + 1, key: labelKey(text.slice(i + 1, j)) };
  }
  return null;
}

type Parsed =
  | { kind: 'inline'; destination: Destination | null; textEnd: number; end: number }
  | { kind: 'reference'; definition: Definition; textEnd: number; end: number };

/** The link or image whose text opens with the `[` at `open`, or null when that `[` is only text. */
function linkAt(chunk: Chunk, open: number, end: number, definitions: ReadonlyMap<string, Definition>): Parsed | null {
  const { text } = chunk;
  const close = chunk.brackets.get(open);
  if (close === undefined || close >= end) return null;
  if (text[close + 1] === '(') {
    const tail = inlineTail(text, close + 2, end);
    if (tail) return { kind: 'inline', destination: tail.destination, textEnd: close, end: tail.end };
  }
  const full = label(text, close + 1, end);
  const key = full && full.end - close > 3 ? full.key : labelKey(text.slice(open + 1, close));
  const definition = definitions.get(key);
  if (!definition) return null;
  return { kind: 'reference', definition, textEnd: close, end: full ? full.end : close + 1 };
}

/** One attribute of an HTML tag, as CommonMark reads raw HTML: a name, maybe `=` and a value. */
const attribute = String.raw`\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?`;
const tagAt = new RegExp(`^<([A-Za-z][A-Za-z0-9-]*)((?:${attribute})*)\\s*/?>`);

interface HtmlSeen {
  /** A position after which no `-->` follows. */
  noCommentEnd: number;
}

/** Where the HTML tag (or autolink, or comment) at `i` ends, and the `src` of an `<img>`. */
function htmlAt(text: string, i: number, end: number, seen: HtmlSeen): { end: number; src?: Image } | null {
  if (text.startsWith('<!--', i)) {
    // Looked for once: with no `-->` after one comment, none follows a later one either (linear time).
    const close = i + 4 < seen.noCommentEnd ? text.indexOf('-->', i + 4) : -1;
    if (close >= 0 && close + 3 <= end) return { end: close + 3 };
    seen.noCommentEnd = Math.min(seen.noCommentEnd, i);
    return null;
  }
  const rest = text.slice(i, end);
  const skip = /^(?:<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)/.exec(rest);
  if (skip) return { end: i + skip[0].length };
  const tag = tagAt.exec(rest);
  if (!tag) return null;
  const after = { end: i + tag[0].length };
  if (tag[1]!.toLowerCase() !== 'img') return after;
  const attributes = /\s+([A-Za-z_:][\w.:-]*)(?:\s*=\s*(?:([^\s"'=<>`]+)|'([^']*)'|"([^"]*)"))?/g;
  const base = i + 1 + tag[1]!.length;
  for (let m: RegExpExecArray | null; (m = attributes.exec(tag[2]!)); ) {
    if (m[1]!.toLowerCase() !== 'src') continue;
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    const quote = m[3] !== undefined ? "'" : m[4] !== undefined ? '"' : '';
    const valueEnd = base + m.index + m[0].length - quote.length;
    const start = valueEnd - value.length;
    const url = decodeEntities(value);
    return { ...after, src: { destination: { start, end: valueEnd, angle: false, url, literal: value }, quote } };
  }
  return after;
}

/** Images in `text[start, end)` (one paragraph, a heading, a table), in order, into `images`. */
function scanInline(chunk: Chunk, start: number, end: number, definitions: ReadonlyMap<string, Definition>, images: Image[]): void {
  const { text } = chunk;
  for (let i = start; i < end; ) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '`') i = afterBackticks(chunk, i);
    else if (c === '<') {
      const html = htmlAt(text, i, end, chunk.html);
      if (html?.src) images.push(html.src);
      i = html ? html.end : i + 1;
    } else if (c === '[' || (c === '!' && text[i + 1] === '[')) {
      const image = c === '!';
      const open = image ? i + 1 : i;
      const link = linkAt(chunk, open, end, definitions);
      if (!link) {
        i = open + 1;
        continue;
      }
      if (!image) {
        // A link's text may hold images (`[![](src)](href)`); its destination is never one.
        if (link.kind === 'reference') link.definition.usedByLink = true;
        scanInline(chunk, open + 1, link.textEnd, definitions, images);
      } else if (link.kind === 'inline') {
        if (link.destination) images.push({ destination: link.destination });
      } else {
        const alt = text.slice(open + 1, link.textEnd);
        images.push({ destination: link.definition.destination, reference: { definition: link.definition, start: i, end: link.end, alt } });
      }
      i = link.end;
    } else i++;
  }
}

/** The `<img src>`s of raw HTML in `text[start, end)`. */
function scanHtml(text: string, start: number, end: number, images: Image[]): void {
  const seen = { noCommentEnd: Infinity };
  for (let i = text.indexOf('<', start); i >= 0 && i < end; i = text.indexOf('<', i)) {
    const html = htmlAt(text, i, end, seen);
    if (!html && seen.noCommentEnd === i) return; // an unclosed comment: the rest is in it
    if (html?.src) images.push(html.src);
    i = html ? html.end : i + 1;
  }
}

/** `[label]: dest "title"` at `i` (a paragraph's start): the definition and where it ends, or null. */
function definitionAt(text: string, i: number, end: number): { key: string; definition: Definition; end: number } | null {
  const head = label(text, i, end);
  if (!head || text[head.end] !== ':' || !head.key || head.key.startsWith('^')) return null; // `[^1]:` is a footnote
  const dest = destination(text, skipSpace(text, head.end + 1, end), end);
  if (!dest) return null;
  const lineEnd = (from: number) => {
    let j = from;
    while (j < end && isSpace(text[j])) j++;
    if (j >= end) return end;
    if (text[j] === '\r' && text[j + 1] === '\n') return j + 2;
    return isLineEnd(text[j]) ? j + 1 : -1;
  };
  const titleStart = skipSpace(text, dest.end, end);
  const titleEnd = titleStart > dest.end ? title(text, titleStart, end) : -1;
  const withTitle = titleEnd < 0 ? -1 : lineEnd(titleEnd);
  const key = head.key;
  if (withTitle >= 0) return { key, definition: { destination: dest, title: text.slice(titleStart, titleEnd), usedByLink: false }, end: withTitle };
  const bare = lineEnd(dest.end);
  return bare < 0 ? null : { key, definition: { destination: dest, title: '', usedByLink: false }, end: bare };
}

interface Block {
  start: number;
  end: number;
  /** A paragraph (link reference definitions may stand at its start), a heading, or raw HTML (only its tags count). */
  kind: 'paragraph' | 'heading' | 'html';
}

const listMarker = /^(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)/;
const thematicBreak = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const fenceOpener = /^(`{3,})(?!.*`)|^(~{3,})/;
const openTag = `<[A-Za-z][A-Za-z0-9-]*(?:${attribute})*\\s*/?>`;
const blockTags =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|' +
  'form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|' +
  'summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
/**
 * CommonMark's HTML blocks: how each starts, and the line that ends it (null: the next blank line).
 * Markdown is not read inside one (`![](x)` there is text), its `<img>` tags are. The last kind
 * cannot interrupt a paragraph.
 */
const htmlBlocks: readonly (readonly [RegExp, RegExp | null])[] = [
  [/^<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
  [new RegExp(`^</?(?:${blockTags})(?:\\s|/?>|$)`, 'i'), null],
  [new RegExp(`^(?:${openTag}|</[A-Za-z][A-Za-z0-9-]*\\s*>)\\s*$`), null],
];

const heading = /^#{1,6}(?:[ \t]|$)/;

/** Whether `line` (past its indent) begins a block that may interrupt a paragraph (a list only from 1, not empty). */
function interrupts(line: string): boolean {
  const marker = /^(?:[*+-]|(\d{1,9})[.)])[ \t]+\S/.exec(line);
  return (
    (!!marker && (marker[1] === undefined || marker[1] === '1')) ||
    thematicBreak.test(line) ||
    fenceOpener.test(line) ||
    heading.test(line) ||
    htmlBlocks.some(([opens], i) => i < htmlBlocks.length - 1 && opens.test(line))
  );
}

/**
 * The parts of `text` that hold inline Markdown (paragraphs, headings, table rows) or raw HTML,
 * leaving out fenced and indented code. Block quotes and list items are followed far enough for
 * that: a list item's content indent (4 spaces under `-   `, as our writer puts it) is not code.
 */
function blocks(text: string): Block[] {
  const found: Block[] = [];
  /** The open list items, innermost last: the column their content starts at, inside how many quotes. */
  const items: { content: number; quotes: number }[] = [];
  type Open = { quotes: number; items: number };
  let fence: (Open & { closing: RegExp }) | null = null;
  let html: (Open & { closing: RegExp | null; block: Block }) | null = null;
  let paragraph: (Block & { quotes: number }) | null = null;
  const lineBreak = /\r\n|\r|\n/g;
  for (let start = 0; start <= text.length; ) {
    const m = lineBreak.exec(text);
    const end = m ? m.index : text.length;
    const lineStart = start;
    start = m ? m.index + m[0].length : text.length + 1;
    // Past block-quote markers (within open code or HTML, only as many as its quotes: the rest is its
    // text), then the indent counted in columns (a tab to the next multiple of 4).
    let at = lineStart;
    let quotes = 0;
    let column = 0;
    const indent = (from: number) => {
      let i = from;
      for (; i < end && isSpace(text[i]); i++) column = text[i] === '\t' ? column + 4 - (column % 4) : column + 1;
      return i;
    };
    const readPrefix = (most: number) => {
      [at, quotes, column] = [lineStart, 0, 0];
      for (let q: RegExpExecArray | null; quotes < most && (q = /^ {0,3}> ?/.exec(text.slice(at, end))); quotes++) at += q[0].length;
      at = indent(at);
    };
    readPrefix((fence ?? html)?.quotes ?? Infinity);
    let blank = at >= end;
    let line = text.slice(at, end);
    const inner = () => (items.at(-1)?.quotes === quotes ? items.at(-1)!.content : 0);
    // A paragraph goes on through any line that starts no block, even one with fewer `>` (CommonMark's laziness);
    // a list marker left of the paragraph's item starts a sibling, whatever its number.
    const continues =
      !!paragraph && !blank && quotes <= paragraph.quotes && (column - inner() >= 4 || !(interrupts(line) || (column < inner() && listMarker.test(line))));
    if (!continues) {
      const closes = (top: { content: number; quotes: number }) => top.quotes > quotes || (!blank && top.quotes === quotes && column < top.content);
      while (items.length && closes(items.at(-1)!)) items.pop();
    }
    const inside = (open: Open) => quotes >= open.quotes && items.length >= open.items;
    if (fence) {
      if (inside(fence)) {
        if (!blank && column - inner() < 4 && fence.closing.test(line)) fence = null;
        continue; // a line of code, or the fence that closes it
      }
    }
    if (html && inside(html) && !(blank && !html.closing)) {
      html.block.end = end; // raw HTML goes on to its closing line, or to a blank line
      if (html.closing?.test(line)) html = null;
      continue;
    }
    if (fence || html) {
      // Its quote or list item has ended, and the code or HTML with it: the line is read as usual.
      [fence, html] = [null, null];
      readPrefix(Infinity);
      [blank, line] = [at >= end, text.slice(at, end)];
    }
    if (blank) {
      paragraph = null;
      continue;
    }
    if (continues) {
      paragraph!.end = end;
      continue;
    }
    paragraph = null;
    // List markers open items (maybe several: `- 1. a`); what follows them is read as the line.
    for (let marker: RegExpExecArray | null; column - inner() < 4 && !thematicBreak.test(text.slice(at, end)) && (marker = listMarker.exec(text.slice(at, end))); ) {
      const markerEnd = column + marker[0].length;
      column = markerEnd;
      at = indent(at + marker[0].length);
      // An empty item, or one whose text starts with indented code: its content column is one past the marker.
      items.push({ content: at >= end || column - markerEnd > 4 ? markerEnd + 1 : column, quotes });
    }
    if (at >= end) continue;
    const content = text.slice(at, end);
    const relative = column - inner();
    if (relative >= 4) continue; // indented code
    const opener = fenceOpener.exec(content);
    const htmlKind = htmlBlocks.find(([opens]) => opens.test(content));
    if (opener) {
      const run = opener[1] ?? opener[2]!;
      fence = { closing: new RegExp(`^[${run[0]}]{${run.length},}[ \\t]*$`), quotes, items: items.length };
    } else if (htmlKind) {
      const block: Block = { start: at, end, kind: 'html' };
      found.push(block);
      if (!htmlKind[1]?.test(content)) html = { closing: htmlKind[1], quotes, items: items.length, block };
    } else if (heading.test(content)) found.push({ start: at, end, kind: 'heading' });
    else if (!thematicBreak.test(content)) {
      paragraph = { start: at, end, kind: 'paragraph', quotes };
      found.push(paragraph);
    }
  }
  return found;
}

/** Every image in `markdown` with its definition-resolved destination, in order. */
function scan(markdown: string): Image[] {
  const definitions = new Map<string, Definition>();
  const texts: { start: number; end: number; html?: boolean }[] = [];
  for (const block of blocks(markdown)) {
    let start = block.start;
    if (block.kind === 'html') {
      texts.push({ ...block, html: true });
      continue;
    }
    for (let def = block.kind === 'paragraph' ? definitionAt(markdown, start, block.end) : null; def; def = definitionAt(markdown, start, block.end)) {
      if (!definitions.has(def.key)) definitions.set(def.key, def.definition); // the first one counts
      start = def.end;
      while (start < block.end && /[ \t>]/.test(markdown[start]!)) start++; // the next line's indent or quote marker
    }
    if (start < block.end) texts.push({ start, end: block.end });
  }
  const images: Image[] = [];
  for (const { start, end, html } of texts) {
    if (html) scanHtml(markdown, start, end, images);
    else scanInline(chunk(markdown, start, end), start, end, definitions, images);
  }
  return images;
}

/**
 * The destinations of every image in `markdown`, in order, as the URLs they stand for: Markdown
 * escapes and entities undone, and what our writer percent-encodes (whitespace, `()<>`) decoded. An
 * image `![alt][id]` gives its definition's URL; `<img src>` its `src`. Images with an empty
 * destination, and anything in code, are left out.
 */
export function imageUrlsIn(markdown: string): string[] {
  return scan(markdown).flatMap(({ destination, quote }) => {
    const url = quote === undefined ? undoWriterEscapes(destination.url) : destination.url;
    return url.trim() ? [url] : [];
  });
}

/** `link` as a Markdown destination: in `<…>` where it was so or where it must be (spaces, `<>`, unbalanced parentheses), else raw. */
function formatDestination(link: string, angle: boolean): string {
  let depth = 0;
  for (const c of link) if (depth >= 0) depth += c === '(' ? 1 : c === ')' ? -1 : 0;
  const raw = !angle && depth === 0 && link !== '' && !/[\s\u0000-\u001f\u007f<>\\]/.test(link);
  return raw ? link : `<${link.replace(/[\\<>]/g, '\\$&').replace(/[\r\n]/g, (c) => (c === '\n' ? '%0A' : '%0D'))}>`;
}

const attributeValue = (link: string, quote: '"' | "'" | '') => {
  const escaped = link.replace(/&/g, '&amp;').replace(quote === "'" ? /'/g : /"/g, quote === "'" ? '&#39;' : '&quot;');
  return quote ? escaped : `"${escaped}"`;
};

/**
 * `markdown` with the destination of every image whose URL is a key of `links` replaced by its value
 * (a relative link, already encoded, or a `data:` URI); URLs are compared after `imageUrlKey` on both
 * sides, so `a%20b` finds `a b` and `%E4%BA%A7` finds `产`. Alt text, titles and all other text stay
 * as they are, URLs in prose, links and code too. `relinked`: the keys that were used.
 */
export function relinkImages(markdown: string, links: ReadonlyMap<string, string>): { markdown: string; relinked: Set<string> } {
  const byKey = new Map<string, string>();
  for (const key of links.keys()) if (!byKey.has(imageUrlKey(key))) byKey.set(imageUrlKey(key), key);
  const find = (d: Destination, html: boolean) => {
    const exact = [html ? d.url : undoWriterEscapes(d.url), d.url, d.literal].find((u) => links.has(u));
    return exact ?? byKey.get(imageUrlKey(d.url)) ?? byKey.get(imageUrlKey(d.literal));
  };
  const edits: { start: number; end: number; text: string }[] = [];
  const relinked = new Set<string>();
  const definitionsDone = new Set<Definition>();
  for (const image of scan(markdown)) {
    const { destination, quote, reference } = image;
    if (!destination.url.trim()) continue;
    const key = find(destination, quote !== undefined);
    if (key === undefined) continue;
    const link = links.get(key)!;
    relinked.add(key);
    if (quote !== undefined) edits.push({ start: destination.start, end: destination.end, text: attributeValue(link, quote) });
    else if (!reference) edits.push({ start: destination.start, end: destination.end, text: formatDestination(link, destination.angle) });
    else if (reference.definition.usedByLink) {
      // A link uses the same definition: this image alone gets its own destination, inline.
      const title = reference.definition.title ? ` ${reference.definition.title}` : '';
      edits.push({ start: reference.start, end: reference.end, text: `![${reference.alt}](${formatDestination(link, false)}${title})` });
    } else if (!definitionsDone.has(reference.definition)) {
      definitionsDone.add(reference.definition);
      edits.push({ start: destination.start, end: destination.end, text: formatDestination(link, destination.angle) });
    }
  }
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    parts.push(markdown.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(markdown.slice(at));
  return { markdown: parts.join(''), relinked };
}
