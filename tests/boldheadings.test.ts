/** Bold used as a heading (utils/extract/boldheadings.ts): in the outline, not in the key points. */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../utils/extract';
import { boldHeadings, isHeadingText } from '../utils/extract/boldheadings';
import { reveal } from '../utils/page/reveal';
import { woshipm } from '../utils/site/woshipm';
import type { Article } from '../utils/types';
import { loadDocument, manifest, readFixture } from './helpers';

const now = new Date('2026-11-25T00:00:00Z');

function fixture(name: string): { article: Article; doc: Document } {
  const { url } = manifest.find((m) => m.name === name)!;
  const doc = loadDocument(readFixture(name, 'page.html'), url);
  const result = extractArticle(doc, url, woshipm, { now });
  if (!result.ok) throw new Error(result.reason);
  return { article: result.article, doc };
}

describe('isHeadingText', () => {
  const rules = woshipm.boldHeading;

  it('takes numbered lines, labels ending in a colon, short questions and phrases without end mark', () => {
    // what the card showed as key points on a 2025 article (issue 13)
    for (const heading of ['为什么询问“以客户为中心”问题？', 'DeepSeek的回答：', '1. 建立以客户为中心的文化', '2. 深入了解客户需求']) {
      expect(isHeadingText(heading, rules), heading).toBe(true);
    }
    // from the fixtures' naive conversions
    for (const heading of [
      '1.1 成长路径',
      '1.2 业务拆解：（C2B2C）',
      '价格优势：',
      '二、竞品分析',
      '（3）数据埋点',
      '第一步：明确目标',
      '满足用户的体验需求，拥有自己的独特专供商品以及明星同款潮牌',
    ]) {
      expect(isHeadingText(heading, rules), heading).toBe(true);
    }
  });

  it('leaves sentences alone', () => {
    for (const sentence of [
      '综上所述，不论线上线下的各种方式，都不能完美的解决用户的需求。',
      '流程化就是对系统图的内部流程和环节进行拆分，然后对其中的环节进行优化。',
      '与其苦苦追寻一个“成功”的数据指标体系，不如用上面的方法，为自己打造一套“有效”的数据指标体系',
      '产品经理真正要做的，是把模糊的业务问题拆成可以验证的假设，然后逐个去验证，这是一个很长的问题吗？',
      '第二点很重要。',
      '1. 先建立以客户为中心的文化，再谈流程。',
      // a sentence leading into what follows, not a label (pmd-2025-6195764)
      '不知道刚刚接触到产品经理这个岗位的小伙伴有没有遇到过这样的情况：',
      '',
    ]) {
      expect(isHeadingText(sentence, rules), sentence).toBe(false);
    }
  });
});

describe('boldHeadings', () => {
  const body = (html: string) => {
    const doc = loadDocument(`<!doctype html><body><div id="root">${html}</div></body>`, 'https://www.woshipm.com/pd/1.html');
    return doc.getElementById('root')!;
  };
  const texts = (html: string) => boldHeadings(body(html), woshipm).map((el) => el.textContent);

  it('finds paragraphs wholly in bold, even in several runs', () => {
    expect(texts('<p><strong>1. 建立以客户为中心的文化</strong></p><p>正文。</p><p> <b>DeepSeek</b><b>的回答：</b> </p>')).toEqual([
      '1. 建立以客户为中心的文化',
      ' DeepSeek的回答： ',
    ]);
  });

  it('does not take a paragraph with text outside the bold, a list item, a quotation or an image', () => {
    expect(texts('<p><strong>1. 建立文化</strong>是第一步。</p>')).toEqual([]);
    expect(texts('<ul><li><p><strong>价格优势：</strong></p></li></ul>')).toEqual([]);
    expect(texts('<blockquote><p><strong>价格优势：</strong></p></blockquote>')).toEqual([]);
    expect(texts('<p><strong>价格优势：<img src="https://image.woshipm.com/a.png"></strong></p>')).toEqual([]);
    expect(texts('<p><strong>综上所述，不论线上线下的各种方式，都不能完美的解决用户的需求。</strong></p>')).toEqual([]);
  });
});

describe('extraction of a real article with bold headings', () => {
  const { article, doc } = fixture('evaluating-2023-5774456');

  it('puts them into the outline, with ids in the body, and keeps them out of the key points', () => {
    const outline = article.outline.map((h) => h.text);
    for (const heading of ['1.1 成长路径', '2.1 成长路径', '价格优势：', '线上广告：']) {
      expect(outline, heading).toContain(heading);
      expect(article.keyPoints, heading).not.toContain(heading);
    }
    const item = article.outline.find((h) => h.text === '价格优势：')!;
    expect(article.html).toMatch(new RegExp(`<p id="${item.id}"><strong>价格优势：</strong></p>`));
    // a heading below a real heading sits a level below it
    const index = article.outline.indexOf(item);
    const above = article.outline
      .slice(0, index)
      .reverse()
      .find((h) => !/[：:]$/.test(h.text) && !/^\d+\.\d/.test(h.text));
    expect(item.level).toBeGreaterThan(above?.level ?? 1);
    expect(new Set(article.outline.map((h) => h.id)).size).toBe(article.outline.length);
  });

  it('keeps whole bold sentences as key points', () => {
    expect(article.keyPoints).toContain('综上所述，不论线上线下的各种方式，都不能完美的解决用户的需求。');
  });

  it('jumps to a bold heading in the page', () => {
    const index = article.outline.findIndex((h) => h.text === '价格优势：');
    const scrolled: Element[] = [];
    // jsdom has no scrollIntoView: one on this page's window only
    const proto = doc.defaultView!.Element.prototype as { scrollIntoView?: (arg?: unknown) => void };
    proto.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      expect(reveal(doc, article, { kind: 'heading', index })).toBe(true);
    } finally {
      delete proto.scrollIntoView;
    }
    expect(scrolled.map((el) => el.textContent)).toEqual(['价格优势：']);
  });
});
