import { defineConfig } from 'vitest/config';

/**
 * The browser suite (`npm run test:e2e`): test/e2e/**\/*.e2e.ts, each file with its own server
 * and Chromium. Two files at a time on this 2-core machine; generous timeouts (4 minutes a
 * test) because a long journey on a machine busy with other work can take minutes.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
