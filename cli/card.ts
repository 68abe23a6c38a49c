import { pointsOf } from '../utils/points';
import type { Article } from '../utils/types';

const n = (value: number | null) => (value === null ? '–' : value.toLocaleString('zh-CN'));

/** The popup's article card as text, for the terminal. */
export function formatCard(a: Article): string {
  const lines = [
    `《${a.title}》`,
    `作者：${a.author.name}${a.author.url ? `（${a.author.url}）` : ''}`,
    `发布：${a.published ?? '未知'}    分类：${a.category.name ?? a.category.slug}`,
    `浏览 ${n(a.stats.views)} · 评论 ${n(a.stats.comments)} · 收藏 ${n(a.stats.collects)} · 点赞 ${n(a.stats.likes)} · 约 ${a.readingMinutes} 分钟 · ${a.wordCount} 字`,
    `标签：${a.tags.join('、') || '无'}`,
    `原文：${a.url}`,
  ];
  if (a.truncated) lines.push('', `注意：正文很长，只读取了前 ${a.wordCount} 字，后面的部分不在输出里。`);
  if (a.lead) lines.push('', `导语：${a.lead}`);
  // as in the popup: the author's bold; else a numbered list of sections as its skeleton; else the key sentences
  const points = pointsOf(a);
  const label = { keyPoints: '要点：', skeleton: '文章骨架（小标题）：', keySentences: '关键句（自动摘取）：' }[points.kind];
  if (points.items.length) lines.push('', label, ...points.items.map((p, i) => `  ${i + 1}. ${p}`));
  if (a.outline.length) lines.push('', '目录：', ...a.outline.map((h) => `${'  '.repeat(Math.max(1, h.level - 1))}${h.text}`));
  return lines.join('\n') + '\n';
}
