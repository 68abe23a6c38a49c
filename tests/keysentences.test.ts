/** Key sentences (utils/keysentences): splitting, tokens, ranking rules, and what extraction gives. */
import { describe, expect, it } from 'vitest';
import { leadN, score } from '../tools/keysentences-score';
import { extractArticle } from '../utils/extract';
import {
  bodySentences,
  keySentenceCount,
  keySentences,
  leadless,
  limits,
  scoreSentences,
  splitParagraph,
  splitSentences,
  tokenize,
  weights,
} from '../utils/keysentences';
import { isCredit } from '../utils/keysentences/credits';
import { pointsOf, skeleton } from '../utils/points';
import type { Article } from '../utils/types';
import { loadDocument, manifest, readFixture } from './helpers';
import { woshipm } from '../utils/site/woshipm';

const now = new Date('2026-11-25T00:00:00Z');

function extract(html: string, url: string): Article {
  const result = extractArticle(loadDocument(html, url), url, woshipm, { now });
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}

// `keys`: what the ranker picks for each fixture, shown or not (Article.keySentences holds them only when shown).
const fixtures = manifest.map(({ name, url }) => {
  const article = extract(readFixture(name, 'page.html'), url);
  return { name, article, keys: keySentences(article, { site: woshipm }) };
});

describe('splitSentences', () => {
  it('splits at Chinese end marks, keeping them', () => {
    expect(splitSentences('第一句话。第二句话！第三句话？第四句话')).toEqual(['第一句话。', '第二句话！', '第三句话？', '第四句话']);
    expect(splitSentences('真的吗？！当然。')).toEqual(['真的吗？！', '当然。']);
  });

  it('splits Latin text at . ! ? that end a sentence, not in numbers, abbreviations or list numbers', () => {
    expect(splitSentences('He left early. She stayed! Why? About 2.5 percent, e.g. a few, said so. Mr. Smith agreed.')).toEqual([
      'He left early.',
      'She stayed!',
      'Why?',
      'About 2.5 percent, e.g. a few, said so.',
      'Mr. Smith agreed.',
    ]);
    expect(splitSentences('1. 把参与当成主导')).toEqual(['1. 把参与当成主导']);
    expect(splitSentences('版本 V1.1.0 上线了。访问 example.com 查看。')).toEqual(['版本 V1.1.0 上线了。', '访问 example.com 查看。']);
  });

  it('keeps closing quotes and brackets with their sentence, and a quotation whole', () => {
    expect(splitSentences('他说：“我们要做。”然后走了。')).toEqual(['他说：“我们要做。”', '然后走了。']);
    expect(splitSentences('“这是第一句。这是第二句。”他补充说。然后呢？')).toEqual(['“这是第一句。这是第二句。”他补充说。', '然后呢？']);
    expect(splitSentences('（注：以上数据来自公开报道。）后文还有分析。')).toEqual(['（注：以上数据来自公开报道。）', '后文还有分析。']);
    expect(splitSentences('She said "go home." Then she left.')).toEqual(['She said "go home."', 'Then she left.']);
  });

  it('falls back to the end marks alone when a quotation is never closed (or typed backwards)', () => {
    expect(splitSentences('调侃”某部门的同事说了一句话。“这个段子很好笑。后面还有一句。')).toEqual([
      '调侃”某部门的同事说了一句话。',
      '“这个段子很好笑。',
      '后面还有一句。',
    ]);
  });

  it('does not end a sentence at an ellipsis inside it; paragraphs always end one', () => {
    expect(splitSentences('我想再聊一下项目的事……这产品能有市场吗？能做起来吗？')).toEqual(['我想再聊一下项目的事……这产品能有市场吗？', '能做起来吗？']);
    expect(splitSentences('第一段没有句号\n\n第二段。第三句')).toEqual(['第一段没有句号', '第二段。', '第三句']);
  });

  it('marks what ends without punctuation as open, and a paragraph-final semicolon as an end', () => {
    expect(splitParagraph('一句话。剩下的部分')).toEqual([
      { text: '一句话。', closed: true },
      { text: '剩下的部分', closed: false },
    ]);
    expect(splitParagraph('前者按照业务主线横向拆分阶段，模块化来体现系统架构；')).toEqual([
      { text: '前者按照业务主线横向拆分阶段，模块化来体现系统架构；', closed: true },
    ]);
  });
});

describe('tokenize', () => {
  it('cuts Chinese into words with Intl.Segmenter (no spaces needed)', () => {
    expect(tokenize('用户需求决定产品价值')).toEqual(['用户', '需求', '决定', '产品', '价值']);
  });

  it('drops stop words, punctuation, bare numbers and single letters; lower-cases Latin', () => {
    const words = tokenize('我们的用户在 2024 年增长了 13.45%，使用 ChatGPT 和 SQL 查询 A 类数据。');
    expect(words).toEqual(expect.arrayContaining(['用户', '增长', 'chatgpt', 'sql', '查询', '数据']));
    for (const dropped of ['我们', '的', '在', '了', '和', '2024', '13.45', '，', 'a', 'ChatGPT']) expect(words).not.toContain(dropped);
  });
});

describe('keySentences', () => {
  it('is deterministic', () => {
    for (const { article } of fixtures) expect(keySentences(article, { site: woshipm })).toEqual(keySentences(structuredClone(article), { site: woshipm }));
  });

  it('gives 3 for a short article and up to 7 for a long one', () => {
    expect(keySentenceCount(800)).toBe(3);
    expect(keySentenceCount(2500)).toBe(3);
    expect(keySentenceCount(4000)).toBe(4);
    expect(keySentenceCount(6000)).toBe(5);
    expect(keySentenceCount(9000)).toBe(6);
    expect(keySentenceCount(30000)).toBe(7);
    for (let chars = 0; chars < 40000; chars += 500) expect(keySentenceCount(chars + 500)).toBeGreaterThanOrEqual(keySentenceCount(chars));
    for (const { name, article, keys } of fixtures) {
      const pool = scoreSentences(article, woshipm).pool.length;
      const expected = Math.min(keySentenceCount(article.text.replace(/\s/g, '').length), pool);
      expect(keys, name).toHaveLength(expected);
      if (pool >= 7) expect(keys.length, name).toBeGreaterThanOrEqual(3);
      expect(keys.length, name).toBeLessThanOrEqual(7);
    }
    const long = fixtures.find((f) => f.name === 'evaluating-2023-5774456')!.article;
    expect(keySentences(long, { site: woshipm })).toHaveLength(7);
    const short = fixtures.find((f) => f.name === 'pmd-2025-6195764')!.article;
    expect(keySentences(short, { site: woshipm })).toHaveLength(3);
    expect(keySentences(long, { count: 2 })).toHaveLength(2);
  });

  it('returns whole sentences of the body, in article order', () => {
    for (const { name, article, keys } of fixtures) {
      const sentences = bodySentences(article, woshipm).map((s) => s.text);
      let from = -1;
      for (const key of keys) {
        const at = sentences.indexOf(key);
        expect(at, `${name}: ${key}`).toBeGreaterThan(from);
        from = at;
        expect(article.text).toContain(key);
        const chars = key.replace(/\s/g, '').length;
        expect(chars).toBeGreaterThanOrEqual(limits.minChars);
        expect(chars).toBeLessThanOrEqual(limits.maxChars);
        expect(key, name).not.toMatch(/[：:，,、]$/);
      }
    }
  });

  it('never chooses a heading or a credit line', () => {
    for (const { name, article, keys } of fixtures) {
      const headings = new Set(article.outline.map((h) => h.text));
      for (const key of keys) {
        expect(headings.has(key), `${name}: ${key}`).toBe(false);
        expect(isCredit(key, woshipm), `${name}: ${key}`).toBe(false);
        expect(article.attribution).not.toContain(key);
      }
    }
    // the most central sentences here are a heading and credit lines: none of them may win
    const text = [
      '用户增长的核心方法',
      '用户增长的核心方法是找到产品的关键指标。',
      '作者：张三，用户增长产品经理，专注用户增长的核心方法；公众号：用户增长笔记',
      '图源：用户增长的核心方法研究报告',
      '团队要围绕关键指标设计实验，持续验证假设。',
      '每一次实验都要记录数据，复盘结论再推进下一轮。',
      '欢迎在评论区分享你的用户增长核心方法。',
    ].join('\n\n');
    const chosen = keySentences({ title: '用户增长的核心方法', text, outline: [{ level: 2, text: '用户增长的核心方法' }] });
    expect(chosen).toEqual([
      '用户增长的核心方法是找到产品的关键指标。',
      '团队要围绕关键指标设计实验，持续验证假设。',
      '每一次实验都要记录数据，复盘结论再推进下一轮。',
    ]);
  });

  it("takes the site's own credit lines from the site it is given", () => {
    // woshipm's cover credit (its attributionPatterns), which no general pattern knows
    const credit = '题图来自 Unsplash，基于 CC0 协议，感谢原作者的分享。';
    const reason = (site?: typeof woshipm) => bodySentences({ text: credit, outline: [] }, site)[0]?.reason;
    expect(reason()).toBeNull();
    expect(reason(woshipm)).toBe('credit');
    expect(isCredit(credit)).toBe(false);
    expect(isCredit(credit, woshipm)).toBe(true);
    // and extraction gives the ranker its site: mid-paragraph (so not taken out as the attribution), the
    // line would be one of the three key sentences of this short article without it
    const url = 'https://www.woshipm.com/pd/1.html';
    const page = `<html><head><title>用户增长</title></head><body><div class="article--content"><p>用户增长的核心方法是找到产品的关键指标。</p>
<p>团队要围绕关键指标设计实验，持续验证假设。${credit}</p></div></body></html>`;
    const article = extract(page, url);
    expect(keySentences(article)).toContain(credit);
    expect(article.keySentences).toEqual(['用户增长的核心方法是找到产品的关键指标。', '团队要围绕关键指标设计实验，持续验证假设。']);
  });

  it('leaves out fragments: too short, too long, unfinished, list labels, quotes left open', () => {
    const reasons = (text: string) => bodySentences({ text, outline: [] }).map((s) => s.reason);
    expect(reasons('太短了。')).toEqual(['short']);
    expect(reasons('这'.repeat(limits.maxChars + 1) + '。')).toEqual(['long']);
    expect(reasons('下面是一个可针对于实习经历的自检清单请查收：')).toEqual(['fragment']);
    expect(reasons('梳理销售团队和产品团队、运营团队的工作流程；')).toEqual(['fragment']);
    expect(reasons('而是，认为用户体验设计师和产品经理角色的未来可能会有所不同？')).toEqual(['fragment']);
    expect(reasons('3个致命误区')).toEqual(['short']);
    expect(reasons('前者按照业务主线横向拆分阶段，模块化来体现系统架构；')).toEqual(['dependent']);
    expect(reasons('他说：“我们一定要把这件事情做好，不然就来不及了。')).toEqual(['unbalanced']);
    expect(reasons('面试官视角：我只看到执行部分，并未看到你决策逻辑')).toEqual(['fragment']);
    expect(reasons('核心：很多人知其然而不知其所以然，最后只会成为工具人，一定要去拆解业务逻辑')).toEqual([null]);
  });

  it('does not let the items of a parallel list lift each other to the top', () => {
    const text = [
      '抽象的价值在于避免系统中出现很多同质化的功能，让系统更轻量。',
      '相同的前置条件下，执行了相同的系统事件；',
      '相同的前置条件下，执行了不同的系统事件；',
      '不同的前置条件下，执行了相同的系统事件；',
      '不同的前置条件下，执行了不同的系统事件；',
      '由N归1的过程就是抽象，抽象之后的功能点可以直接复用，系统事件也更少。',
    ].join('\n\n');
    // with a lead, as on woshipm: without one the opening sentences gain (see the next test)
    const input = { title: '系统架构设计', text, outline: [], lead: '谈谈系统架构。' };
    expect(keySentences(input, { count: 2 })).toEqual([
      '抽象的价值在于避免系统中出现很多同质化的功能，让系统更轻量。',
      '由N归1的过程就是抽象，抽象之后的功能点可以直接复用，系统事件也更少。',
    ]);
    const parallel = weights.parallel;
    try {
      weights.parallel = 1; // without the rule, a list item would win
      expect(keySentences(input, { count: 2 }).some((s) => s.includes('前置条件下'))).toBe(true);
    } finally {
      weights.parallel = parallel;
    }
  });

  it("without the editor's lead, favours the opening and concise sentences (the lead is what sums the opening up)", () => {
    const text = [
      '增长团队最常犯的错，是把拉新当成增长的全部。',
      '渠道投放要看长期的回报和成本，不能只看眼前的转化数字，还要把获客之后几个月的留存和复购都算进来才行。',
      '团队每周都要复盘一次核心数据，看清楚哪些渠道带来的用户真正留了下来。',
      '新用户的激活需要好的引导流程，让用户在第一次打开时就能体验到产品的核心价值。',
    ].join('\n\n');
    const scores = (lead: string | null) => new Map(scoreSentences({ title: '增长', text, outline: [], lead }).pool.map((s) => [s.text, s.score]));
    const withLead = scores('一篇关于增长的文章。');
    const without = scores(null);
    const first = '增长团队最常犯的错，是把拉新当成增长的全部。';
    const long = '渠道投放要看长期的回报和成本，不能只看眼前的转化数字，还要把获客之后几个月的留存和复购都算进来才行。';
    const ratio = (s: string) => without.get(s)! / withLead.get(s)!;
    expect(ratio(first)).toBeGreaterThan(ratio(long));
    expect(ratio(long)).toBeGreaterThan(1);
  });

  describe('the structure the text offers', () => {
    const label = '验证原则：先用最小的成本验证用户需求，再投入资源开发功能。';
    const numbered = '2. 用上线后的数据验证功能是否满足了用户需求。';
    const text = [
      '做产品之前，团队往往急着投入资源去开发新的功能。',
      label,
      '很多团队先投入资源开发功能，之后才发现用户需求并不存在。',
      '用户访谈和问卷都可以帮助团队验证真实的用户需求。',
      numbered,
      '上线后的数据可以告诉团队功能是否满足了用户需求。',
    ].join('\n\n');
    const input = { title: '需求验证', text, outline: [], lead: '谈谈怎样做需求验证。' };
    const scores = (lead: string | null) => new Map(scoreSentences({ ...input, lead }).pool.map((s) => [s.text, s.score]));
    const without = <K extends 'label' | 'numbered'>(key: K, run: () => void) => {
      const kept = weights[key];
      try {
        weights[key] = 0;
        run();
      } finally {
        weights[key] = kept;
      }
    };

    it('with the lead, favours a paragraph that opens with a label (核心原则：…) and a numbered point', () => {
      expect(keySentences(input, { count: 2 })).toEqual([label, numbered]);
      const on = scores(input.lead);
      const { label: labelBonus, numbered: numberedBonus } = weights;
      without('label', () => {
        const off = scores(input.lead);
        expect(on.get(label)! / off.get(label)!).toBeCloseTo(1 + labelBonus, 6);
        expect(on.get(numbered)).toBeCloseTo(off.get(numbered)!, 10);
      });
      without('numbered', () => {
        expect(keySentences(input, { count: 2 })).not.toContain(numbered);
        expect(on.get(numbered)! / scores(input.lead).get(numbered)!).toBeCloseTo(1 + numberedBonus, 6);
      });
    });

    it('gives no label bonus to an example (例如：…)', () => {
      const example = '例如：用户访谈可以帮助团队验证真实的用户需求。';
      const withExample = { ...input, text: `${text}\n\n${example}` };
      const on = scoreSentences(withExample).pool.find((s) => s.text === example)!.score;
      without('label', () => expect(scoreSentences(withExample).pool.find((s) => s.text === example)!.score).toBeCloseTo(on, 10));
    });

    it('without the lead, gives labels no bonus (the key sentences then stand in for the lead)', () => {
      const on = scores(null);
      without('label', () => expect(scores(null).get(label)).toBeCloseTo(on.get(label)!, 10));
    });

    const conclusion = (heading: string) => {
      const paragraphs = [
        '本文从三个方面分析团队如何验证用户需求。',
        '一、访谈',
        '用户访谈可以帮助团队找到真实的用户需求和使用场景。',
        '二、数据',
        '上线后的数据可以告诉团队功能是否满足了用户需求。',
        heading,
        '验证需求要先于投入资源，访谈和数据缺一不可。',
      ];
      const outline = ['一、访谈', '二、数据', heading].map((text) => ({ level: 2, text }));
      return { title: '需求验证的方法', text: paragraphs.join('\n\n'), outline, lead: null };
    };

    it('marks the sentences of a conclusion (总结, 写在最后…) and, without the lead, favours them', () => {
      const summed = scoreSentences(conclusion('总结')).pool;
      const plain = scoreSentences(conclusion('三、展望')).pool;
      expect(summed.map((s) => s.inSummary)).toEqual([false, false, false, true]);
      expect(plain.some((s) => s.inSummary)).toBe(false);
      expect(bodySentences(conclusion('四、写在最后')).at(-1)!.inSummary).toBe(true);
      expect(summed[3]!.score / plain[3]!.score).toBeCloseTo(1 + leadless.summary!, 6);
      expect(summed[1]!.score).toBeCloseTo(plain[1]!.score, 10);
    });

    it('without the lead, favours a sentence that says what the article does (本文…)', () => {
      const input = conclusion('总结');
      const self = '本文从三个方面分析团队如何验证用户需求。';
      const on = scoreSentences(input).pool.find((s) => s.text === self)!.score;
      const kept = leadless.self;
      try {
        leadless.self = 0;
        expect(on / scoreSentences(input).pool.find((s) => s.text === self)!.score).toBeCloseTo(1 + kept!, 6);
      } finally {
        leadless.self = kept;
      }
      expect(keySentences(input, { count: 1 })).toEqual([self]);
    });
  });

  it("boosts sentences that share the title's words", () => {
    const text = '留存比拉新更能说明产品的价值。\n\n渠道投放要看长期的回报和成本。\n\n团队每周都要复盘一次核心数据。\n\n新用户的激活需要好的引导流程。';
    const scores = (title: string) => new Map(scoreSentences({ title, text, outline: [] }).pool.map((s) => [s.text, s.score]));
    const plain = scores('一篇文章');
    const titled = scores('为什么留存比拉新重要');
    expect(titled.get('留存比拉新更能说明产品的价值。')! / plain.get('留存比拉新更能说明产品的价值。')!).toBeGreaterThan(1.2);
    expect(titled.get('团队每周都要复盘一次核心数据。')).toBeCloseTo(plain.get('团队每周都要复盘一次核心数据。')!, 10);
  });

  it('spreads over the sections the headings mark', () => {
    for (const name of ['it-2025-6200141', 'evaluating-2023-5774456', 'woshipm-6025589', 'zhichang-2025-6191298']) {
      const { article, keys } = fixtures.find((f) => f.name === name)!;
      const all = bodySentences(article, woshipm);
      const sections = new Set(keys.map((k) => all.find((s) => s.text === k)!.section));
      expect(sections.size, name).toBeGreaterThanOrEqual(Math.min(4, keys.length));
    }
    const sections = bodySentences({
      text: '前言。\n\n一、开始\n\n正文一。\n\n1. 小节\n\n正文二。\n\n二、结束\n\n正文三。',
      outline: [
        { level: 2, text: '一、开始' },
        { level: 3, text: '1. 小节' },
        { level: 2, text: '二、结束' },
      ],
    });
    expect(sections.map((s) => [s.text, s.section])).toEqual([
      ['前言。', 0],
      ['正文一。', 1],
      ['正文二。', 1],
      ['正文三。', 2],
    ]);
  });

  it('ranks at most limits.maxRankedChars of a long article, from every section', () => {
    const topics = ['产品', '运营', '数据', '设计', '增长'];
    const verbs = ['分析', '提升', '验证', '优化', '复盘', '规划'];
    const parts: string[] = [];
    const outline: { level: number; text: string }[] = [];
    topics.forEach((topic, t) => {
      const heading = `${t + 1}、关于${topic}的思考`;
      outline.push({ level: 2, text: heading });
      parts.push(heading);
      for (let i = 0; i < 80; i++) {
        const verb = verbs[(i * 7 + t) % verbs.length];
        parts.push(`第${i + 1}条经验是团队需要持续${verb}${topic}的关键指标，并且把${verbs[(i + t) % verbs.length]}的结论写进第${(i % 9) + 1}版方案里。`);
      }
    });
    const input = { title: '五个方向的工作经验', text: parts.join('\n\n'), outline };
    const { pool } = scoreSentences(input);
    const longest = Math.max(...pool.map((s) => s.text.length));
    expect(pool.reduce((sum, s) => sum + s.text.length, 0)).toBeLessThanOrEqual(limits.maxRankedChars + topics.length * longest);
    expect(new Set(pool.map((s) => s.section))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(keySentences(input)).toHaveLength(7);
    // and fast: tests/reliability/timing.test.ts
  });

  it('finds what authors bolded more often than the first sentences do (the bold measure of npm run eval:keypoints)', () => {
    let ours = 0;
    let lead = 0;
    for (const { article, keys } of fixtures) {
      if (!article.keyPoints.length) continue;
      ours += score(keys, article.keyPoints).hits;
      lead += score(leadN(article, keys.length), article.keyPoints).hits;
    }
    expect(ours).toBeGreaterThan(lead * 1.5);
  });
});

describe('extractArticle', () => {
  const paragraphs = [
    '很多团队做用户增长时只盯着拉新，却忽略了留存。',
    '留存决定了增长能否持续，是用户增长真正的基础。',
    '一、为什么留存更重要',
    '拉新的成本越来越高，而老用户的复购几乎没有成本。',
    '如果留存做不好，新用户进来多少就会流失多少，增长只是短暂的假象。',
    '图源：网络',
    '二、怎样提升留存',
    '提升留存的关键是让用户尽快体验到产品的核心价值。',
    '团队可以从新手引导、消息提醒和会员体系三个方向入手，持续验证效果。',
    '每次改版之后都要看留存曲线，用数据判断改动是否有效。',
    '总之，先做好留存，再加大拉新投入，用户增长才会稳健。',
  ];
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>用户增长先做留存 | 人人都是产品经理</title>
<meta property="og:type" content="article"><meta property="og:title" content="用户增长先做留存"></head>
<body><h2 class="article--title">用户增长先做留存</h2><div class="article--content">
${paragraphs.map((p) => (/^[一二]、/.test(p) ? `<h2>${p}</h2>` : `<p>${p}</p>`)).join('\n')}
<p>本文由 @张三 原创发布于人人都是产品经理，未经许可，禁止转载。</p></div></body></html>`;

  it('gives an article without bold its key sentences', () => {
    const article = extract(page, 'https://www.woshipm.com/operate/1000002.html');
    expect(article.keyPoints).toEqual([]);
    expect(article.keySentences).toHaveLength(3);
    for (const key of article.keySentences) expect(paragraphs).toContain(key);
    expect(article.keySentences).not.toContain('图源：网络');
    expect(article.keySentences.some((k) => /^[一二]、/.test(k))).toBe(false);
  });

  it('gives fixtures without bold key sentences too, in the Article unless their sections are numbered', () => {
    const unbolded = fixtures.filter(({ article }) => !article.keyPoints.length);
    expect(unbolded.length).toBeGreaterThanOrEqual(3);
    for (const { name, keys } of unbolded) expect(keys.length, name).toBeGreaterThanOrEqual(3);
    const shown = fixtures.filter(({ article }) => pointsOf({ ...article, keySentences: ['x'] }).kind === 'keySentences');
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const { name, article, keys } of shown) {
      expect(article.keySentences.length, name).toBeGreaterThanOrEqual(3);
      expect(article.keySentences, name).toEqual(keys);
    }
  });

  it('ranks no sentences for an article whose points are its bold or its numbered sections', () => {
    const others = fixtures.filter(({ article }) => pointsOf({ ...article, keySentences: ['x'] }).kind !== 'keySentences');
    expect(others.some(({ article }) => article.keyPoints.length)).toBe(true);
    expect(others.some(({ article }) => !article.keyPoints.length && skeleton(article.outline).length)).toBe(true);
    for (const { name, article } of others) expect(article.keySentences, name).toEqual([]);
  });
});
