/**
 * The articles `npm run eval:keypoints` reads: the naive conversions in ../shared/corpus/naive (800)
 * and ../shared/fixtures/naive (45), each rebuilt as a woshipm page (tools/make-fixture-pages.ts)
 * *without its lead* (no blockquote, no meta description) and extracted as the extension does it.
 * The lead is kept aside as the reference the key sentences are compared with.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { extractArticle } from '../utils/extract';
import { woshipm } from '../utils/site/woshipm';
import type { Article } from '../utils/types';
import { heldOut } from './keypoints-metrics';
import { articlePage, parseArticle, parseHead } from './make-fixture-pages';

/** ../shared beside the repository (the project's checkout layout), or $WOSHIPM_SHARED. */
export function sharedDir(repoRoot: string): string {
  return process.env.WOSHIPM_SHARED ?? path.resolve(repoRoot, '..', 'shared');
}

export interface EvalArticle {
  /** File name without `.md`, e.g. `operate-2024-6059455`. */
  name: string;
  /** Category slug from the file name (`woshipm-6025589` is zhichang). */
  category: string;
  source: 'corpus' | 'fixtures';
  /** In the fixed held-out 20% of the corpus (never for fixtures). */
  heldOut: boolean;
  /** The editor's lead from the conversion's header: the reference, not in `article`. */
  lead: string;
  /** Extracted from the page rebuilt without the lead (`article.lead` is null). */
  article: Article;
}

export type Loaded = { ok: true; item: EvalArticle } | { ok: false; name: string; reason: string };

const now = new Date('2026-11-25T00:00:00Z');

/** One naive conversion -> the page without its lead -> the extracted article. */
export function loadNaive(file: string, source: EvalArticle['source']): Loaded {
  const name = path.basename(file, '.md');
  try {
    const head = parseHead(name, readFileSync(file, 'utf8'));
    if (!head.summary) return { ok: false, name, reason: 'no lead' };
    const page = parseArticle(head, 'modern', false);
    const html = articlePage({ ...page, summary: '', pageSummary: undefined }, [], [], 0);
    const dom = new JSDOM(html, { url: page.url });
    try {
      const result = extractArticle(dom.window.document, page.url, woshipm, { now });
      if (!result.ok) return { ok: false, name, reason: result.reason };
      const category = name === 'woshipm-6025589' ? 'zhichang' : name.replace(/-\d{4}-\d+$/, '');
      return {
        ok: true,
        item: { name, category, source, heldOut: source === 'corpus' && heldOut(name), lead: head.summary, article: result.article },
      };
    } finally {
      dom.window.close();
    }
  } catch (error) {
    // the page builder's own checks (header vs page, unbalanced bold): the conversion cannot be rebuilt faithfully
    return { ok: false, name, reason: `unbuildable: ${(error as Error).message.replace(/^[^:]*: /, '').slice(0, 60)}` };
  }
}

/** The `.md` files of a naive folder, sorted; null when the folder is not there. */
export function naiveFiles(dir: string): string[] | null {
  if (!existsSync(dir)) return null;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => path.join(dir, f));
}
