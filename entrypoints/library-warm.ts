/**
 * The library page's first script (a classic one, named in its HTML before anything else): asks the browser for the
 * extension's IndexedDB databases, which has it open their store (50-165 ms on the first open after the browser
 * starts, docs/evaluation.md) while the page's own code is still loading, so that the search's and the list's
 * first reads find it open. It opens no database and writes nothing; the answer is not used.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

export default defineUnlistedScript(() => {
  performance.mark('library-warm');
  // Firefox before 126 has no `databases()`: the page then opens the store itself, as it always does
  void indexedDB.databases?.().catch(() => undefined);
});
