/**
 * A zip of an export (Markdown + images) with fflate's streaming `Zip`. Names are UTF-8 (fflate sets
 * the flag for non-ASCII names), so CJK names unzip right.
 */
import { Zip, type ZipDeflate, ZipPassThrough } from 'fflate';

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
    const file = this.entryFor(path, bytes);
    file.mtime = this.mtime;
    this.zip.add(file);
    file.push(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, true);
    this.flush();
  }

  /** How an entry is written: stored (utils/library/backup.ts deflates its text). */
  protected entryFor(path: string, _bytes: Uint8Array | string): ZipPassThrough | ZipDeflate {
    return new ZipPassThrough(path);
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
