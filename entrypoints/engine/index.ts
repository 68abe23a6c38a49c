import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createEngine } from '../../utils/engine';
import { woshipm } from '../../utils/site/woshipm';
import { runningHighlighter, startHighlighter, stopHighlighter } from './highlights';
import { toggleReader } from './reader';

// Injected into a woshipm tab by the background when the content script first needs it; it runs in
// the content script's world and leaves the engine there for it.
export default defineUnlistedScript(() => {
  if (globalThis.__woshipmEngine) return;
  const engine = createEngine(document, woshipm);
  const title = () => {
    const result = engine.extract({});
    return result.ok ? result.article.title : document.title;
  };
  globalThis.__woshipmEngine = {
    ...engine,
    reader: (request) => toggleReader(engine, request, runningHighlighter()),
    highlighter: (url) => startHighlighter(document, url, title),
    stopHighlighter,
  };
});
