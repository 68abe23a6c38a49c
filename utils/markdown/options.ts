/** Markdown templates and options: plain data, importable without turndown (options page, settings). */
import { defaultFilenameTemplate } from './filename';
import type { ImageMode } from '../images/collect';
import type { Highlight } from '../highlights/types';

export type { ImageMode };
export const templates = ['frontmatter', 'gitbook', 'plain'] as const;

/** How an export takes its images, in the order the UI offers them: with the article (zip), embedded, linked. */
export const imageModes: readonly ImageMode[] = ['local', 'inline', 'remote'];
export type Template = (typeof templates)[number];

export interface MarkdownOptions {
  template?: Template;
  /** Add a 要点 section listing the key points before the body. */
  keyPoints?: boolean;
  /** Put the editor's lead in the document (front matter keeps it as `description` regardless). */
  lead?: boolean;
  /** End with the credit lines (本文由 @X 原创发布于…). */
  attribution?: boolean;
  /**
   * The reader's highlights of this article: `==text==` in the body (`**text**` in the gitbook and plain
   * templates), notes as footnotes, `highlights: N` in front matter. Not a setting: given per export.
   */
  highlights?: readonly Highlight[];
  /** With highlights, list them in a 我的标注 section at the top. */
  highlightsSection?: boolean;
}

export const defaultMarkdownOptions: Required<MarkdownOptions> = {
  template: 'frontmatter',
  keyPoints: false,
  lead: true,
  attribution: false,
  highlights: [],
  highlightsSection: false,
};

/**
 * Everything an export needs besides the article: the Markdown options and the file name template.
 * The extension stores this as one setting; the CLI starts from the same default. The highlights are the
 * article's, given with each export, not a setting.
 */
export interface ExportSettings extends Required<Omit<MarkdownOptions, 'highlights'>> {
  /** File name template, e.g. `{published}-{title}.md` (see filename.ts for the placeholders). */
  filename: string;
  /**
   * Images of a download: `remote` keeps the CDN addresses; `local` saves a `.zip` with the Markdown
   * and an images folder linked by relative paths; `inline` embeds them as `data:` URIs in one file.
   */
  images: ImageMode;
  /** `local`: the images folder in the zip (`assets`; Obsidian users may prefer `attachments`). */
  assetsFolder: string;
  /** Where an export goes: the Downloads folder as a zip or one file (`download`), or the user's notes folder (`folder`). */
  destination: Destination;
  /** `folder`: the note's folder inside it, a template of `{category}` `{slug}` `{year}` `{month}` `{author}`; empty: the folder itself. */
  subfolder: string;
  /** `folder` where the browser cannot write to a chosen folder (Firefox): the folder inside Downloads. */
  downloadsFolder: string;
  /** `folder`: open the note in Obsidian after saving, when the folder is a vault (holds `.obsidian/`). */
  openInObsidian: boolean;
}

export const destinations = ['download', 'folder'] as const;
export type Destination = (typeof destinations)[number];

export const defaultExportSettings: ExportSettings = {
  template: defaultMarkdownOptions.template,
  keyPoints: defaultMarkdownOptions.keyPoints,
  lead: defaultMarkdownOptions.lead,
  attribution: defaultMarkdownOptions.attribution,
  highlightsSection: defaultMarkdownOptions.highlightsSection,
  filename: defaultFilenameTemplate,
  images: 'local',
  assetsFolder: 'assets',
  destination: 'download',
  subfolder: '',
  downloadsFolder: 'woshipm',
  openInObsidian: true,
};
