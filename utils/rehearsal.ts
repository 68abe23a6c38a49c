/**
 * The engine's warm-up article (utils/engine.ts): a short article in a site's layout, with each kind
 * of content extraction handles. Extracting it compiles the code paths a real article takes (in a
 * fresh page the first extraction costs several times the next ones), at a fraction of a real page's
 * cost. The layout is made from the site's table, not written here: each header field where the
 * table looks first (a selector becomes the markup it matches), the meta line and the article
 * container by their selectors, the site's texts from its samples. The body is plain content.
 */
import type { SiteProfile, Source } from './site/profile';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const compound = /^([a-z][a-z0-9-]*|\*)?((?:[.#][\w-]+|\[[^\]]*\]|:[\w-]+(?:\([^)]*\))?)*)$/i;
const part = /([.#])([\w-]+)|\[\s*([\w-]+)\s*(?:[~|^$*]?=\s*(["']?)(.*?)\4\s*[is]?)?\]|:[\w-]+(?:\([^)]*\))?/gi;

/**
 * Markup that `selector` matches, with `inner` in its innermost element (which also gets `attrs`):
 * `.a > b.c` gives `<div class="a"><b class="c">inner</b></div>`. Each compound's tag (else a div),
 * classes, id and attributes (an attribute test is met by its value); descendant and child
 * combinators nest; pseudo-classes are left to the content. Null for what this cannot build
 * (selector lists, sibling combinators).
 */
export function markupFor(selector: string, inner: string, attrs: Readonly<Record<string, string>> = {}): string | null {
  const steps = selector.trim().split(/\s*>\s*|\s+/);
  const elements: { tag: string; attributes: Map<string, string> }[] = [];
  for (const step of steps) {
    const m = compound.exec(step);
    if (!m) return null;
    const attributes = new Map<string, string>();
    const classes: string[] = [];
    for (const [, sigil, name, attr, , value] of (m[2] ?? '').matchAll(part)) {
      if (sigil === '.') classes.push(name!);
      else if (sigil === '#') attributes.set('id', name!);
      else if (attr) attributes.set(attr, value ?? '');
    }
    if (classes.length) attributes.set('class', classes.join(' '));
    elements.push({ tag: !m[1] || m[1] === '*' ? 'div' : m[1].toLowerCase(), attributes });
  }
  for (const [name, value] of Object.entries(attrs)) elements.at(-1)!.attributes.set(name, value);
  return elements.reduceRight((html, { tag, attributes }) => {
    const attributeText = [...attributes].map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
    return `<${tag}${attributeText}>${html}</${tag}>`;
  }, inner);
}

const title = '产品经理如何写好一份需求文档';
const published = '2024-04-02';

/** The article's body: a lead quote, headings, bold, a list, a table, an image, code. */
const body = (image: string) => `<blockquote><p>一份好的需求文档，能让团队少走弯路。本文分享写作的方法。</p></blockquote>
<h2>一、为什么需求文档重要</h2><p>需求文档是产品、设计与研发之间的约定。<strong>写清楚目标和边界，是需求文档的第一要务。</strong>否则团队会在细节上反复讨论，浪费时间。</p>
<p>很多团队忽视了这一点，结果在上线前才发现理解不一致，只能返工。</p><ul><li>目标：要解决什么问题</li><li>范围：做什么，不做什么</li></ul>
<h3>1. 结构</h3><p>文档的结构要清晰，读者才能快速找到需要的信息。<b>先写结论</b>，再写细节。</p>
<table><tr><th>字段</th><th>说明</th></tr><tr><td>标题</td><td>简明扼要</td></tr></table>
<p><img src="${escapeHtml(image)}" alt="示意图"></p><pre><code>const a = 1;</code></pre>`;

/** The warm-up article of `site`: its URL (the first sample article URL) and its page. */
export function rehearsal(site: SiteProfile): { url: string; html: string } {
  const url = site.samples.urls.article[0] ?? `${site.origin}/`;
  const image = `${site.origin}/rehearsal.png`;
  // Each header field where the table looks first; the lead is the body's opening quote.
  const values: Partial<Record<keyof SiteProfile['fields'], string>> = {
    title,
    authorName: '作者',
    authorUrl: site.profileUrl('1'),
    published,
    cover: image,
    canonical: url,
  };
  const head: string[] = [];
  // Elements by selector: a field that reads an attribute of another's element (the author's link) shares it.
  const elements = new Map<string, { text: string; attrs: Record<string, string> }>();
  for (const [field, value] of Object.entries(values) as [keyof SiteProfile['fields'], string][]) {
    const source: Source | undefined = site.fields[field][0];
    if (!source) continue;
    if ('meta' in source) head.push(`<meta property="${escapeHtml(source.meta)}" content="${escapeHtml(value)}">`);
    else if ('css' in source) {
      const element = elements.get(source.css) ?? { text: '', attrs: {} };
      if (source.attr) element.attrs[source.attr] = value;
      if (!source.attr || !element.text) element.text = escapeHtml(value);
      elements.set(source.css, element);
    }
  }
  const header = [...elements].map(([css, { text, attrs }]) => markupFor(css, text, attrs));
  const metaLine = site.metaLine.selectors[0];
  const container = site.contentSelectors[0];
  const tags = site.tags.selectors[0];
  const content = `${body(image)}\n<p>${escapeHtml(site.samples.credit)}</p>`;
  return {
    url,
    html: `<!doctype html><html><head><title>${title}</title><meta property="og:type" content="article">${head.join('')}</head><body>
${header.filter(Boolean).join('\n')}
${(metaLine && markupFor(metaLine, escapeHtml(site.samples.metaLine))) ?? `<div>${escapeHtml(site.samples.metaLine)}</div>`}
${(container && markupFor(container, content)) ?? `<article>${content}</article>`}
${(tags && markupFor(tags, '需求', { href: `${site.origin}/` })) ?? ''}
</body></html>`,
  };
}
