/**
 * Downloads and copies with images (`local`: a zip of the Markdown and its images folder;
 * `inline`: one Markdown with `data:` URIs). Loaded on first use: the popup does not carry the zip
 * and image code until an export needs it.
 */
import { downloadMarkdown, downloadZip } from '../../shell/downloads';
import { articleImages } from '../../shell/images';
import type { ImagesOutcome } from '../../shell/messaging';
import { StoredZipWriter } from '../../utils/images';
import type { Article } from '../../utils/types';


export interface ImagesRequest {
  article: Article;
  mode: 'local' | 'inline';
  folder: string;
  /** The Markdown the user edited in the preview, or null to render the article. */
  edited: string | null;
  render(article: Article): Promise<string>;
  onProgress(done: number, total: number): void;
}

/**
 * The Markdown with the images in: rendered from the relinked article, or the edited text with its
 * image URLs replaced. Each new image file goes to `zip` as soon as it is fetched.
 */
async function withImages({ article, mode, folder, edited, render, onProgress }: ImagesRequest, zip?: StoredZipWriter) {
  const images = await articleImages(article, { mode, folder, onProgress, onFile: zip && ((file) => zip.add(file.path, file.bytes)) });
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
  const writer = request.mode === 'local' ? new StoredZipWriter() : undefined;
  const { markdown, images } = await withImages(request, writer);
  if (!writer) {
    await downloadMarkdown(markdown, filename, fallbackName);
    return outcome(images);
  }
  const inner = filename.split('/').pop()!;
  writer.add(inner, markdown);
  await downloadZip(writer.end(), filename, fallbackName);
  return outcome(images);
}

/** The Markdown with embedded images, for the clipboard (`inline`). */
export async function inlineMarkdown(request: Omit<ImagesRequest, 'mode' | 'folder'>): Promise<{ markdown: string } & ImagesOutcome> {
  const { markdown, images } = await withImages({ ...request, mode: 'inline', folder: '' });
  return { markdown, ...outcome(images) };
}
