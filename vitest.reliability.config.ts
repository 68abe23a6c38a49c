import { defineConfig } from 'vitest/config';
import unit from './vitest.config';

// The reliability tier, `npm run test:reliability`: what is slow by nature (the fuzz at full size, the
// 10 MB pages, the CLI as a real process) and every check of elapsed time. Same setup as the fast tier.
export default defineConfig({
  ...unit,
  test: {
    ...unit.test,
    include: ['tests/reliability/*.test.ts'],
    testTimeout: 1_200_000,
    isolate: true, // each file in a fresh worker: nothing one suite leaves behind can help or hurt another
  },
});
