/**
 * Images -> files (`local`) or `data:` URIs (`inline`), with the fetching injected: the CLI reads a
 * saved page's `_files/` folder and the network, the extension whatever it can reach. One image
 * that cannot be saved never fails the export: it is reported and keeps its remote URL.
 */
import { fullSizeUrl } from './urls';
import { assetName, relativeLink, safeFolderName } from './paths';
import { sniffImage } from './sniff';

export type ImageMode = 'remote' | 'local' | 'inline';

interface FetchedImage {
  bytes: Uint8Array;
  contentType?: string | null;
}

/** Gets an image's bytes, or throws (offline, HTTP error, timeout); the error's message is kept as `detail`. */
export type FetchImage = (url: string) => Promise<FetchedImage>;

interface ImageFile {
  /** Relative to the export's root, `/`-separated, e.g. `assets/3f9a0c1b2d4e5f60.png`. */
  path: string;
  bytes: Uint8Array;
}

/** Why an image was not saved; callers word it (CLI table, extension i18n). */
export type ImageFailureReason = 'unreachable' | 'not-image' | 'too-large';

export interface ImageFailure {
  url: string;
  reason: ImageFailureReason;
  /** What the fetcher said, for diagnostics (`HTTP 404`, `fetch failed`). */
  detail?: string;
}

export interface CollectedImages {
  /** New files to write, each once (no two with the same bytes), in body order. */
  files: ImageFile[];
  /** Image URL -> link destination (relative, encoded) or `data:` URI, for `withImageLinks`. */
  links: Map<string, string>;
  failures: ImageFailure[];
}

export interface CollectOptions {
  mode: 'local' | 'inline';
  /** `local`: the images folder, relative to the export's root. Default `assets`. */
  folder?: string;
  /** `local`: the folder of the Markdown file, relative to the same root (`zhichang/2024`), for its links. Default the root. */
  linkFrom?: string;
  /** Requests at once. Default 2. */
  concurrency?: number;
  /** Try the CDN original first (`fullSizeUrl`), then the URL as shown. Default true. */
  fullSize?: boolean;
  /** Bigger images are not saved. Default 20 MB. */
  maxBytes?: number;
  /** `local`: file paths already written by this export (earlier articles): linked, not returned again. Updated. */
  written?: Set<string>;
  /** Called as each distinct image is settled (saved or failed): `done` of `total`, from 1. */
  onProgress?(done: number, total: number): void;
  /**
   * `local`: takes each new file as soon as it is ready (a zip writer, a disk), instead of `files`:
   * the export then holds one image at a time, not all of them.
   */
  onFile?(file: ImageFile): void | Promise<void>;
}

class ImageError extends Error {
  constructor(
    readonly reason: ImageFailureReason,
    readonly detail?: string,
  ) {
    super(detail ?? reason);
  }
}

async function fetchOne(url: string, fetchImage: FetchImage, maxBytes: number) {
  let image: FetchedImage;
  try {
    image = await fetchImage(url);
  } catch (error) {
    throw new ImageError('unreachable', error instanceof Error ? error.message : String(error));
  }
  if (image.bytes.length > maxBytes) throw new ImageError('too-large', `${image.bytes.length} bytes`);
  const type = sniffImage(image.bytes, image.contentType);
  if (!type) throw new ImageError('not-image', image.contentType ?? undefined);
  return { bytes: image.bytes, type };
}

/** `data:` URI of some bytes; base64 through `btoa`, in slices so no argument list gets too long. */
export function dataUri(bytes: Uint8Array, mime: string): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${mime};base64,${btoa(binary)}`;
}

/** Runs `task` over `items` with at most `limit` at once; results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export async function collectImages(urls: readonly string[], fetchImage: FetchImage, options: CollectOptions): Promise<CollectedImages> {
  const { mode, concurrency = 2, fullSize = true, maxBytes = 20 * 1024 * 1024 } = options;
  const folder = safeFolderName(options.folder ?? 'assets');
  const written = options.written ?? new Set<string>();
  const distinct = [...new Set(urls)];
  const uris = new Map<string, string>(); // inline: identical bytes encoded once
  let settled = 0;

  /** One image, fetched and settled at once: its link and, for a new file, the file (handed on or kept). */
  const results = await mapLimited(distinct, concurrency, async (url) => {
    const fetched = await fetchBest(url);
    const result = 'reason' in fetched ? fetched : await settle(fetched);
    options.onProgress?.(++settled, distinct.length);
    return result;
  });

  async function fetchBest(url: string) {
    const full = fullSize ? fullSizeUrl(url) : url;
    try {
      if (full !== url) {
        try {
          return await fetchOne(full, fetchImage, maxBytes);
        } catch {
          // the original is gone or refused: the size the article shows will do
        }
      }
      return await fetchOne(url, fetchImage, maxBytes);
    } catch (error) {
      const { reason, detail } = error as ImageError;
      return { url, reason, detail } satisfies ImageFailure;
    }
  }

  async function settle(image: Awaited<ReturnType<typeof fetchOne>>): Promise<{ link: string; file?: ImageFile }> {
    const name = await assetName(image.bytes, image.type.ext);
    if (mode === 'inline') {
      if (!uris.has(name)) uris.set(name, dataUri(image.bytes, image.type.mime));
      return { link: uris.get(name)! };
    }
    const path = `${folder}/${name}`;
    const link = relativeLink(options.linkFrom ?? '', path);
    if (written.has(path)) return { link }; // the same bytes, saved already
    written.add(path);
    const file = { path, bytes: image.bytes };
    if (!options.onFile) return { link, file };
    await options.onFile(file);
    return { link };
  }

  const files: ImageFile[] = [];
  const links = new Map<string, string>();
  const failures: ImageFailure[] = [];
  for (const [i, result] of results.entries()) {
    if ('reason' in result) failures.push(result);
    else {
      links.set(distinct[i]!, result.link);
      if (result.file) files.push(result.file);
    }
  }
  return { files, links, failures };
}
