// Which test files need PostgreSQL or a browser: the vitest projects of vitest.config.ts. Everything else is a unit
// test and runs without starting PostgreSQL, so `npx vitest run test/rules` takes seconds. Entries are folders
// (ending in /) or files, relative to the repository; test/projects.test.ts checks that no unit test reaches for the
// database or the browser helpers.

/** Suites on a real PostgreSQL (the embedded one test/global-setup.ts starts, or HEZUO_TEST_BACKEND=server). */
export const DATABASE_TESTS: readonly string[] = [
  'test/access/sensitive-fields.test.ts',
  'test/boot/demo-records.test.ts',
  'test/boot/demo-coverage.test.ts',
  'test/api/',
  'test/imports/all-row-errors.test.ts',
  'test/imports/api.test.ts',
  'test/imports/beibei-quarterly.test.ts',
  'test/imports/cli.test.ts',
  'test/imports/concurrent-import.test.ts',
  'test/imports/field-defaults.test.ts',
  'test/imports/guangzhou.test.ts',
  'test/imports/import-template.test.ts',
  'test/imports/import.test.ts',
  'test/imports/preview-api.test.ts',
  'test/imports/ledgers.test.ts',
  'test/imports/table-sheets.test.ts',
  'test/imports/required-warnings.test.ts',
  'test/packs/startup-plugins.test.ts',
  'test/imports/update-import.test.ts',
  'test/plugins/hostile-plugins.test.ts',
  'test/postgres/',
  'test/records/',
  'test/reports/engine.test.ts',
  'test/reports/links.test.ts',
  'test/reports/all-units.test.ts',
  'test/reports/all-codes.test.ts',
  'test/reports/guangzhou-reports.test.ts',
  'test/reports/outcomes.test.ts',
  'test/reports/previous-period.test.ts',
  'test/reports/deadlines.test.ts',
  'test/reports/table-rows.test.ts',
  'test/store/',
  // Starts `npm start`'s own path, embedded PostgreSQL included.
  'test/start.test.ts',
];

/** Suites driving Chromium against a served platform (they need the database too). */
export const BROWSER_TESTS: readonly string[] = ['test/web/'];

/** vitest include globs of a list of folders and files. */
export const globs = (entries: readonly string[]): string[] => entries.map((e) => (e.endsWith('/') ? `${e}**/*.test.ts` : e));

/** Which project a test file (path relative to the repository) belongs to. */
export function projectOf(file: string): 'unit' | 'database' | 'browser' {
  const inList = (list: readonly string[]) => list.some((e) => (e.endsWith('/') ? file.startsWith(e) : file === e));
  if (inList(DATABASE_TESTS)) return 'database';
  if (inList(BROWSER_TESTS)) return 'browser';
  return 'unit';
}
