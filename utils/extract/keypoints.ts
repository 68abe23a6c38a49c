import { squash } from './numbers';
import { blockOf, sentences } from './text';

/** Fragments shorter than this (in characters) are read with the sentence around them. */
const shortFragment = 6;

/**
 * Key points: the body's bolded spans, in order, trimmed and de-duplicated. Bold that the editor
 * split into adjacent runs (`<b>a</b><b>b</b>`, common on woshipm) is joined back; a fragment too
 * short to stand alone (a bolded word or label) is replaced by the sentence it sits in.
 */
export function keyPoints(root: Element): string[] {
  const bolds = [...root.querySelectorAll('strong, b')].filter((el) => !el.parentElement?.closest('strong, b'));
  const groups: { block: Element; els: Element[] }[] = [];
  const doc = root.ownerDocument;
  for (const el of bolds) {
    const block = blockOf(el, root);
    const last = groups.at(-1);
    if (last && last.block === block) {
      const between = doc.createRange();
      between.setStartAfter(last.els.at(-1)!);
      between.setEndBefore(el);
      if (!squash(between.toString())) {
        last.els.push(el);
        continue;
      }
    }
    groups.push({ block, els: [el] });
  }
  const points: string[] = [];
  for (const { block, els } of groups) {
    let text = squash(els.map((el) => el.textContent).join(''));
    if (!text) continue;
    if ([...text].length < shortFragment) {
      const blockText = squash(block.textContent);
      text = sentences(blockText).find((s) => s.includes(text)) ?? text;
    }
    if (!points.includes(text)) points.push(text);
  }
  return points;
}
