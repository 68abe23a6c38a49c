/** A page painted with the reader's highlights extracts exactly as the same page without them. */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../utils/extract';
import { describeRange, paintHighlights, type Highlight } from '../utils/highlights';
import { woshipm } from '../utils/site/woshipm';
import { readFixture } from './helpers';

const url = 'https://www.woshipm.com/zhichang/6025589.html';
const page = () => new JSDOM(readFixture('woshipm-6025589', 'page.html'), { url }).window.document;

/** A highlight of `from`…`to` in the article container, as the page's toolbar makes it. */
function highlightOf(doc: Document, id: string, from: string, to: string): Highlight {
  const root = doc.querySelector('.article--content')!;
  const walker = doc.createTreeWalker(root, 4);
  const nodes: { node: Text; start: number }[] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push({ node: n as Text, start: text.length }), (text += n.nodeValue);
  const start = text.indexOf(from);
  const end = text.indexOf(to, start) + to.length;
  const at = (offset: number, isEnd: boolean) => {
    const hit = nodes.filter((n) => (isEnd ? n.start < offset : n.start <= offset)).at(-1)!;
    return [hit.node, offset - hit.start] as const;
  };
  const range = doc.createRange();
  range.setStart(...at(start, false));
  range.setEnd(...at(end, true));
  const selectors = describeRange(root, range)!;
  return { id, color: 'green', note: '', ...selectors, createdAt: 1, updatedAt: 1 };
}

describe('extraction of a page with highlights painted in it', () => {
  it('gives the same article (no <mark> of ours in the reader or the Markdown)', () => {
    const plain = extractArticle(page(), url, woshipm);
    const doc = page();
    const highlights = [
      highlightOf(doc, 'a', '他们更倾向选择成长潜力', '数据表明，只有13.45%'),
      highlightOf(doc, 'b', '面试官坦然答道。', '看到数字后，吴浩然放松了。'),
    ];
    expect(paintHighlights(doc.querySelector('.article--content')!, highlights).painted).toEqual(['a', 'b']);
    expect(doc.querySelectorAll('mark[data-hl]').length).toBeGreaterThanOrEqual(4);
    const painted = extractArticle(doc, url, woshipm);
    if (!plain.ok || !painted.ok) throw new Error('not extracted');
    expect(painted.article.html).not.toContain('<mark');
    expect(painted.article).toEqual(plain.article);
  });
});
