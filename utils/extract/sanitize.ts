import createDOMPurify from 'dompurify';

/** Tags and attributes that have no place in a clean article, beyond what DOMPurify already removes. */
const config = {
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'option',
    'iframe',
    'frame',
    'object',
    'embed',
    'svg',
    'math',
    'link',
    'meta',
    'base',
    'template',
    'video',
    'audio',
    'source',
    'dialog',
  ],
  FORBID_ATTR: ['style', 'class', 'id', 'name', 'srcset', 'sizes', 'target', 'loading', 'decoding', 'tabindex'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // DOMPurify's default, less the schemes an article never needs (ftp, tel, sms, xmpp ...).
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
};

const purifiers = new WeakMap<Window, ReturnType<typeof createDOMPurify>>();

/**
 * Sanitizes `html` with DOMPurify bound to `win` and returns the clean body element (an inert
 * document's, so nothing in it loads or runs). The one gate between page HTML and anything we show.
 * Given a node, DOMPurify sanitizes a copy of it in its own inert document; a body element's
 * children become the body's, any other node becomes its one child.
 */
export function sanitizeToBody(html: string | Node, win: Window): HTMLElement {
  // DOMPurify tells nodes by `instanceof` its window's Node: one of another window (a document
  // without a window of its own, read with the global one) goes in as HTML.
  const WindowNode = (win as unknown as { Node: new () => Node }).Node;
  if (typeof html !== 'string' && !(html instanceof WindowNode)) {
    const node: Node = html;
    html = node.nodeName === 'BODY' ? (node as Element).innerHTML : ((node as Element).outerHTML ?? node.textContent ?? '');
  }
  let purify = purifiers.get(win);
  if (!purify) {
    purify = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0]);
    purifiers.set(win, purify);
  }
  return purify.sanitize(html, { ...config, RETURN_DOM: true }) as HTMLElement;
}

/** The ids extraction gives headings (`wr-h1`, …): the only ids a stored article's HTML keeps. */
const ownHeadingId = /^wr-h\d+$/;
const storedConfig = { ...config, FORBID_ATTR: config.FORBID_ATTR.filter((attr) => attr !== 'id') };
const storedPurifiers = new WeakMap<Window, ReturnType<typeof createDOMPurify>>();

/**
 * A stored article's HTML (the library's `article.html`) sanitized again as it is shown: the same rules
 * as extraction, except that the headings' own ids (`wr-hN`, which the outline jumps to) stay; any other
 * id is dropped (DOM clobbering), and so is any `src` that is not an absolute http(s) URL. Returns the clean HTML.
 */
export function sanitizeStoredHtml(html: string, win: Window): string {
  let purify = storedPurifiers.get(win);
  if (!purify) {
    purify = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0]);
    purify.addHook('uponSanitizeAttribute', (_node, data) => {
      if (data.attrName === 'id' && !ownHeadingId.test(data.attrValue)) data.keepAttr = false;
      // As extraction keeps them: absolute http(s) sources only (no data:, no paths into the extension).
      if (data.attrName === 'src' && !/^https?:\/\//i.test(data.attrValue.trim())) data.keepAttr = false;
    });
    storedPurifiers.set(win, purify);
  }
  return purify.sanitize(html, storedConfig) as unknown as string;
}
