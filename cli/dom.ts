/**
 * The DOMs the Node side runs the core on, and every quirk of them in one place.
 *
 * - jsdom holds the page (the browser's own parsing, charset sniffing) and DOMPurify's window:
 *   DOMPurify does not sanitize on other DOMs.
 * - domino (turndown's own DOM for Node, by turndown's maintainers) is several times faster to
 *   build than jsdom: the Markdown writer's tree, which is only read, is built there. It gives
 *   the same Markdown, byte for byte (tests/cli.test.ts compares the command's output with the
 *   goldens written under jsdom).
 */
import { createDocument } from '@mixmark-io/domino';
import type { HtmlParser } from '../utils/markdown';

/** HTML -> a domino document, for the Markdown writer: `createMarkdown(fastParser)`. */
export const fastParser: HtmlParser = { parseFromString: (html: string) => createDocument(html, true) };
