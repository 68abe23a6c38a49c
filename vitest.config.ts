import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// Dates in fixtures and expectations do not depend on the machine's zone.
process.env.TZ = 'UTC';

// The fast tier, `npm run test:unit` (tests/*.test.ts): every module, in under a minute. What is slow by
// nature, and every check of elapsed time, is the reliability tier (tests/reliability/, vitest.reliability.config.ts).
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    // jsdom, not happy-dom or linkedom: DOMPurify silently does nothing under those.
    environment: 'jsdom',
    include: ['tests/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    setupFiles: ['tests/setup.ts'],
    // Files share their worker's jsdom and module cache (a third less time than a fresh one per file);
    // tests/setup.ts resets what tests touch (fake browser, spies, rendered DOM) around every test.
    isolate: false,
    // FlexSearch reads `window.indexedDB` once, when its module is evaluated: inlined, so that the stored index's
    // test can evaluate it again (vi.resetModules) once its in-memory IndexedDB is in place.
    server: { deps: { inline: ['flexsearch'] } },
  },
});
