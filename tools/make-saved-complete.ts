// Builds tests/fixtures/saved-complete/: a fixture page as "Save page as…, complete" leaves it,
// the body images in `<name>_files/` and `src` pointing there. The images are tiny real files made
// here (PNG through zlib, a baseline JPEG by hand), so nothing is downloaded.
// Run: npx tsx tools/make-saved-complete.ts
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures');
const SOURCE = 'it-2025-6200141';
/** A name with a space and CJK, as browsers save pages under their title. */
const NAME = '加密货币 新规';
const OUT = join(FIXTURES, 'saved-complete');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array) => {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** A `width` x `height` PNG of one RGB colour. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Uint8Array {
  const chunk = (type: string, data: number[] | Uint8Array) => {
    const body = new Uint8Array([...Buffer.from(type, 'latin1'), ...data]);
    return [...u32(data.length), ...body, ...u32(crc32(body))];
  };
  const rows = Array.from({ length: height }, () => [0, ...Array.from({ length: width }, () => [r, g, b]).flat()]).flat();
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', [...u32(width), ...u32(height), 8, 2, 0, 0, 0]),
    ...chunk('IDAT', deflateSync(new Uint8Array(rows))),
    ...chunk('IEND', []),
  ]);
}

/** An 8x8 mid-grey baseline JPEG: one block, DC difference 0 and end-of-block, each a 1-bit Huffman code. */
function jpeg(): Uint8Array {
  const huffman = (tableClass: number) => [0xff, 0xc4, 0x00, 0x14, tableClass << 4, 1, ...new Array(15).fill(0), 0x00];
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0x00,
    0x01,
    0x01,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0xff,
    0xdb,
    0x00,
    0x43,
    0x00,
    ...new Array(64).fill(1),
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    0x00,
    0x08,
    0x00,
    0x08,
    0x01,
    0x01,
    0x11,
    0x00,
    ...huffman(0),
    ...huffman(1),
    0xff,
    0xda,
    0x00,
    0x08,
    0x01,
    0x01,
    0x00,
    0x00,
    0x3f,
    0x00,
    0x3f, // bits 0 (DC: no change), 0 (EOB), then 1s to the byte
    0xff,
    0xd9,
  ]);
}

const red = png(2, 2, [220, 40, 40]);
const files: Record<string, Uint8Array> = {
  // the cover
  '239e4f14-dcf5-11ed-ab4d-00163e0b5ff3.png': red,
  // served as .png, really a JPEG: the saved name must come from the bytes
  'a7d7a808-0e93-11f0-8fbc-00163e09d72f.png': jpeg(),
  // a lazy image: data-original stays remote, src is the saved file
  'a8c76bf4-0e93-11f0-8fbc-00163e09d72f.png': png(3, 2, [30, 111, 217]),
  // the same bytes as the cover under another name: saved once
  'a9c60b50-0e93-11f0-8fbc-00163e09d72f.png': red,
};

let html = readFileSync(join(FIXTURES, SOURCE, 'page.html'), 'utf8');
for (const file of Object.keys(files)) {
  const [year, month, day] = file.startsWith('239e') ? ['2023', '04', '17'] : ['2025', '04', '01'];
  const remote = `https://image.woshipm.com/${year}/${month}/${day}/${file}`;
  const local = `./${NAME}_files/${file}`;
  const tag = `<img src="${remote}"`;
  if (!html.includes(tag)) throw new Error(`no ${tag} in ${SOURCE}`);
  html = html.replace(tag, file.startsWith('a8c7') ? `<img src="${local}" data-original="${remote}"` : `<img src="${local}"`);
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, `${NAME}_files`), { recursive: true });
writeFileSync(join(OUT, `${NAME}.html`), html);
for (const [file, bytes] of Object.entries(files)) writeFileSync(join(OUT, `${NAME}_files`, file), bytes);
console.log(`${OUT}: ${NAME}.html + ${Object.keys(files).length} images`);
