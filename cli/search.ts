/**
 * `npm run --silent md -- search <library folder> <query> [--format text|json] [--limit N]`: searches a library the
 * CLI wrote (`--out DIR --library`: `<category>/<year>/<name>.md` + SUMMARY.md) with the library page's own search
 * core (utils/library/search.ts). Each Markdown file is read back into a SearchDoc from its header (front matter or
 * the GitBook hint block) and its body as text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { createLibraryIndex, passageOf } from '../utils/library/search';
import type { Passage, SearchDoc } from '../utils/library/types';

interface Writer {
  write(s: string): unknown;
}

export const searchUsage = `用法 / usage:
  npm run --silent md -- search <文库文件夹> <查询> [--format text|json] [--limit N]

  在 --out DIR --library 写出的文库里搜索标题、作者、标签、导语和正文（中文按字词都能找到）。
  --format text|json   text（默认）：每篇的标题、路径和命中的段落（命中处用【】标出）；
                       json：[{ url, path, score, title, passage }]，passage 为 { field, text, marks }
  --limit N            最多显示 N 篇（默认 20）
  找到时退出码 0，什么都没找到时 1，用法错误 2。
`;

/** Every .md file of the library but SUMMARY.md, relative to `dir`, sorted; hidden entries left out. */
function libraryFiles(dir: string, rel = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...libraryFiles(dir, child));
    else if (entry.isFile() && entry.name.endsWith('.md') && child !== 'SUMMARY.md') files.push(child);
  }
  return files.sort();
}

/** Markdown -> the text a reader sees: images dropped, links to their text, emphasis, headings and quote marks off. */
export function markdownText(md: string): string {
  return md
    .replace(/^```.*$/gm, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>\n]+>/g, '')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)/gm, '')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1');
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** One library file -> what the search indexes of it; the URL is the article's, else the file's path. */
export function searchDocOfMarkdown(md: string, file: string): SearchDoc {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(md);
  if (front) {
    const meta = (parseYaml(front[1]!) ?? {}) as Record<string, unknown>;
    let rest = md.slice(front[0].length).replace(/^\s*# .*\n/, '');
    const lead = str(meta.description);
    rest = rest.replace(/^\s*((?:> .*\n?)+)/, (quote) => (lead ? '' : quote));
    return {
      url: str(meta.source) || file,
      title: str(meta.title),
      author: str(meta.author),
      tags: Array.isArray(meta.tags) ? meta.tags.map(str) : [],
      lead,
      body: markdownText(rest),
      highlights: [],
      notes: [],
    };
  }
  const hint = /^# (.+)\n\{% hint[^\n]*%\}\n([\s\S]*?)\{% endhint %\}\n((?:> .*\n?)*)/.exec(md);
  if (hint) {
    const head = hint[2]!;
    const field = (name: string) => new RegExp(`^\\*\\*${name}:\\*\\* (.*)$`, 'm').exec(head)?.[1]?.trim() ?? '';
    const body = md.slice(hint[0].length).replace(/^\s*---\n/, '');
    return {
      url: /\]\((https?:[^)\s]+)\)/.exec(field('Original'))?.[1] ?? file,
      title: markdownText(hint[1]!),
      author: markdownText(field('Author')),
      tags: [...field('Tags').matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
      lead: markdownText(hint[3]!).trim(),
      body: markdownText(body),
      highlights: [],
      notes: [],
    };
  }
  const title = /^# (.+)$/m.exec(md)?.[1] ?? path.basename(file, '.md');
  return { url: file, title: markdownText(title), author: '', tags: [], lead: '', body: markdownText(md), highlights: [], notes: [] };
}

/** The passage with its marks shown as 【…】. */
export function markedText(passage: Passage): string {
  let out = '';
  let at = 0;
  for (const [start, end] of passage.marks) {
    out += `${passage.text.slice(at, start)}【${passage.text.slice(start, end)}】`;
    at = end;
  }
  return out + passage.text.slice(at);
}

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, limit: { type: 'string', default: '20' }, help: { type: 'boolean', short: 'h', default: false } },
  });

export function searchMain(argv: string[], out: Writer, err: Writer): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    err.write(`${(error as Error).message}\n\n${searchUsage}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    out.write(searchUsage);
    return 0;
  }
  const limit = Number(values.limit);
  const problems: string[] = [];
  if (positionals.length !== 2) problems.push('需要文库文件夹和查询两个参数');
  if (!['text', 'json'].includes(values.format!)) problems.push(`未知格式 --format ${values.format}`);
  if (!Number.isInteger(limit) || limit < 1) problems.push(`--limit 需要正整数：${values.limit}`);
  if (problems.length) {
    err.write(`${problems.join('\n')}\n\n${searchUsage}`);
    return 2;
  }
  const [dir, query] = positionals as [string, string];
  let files: string[];
  try {
    files = libraryFiles(dir);
  } catch (error) {
    err.write(`读不了文库文件夹 ${dir}：${(error as Error).message}\n`);
    return 2;
  }
  const index = createLibraryIndex();
  const docs = new Map<string, { doc: SearchDoc; file: string }>();
  for (const file of files) {
    const doc = searchDocOfMarkdown(readFileSync(path.join(dir, file), 'utf8'), file);
    if (docs.has(doc.url)) continue; // the same article twice (a copy): the first file in path order
    docs.set(doc.url, { doc, file });
    index.add(doc);
  }
  const hits = index.search(query, { limit, verify: (url) => docs.get(url)?.doc });
  const results = hits.map((hit) => {
    const { doc, file } = docs.get(hit.url)!;
    return { url: hit.url, path: file, score: hit.score, title: doc.title, passage: passageOf(doc, hit.field, query) };
  });
  if (values.format === 'json') out.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    for (const [i, r] of results.entries()) out.write(`${i + 1}. ${r.title}\n   ${r.path}\n   ${markedText(r.passage)}\n\n`);
    if (!results.length) err.write(`没有找到「${query}」（${docs.size} 篇）\n`);
  }
  return results.length ? 0 : 1;
}
