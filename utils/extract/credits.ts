/**
 * Which paragraphs of an article body are credit lines (`Article.attribution`) rather than the
 * article. One rule for every article, whatever order the author, the editor and the site put them in:
 *
 * 1. a paragraph matching the site's credit lines (本文由 @X 原创发布于…, 题图来自…) or its label over them (专栏作家,
 *    heading or not) is a credit wherever it is;
 * 2. from the first such line after which every paragraph is short closing matter, the rest of the body is credits;
 * 3. bylines (作者：, 编辑：, 来源公众号：, 译者：, the writer's bio "X，人人都是产品经理专栏作家…") join that
 *    closing run when they come right before it, or end the article when it has no credit line.
 *
 * Bylines elsewhere stay in the body: mid-article, `作者：` or `来源：` is often the text itself.
 */
import type { SiteProfile } from '../site/profile';

export interface Paragraph {
  text: string;
  /** Short, with no image or table, not a heading: what may close an article after its credits. */
  closing: boolean;
}

type CreditSite = Pick<SiteProfile, 'attributionPatterns' | 'attributionLabels' | 'bylinePatterns' | 'attributionTailMaxLength'>;

/** Whether a paragraph's text is the site's label over the credits (`attributionLabels`): a credit that is not kept. */
export const isAttributionLabel = (text: string, site: Pick<SiteProfile, 'attributionLabels'>) => site.attributionLabels.some((re) => re.test(text));

/** For each paragraph, in order: is it a credit line? */
export function creditLines(paragraphs: readonly Paragraph[], site: CreditSite): boolean[] {
  const short = (p: Paragraph) => p.text.length <= site.attributionTailMaxLength;
  const isCredit = (p: Paragraph) => isAttributionLabel(p.text, site) || (short(p) && site.attributionPatterns.some((re) => re.test(p.text)));
  const isByline = (p: Paragraph) => p.closing && site.bylinePatterns.some((re) => re.test(p.text));
  let tail = paragraphs.findIndex((p, i) => isCredit(p) && paragraphs.slice(i + 1).every((q) => q.closing));
  if (tail < 0) tail = paragraphs.length;
  while (tail > 0 && isByline(paragraphs[tail - 1]!)) tail--;
  return paragraphs.map((p, i) => i >= tail || isCredit(p));
}
