/** What an article lists as its points (utils/points.ts), and how the card, reader, Markdown and CLI card say which it is. */
import { fireEvent, render, screen } from '@testing-library/preact';
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { formatCard } from '../cli/card';
import { ArticleCard } from '../components/ArticleCard';
import { Reader } from '../components/reader/Reader';
import { createMarkdown } from '../utils/markdown';
import { pointsOf, skeleton } from '../utils/points';
import { defaultReaderPrefs } from '../utils/reader-prefs';
import { fixtureArticle as fixture } from './helpers';

// no bold, top-level sections 一、… 二、… 三、… (its bold is all headings: the outline took it)
const numberedSections = fixture('user-research-2025-6178309');
// no bold, top-level sections numbered the two-digit way: 01 高性价比定位阶段…, 02 …, up to 05 (a space after each number)
const twoDigitSections = fixture('marketing-2025-6222451');
// no bold, and its top-level headings are not a numbered list (三、… 四、… only two)
const plain = fixture('chuangye-2021-4425532');
const bolded = fixture('woshipm-6025589');
const { toMarkdown } = createMarkdown(new new JSDOM('').window.DOMParser());

describe('pointsOf', () => {
  it("takes the author's bold first", () => {
    expect(pointsOf(bolded)).toEqual({ kind: 'keyPoints', items: bolded.keyPoints, outlineIndex: [] });
  });

  it('takes the section headings of a numbered list of sections as the skeleton when there is no bold', () => {
    expect(numberedSections.keyPoints).toEqual([]);
    const points = pointsOf(numberedSections);
    expect(points.kind).toBe('skeleton');
    expect(points.items).toEqual([
      '一、银发经济的概念演变：从“老年经济”到“全生命周期经济”',
      '二、银发经济：中国经济发展的新引擎',
      '三、银发经济产业发展现状与挑战',
    ]);
    expect(points.outlineIndex.map((i) => numberedSections.outline[i]!.text)).toEqual(points.items);
  });

  it('takes sections numbered 01 …, 02 … (two digits, then a space) as numbered', () => {
    expect(twoDigitSections.keyPoints).toEqual([]);
    const points = pointsOf(twoDigitSections);
    expect(points.kind).toBe('skeleton');
    expect(points.items).toEqual([
      '01 高性价比定位阶段（2010-2015）',
      '02 品质提升阶段（2016-2020）',
      '03 冲击高端阶段（2021-2025）',
      '04 小米高端升级的策略',
      '05 小米冲击高端还谈不上成功',
    ]);
    expect(toMarkdown(twoDigitSections, { keyPoints: true })).toContain('## 要点（文章骨架：小标题）\n\n1. 01 高性价比定位阶段（2010-2015）');
  });

  it('reads 01 …, 01. …, 01、… and a run past 09 as numbered, not a year or a figure', () => {
    const h = (text: string) => ({ level: 2, text, id: text });
    for (const run of [
      ['01 背景', '02 方法', '03 结论'],
      ['01. 背景', '02. 方法', '03. 结论'],
      ['01、背景', '02、方法', '03、结论'],
      ['09 背景', '10 方法', '11 结论'],
    ]) {
      expect(skeleton(run.map(h)), run[0]).toEqual([0, 1, 2]);
    }
    expect(skeleton(['2024 年的变化', '2025 年的展望', '2026 年的判断'].map(h))).toEqual([]);
    expect(skeleton(['5G 时代', '4K 内容', '3D 打印'].map(h))).toEqual([]);
  });

  it('falls back to the key sentences', () => {
    expect(pointsOf(plain)).toEqual({ kind: 'keySentences', items: plain.keySentences, outlineIndex: [] });
  });

  it('needs three numbered top-level headings', () => {
    const h = (level: number, text: string) => ({ level, text, id: text });
    expect(skeleton([h(2, '1. 背景'), h(2, '2. 方法'), h(2, '3. 结论')])).toEqual([0, 1, 2]);
    expect(skeleton([h(2, '1. 背景'), h(3, '细节'), h(2, '2. 方法'), h(2, '3. 结论')])).toEqual([0, 2, 3]);
    expect(skeleton([h(2, '1. 背景'), h(2, '2. 方法')])).toEqual([]);
    expect(skeleton([h(2, '一、背景'), h(2, '方法'), h(2, '三、结论')])).toEqual([]);
    expect(skeleton([])).toEqual([]);
  });
});

describe('where the points are shown', () => {
  it('the card labels the skeleton and jumps to its headings', () => {
    const onReveal = vi.fn();
    render(<ArticleCard article={numberedSections} onReveal={onReveal} />);
    expect(screen.getByText('文章骨架（小标题）')).toBeTruthy();
    expect(screen.queryByText('关键句（自动摘取）')).toBeNull();
    const items = document.querySelectorAll('section.keypoints li');
    expect([...items].map((li) => li.textContent)).toEqual(pointsOf(numberedSections).items);
    fireEvent.click(items[1]!.querySelector('button')!);
    expect(onReveal).toHaveBeenCalledWith({ kind: 'heading', index: pointsOf(numberedSections).outlineIndex[1] });
  });

  it('the card labels key sentences as such', () => {
    render(<ArticleCard article={plain} />);
    expect(screen.getByText('关键句（自动摘取）')).toBeTruthy();
    expect(document.querySelectorAll('section.keypoints li')).toHaveLength(plain.keySentences.length);
  });

  it('the reader shows the skeleton, and a click goes to the section', () => {
    const scrolled: string[] = [];
    // jsdom has no scrollIntoView: one for this test only
    const proto = Element.prototype as { scrollIntoView?: (arg?: unknown) => void };
    proto.scrollIntoView = function (this: Element) {
      scrolled.push(this.id);
    };
    try {
      render(
        <Reader article={numberedSections} prefs={defaultReaderPrefs} onPrefs={vi.fn().mockResolvedValue(undefined)} onClose={vi.fn()} onExport={vi.fn()} />,
      );
      expect(screen.getAllByText('文章骨架（小标题）').length).toBeGreaterThan(0);
      const buttons = document.querySelectorAll('aside.points button');
      expect([...buttons].map((b) => b.textContent)).toEqual(pointsOf(numberedSections).items);
      fireEvent.click(buttons[2]!);
      expect(scrolled).toEqual([numberedSections.outline[pointsOf(numberedSections).outlineIndex[2]!]!.id]);
    } finally {
      delete proto.scrollIntoView;
    }
  });

  it('the Markdown 要点 section follows the same rule and says which it is', () => {
    expect(toMarkdown(bolded, { keyPoints: true })).toContain(`## 要点（作者加粗）\n\n1. ${bolded.keyPoints[0]}`);
    expect(toMarkdown(numberedSections, { keyPoints: true })).toContain('## 要点（文章骨架：小标题）\n\n1. 一、银发经济的概念演变');
    expect(toMarkdown(plain, { keyPoints: true })).toContain('## 要点（关键句，自动摘取）\n\n1. ');
    expect(toMarkdown(plain)).not.toContain('## 要点');
  });

  it('the CLI card too', () => {
    expect(formatCard(numberedSections)).toContain('文章骨架（小标题）：\n  1. 一、银发经济的概念演变');
    expect(formatCard(plain)).toContain('关键句（自动摘取）：');
    expect(formatCard(bolded)).toContain('要点：');
  });
});
