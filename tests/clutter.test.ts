/** Nothing of the site's furniture may reach html, text, key points or any Markdown template. */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../utils/extract';
import { createMarkdown, templates } from '../utils/markdown';
import { loadDocument, manifest, readFixture } from './helpers';
import { woshipm } from '../utils/site/woshipm';

const { toMarkdown } = createMarkdown(new DOMParser());

/** Strings and hosts that only the page furniture carries (see ../shared/fixtures/README.md). */
const clutter = [
  'qidianla.com',
  '起点课堂',
  '查看详情',
  '赞赏',
  '已收藏',
  '点赞',
  '已赞',
  '更多精彩内容',
  '微信公众号或下载App',
  '分享到微博',
  'service.weibo.com',
  '微信扫一扫',
  '二维码',
  'pwmqr.com',
  'static.woshipm.com/tag/',
  'imageView2/1/w/72/h/72',
  'woshipm.com/tag/',
  'loading.gif',
  '相关文章',
  '热门文章',
  '登录后才能评论',
  '本文由',
  '原创发布于人人都是产品经理',
  '题图来自',
  '该文观点仅代表作者本人',
  '评论',
  ' 浏览',
  '人人都是产品经理微信',
  '<script',
  'javascript:',
  'onerror',
];

/** Words the real article bodies use themselves, which must not count: checked per fixture below. */
function occursInBody(name: string, needle: string): boolean {
  const naive = readFixture(name, 'naive.md');
  const body = naive.slice(naive.indexOf('\n---\n'));
  // Count only the body proper: from after the cover image to the first credit line.
  const start = body.search(/\n!\[\]\([^)]+\)\n/);
  const end = body.search(/\n(本文由|题图来自|该文观点仅代表作者本人|赞赏)/);
  return body
    .slice(start, end)
    .replace(/\[!\[\]\([^)]*\)[^\]]*查看详情 >\]\([^)]*\)/g, '')
    .includes(needle);
}

describe.each(manifest)('$name', ({ name, url }) => {
  const result = extractArticle(loadDocument(readFixture(name, 'page.html'), url), url, woshipm);
  if (!result.ok) throw new Error(result.reason);
  const article = result.article;
  const outputs: Record<string, string> = {
    html: article.html,
    text: article.text,
    keyPoints: article.keyPoints.join('\n'),
    ...Object.fromEntries(templates.map((t) => [`markdown:${t}`, toMarkdown(article, { template: t, keyPoints: true })])),
  };

  it.each(Object.keys(outputs))('%s carries no clutter', (output) => {
    const found = clutter.filter((c) => outputs[output]!.includes(c) && !occursInBody(name, c));
    expect(found).toEqual([]);
  });

  it('offers the credit lines as attribution', () => {
    expect(article.attribution.some((l) => /^(本文由|题图来自)/.test(l))).toBe(true);
    for (const line of article.attribution) expect(article.text).not.toContain(line);
  });
});
