import { describe, expect, it } from 'vitest';
import { anchor, describeRange, rootText } from '../utils/highlights/anchor';
import { fixtureArticle, loadDocument, manifest, readFixture } from './helpers';

/** A detached root holding `html`, in the test's jsdom document. */
function rootOf(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

/**
 * A Range over the `n`-th occurrence (from 0) of `text` in root's text, found through the DOM itself;
 * whitespace in `text` or between its characters in the page does not matter (as for a reader's selection).
 */
function rangeOfText(root: Node, text: string, n = 0): Range {
  const doc = root.ownerDocument ?? (root as Document);
  const nodes: Text[] = [];
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  // Every non-space character with its node and offset.
  const chars: { c: string; node: Text; offset: number }[] = [];
  for (const node of nodes) [...node.data].forEach((c, offset) => {
      if (!/\s/.test(c)) chars.push({ c, node, offset });
    });
  const whole = chars.map((x) => x.c).join('');
  const needle = text.replace(/\s+/g, '');
  let at = -1;
  for (let i = 0; i <= n; i++) at = whole.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${text} in the root`);
  const [first, last] = [chars[at]!, chars[at + needle.length - 1]!];
  const range = doc.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + 1);
  return range;
}

/** The text a Range covers, whitespace squeezed out (the comparisons below ignore whitespace, as anchoring does). */
const covered = (range: Range | null) => range?.toString().replace(/\s+/g, '') ?? null;

/** Describe `text` (its n-th occurrence) in `from`, anchor it in `to`: the text found there, or null. */
function roundTrip(from: Node, text: string, to: Node, n = 0): Range | null {
  const selectors = describeRange(from, rangeOfText(from, text, n));
  expect(selectors).not.toBeNull();
  return anchor(to, selectors!);
}

/** A fixture page as loaded, and its article as extraction gives it (`fixtureArticle`: the reviewed golden). */
function fixture(name: string) {
  const { url } = manifest.find((m) => m.name === name)!;
  return { page: loadDocument(readFixture(name, 'page.html'), url), article: fixtureArticle(name) };
}

describe('rootText', () => {
  it('is the text nodes in order, without scripts, styles, templates and data-hl-ignore', () => {
    const root = rootOf(
      '<p>一<b>二</b></p><script>x()</script><style>p{}</style><noscript>no</noscript><template>t</template>' +
        '<div data-hl-ignore><button>高亮</button></div><p>三<!-- c -->四</p>',
    );
    expect(rootText(root)).toBe('一二三四');
  });
});

describe('describeRange', () => {
  it('gives the quote, 32 characters of context either side and the offsets', () => {
    const root = rootOf(`<p>${'甲'.repeat(40)}要找的句子${'乙'.repeat(40)}</p>`);
    const described = describeRange(root, rangeOfText(root, '要找的句子'))!;
    expect(described.quote).toEqual({ exact: '要找的句子', prefix: '甲'.repeat(32), suffix: '乙'.repeat(32) });
    expect(described.position).toEqual({ start: 40, end: 45 });
    expect(rootText(root).slice(40, 45)).toBe('要找的句子');
  });

  it('leaves out whitespace at the ends and is null for collapsed, blank or outside selections', () => {
    const root = rootOf('<p>前文</p>\n   <p>  正文  </p>');
    document.body.append(root);
    const outside = document.createElement('p');
    outside.textContent = '外面';
    document.body.append(outside);
    try {
      const padded = document.createRange();
      const body = root.childNodes[2]!.firstChild!; // '  正文  '
      padded.setStart(body, 0);
      padded.setEnd(body, 6);
      expect(describeRange(root, padded)).toMatchObject({ quote: { exact: '正文' }, position: { start: 8, end: 10 } });
      const collapsed = rangeOfText(root, '正文');
      collapsed.collapse(true);
      expect(describeRange(root, collapsed)).toBeNull();
      const blank = document.createRange();
      blank.selectNodeContents(root.childNodes[1]!); // the '\n   ' between the paragraphs
      expect(describeRange(root, blank)).toBeNull();
      expect(describeRange(root, rangeOfText(outside, '外面'))).toBeNull();
    } finally {
      root.remove();
      outside.remove();
    }
  });

  it('counts element boundary points the same as text points', () => {
    const root = rootOf('<p>一二</p><p><b>三四</b>五</p>');
    const range = document.createRange();
    range.setStart(root.childNodes[1]!, 0); // before <b>
    range.setEnd(root.childNodes[1]!, 2); // after 五
    expect(describeRange(root, range)).toMatchObject({ quote: { exact: '三四五', prefix: '一二' }, position: { start: 2, end: 5 } });
  });

  it('puts a newline in the quote where it crosses into the next paragraph', () => {
    const root = rootOf('<p>第一段的结尾</p><p>第二段的开头</p>');
    expect(describeRange(root, rangeOfText(root, '的结尾第二段'))?.quote.exact).toBe('的结尾\n第二段');
  });
});

describe('anchor', () => {
  it('finds a quote in the same text, across a bold span and across two paragraphs', () => {
    const root = rootOf('<p>先说背景，<strong>这是作者加粗的重点</strong>，然后展开。</p><p>下一段从这里开始，继续讲。</p>');
    expect(covered(roundTrip(root, '背景，这是作者加粗', root))).toBe('背景，这是作者加粗');
    expect(covered(roundTrip(root, '然后展开。下一段从', root))).toBe('然后展开。下一段从');
    const across = roundTrip(root, '然后展开。下一段从', root)!;
    expect(across.startContainer.parentNode?.nodeName).toBe('P');
    expect(across.endContainer.parentNode).toBe(root.childNodes[1]);
  });

  it('picks the right one of duplicate quotes by its context', () => {
    const root = rootOf('<p>产品经理要懂用户。</p><p>运营同学也要懂用户。</p><p>老板更要懂用户。</p>');
    for (const [n, owner] of [[0, 0], [1, 1], [2, 2]] as const) {
      const found = roundTrip(root, '懂用户', root, n)!;
      expect(found.startContainer.parentNode).toBe(root.childNodes[owner]);
    }
  });

  it('picks the right one of duplicates with the same context by the stored position', () => {
    const line = '重复的一句话。';
    const root = rootOf(`<p>${line.repeat(30)}</p>`);
    for (const n of [0, 7, 29]) {
      const described = describeRange(root, rangeOfText(root, '一句话', n))!;
      const found = anchor(root, described)!;
      expect(found.startOffset).toBe(n * line.length + line.indexOf('一句话'));
    }
  });

  it('anchors CJK text with no spaces at all', () => {
    const text = '用户增长的本质是价值的传递而不是流量的堆砌所以我们先要想清楚产品为谁解决了什么问题';
    const root = rootOf(`<p>${text}</p>`);
    const found = roundTrip(root, '价值的传递而不是流量', root)!;
    expect(found.toString()).toBe('价值的传递而不是流量');
    expect(found.startOffset).toBe(text.indexOf('价值'));
  });

  it('ignores whitespace differences: indented page source against clean HTML without any', () => {
    const page = rootOf(`
      <div>
        <p>
          第一段讲目标，
          <strong>目标要可衡量</strong>
          。
        </p>
        <p>
          第二段讲路径。
        </p>
      </div>`);
    const clean = rootOf('<p>第一段讲目标，<strong>目标要可衡量</strong>。</p><p>第二段讲路径。</p>');
    expect(covered(roundTrip(page, '目标要可衡量', clean))).toBe('目标要可衡量');
    const across = describeRange(page, rangeOfText(page, '可衡量</strong>'.slice(0, 3)))!;
    expect(covered(anchor(clean, across))).toBe('可衡量');
    // And back: a selection in the clean text found in the indented page.
    const fromClean = describeRange(clean, rangeOfText(clean, '。第二段讲'))!;
    expect(fromClean.quote.exact).toBe('。\n第二段讲');
    expect(covered(anchor(page, fromClean))).toBe('。第二段讲');
  });

  it('re-attaches after small edits before and inside the quote', () => {
    const original = rootOf(
      '<p>很多团队把需求评审开成了吐槽大会。</p><p>其实一个好的需求文档应该先写清楚背景和目标，再写方案和验收标准，这样评审才有的放矢。</p>',
    );
    const selectors = describeRange(original, rangeOfText(original, '先写清楚背景和目标，再写方案和验收标准'))!;
    const editedBefore = rootOf(
      '<p>不少团队把需求评审会开成了吐槽大会！</p><p>其实一个好的需求文档应该先写清楚背景和目标，再写方案和验收标准，这样评审才有的放矢。</p>',
    );
    expect(anchor(editedBefore, selectors)?.toString()).toBe('先写清楚背景和目标，再写方案和验收标准');
    const editedInside = rootOf(
      '<p>很多团队把需求评审开成了吐槽大会。</p><p>其实一个好的需求文档应该先讲清楚背景与目标，再写方案和验收标准，这样评审才有的放矢。</p>',
    );
    expect(anchor(editedInside, selectors)?.toString()).toBe('先讲清楚背景与目标，再写方案和验收标准');
  });

  it('returns null when the passage was deleted', () => {
    const original = rootOf('<p>开头。</p><p>这一段后来被作者整段删掉了，里面的话再也找不到。</p><p>结尾的总结。</p>');
    const selectors = describeRange(original, rangeOfText(original, '被作者整段删掉了'))!;
    const edited = rootOf('<p>开头。</p><p>结尾的总结。</p>');
    expect(anchor(edited, selectors)).toBeNull();
    // A short quote whose text is gone does not latch onto a look-alike either.
    const short = describeRange(original, rangeOfText(original, '删掉'))!;
    expect(anchor(rootOf('<p>开头。</p><p>这一段后来被作者整段删除了。</p>'), short)).toBeNull();
  });

  it('finds selections made on a real fixture page in the reader’s clean article HTML', () => {
    const { page, article } = fixture('pd-2024-6119971');
    // The page as a browser may have it: the same markup, re-indented.
    const pageRoot = page.querySelector('.article--content')!;
    pageRoot.innerHTML = pageRoot.innerHTML.replace(/\n</g, '\n        <');
    const reader = rootOf(article.html);
    const passages = [
      '系统边界→系统与上下游外部系统的关联关系', // inside a bold list item
      '的具象化来体现对业务的支持；系统边界→', // across two list items and out of bold
      '为此，我将整个系统架构设计分4步：看面抽线', // across two paragraphs into bold
    ];
    for (const passage of passages) {
      const selectors = describeRange(pageRoot, rangeOfText(pageRoot, passage));
      expect(selectors, passage).not.toBeNull();
      expect(covered(anchor(reader, selectors!)), passage).toBe(passage);
      expect(covered(anchor(pageRoot, selectors!)), passage).toBe(passage);
    }
  });

  it('re-attaches on a fixture article whose text changed a little, and orphans the deleted passage', () => {
    const { article } = fixture('pd-2024-6119971');
    const long = (root: Element) => [...root.querySelectorAll('p')].filter((p) => (p.textContent ?? '').length >= 60).slice(0, 3);
    const reader = rootOf(article.html);
    const [before, inside, deleted] = [0, 1, 2].map((i) => long(reader)[i]!);
    const middle = (p: Element) => p.textContent!.slice(20, 50);
    const described = [before, inside, deleted].map((p) => describeRange(reader, rangeOfText(reader, middle(p!)))!);
    const edited = rootOf(article.html);
    const [editedBefore, editedInside, editedDeleted] = [0, 1, 2].map((i) => long(edited)[i]!);
    editedBefore!.prepend('（编者按：这里改了几个字）');
    editedBefore!.textContent = editedBefore!.textContent!.slice(0, 12) + '改过' + editedBefore!.textContent!.slice(14);
    const changed = middle(inside!).slice(0, 10) + '改动' + middle(inside!).slice(12);
    editedInside!.textContent = inside!.textContent!.replace(middle(inside!), changed);
    editedDeleted!.remove();
    expect(covered(anchor(edited, described[0]!))).toBe(middle(before!).replace(/\s+/g, ''));
    expect(covered(anchor(edited, described[1]!))).toBe(changed.replace(/\s+/g, ''));
    expect(anchor(edited, described[2]!)).toBeNull();
    // Not lost on the unchanged text either.
    expect(covered(anchor(reader, described[2]!))).toBe(middle(deleted!).replace(/\s+/g, ''));
  });

  it('re-attaches each of 40 passages of a fixture article after a few characters inside it changed', () => {
    const { article } = fixture('evaluating-2023-5774456');
    const reader = rootOf(article.html);
    const edited = rootOf(article.html);
    const textNodes = (root: Node) => {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) nodes.push(walker.currentNode as Text);
      return nodes;
    };
    const [readerNodes, editedNodes] = [textNodes(reader), textNodes(edited)];
    // Passages that are in the article once (it repeats a few sentences word for word: with one copy edited,
    // the other copy is as good an answer).
    const whole = rootText(reader);
    const long = readerNodes.map((_, i) => i).filter((i) => readerNodes[i]!.data.trim().length >= 60);
    expect(long.length).toBeGreaterThanOrEqual(40);
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const cases: { described: NonNullable<ReturnType<typeof describeRange>>; changed: string }[] = [];
    for (const i of long) {
      if (cases.length === 40) break;
      const data = readerNodes[i]!.data;
      const from = random(data.length - 50);
      const passage = data.slice(from, from + 20 + random(Math.min(60, data.length - from - 20)));
      if (whole.indexOf(passage) !== whole.lastIndexOf(passage)) continue;
      const range = document.createRange();
      range.setStart(readerNodes[i]!, from);
      range.setEnd(readerNodes[i]!, from + passage.length);
      const chars = [...passage];
      for (let e = 1 + random(Math.max(1, Math.floor(passage.length / 12))); e > 0; e--) chars[random(chars.length)] = '改';
      editedNodes[i]!.data = data.slice(0, from) + chars.join('') + data.slice(from + passage.length);
      cases.push({ described: describeRange(reader, range)!, changed: chars.join('').trim() });
    }
    expect(cases.length).toBe(40);
    for (const { described, changed } of cases) expect(anchor(edited, described)?.toString(), described.quote.exact).toBe(changed);
  });
});
