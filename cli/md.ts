/**
 * Saved woshipm pages (.html) -> Markdown or JSON, with the extension's own core under jsdom.
 *
 *   npm run --silent md -- <page.html>... [--format md|json|card] [--template frontmatter|gitbook|plain]
 *                          [--key-points] [--url URL] [--out DIR] [--name TEMPLATE]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { JSDOM } from 'jsdom';
import { extractArticle } from '../utils/extract';
import { declaredUrl } from '../utils/extract/metadata';
import { defaultFilenameTemplate, makeFilename, templates, toMarkdown, type Template } from '../utils/markdown';
import type { Article, ExtractResult } from '../utils/types';
import { formatCard } from './card';

const usage = `用法 / usage:
  npm run --silent md -- <page.html>... [options]

  --format md|json|card   输出 Markdown（默认）、Article JSON 或文字摘要卡片
  --template frontmatter|gitbook|plain   Markdown 模板（默认 frontmatter）
  --key-points            在正文前加「要点」一节
  --url URL               页面原地址（默认读页面里的 og:url / canonical）
  --out DIR               每个页面写一个文件到 DIR（文件名模板见 --name）
  --name TEMPLATE         文件名模板，默认 ${defaultFilenameTemplate}
`;

export class CliError extends Error {}

// Markdown conversion parses HTML with a DOMParser, as the popup does, so both write the same bytes.
(globalThis as { DOMParser?: unknown }).DOMParser ??= new JSDOM('').window.DOMParser;

/** Reads a saved page the way a browser would: jsdom sniffs the charset from a BOM or <meta charset>. */
export function loadPage(file: string, url?: string): { dom: JSDOM; url: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CliError(`无法读取 ${file}：${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const dom = new JSDOM(bytes, { contentType: 'text/html' });
  const pageUrl = url ?? declaredUrl(dom.window.document);
  if (!pageUrl) {
    dom.window.close();
    throw new CliError(`${file}：页面里没有原文地址（og:url / canonical），请用 --url 指定`);
  }
  dom.reconfigure({ url: pageUrl }); // links resolve against the page's own address
  return { dom, url: pageUrl };
}

export function convertFile(file: string, url?: string): ExtractResult {
  const page = loadPage(file, url);
  try {
    return extractArticle(page.dom.window.document, page.url);
  } finally {
    page.dom.window.close();
  }
}

interface Options {
  format: 'md' | 'json' | 'card';
  template: Template;
  keyPoints: boolean;
  name: string;
}

function render(article: Article, o: Options): string {
  if (o.format === 'json') return JSON.stringify(article, null, 2) + '\n';
  if (o.format === 'card') return formatCard(article);
  return toMarkdown(article, { template: o.template, keyPoints: o.keyPoints });
}

/** Runs the command; returns the exit code. Output goes through the given writers (tests pass their own). */
export function main(argv: string[], out = process.stdout, err = process.stderr): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'md' },
        template: { type: 'string', default: 'frontmatter' },
        'key-points': { type: 'boolean', default: false },
        url: { type: 'string' },
        out: { type: 'string' },
        name: { type: 'string', default: defaultFilenameTemplate },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    err.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals: files } = args;
  if (values.help) {
    out.write(usage);
    return 0;
  }
  const problems: string[] = [];
  if (!files.length) problems.push('没有输入文件');
  if (!['md', 'json', 'card'].includes(values.format!)) problems.push(`未知格式 --format ${values.format}`);
  if (!(templates as readonly string[]).includes(values.template!)) problems.push(`未知模板 --template ${values.template}`);
  if (values.url && files.length > 1) problems.push('--url 只能用于单个文件');
  if (files.length > 1 && !values.out && values.format !== 'json') problems.push('多个文件请用 --out DIR 输出');
  if (problems.length) {
    err.write(`${problems.join('\n')}\n\n${usage}`);
    return 2;
  }
  const o: Options = {
    format: values.format as Options['format'],
    template: values.template as Template,
    keyPoints: values['key-points']!,
    name: values.name!,
  };

  const articles: Article[] = [];
  let failed = 0;
  for (const file of files) {
    let result: ExtractResult;
    try {
      result = convertFile(file, values.url);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      err.write(`✗ ${error.message}\n`);
      failed++;
      continue;
    }
    if (!result.ok) {
      err.write(`✗ ${file}：${result.message}（${result.reason}）\n`);
      failed++;
      continue;
    }
    articles.push(result.article);
    if (values.out) {
      mkdirSync(values.out, { recursive: true });
      const extension = { md: '.md', json: '.json', card: '.txt' }[o.format];
      const name = makeFilename(result.article, o.name).replace(/\.md$/, extension);
      const target = path.join(values.out, name);
      writeFileSync(target, render(result.article, o));
      err.write(`✓ ${file} -> ${target}\n`);
    }
  }
  if (!values.out) {
    if (o.format === 'json' && files.length > 1) out.write(JSON.stringify(articles, null, 2) + '\n');
    else for (const article of articles) out.write(render(article, o));
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  process.exitCode = main(process.argv.slice(2));
}
