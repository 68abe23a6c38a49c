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

/** Text deflated, images stored; the zip as the chunks fflate wrote. */
function zipChunks(entries: readonly ZipEntry[], options: { mtime?: Date | number } = {}): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const mtime = options.mtime ?? Date.now();
  const encoder = new TextEncoder();
  for (const { path, bytes } of entries) {
    const file = compressible.test(path) ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    file.mtime = mtime;
    zip.add(file);
    file.push(typeof bytes === 'string' ? encoder.encode(bytes) : bytes, true);
    if (failure) throw failure;
  }
  zip.end();
  if (failure) throw failure;
  return chunks;
}

/**
 * A zip written entry by entry as the entries come, every entry stored (the images are compressed
 * already; fflate's deflate code, 3 kB gzip, would cost the popup more than it saves on one Markdown
 * file). Each entry's output goes into a `Blob` at once, so the caller can drop the entry's bytes: an
 * export holds the zip so far and the entry being added, never every image twice.
 */
export class StoredZipWriter {
  private readonly parts: Blob[] = [];
  private pending: Uint8Array[] = [];
  private failure: Error | null = null;
  private readonly zip = new Zip((error, chunk) => {
    if (error) this.failure = error;
    else this.pending.push(chunk);
  });

  constructor(private readonly mtime: Date | number = Date.now()) {}

  add(path: string, bytes: Uint8Array | string): void {
    const file = new ZipPassThrough(path);
    file.mtime = this.mtime;
    this.zip.add(file);
    file.push(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, true);
    this.flush();
  }

  /** Closes the zip: the whole of it. */
  end(): Blob {
    this.zip.end();
    this.flush();
    return new Blob(this.parts, { type: 'application/zip' });
  }

  private flush(): void {
    if (this.failure) throw this.failure;
    this.parts.push(new Blob(this.pending as BlobPart[]));
    this.pending = [];
  }
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
