import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { expect } from 'vitest';
import { keySentences } from '../utils/keysentences';
import { showsKeySentences } from '../utils/points';
import type { Article } from '../utils/types';

export const fixturesDir = path.resolve(__dirname, 'fixtures');
export const updating = process.env.UPDATE_FIXTURES === '1';

export interface FixtureEntry {
  name: string;
  url: string;
  variant: 'modern' | 'classic' | 'bare';
}

export const manifest: FixtureEntry[] = JSON.parse(readFileSync(path.join(fixturesDir, 'manifest.json'), 'utf8'));

export const readFixture = (name: string, file: string) => readFileSync(path.join(fixturesDir, name, file), 'utf8');

/**
 * `actual` against the reviewed golden file `fixtures/<name>/<file>`. Only UPDATE_FIXTURES=1 writes
 * goldens (a person then reviews the diff); a golden that is missing fails, it is not made up.
 */
export function expectGolden(name: string, file: string, actual: string): void {
  const target = path.join(fixturesDir, name, file);
  if (updating) writeFileSync(target, actual);
  if (!existsSync(target)) {
    throw new Error(`golden file tests/fixtures/${name}/${file} is missing: write it with UPDATE_FIXTURES=1 npm run test:unit, then review it`);
  }
  expect(actual, `tests/fixtures/${name}/${file}`).toBe(readFileSync(target, 'utf8'));
}

/**
 * What a fixture's extraction golden (`expected.json`) holds: the Article without its key sentences. They are
 * the ranker's tuned picks, judged by its evaluation (`npm run eval:keypoints`) and tests/keysentences.test.ts;
 * kept out of the goldens, a retuning rewrites no fixture file.
 */
export type ExtractionGolden = Omit<Article, 'keySentences'>;

export function extractionGolden(article: Article): ExtractionGolden {
  const { keySentences: _ranked, ...golden } = article;
  return golden;
}

/** A fixture's Article as extraction gives it: its reviewed golden, with the key sentences ranked as extraction ranks them. */
export function fixtureArticle(name: string): Article {
  const golden: ExtractionGolden = JSON.parse(readFixture(name, 'expected.json'));
  return { ...golden, keySentences: showsKeySentences(golden) ? keySentences(golden) : [] };
}

/** A page as the browser would have it: parsed at its URL, scripts not run. */
export function loadDocument(html: string, url: string): Document {
  return new JSDOM(html, { url }).window.document;
}

export function nonArticlePages(): { file: string; url: string }[] {
  const urls: Record<string, string> = JSON.parse(readFixture('non-article', 'urls.json'));
  return readdirSync(path.join(fixturesDir, 'non-article'))
    .filter((f) => f.endsWith('.html'))
    .map((file) => ({ file, url: urls[file]! }));
}

/** The metadata header of a naive conversion (see ../shared/fixtures/README.md): the expected fields. */
export function parseNaiveHeader(md: string) {
  const field = (name: string) => new RegExp(`^\\*\\*${name}:\\*\\* (.*?)\\s*$`, 'm').exec(md)?.[1] ?? '';
  const author = /^\[(.*)\]\((.*)\)$/.exec(field('Author'))!;
  const stats = /👁️ (\d+) views \| 💬 (\d+) comments \| ⭐ (\d+) collects/.exec(field('Stats'))!;
  const tagsField = field('Tags');
  const tags = tagsField.includes('`') ? [...tagsField.matchAll(/`([^`]*)`/g)].map((m) => m[1]!) : tagsField.split(',');
  const header = md.slice(0, md.indexOf('\n---\n'));
  return {
    title: /^# (.*)$/m.exec(md)![1]!,
    category: field('Category'),
    author: { name: author[1]!, url: author[2]! },
    published: field('Published'),
    stats: { views: Number(stats[1]), comments: Number(stats[2]), collects: Number(stats[3]) },
    tags,
    url: /\((https:\/\/www\.woshipm\.com\/[^)]+)\)/.exec(field('Original'))![1]!,
    lead: /^> (.*)$/m.exec(header)?.[1] ?? null,
  };
}

/** The naive conversion's body as plain-text paragraphs: from after the lead to the first credit line. */
export function naiveBodyParagraphs(md: string): string[] {
  const lines = md.slice(md.indexOf('\n---\n') + 5).split('\n');
  const summaryAt = lines.findIndex((l) => l.startsWith('> '));
  const endAt = lines.findIndex(
    (l, i) => i > summaryAt && /^(本文由|本文原创发布于|题图来自|该文观点仅代表作者本人|赞赏|(\*\*|#+ )#?专栏作家#?(\*\*)?$|### 为我投票)/.test(l.trim()),
  );
  return lines
    .slice(summaryAt + 1, endAt)
    .join('\n')
    .replace(/\[!\[[^\]]*\]\([^)]*\)[\s\S]*?查看详情 >\s*\]\([^)]*\)/g, '') // course cards, some over several lines
    .split('\n')
    .map((l) =>
      l
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\*\*/g, '')
        .replace(/^#+\s*|^\s*(?:[-*+]|\d+\.)\s+|^>\s*/g, '')
        .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
        .replace(/[\u200b-\u200d\ufeff]/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
}
