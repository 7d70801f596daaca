import { defineConfig } from 'vitest/config';

/**
 * The browser suite (`npm run test:e2e`): test/e2e/**\/*.e2e.ts, each file with its own server
 * and Chromium. Two files at a time on this 2-core machine; generous timeouts because a file
 * starts a database, a server and a browser before its first step.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
