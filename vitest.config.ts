import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// Dates in fixtures and expectations do not depend on the machine's zone.
process.env.TZ = 'UTC';

export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    // jsdom, not happy-dom or linkedom: DOMPurify silently does nothing under those.
    environment: 'jsdom',
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**'],
    testTimeout: 30_000,
    setupFiles: ['tests/setup.ts'],
  },
});
