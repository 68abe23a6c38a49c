/** What an image really is, from its bytes first (servers lie, URLs lie more), then its Content-Type. */

export interface ImageType {
  /** File extension without the dot, e.g. `png`. */
  ext: string;
  mime: string;
}

const types = {
  png: { ext: 'png', mime: 'image/png' },
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  gif: { ext: 'gif', mime: 'image/gif' },
  webp: { ext: 'webp', mime: 'image/webp' },
  avif: { ext: 'avif', mime: 'image/avif' },
  bmp: { ext: 'bmp', mime: 'image/bmp' },
  svg: { ext: 'svg', mime: 'image/svg+xml' },
  ico: { ext: 'ico', mime: 'image/x-icon' },
} satisfies Record<string, ImageType>;

/** Formats without a signature check here, trusted from the Content-Type when the bytes are not text. */
const byContentType: Record<string, ImageType> = {
  'image/tiff': { ext: 'tif', mime: 'image/tiff' },
  'image/heic': { ext: 'heic', mime: 'image/heic' },
  'image/heif': { ext: 'heif', mime: 'image/heif' },
  'image/jxl': { ext: 'jxl', mime: 'image/jxl' },
};

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** `<svg` as the first element, after an optional BOM, XML declaration, comments and doctype. */
function isSvg(text: string): boolean {
  const rest = text
    .replace(/^\ufeff/, '')
    .replace(/^(\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!doctype\s+svg[^>]*>)*/i, '');
  return /^<svg[\s>]/i.test(rest);
}

/** Text that is clearly not an image: markup, JSON, an error message. */
const looksLikeText = (bytes: Uint8Array) => bytes.subarray(0, 512).every((b) => b >= 0x20 || b === 9 || b === 10 || b === 13);

export function sniffImage(bytes: Uint8Array, contentType?: string | null): ImageType | null {
  if (bytes.length < 4) return null;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return types.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return types.jpeg;
  if (/^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return types.gif;
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return types.webp;
  if (ascii(bytes, 4, 8) === 'ftyp') {
    // ISO-BMFF: the major brand, then the compatible brands up to the end of the ftyp box
    const boxEnd = Math.min(((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0, bytes.length, 64);
    for (let i = 8; i + 4 <= boxEnd; i += 4) if (i !== 12 && /^avi[fs]$/.test(ascii(bytes, i, i + 4))) return types.avif;
  }
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length > 18 && [12, 40, 52, 56, 64, 108, 124].includes(bytes[14]! | (bytes[15]! << 8)))
    return types.bmp;
  if (startsWith(bytes, [0, 0, 1, 0]) && (bytes[4]! | (bytes[5]! << 8)) > 0 && bytes.length >= 22) return types.ico;
  if (looksLikeText(bytes)) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
    return isSvg(text) ? types.svg : null;
  }
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  return (mime && byContentType[mime]) || null;
}
