import { browser } from 'wxt/browser';
import type { Fallback } from '../../utils/types';
import { copyText } from './save';

/**
 * What the user copies to report a problem: the extension's version, the page, then one line per finding.
 * It goes only to the clipboard: nothing is sent anywhere unless the user pastes it.
 */
export function diagnosticText(version: string, url: string, lines: readonly string[]): string {
  return [`woshipm-reader ${version}`, url, ...lines].join('\n');
}

/**
 * A field read by a fallback as a report line, named by its entry in the site table, so that a maintainer knows
 * which one to fix: `title: meta og:title (css h2.article--title gave nothing)`.
 */
export function fallbackLine({ field, source, primary }: Fallback): string {
  return `${field}: ${source ?? 'nothing found'} (${primary} gave nothing)`;
}

/** Copies the diagnostic of `url` with these lines. */
export function copyDiagnostic(url: string, lines: readonly string[]): Promise<void> {
  return copyText(diagnosticText(browser.runtime.getManifest().version, url, lines));
}
