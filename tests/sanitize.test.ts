/** Hostile HTML inside a real article (tests/sanitize-payloads.ts), on the modern layout; the others are in the reliability tier. */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../utils/extract';
import { loadDocument, manifest, readFixture } from './helpers';
import { describePayloads } from './sanitize-payloads';
import { woshipm } from '../utils/site/woshipm';

describePayloads(['woshipm-6025589']);

describe('the sanitizer really runs under this DOM', () => {
  // Guards against a test DOM (happy-dom, linkedom) in which DOMPurify silently does nothing.
  it('removes a script from a plain paragraph', () => {
    const page = readFixture('woshipm-6025589', 'page.html').replace(
      '<div class="article--content grap">',
      '<div class="article--content grap"><p>a<script>alert(1)</script>b<img src=x onerror=alert(1)></p>',
    );
    const url = manifest[0]!.url;
    const result = extractArticle(loadDocument(page, url), url, woshipm);
    expect(result.ok && result.article.html).not.toMatch(/<script|onerror/);
  });
});
