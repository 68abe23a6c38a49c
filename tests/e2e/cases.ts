/**
 * What the end-to-end tests expect of the extension in either browser (Chromium through playwright-core,
 * Firefox through puppeteer-core): the pages, the facts, and functions that run inside a page and return
 * plain values, so both drivers check the same things.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { fixturesDir, root } from '../../tools/browser-harness';

export const article = 'https://www.woshipm.com/zhichang/6025589.html';
/** The reviewed extraction of `article` (tests/fixtures/woshipm-6025589/expected.json). */
export const articleExpected = JSON.parse(readFileSync(path.join(fixturesDir, 'woshipm-6025589', 'expected.json'), 'utf8')) as {
  outline: { text: string }[];
  title: string;
};
/** The file the popup downloads for `article` with the default file name template. */
export const articleFile = '2024-04-02-2024，大厂人“卷”向海外.md';

/** What the CLI writes for the same saved page and options: the extension must write the same bytes. */
export function cliMarkdown(name: string, ...args: string[]): string {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  return execFileSync(tsx, [path.join(root, 'cli', 'md.ts'), path.join(root, 'tests', 'fixtures', name, 'page.html'), ...args], {
    encoding: 'utf8',
  });
}

/** Run in the popup: the article card as text. */
export function readCard() {
  const text = (selector: string) => document.querySelector(selector)?.textContent ?? null;
  return {
    titles: document.querySelectorAll('.card-title').length,
    title: text('.card-title'),
    byline: text('.byline'),
    authorLink: document.querySelector('.byline a')?.getAttribute('href') ?? null,
    stats: text('.stats'),
    tags: [...document.querySelectorAll('.tags li')].map((li) => li.textContent),
    keyPoints: document.querySelectorAll('.keypoints li').length,
    lead: text('.lead'),
  };
}

/** The card of `article`, from its saved page. */
export function expectArticleCard(card: ReturnType<typeof readCard>): void {
  expect(card.titles).toBe(1);
  expect(card.title).toBe('2024，大厂人“卷”向海外');
  expect(card.byline).toContain('霞光社');
  expect(card.byline).toContain('2024-04-02');
  expect(card.byline).toContain('职场攻略');
  expect(card.authorLink).toBe('https://www.woshipm.com/u/956307');
  expect(card.stats).toMatch(/4021.*1.*11.*8.*24 分钟/);
  expect(card.tags).toEqual(['互联网人', '出海', '大厂']);
  expect(card.keyPoints).toBe(10);
  expect(card.lead).toContain('随着大厂不再是互联网人的唯一目标');
}

/** Pages that give no article, and the heading the popup shows for each instead of a blank popup. */
export const noArticleStates = [
  ['not woshipm', 'https://example.com/', '这不是 woshipm 的页面'],
  ['a list page', 'https://www.woshipm.com/category/pmd/page/2', '这个页面不是文章'],
  ['an author page', 'https://www.woshipm.com/u/956307', '这个页面不是文章'],
  ['a missing article', 'https://www.woshipm.com/pmd/9999999.html', '这个页面不是文章'],
  ['an article not rendered yet', 'https://www.woshipm.com/pmd/1000000.html', '还没有找到正文'],
] as const;

/** Text of the site's clutter that reader mode must not show. */
export const clutter = [
  '起点课堂',
  '查看详情',
  '赞赏',
  '已收藏',
  '更多精彩内容',
  '分享到微博',
  '微信扫一扫',
  '相关文章',
  '热门文章',
  '登录后才能评论',
  '本文由',
  '题图来自',
];

/** Run in a site page: what reader mode must leave as it found it (DOM, scroll position, focus). */
export function pageState() {
  return {
    html: document.documentElement.outerHTML,
    x: scrollX,
    y: scrollY,
    focus: document.activeElement && `${document.activeElement.tagName}:${document.activeElement.textContent}`,
  };
}
export const hash = (html: string) => createHash('sha256').update(html).digest('hex');

/** Open article tabs for the batch export (the first twice), and a list page that it must not offer. */
export const batchTabs = {
  articles: ['https://www.woshipm.com/pmd/6195764.html', 'https://www.woshipm.com/chuangye/4278313.html', 'https://www.woshipm.com/evaluating/5499271.html'],
  notArticle: 'https://www.woshipm.com/category/pmd/page/2',
  /** Four tabs, one article twice: the second copy gets a uniquified name. */
  button: '导出所有打开的 woshipm 文章（4 篇）',
  done: '完成：导出 4 篇，失败 0 篇',
  oneOfTheFiles: '2020-11-30-8个维度，谈谈我对创业的复盘',
};

/**
 * The extension's UI strings in one locale (`zh_CN`, `en`), from locales/*.yml: `text('save.allow', 'vault')`.
 * Tests that run in both languages find controls by these rather than by a copy of the words.
 */
export function localeText(lang: 'zh_CN' | 'en'): (key: string, ...args: (string | number)[]) => string {
  const tree = parse(readFileSync(path.join(root, 'locales', `${lang}.yml`), 'utf8')) as Record<string, unknown>;
  return (key, ...args) => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
    if (typeof value !== 'string') throw new Error(`no string ${key} in ${lang}`);
    return value.replace(/\$(\d)/g, (_, n: string) => String(args[Number(n) - 1]));
  };
}
