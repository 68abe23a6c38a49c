/** utils/highlights/selection.ts: the selection read in its tree and cut to a surface. */
import { afterEach, describe, expect, it } from 'vitest';
import { clearSelection, clipRange, selectionRange } from '../utils/highlights/selection';
import { article, rangeOf, select } from './highlight-fixtures';

afterEach(() => {
  document.getSelection()?.removeAllRanges();
  document.body.replaceChildren();
});

describe('selectionRange', () => {
  it("is the document's selection, none when it is collapsed or empty", () => {
    const root = article('<p>先说背景，再谈方法。</p>');
    expect(selectionRange(document)).toBeNull();
    select(root, '再谈方法');
    expect(selectionRange(document)!.toString()).toBe('再谈方法');
    document.getSelection()!.collapseToStart();
    expect(selectionRange(document)).toBeNull();
  });

  it('clearSelection empties it, for a shadow root too', () => {
    const host = article('');
    const shadow = host.attachShadow({ mode: 'open' });
    const root = article('<p>先说背景，再谈方法。</p>');
    select(root, '先说');
    clearSelection(shadow);
    expect(document.getSelection()!.rangeCount).toBe(0);
  });
});

describe('clipRange', () => {
  it("cuts a selection that starts before the article and ends in it to the article's part", () => {
    const before = article('<p>页面的导航</p>');
    const root = article('<p>先说背景，再谈方法。</p>');
    const range = document.createRange();
    range.setStart(before.querySelector('p')!.firstChild!, 2);
    range.setEnd(rangeOf(root, '先说背景').endContainer, rangeOf(root, '先说背景').endOffset);
    expect(clipRange(range, root)!.toString()).toBe('先说背景');
  });

  it('is null for a selection outside the article, or only white space in it', () => {
    const outside = article('<p>页面的导航</p>');
    const root = article('<p>先说背景</p>\n<p>再谈方法</p>');
    expect(clipRange(rangeOf(outside, '导航'), root)).toBeNull();
    const blank = document.createRange();
    blank.setStart(root.childNodes[1]!, 0);
    blank.setEnd(root.childNodes[1]!, 1);
    expect(blank.toString()).toBe('\n');
    expect(clipRange(blank, root)).toBeNull();
  });

  it('leaves a selection inside the article as it is', () => {
    const root = article('<p>先说背景，再谈方法。</p>');
    expect(clipRange(rangeOf(root, '再谈'), root)!.toString()).toBe('再谈');
  });
});
