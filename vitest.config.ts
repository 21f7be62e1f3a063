import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One embedded PostgreSQL per run (unless HEZUO_TEST_BACKEND=server); see test/helpers/database.ts.
    globalSetup: ['test/global-setup.ts'],
    // Database suites each create their own database; two cores, so keep the pool small.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
