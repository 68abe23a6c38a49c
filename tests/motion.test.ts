/** Scrolling to a key point, heading or highlight respects the reader's wish for reduced motion. */
import { describe, expect, it } from 'vitest';
import { scrollBehavior } from '../utils/page/reveal';

const doc = (visible: boolean, reduced: boolean) =>
  ({
    visibilityState: visible ? 'visible' : 'hidden',
    defaultView: { matchMedia: (query: string) => ({ matches: reduced && query === '(prefers-reduced-motion: reduce)' }) },
  }) as unknown as Document;

describe('scrollBehavior', () => {
  it('is smooth in a visible page, and instant in a hidden one or with reduced motion asked for', () => {
    expect(scrollBehavior(doc(true, false))).toBe('smooth');
    expect(scrollBehavior(doc(false, false))).toBe('instant');
    expect(scrollBehavior(doc(true, true))).toBe('instant');
  });
});
