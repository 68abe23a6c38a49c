/**
 * The optional 阅读模式 button on woshipm pages (off by default; see the options page). A tiny
 * fixed button in its own shadow root: no site CSS reaches it, and it adds one element to the page,
 * shown in the top layer so that another extension's overlay cannot cover it.
 */
import { t } from './i18n';
import { showInTopLayer } from './top-layer';

const style = `
:host { all: initial; position: fixed; inset: auto 20px 84px auto; z-index: 2147483646; }
button { all: unset; box-sizing: border-box; display: grid; place-items: center; width: 44px; height: 44px; border-radius: 50%;
  background: #1765d1; color: #fff; font: 600 16px/1 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif;
  box-shadow: 0 2px 10px rgba(0,0,0,.25); cursor: pointer; opacity: .85; transition: opacity .15s; }
button:hover, button:focus-visible { opacity: 1; }
button:focus-visible { outline: 3px solid #ffb020; outline-offset: 2px; }
@media (prefers-reduced-motion: reduce) { button { transition: none; } }
`;

export function showPageButton(doc: Document, onClick: () => void): () => void {
  const host = doc.createElement('woshipm-reader-button');
  // delegatesFocus: focusing the host (as the reader does when it closes) focuses the button.
  const shadow = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  const sheet = doc.createElement('style');
  sheet.textContent = style;
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = '阅';
  button.title = t('reader.open');
  button.setAttribute('aria-label', t('reader.open'));
  button.addEventListener('click', onClick);
  shadow.append(sheet, button);
  doc.body.append(host);
  showInTopLayer(host);
  return () => host.remove();
}
