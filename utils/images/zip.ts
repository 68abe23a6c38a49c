/**
 * A zip of an export (Markdown + images) with fflate's streaming `Zip`: images are stored as they
 * are (already compressed), text is deflated, and output is collected chunk by chunk instead of
 * building copies. Names are UTF-8 (fflate sets the flag for non-ASCII names), so CJK names unzip right.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZipEntry {
  /** `/`-separated path inside the zip. */
  path: string;
  bytes: Uint8Array | string;
}

const compressible = /\.(md|markdown|txt|json|html?|svg|css|csv|xml|yaml|yml)$/i;

type ZipFile = ZipDeflate | ZipPassThrough;

/**
 * Writes the zip into `chunks` (fflate's output as it comes: for a `Blob`, no further copy), each entry
 * by `fileFor(path)`; pauses after each entry, so a caller can let other work run between them.
 */
function* zipSteps(
  entries: readonly ZipEntry[],
  fileFor: (path: string) => ZipFile,
  options: { mtime?: Date | number },
  chunks: Uint8Array[],
): Generator<void> {
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const mtime = options.mtime ?? Date.now();
  const encoder = new TextEncoder();
  for (const { path, bytes } of entries) {
    const file = fileFor(path);
    file.mtime = mtime;
    zip.add(file);
    file.push(typeof bytes === 'string' ? encoder.encode(bytes) : bytes, true);
    if (failure) throw failure;
    yield;
  }
  zip.end();
  if (failure) throw failure;
}

/** Text deflated, images stored. */
function zipChunks(entries: readonly ZipEntry[], options: { mtime?: Date | number } = {}): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const steps = zipSteps(entries, (path) => (compressible.test(path) ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path)), options, chunks);
  while (!steps.next().done);
  return chunks;
}

/**
 * Every entry stored, as chunks for a `Blob`: what the popup uses, where fflate's deflate code (3 kB
 * gzip) would cost more than it saves (the images are compressed already; one Markdown file is small).
 * One entry per task: zipping 60 large images (a CRC over every byte) never freezes the page.
 */
export async function storedZipChunks(entries: readonly ZipEntry[], options: { mtime?: Date | number } = {}): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const steps = zipSteps(entries, (path) => new ZipPassThrough(path), options, chunks);
  while (!steps.next().done) await new Promise((resolve) => setTimeout(resolve));
  return chunks;
}

/** The zip as one array. */
export function zipFiles(entries: readonly ZipEntry[], options: { mtime?: Date | number } = {}): Uint8Array {
  const chunks = zipChunks(entries, options);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
