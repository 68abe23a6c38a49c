/**
 * Downloads and copies with images (`local`: a zip of the Markdown and its images folder;
 * `inline`: one Markdown with `data:` URIs). Loaded on first use: the popup does not carry the zip
 * and image code until an export needs it.
 */
import { downloadFile, downloadMarkdown } from '../../shell/downloads';
import { articleImages } from '../../shell/images';
import { storedZipChunks, type ImageFailure } from '../../utils/images';
import type { Article } from '../../utils/types';

export interface ImagesOutcome {
  total: number;
  saved: number;
  failures: ImageFailure[];
}

export interface ImagesRequest {
  article: Article;
  mode: 'local' | 'inline';
  folder: string;
  /** The Markdown the user edited in the preview, or null to render the article. */
  edited: string | null;
  render(article: Article): Promise<string>;
  onProgress(done: number, total: number): void;
}

/** The Markdown with the images in: rendered from the relinked article, or the edited text with its image URLs replaced. */
async function withImages({ article, mode, folder, edited, render, onProgress }: ImagesRequest) {
  const images = await articleImages(article, mode, folder, onProgress);
  let markdown = edited ?? (await render(images.article));
  if (edited !== null) for (const [url, link] of images.links) markdown = markdown.split(url).join(link);
  return { markdown, images };
}

const outcome = ({ total, saved, failures }: ImagesOutcome): ImagesOutcome => ({ total, saved, failures });

/**
 * Saves the export: `local` as `<name>.zip` holding `<name>.md` and the images folder, `inline` as
 * `<name>.md`. `filename` and `fallbackName` are the Markdown's names (`….md`, maybe with folders).
 */
export async function downloadWithImages(request: ImagesRequest, filename: string, fallbackName: string): Promise<ImagesOutcome> {
  const { markdown, images } = await withImages(request);
  if (request.mode === 'inline') {
    await downloadMarkdown(markdown, filename, fallbackName);
    return outcome(images);
  }
  const inner = filename.split('/').pop()!;
  // fflate's chunks go into the Blob as they are: no second copy of the images
  const zip = new Blob((await storedZipChunks([{ path: inner, bytes: markdown }, ...images.files])) as BlobPart[], { type: 'application/zip' });
  const asZip = (name: string) => name.replace(/\.md$/i, '') + '.zip';
  await downloadFile(zip, asZip(filename), asZip(fallbackName));
  return outcome(images);
}

/** The Markdown with embedded images, for the clipboard (`inline`). */
export async function inlineMarkdown(request: Omit<ImagesRequest, 'mode' | 'folder'>): Promise<{ markdown: string } & ImagesOutcome> {
  const { markdown, images } = await withImages({ ...request, mode: 'inline', folder: '' });
  return { markdown, ...outcome(images) };
}
