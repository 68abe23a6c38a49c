/** The measures of `npm run eval:keypoints` (tools/keypoints-metrics.ts) on cases worked out by hand. */
import { describe, expect, it } from 'vitest';
import { chars, heldOut, lcs, pairedBootstrap, rouge, rougeL, rougeN, seeded, words } from '../tools/keypoints-metrics';

const split = (s: string) => s.split(' ');

describe('ROUGE', () => {
  const candidate = split('the cat sat on the mat');
  const reference = split('the cat was on the mat');

  it('ROUGE-1 counts clipped unigram overlap', () => {
    // the ×2, cat, on, mat: 5 of 6 on both sides
    expect(rougeN(candidate, reference, 1)).toEqual({ p: 5 / 6, r: 5 / 6, f: 5 / 6 });
    // a repeated word counts only as often as the reference has it
    const r = rougeN(split('the the the the'), split('the cat'), 1);
    expect(r.p).toBe(1 / 4);
    expect(r.r).toBe(1 / 2);
    expect(r.f).toBeCloseTo(1 / 3, 12);
  });

  it('ROUGE-2 counts bigram overlap', () => {
    // the cat, on the, the mat: 3 of 5 bigrams on both sides
    expect(rougeN(candidate, reference, 2).f).toBeCloseTo(3 / 5, 12);
    expect(rougeN(split('a'), split('a'), 2)).toEqual({ p: 0, r: 0, f: 0 });
  });

  it('ROUGE-L is the longest common subsequence', () => {
    expect(lcs(candidate, reference)).toBe(5); // the cat … on the mat
    expect(lcs(split('a b c d'), split('b d a c'))).toBe(2);
    expect(rougeL(candidate, reference).f).toBeCloseTo(5 / 6, 12);
    const r = rougeL(split('a b c d'), split('a c'));
    expect(r.p).toBe(0.5);
    expect(r.r).toBe(1);
    expect(r.f).toBeCloseTo(2 / 3, 12);
    expect(rougeL([], reference)).toEqual({ p: 0, r: 0, f: 0 });
  });

  it('reads Chinese as words (Intl.Segmenter) and as characters, without punctuation', () => {
    expect(words('用户需求决定产品价值。')).toEqual(['用户', '需求', '决定', '产品', '价值']);
    expect(words('Hello, ChatGPT！')).toEqual(['hello', 'chatgpt']);
    expect(chars('用户，A1！')).toEqual(['用', '户', 'a', '1']);
    const s = rouge('用户增长', '增长用户');
    expect(s.c1).toBeCloseTo(100, 10);
    expect(s.c2).toBeCloseTo((100 * 2) / 3, 10); // 用户, 增长 of 3 bigrams each
    expect(s.cL).toBeCloseTo(50, 10); // 用户 or 增长
    expect(s.w1).toBeCloseTo(100, 10);
    expect(s.wL).toBeCloseTo(50, 10);
    expect(rouge('', '增长用户')).toEqual({ w1: 0, w2: 0, wL: 0, c1: 0, c2: 0, cL: 0 });
  });
});

describe('paired bootstrap', () => {
  const a = [3, 5, 2, 8, 6, 7, 4, 5, 6, 9];
  const b = [2, 4, 3, 6, 5, 5, 4, 3, 5, 7];

  it('is deterministic for a seed, and the seed matters', () => {
    const r = seeded(5);
    const x = Array.from({ length: 40 }, () => r());
    const y = x.map((v) => v * 0.9 + (r() - 0.5) * 0.2);
    const one = pairedBootstrap(x, y, { seed: 7 });
    expect(pairedBootstrap(x, y, { seed: 7 })).toEqual(one);
    expect(pairedBootstrap(x, y, { seed: 8 })).not.toEqual(one);
    expect(seeded(42)()).toBe(seeded(42)());
  });

  it('brackets the mean difference, above zero when a is reliably better', () => {
    const i = pairedBootstrap(a, b, { seed: 1 });
    expect(i.mean).toBeCloseTo(1.1, 12);
    expect(i.low).toBeLessThanOrEqual(i.mean);
    expect(i.high).toBeGreaterThanOrEqual(i.mean);
    expect(i.low).toBeGreaterThan(0);
    // no difference at all: a point interval at zero
    expect(pairedBootstrap(a, a)).toEqual({ mean: 0, low: 0, high: 0 });
    // a difference that is noise straddles zero
    const noise = pairedBootstrap([1, -1, 2, -2, 1, -1], [0, 0, 0, 0, 0, 0], { seed: 3 });
    expect(noise.low).toBeLessThan(0);
    expect(noise.high).toBeGreaterThan(0);
  });

  it('needs pairs', () => {
    expect(() => pairedBootstrap([1, 2], [1])).toThrow();
  });
});

describe('held-out split', () => {
  it('holds out a fixed fifth, by name alone', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `operate-2024-${6000000 + i}`);
    const share = names.filter((n) => heldOut(n)).length / names.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
    expect(names.map((n) => heldOut(n))).toEqual(names.map((n) => heldOut(n)));
  });
});
