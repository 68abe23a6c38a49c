/**
 * The 800 corpus articles as the library would hold them: each naive conversion rebuilt as a woshipm page WITH its
 * lead (tools/make-fixture-pages.ts) and extracted as the extension does it (the Articles bench:library stores), then
 * made a SearchDoc (eval:search).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { extractArticle } from '../utils/extract';
import { searchDocOf } from '../utils/library/search-doc';
import type { SearchDoc } from '../utils/library/types';
import type { Article } from '../utils/types';
import { woshipm } from '../utils/site/woshipm';
import { naiveFiles, sharedDir } from '../tools/keypoints-corpus';
import { articlePage, parseArticle, parseHead } from '../tools/make-fixture-pages';

const now = new Date('2026-11-25T00:00:00Z');

/** One naive conversion -> its page with the lead -> the extracted article; null when it cannot be rebuilt. */
function loadArticle(file: string): Article | null {
  const name = path.basename(file, '.md');
  let html: string;
  let url: string;
  try {
    const page = parseArticle(parseHead(name, readFileSync(file, 'utf8')), 'modern', false);
    html = articlePage(page, [], [], 0);
    url = page.url;
  } catch {
    return null; // the page builder's own checks refused it (as in eval:keypoints)
  }
  const dom = new JSDOM(html, { url });
  try {
    const result = extractArticle(dom.window.document, url, woshipm, { now });
    return result.ok ? result.article : null;
  } finally {
    dom.window.close();
  }
}

/** The corpus as the extension extracts it, and how many conversions could not be rebuilt. */
export function loadCorpusArticles(repoRoot: string): { articles: Article[]; skipped: number; dir: string } {
  const dir = path.join(sharedDir(repoRoot), 'corpus', 'naive');
  const files = naiveFiles(dir);
  if (!files?.length) throw new Error(`no corpus at ${dir} (set WOSHIPM_SHARED to the shared folder)`);
  const articles: Article[] = [];
  for (const file of files) {
    const article = loadArticle(file);
    if (article) articles.push(article);
  }
  return { articles, skipped: files.length - articles.length, dir };
}

/** The corpus as SearchDocs, and how many conversions could not be rebuilt. */
export function loadCorpusDocs(repoRoot: string): { docs: SearchDoc[]; skipped: number; dir: string } {
  const { articles, skipped, dir } = loadCorpusArticles(repoRoot);
  return { docs: articles.map((article) => searchDocOf(article)), skipped, dir };
}
