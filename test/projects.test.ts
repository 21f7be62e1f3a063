// The unit project starts no PostgreSQL (vitest.config.ts), so a unit test must not reach for one: no import,
// however indirect, of the database or browser helpers or of the code that opens or starts a database, and no
// child `npm start`. Such a file belongs in DATABASE_TESTS or BROWSER_TESTS (test/projects.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../platform/boot/config';
import { DATABASE_TESTS, projectOf } from './projects';

const NEEDS_DATABASE = [
  'test/helpers/database.ts',
  'test/helpers/browser.ts',
  'platform/boot/open-platform.ts',
  'platform/postgres/embedded-postgres.ts',
];

const testFiles = readdirSync(path.join(REPO_ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.posix.join('test', f.split(path.sep).join('/')))
  .sort();

/** Repository files a module imports, transitively, following relative imports only (packages cannot reach ours). */
function reachable(start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const hit = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find(
        (f) => /\.tsx?$/.test(f) && existsSync(path.join(REPO_ROOT, f)),
      );
      if (hit) todo.push(hit);
    }
  }
  return seen;
}

describe('unit tests start no PostgreSQL', () => {
  const units = testFiles.filter((f) => projectOf(f) === 'unit');
  it('there are unit tests, and database tests are not among them', () => {
    expect(units).toContain('test/rules/check.test.ts');
    expect(units).not.toContain('test/api/records.test.ts');
    expect(projectOf('test/web/app.test.ts')).toBe('browser');
    // The walk sees what a database suite reaches, so it would see it in a unit test too.
    expect(reachable('test/api/records.test.ts')).toContain('test/helpers/database.ts');
    expect(reachable('test/web/app.test.ts')).toContain('test/helpers/browser.ts');
  });
  it.each(units)('%s', (file) => {
    const reached = reachable(file);
    expect(
      NEEDS_DATABASE.filter((f) => reached.has(f)),
      `${file} needs a database: list it in test/projects.ts`,
    ).toEqual([]);
    expect(readFileSync(path.join(REPO_ROOT, file), 'utf8')).not.toMatch(/platform\/main\.ts/);
  });
});

it('every database entry names a test file or folder that exists', () => {
  for (const entry of DATABASE_TESTS) expect(existsSync(path.join(REPO_ROOT, entry)), entry).toBe(true);
});
