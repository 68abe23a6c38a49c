import { defineConfig } from 'vitest/config';

// End to end: the built extension in headless Chromium and Firefox. Run after `wxt build` (`npm run test:e2e` also makes the Firefox test build).
// Dates in fixtures and expectations do not depend on the machine's zone.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
