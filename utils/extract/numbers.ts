const units: Record<string, number> = { 万: 10_000, w: 10_000, k: 1_000 };

/** `4021` -> 4021, `1,024` -> 1024, `1.2万` / `1.2w` -> 12000, `3k` -> 3000; anything else -> null. */
export function parseCount(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const m = /^(\d+(?:\.\d+)?)([万wk])?$/i.exec(raw.replace(/[,\s]/g, ''));
  if (!m) return null;
  return Math.round(Number(m[1]) * (m[2] ? units[m[2].toLowerCase()]! : 1));
}

/** Characters of CJK scripts plus Latin/number words: the usual length measure for Chinese text. */
export function countWords(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*/g)?.length ?? 0;
  return cjk + latin;
}

/** Drops zero-width spaces, collapses runs of white space (full-width and no-break too) and trims. */
export function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u200b\ufeff]/g, '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}
