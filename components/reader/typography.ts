/**
 * Display-only touches on the reader's copy of the body (never the page): tables get a
 * horizontally scrolling wrapper, and where the browser lacks `text-autospace`, Latin runs next to
 * CJK text get a little space around them (a margin, not a character, so copied text is unchanged).
 */
const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;
const latinRun = /[A-Za-z0-9][A-Za-z0-9.+#%&@\-_/']*/g;

/** A short line right under an image-only paragraph is its caption (how woshipm authors write them). */
export function markCaptions(root: Element): void {
  for (const p of root.querySelectorAll('p')) {
    const prev = p.previousElementSibling;
    const text = (p.textContent ?? '').trim();
    const imageOnly = prev && (prev.tagName === 'IMG' || (prev.querySelector('img') && !(prev.textContent ?? '').trim()));
    if (imageOnly && text.length > 0 && text.length <= 40 && !p.querySelector('img')) p.classList.add('caption');
  }
}

export function wrapTables(root: Element): void {
  for (const table of root.querySelectorAll('table')) {
    if (table.parentElement?.classList.contains('table-wrap')) continue;
    const wrap = root.ownerDocument.createElement('div');
    wrap.className = 'table-wrap';
    table.replaceWith(wrap);
    wrap.append(table);
  }
}

export function spaceCjkLatin(root: Element, supportsAutospace: boolean): void {
  if (supportsAutospace) return;
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (cjk.test(n.nodeValue ?? '')) nodes.push(n as Text);
  for (const node of nodes) {
    if (node.parentElement?.closest('pre, code')) continue;
    const text = node.nodeValue ?? '';
    const parts: (string | Element)[] = [];
    let last = 0;
    for (const m of text.matchAll(latinRun)) {
      const before = text[m.index - 1];
      const after = text[m.index + m[0].length];
      if (!(before && cjk.test(before)) && !(after && cjk.test(after))) continue;
      parts.push(text.slice(last, m.index));
      const span = doc.createElement('span');
      span.className = `latin${before && cjk.test(before) ? ' gap-before' : ''}${after && cjk.test(after) ? ' gap-after' : ''}`;
      span.textContent = m[0];
      parts.push(span);
      last = m.index + m[0].length;
    }
    if (!parts.length) continue;
    parts.push(text.slice(last));
    node.replaceWith(...parts);
  }
}
