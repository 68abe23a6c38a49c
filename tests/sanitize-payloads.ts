/**
 * Hostile HTML inside a real article: nothing that can run may come out, in html or Markdown.
 * `describePayloads(names)` tries every payload in each named fixture page: the fast tier
 * (tests/sanitize.test.ts) on the modern layout, the reliability tier
 * (tests/reliability/sanitize-layouts.test.ts) on the classic and bare ones.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { extractArticle } from '../utils/extract';
import { templates, createMarkdown } from '../utils/markdown';
import { loadDocument, manifest, readFixture } from './helpers';
import { woshipm } from '../utils/site/woshipm';

const { toMarkdown } = createMarkdown(new DOMParser());

const payloads: string[] = JSON.parse(readFixture('xss', 'payloads.json'));
const unsafeUrl = /^\s*(javascript|vbscript|data|file):/i;

/** Every way the sanitized html could still run something, as a list of findings (empty is good). */
function findings(html: string): string[] {
  const found: string[] = [];
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  for (const el of doc.body.querySelectorAll('*')) {
    if (/^(script|iframe|object|embed|form|input|button|style|link|meta|base|svg|math|template|video|audio|source|noscript)$/i.test(el.tagName)) {
      found.push(`<${el.tagName.toLowerCase()}>`);
    }
    for (const attr of el.attributes) {
      const ownHeadingId = attr.name === 'id' && /^wr-h\d+$/.test(attr.value);
      if (/^on/i.test(attr.name) || /^(style|srcdoc|srcset|formaction|xlink:href|background|name)$/i.test(attr.name)) found.push(`${el.tagName}@${attr.name}`);
      if (attr.name === 'id' && !ownHeadingId) found.push(`${el.tagName}@id=${attr.value}`); // DOM clobbering
      if (/^(href|src|action|cite|data)$/i.test(attr.name) && unsafeUrl.test(attr.value)) found.push(`${el.tagName}@${attr.name}=${attr.value}`);
    }
  }
  return found;
}

/** Markdown must carry no raw HTML tag and no link or image to an unsafe URL. */
function markdownFindings(md: string): string[] {
  const found: string[] = [];
  const withoutCode = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
  for (const m of withoutCode.matchAll(/(?<!\\)<\/?[a-z][^>]*>/gi)) found.push(m[0]);
  for (const m of withoutCode.matchAll(/\]\(\s*([^)\s]*)/g)) if (!/^(https?:|mailto:)/.test(m[1]!)) found.push(m[0]);
  if (/javascript:/i.test(withoutCode.replace(/\\</g, ''))) found.push('javascript:');
  return found;
}

const bodyStart = { modern: /(<div class="article--content[^"]*">)/, classic: /(<div class="article--content[^"]*">)/, bare: /(<blockquote>)/ };

/** The page with `payload` inside the body, between two paragraphs of real text. */
function hostilePage(name: string, variant: keyof typeof bodyStart, payload: string): string {
  const page = readFixture(name, 'page.html');
  expect(bodyStart[variant].test(page)).toBe(true);
  return page.replace(bodyStart[variant], `$1<div>正文前 ${payload} 正文后</div>`);
}

/** Every payload, one at a time and all at once, in each of the fixture pages `names`. */
export function describePayloads(names: string[]): void {
  const pages = manifest.filter((m) => names.includes(m.name));
  if (pages.length !== names.length) throw new Error(`not all of ${names.join(', ')} are fixture pages`);
  describe.each(pages)('payloads in $name ($variant)', ({ name, url, variant }) => {
    it(`tries ${payloads.length} payloads`, () => expect(payloads.length).toBeGreaterThanOrEqual(40));

    it.each(payloads)('%s', (payload) => {
      const result = extractArticle(loadDocument(hostilePage(name, variant, payload), url), url, woshipm);
      if (payload.startsWith('<math>') && !result.ok) {
        // mXSS: an unclosed <math><mtext><table> makes the browser's parser swallow the rest of the
        // page, which the sanitizer then drops; "no body found" is the honest answer.
        expect(result.reason).toBe('empty');
        return;
      }
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(findings(result.article.html)).toEqual([]);
      for (const template of templates) {
        expect(markdownFindings(toMarkdown(result.article, { template, keyPoints: true, attribution: true }))).toEqual([]);
      }
    });

    it('survives all of them at once, the real body intact', () => {
      // Less the mXSS ones: an unclosed <math><mtext><table> swallows the rest of the page in the
      // browser's own parser, and the sanitizer then rightly drops the lot.
      const together = payloads.filter((p) => !p.startsWith('<math>')).join('\n');
      const result = extractArticle(loadDocument(hostilePage(name, variant, together), url), url, woshipm);
      if (!result.ok) throw new Error(result.reason);
      expect(findings(result.article.html)).toEqual([]);
      const clean = extractArticle(loadDocument(readFixture(name, 'page.html'), url), url, woshipm);
      expect(clean.ok && result.article.text.endsWith(clean.article.text.slice(-200))).toBe(true);
    });

    it('keeps text that only looks like a tag as text, and a good link without its handler', () => {
      const text = extractArticle(loadDocument(hostilePage(name, variant, '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'), url), url, woshipm);
      expect(text.ok && text.article.text).toContain('<script>alert(1)</script>');
      const link = '<p>请看<a href="https://www.woshipm.com/x" target="_blank" onclick="alert(1)">好链接</a>这一篇，里面讲得很清楚，值得一读。</p>';
      const linked = extractArticle(loadDocument(hostilePage(name, variant, link), url), url, woshipm);
      expect(linked.ok && linked.article.html).toContain('<a href="https://www.woshipm.com/x">好链接</a>');
    });
  });
}
