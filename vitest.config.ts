import { defineConfig } from 'vitest/config';
import { BROWSER_TESTS, DATABASE_TESTS, globs } from './test/projects';

// Three projects (test/projects.ts says which file is where): `unit` starts no PostgreSQL; `database` and `browser`
// share the one embedded PostgreSQL of test/global-setup.ts. `npm test` runs all three, `npx vitest run --project
// unit` one of them, and a path (`npx vitest run test/rules`) only the projects its files belong to.
export default defineConfig({
  test: {
    // Database suites each create their own database; two cores, so keep the pool small (shared by all projects).
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: globs([...DATABASE_TESTS, ...BROWSER_TESTS]) } },
      { extends: true, test: { name: 'database', include: globs(DATABASE_TESTS), globalSetup: ['test/global-setup.ts'] } },
      {
        extends: true,
        // The first browser suite's beforeAll builds the web app (test/helpers/browser.ts): minutes on a loaded machine.
        // expect.poll waits for the page to show what the server answered; vitest's 1 s default was too short for a save
        // and a workflow step on a loaded 2-core CI machine (a wait, never a timing assertion: a pass is as fast as before).
        test: {
          name: 'browser',
          include: globs(BROWSER_TESTS),
          globalSetup: ['test/global-setup.ts'],
          hookTimeout: 300_000,
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
