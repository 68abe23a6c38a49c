import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// Dates in fixtures and expectations do not depend on the machine's zone.
process.env.TZ = 'UTC';

// The fast tier, `npm run test:unit`: every module, in under a minute. The fuzz at full size, the
// 10 MB pages, the timing checks and the spawned CLI are the reliability tier (vitest.reliability.config.ts).
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    // jsdom, not happy-dom or linkedom: DOMPurify silently does nothing under those.
    environment: 'jsdom',
    include: ['tests/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    setupFiles: ['tests/setup.ts'],
  },
});
