/**
 * axe-core in a page the end-to-end tests drive: injected by evaluating its source through the driver
 * (an extension page's CSP refuses a script tag; see /work/shared/ENGINEERING.md), run on the whole
 * document or on one element (our shadow hosts on a woshipm page, so the site's own markup is not
 * counted), and summed up by impact in one line per page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const impacts = ['critical', 'serious', 'moderate', 'minor'] as const satisfies readonly NonNullable<ImpactValue>[];
export type Impact = (typeof impacts)[number];

export interface AxeReport {
  /** The page or state, e.g. `popup/card zh-CN`. */
  name: string;
  violations: Result[];
  /** Violated rules by impact. */
  counts: Record<Impact, number>;
}

export interface AxeOptions {
  /** Only the elements this matches (open shadow trees included: it may name a shadow host); the whole document by default. */
  selector?: string;
  /**
   * Everything on screen first: axe checks the contrast of text a person can see now only, so text
   * scrolled out of a scroll box (the reader, the popup's card) or below the window would go
   * unchecked. Scroll boxes are let out to their full height and the window made as tall as the
   * page while axe runs; then both are put back.
   */
  unclip?: boolean;
}

/** Runs axe in `page` with its default rules (the experimental ones stay off). */
export async function runAxe(page: Page, name: string, { selector, unclip = false }: AxeOptions = {}): Promise<AxeReport> {
  if (!(await page.evaluate('typeof axe === "object"'))) await page.evaluate(axeSource);
  const viewport = page.viewportSize();
  if (unclip && viewport) {
    const height = await page.evaluate(unclipScrollBoxes);
    if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 32_000) });
  }
  try {
    const results = await page.evaluate(async (target: string | null) => {
      const engine = (globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<AxeResults> } }).axe;
      if (target && !document.querySelector(target)) throw new Error(`axe: nothing matches ${target}`);
      const out = await engine.run(target ?? document, { resultTypes: ['violations'] });
      // Only what the report needs crosses back (the full results carry every passing node too).
      return out.violations.map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ ...n, any: [], all: [], none: [], html: n.html.slice(0, 300) })) }));
    }, selector ?? null);
    const counts = Object.fromEntries(impacts.map((impact) => [impact, results.filter((v) => v.impact === impact).length])) as Record<Impact, number>;
    return { name, violations: results as Result[], counts };
  } finally {
    if (unclip && viewport) {
      await page.evaluate(restoreScrollBoxes);
      await page.setViewportSize(viewport);
    }
  }
}

type Unclipped = { el: HTMLElement; style: string }[];

/** Run in the page: lets every clipping scroll box (open shadow trees too) out, and returns the window height that shows it all. */
function unclipScrollBoxes(): number {
  const elements = (root: Document | ShadowRoot): Element[] =>
    [...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el, ...elements(el.shadowRoot)] : [el]));
  const unclipped: Unclipped = [];
  let height = document.documentElement.scrollHeight;
  for (const el of elements(document)) {
    if (!(el instanceof HTMLElement) || el === document.documentElement || el === document.body) continue;
    const style = getComputedStyle(el);
    if (!/auto|scroll/.test(style.overflowY) || el.scrollHeight <= el.clientHeight) continue;
    // A fixed box fills the window: a window its content's height shows all of it.
    if (style.position === 'fixed') height = Math.max(height, el.scrollHeight);
    unclipped.push({ el, style: el.getAttribute('style') ?? '' });
    el.style.setProperty('overflow-y', 'visible', 'important');
    el.style.setProperty('max-height', 'none', 'important');
  }
  (globalThis as unknown as { axeUnclipped: Unclipped }).axeUnclipped = unclipped;
  return Math.max(height, document.documentElement.scrollHeight);
}

function restoreScrollBoxes(): void {
  const api = globalThis as unknown as { axeUnclipped?: Unclipped };
  for (const { el, style } of api.axeUnclipped ?? []) {
    if (style) el.setAttribute('style', style);
    else el.removeAttribute('style');
  }
  api.axeUnclipped = [];
}

/** `axe popup/card zh-CN: critical 0, serious 0, moderate 1 (region), minor 0`: the rules in brackets. */
export function countsLine(report: AxeReport): string {
  const rules = (impact: Impact) => report.violations.filter((v) => v.impact === impact).map((v) => v.id);
  return `axe ${report.name}: ${impacts.map((impact) => `${impact} ${report.counts[impact]}${report.counts[impact] ? ` (${rules(impact).join(', ')})` : ''}`).join(', ')}`;
}

/** Each violation of at least `least` impact: rule, impact, help, and where (target and failure summary). */
export function violationDetails(report: AxeReport, least: Impact = 'serious'): string[] {
  const rank = (impact: ImpactValue | undefined) => impacts.indexOf((impact ?? 'minor') as Impact);
  return report.violations
    .filter((v) => rank(v.impact) <= rank(least))
    .flatMap((v) => [
      `${report.name} ${v.impact} ${v.id}: ${v.help}`,
      ...v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
    ]);
}
