/**
 * Saved woshipm pages (.html) -> Markdown or JSON, with the extension's own core under jsdom.
 * A folder of saved pages, with --out, becomes a Markdown library (see ./library.ts).
 *
 *   npm run --silent md -- <page.html | folder>... [--format md|json|card] [--template frontmatter|gitbook|plain]
 *                          [--key-points] [--attribution] [--url URL] [--out DIR] [--name TEMPLATE] [--library]
 *                          [--images remote|local|inline] [--assets NAME]
 *   npm run --silent md -- search <library folder> <query> [--format text|json] [--limit N]   (./search.ts)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { JSDOM } from 'jsdom';
import { extractArticle } from '../utils/extract';
import { declaredUrl } from '../utils/extract/metadata';
import { createMarkdown, makeFilename, templates, type Markdown, type Template } from '../utils/markdown';
import { defaultExportSettings, imageModes } from '../utils/markdown/options';
import type { Article, ExtractFailure, ExtractResult } from '../utils/types';
import { formatCard } from './card';
import { fastParser } from './dom';
import { assetsFolder, keptImages, savedImages, withImages, type ImageSettings } from './images';
import { expandInputs, Progress } from './library';
import { libraryFolder, libraryIndex, UniqueNames, type LibraryEntry } from '../utils/library/layout';
import { libraryJsonName, libraryJsonText, newCard, sha256Hex, type BackupArticle, type LibraryJson } from '../utils/library/backup';
import { woshipm } from '../utils/site/woshipm';
import { searchMain } from './search';

const usage = `用法 / usage:
  npm run --silent md -- <page.html | 文件夹>... [options]
  npm run --silent md -- search <文库文件夹> <查询> [--format text|json] [--limit N]   （搜索文库，见 search --help）

  --format md|json|card   输出 Markdown（默认）、Article JSON 或文字卡片
  --template frontmatter|gitbook|plain   Markdown 模板（默认 ${defaultExportSettings.template}）
  --key-points            在正文前加「要点」一节
  --attribution           在文末加上来源声明（本文由…发布、题图来自…、作者/编辑/来源公众号、作者简介），
                          同插件设置里的「包含来源声明」；默认不加，它们也不算正文
  --url URL               页面原地址（默认读页面里的 og:url / canonical）
  --out DIR               每个页面写一个文件到 DIR（文件名模板见 --name）
  --name TEMPLATE         文件名模板，默认 ${defaultExportSettings.filename}
  --library               和 --out 一起：写成文库 DIR/<分类>/<年份>/<文件名> 加 DIR/SUMMARY.md，
                          以及 DIR/library.json（插件的资料库可以从这个文件夹导入）
                          （输入里有文件夹时默认如此）
  --images remote|local|inline   图片：remote 用原网址（默认）；local 存到图片文件夹并用相对链接；
                          inline 以 data: URI 嵌入 Markdown。先取保存网页的 <名字>_files/，再从网络下载
  --assets NAME           local 的图片文件夹名（默认 assets），在 --out 目录里（文库共用一个），
                          没有 --out 时在当前目录里

  输入可以是文件夹：递归查找其中的 .html / .htm。多个页面时跳过无法转换的页面并在最后汇总，
  只有一篇都没转换成功时退出码才是 1。
`;

/** Why a page gave no article, as the CLI says it (the core returns the reason only). */
export const failureMessages: Record<ExtractFailure, string> = {
  'not-woshipm': '这不是人人都是产品经理（woshipm.com）的页面。',
  'not-article': '这个页面不是文章（首页、列表、标签、作者、搜索或不存在的页面）。请打开一篇文章。',
  empty: '没有在这个页面找到正文。页面可能还没加载完，请稍后再试或刷新页面。',
};

export class CliError extends Error {
  constructor(
    message: string,
    readonly reason: 'unreadable' | 'no-url' = 'unreadable',
  ) {
    super(message);
  }
}

interface Writer {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Reads a saved page the way a browser would: jsdom sniffs the charset from a BOM or <meta charset>. */
export function loadPage(file: string, url?: string): { dom: JSDOM; url: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CliError(`无法读取 ${file}：${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let dom: JSDOM;
  try {
    dom = new JSDOM(bytes, { contentType: 'text/html' });
  } catch (error) {
    throw new CliError(`无法解析 ${file}：${(error as Error).message}`);
  }
  const pageUrl = url ?? declaredUrl(dom.window.document, woshipm);
  if (!pageUrl) {
    dom.window.close();
    throw new CliError(`${file}：页面里没有原文地址（og:url / canonical），请用 --url 指定`, 'no-url');
  }
  dom.reconfigure({ url: pageUrl }); // links resolve against the page's own address
  return { dom, url: pageUrl };
}

export function convertFile(file: string, url?: string): ExtractResult {
  return convertPage(file, url).result;
}

/**
 * One saved page, start to end in its own jsdom window: extract, then (`then`) render while the
 * window is open, then close it. Parsing in one long-lived window instead would keep every
 * document parsed there alive (about 1 MB a page).
 */
export function convertPage<T>(
  file: string,
  url?: string,
  then?: (article: Article, page: Document) => T,
): { result: ExtractResult; output?: T } {
  const page = loadPage(file, url);
  try {
    const result = extractArticle(page.dom.window.document, page.url, woshipm);
    if (!result.ok || !then) return { result };
    return { result, output: then(result.article, page.dom.window.document) };
  } finally {
    page.dom.window.close();
  }
}

interface Options {
  format: 'md' | 'json' | 'card';
  template: Template;
  keyPoints: boolean;
  attribution: boolean;
  name: string;
}

/** Markdown written from a domino tree (the same bytes as from the page's own jsdom window, and faster). */
const markdown = createMarkdown(fastParser);

function render(article: Article, markdown: Markdown, o: Options): string {
  if (o.format === 'json') return JSON.stringify(article, null, 2) + '\n';
  if (o.format === 'card') return formatCard(article);
  return markdown.toMarkdown(article, { template: o.template, keyPoints: o.keyPoints, attribution: o.attribution });
}

type SkipReason = ExtractFailure | 'unreadable' | 'no-url' | 'duplicate';

/** `转换 N 篇，跳过 M 篇（not-article: 2, unreadable: 1）` */
export function batchReport(converted: number, skipped: ReadonlyMap<SkipReason, number>): string {
  const total = [...skipped.values()].reduce((a, b) => a + b, 0);
  const reasons = [...skipped.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([reason, n]) => `${reason}: ${n}`)
    .join(', ');
  return `转换 ${converted} 篇，跳过 ${total} 篇${total ? `（${reasons}）` : ''}`;
}

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'md' },
      template: { type: 'string', default: defaultExportSettings.template },
      'key-points': { type: 'boolean', default: defaultExportSettings.keyPoints },
      attribution: { type: 'boolean', default: defaultExportSettings.attribution },
      url: { type: 'string' },
      out: { type: 'string' },
      name: { type: 'string', default: defaultExportSettings.filename },
      library: { type: 'boolean', default: false },
      images: { type: 'string', default: 'remote' },
      assets: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

/** Runs the command; returns the exit code. Output goes through the given writers (tests pass their own). */
export async function main(argv: string[], out: Writer = process.stdout, err: Writer = process.stderr): Promise<number> {
  if (argv[0] === 'search') return searchMain(argv.slice(1), out, err);
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    err.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    out.write(usage);
    return 0;
  }
  const { inputs, folders } = expandInputs(positionals);
  const problems: string[] = [];
  if (!positionals.length) problems.push('没有输入文件');
  if (!['md', 'json', 'card'].includes(values.format!)) problems.push(`未知格式 --format ${values.format}`);
  if (!(templates as readonly string[]).includes(values.template!)) problems.push(`未知模板 --template ${values.template}`);
  if (values.url && inputs.length > 1) problems.push('--url 只能用于单个文件');
  if (values.url && folders.length) problems.push('--url 不能用于文件夹');
  if (inputs.length > 1 && !values.out && values.format !== 'json') problems.push('多个文件请用 --out DIR 输出');
  if (!(imageModes as readonly string[]).includes(values.images!)) problems.push(`未知图片方式 --images ${values.images}`);
  else if (values.images !== 'remote' && values.format === 'card') problems.push('--images 只用于 --format md 或 json');
  if (problems.length) {
    err.write(`${problems.join('\n')}\n\n${usage}`);
    return 2;
  }
  const o: Options = {
    format: values.format as Options['format'],
    template: values.template as Template,
    keyPoints: values['key-points']!,
    attribution: values.attribution!,
    name: values.name!,
  };
  // several pages, or a folder: skip what cannot be converted, say so, and sum up at the end
  const batch = inputs.length > 1 || folders.length > 0;
  const library = !!values.out && (folders.length > 0 || values.library!);
  const images: ImageSettings | null =
    values.images === 'remote'
      ? null
      : { mode: values.images as ImageSettings['mode'], assets: assetsFolder(values.assets), root: values.out ?? '.', written: new Set() };
  for (const { dir, pages } of folders) if (!pages) err.write(`✗ ${dir}：没有 .html / .htm 文件\n`);

  const progress = batch && (err as { isTTY?: boolean }).isTTY ? new Progress(err, inputs.length) : null;
  const say = (line: string) => {
    progress?.clear();
    err.write(line + '\n');
  };
  const extension = { md: '.md', json: '.json', card: '.txt' }[o.format];
  const names = new UniqueNames();
  const articles: Article[] = [];
  const outputs: string[] = [];
  const entries: LibraryEntry[] = [];
  // library.json: what the extension's library needs to import this folder (utils/library/backup.ts)
  const now = Date.now();
  const backupArticles: BackupArticle[] = [];
  const backupImages: LibraryJson['images'] = {};
  const seen = new Set<string>();
  const skipped = new Map<SkipReason, number>();
  const skip = (reason: SkipReason, message: string) => {
    skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    say(`✗ ${message}`);
  };
  let failed = 0;
  for (const [index, { file }] of inputs.entries()) {
    // jsdom frees a closed window's document only once the event loop turns: let it, page by page
    if (index) await setImmediate();
    progress?.draw(index);
    let result: ExtractResult;
    let output: string | undefined;
    let saved = new Map<string, string>();
    try {
      ({ result, output } = convertPage(file, values.url, (article, page) => {
        if (!images) return render(article, markdown, o);
        saved = savedImages(page, file); // read before the window closes; rendered once images are in
        return undefined;
      }));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      failed++;
      skip(error.reason, error.message);
      continue;
    }
    if (!result.ok) {
      failed++;
      skip(result.reason, `${file}：${failureMessages[result.reason]}（${result.reason}）`);
      continue;
    }
    const original = result.article;
    let article = original;
    let links: ReadonlyMap<string, string> = new Map();
    if (library && seen.has(article.url)) {
      skip('duplicate', `${file}：与前面的页面是同一篇文章（duplicate）`);
      continue;
    }
    seen.add(article.url);
    const name = makeFilename(article, o.name).replace(/\.md$/, extension);
    const relative = values.out ? names.take(library ? `${libraryFolder(article)}/${name}` : name) : name;
    if (images) {
      const folder = path.posix.dirname(relative).replace(/^\.$/, '');
      ({ article, output, links } = await withImages(article, saved, images, folder, file, say, (a, markdown) => render(a, markdown, o)));
    }
    articles.push(article);
    outputs.push(output!);
    if (!values.out) continue;
    const target = path.join(values.out, ...relative.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, output!);
    entries.push({ article, path: relative });
    if (library && o.format === 'md') {
      const kept = images?.mode === 'local' ? await keptImages(values.out, path.posix.dirname(relative), links) : { byUrl: {}, files: {} };
      Object.assign(backupImages, kept.files);
      const card = newCard(original, await sha256Hex(original.text), now, Object.keys(kept.byUrl).length);
      backupArticles.push({ path: relative, card, article: original, images: kept.byUrl });
    }
    if (!progress) err.write(`✓ ${file} -> ${target}\n`);
  }
  progress?.draw(inputs.length);
  progress?.clear();
  if (library && entries.length) writeFileSync(path.join(values.out!, 'SUMMARY.md'), libraryIndex(entries));
  if (library && backupArticles.length) {
    const json = libraryJsonText({ exportedAt: now, generator: 'cli', articles: backupArticles, images: backupImages, highlights: [] });
    writeFileSync(path.join(values.out!, libraryJsonName), json);
  }
  if (!values.out) {
    if (o.format === 'json' && inputs.length > 1) out.write(JSON.stringify(articles, null, 2) + '\n');
    else for (const output of outputs) out.write(output);
  }
  if (!batch) return failed ? 1 : 0;
  err.write(batchReport(articles.length, skipped) + '\n');
  return articles.length ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  process.exitCode = await main(process.argv.slice(2));
}
