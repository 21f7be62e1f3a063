// Decision 2 of the design: the engine names no county. A plugin carries every county's knowledge.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../platform/boot/config';

const COUNTY = /广州|北碚|合水|华宁|酒泉|guangzhou|beibei|heshui|huaning|jiuquan/i;

function files(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = path.join(dir, name);
    out = statSync(p).isDirectory() ? out.concat(files(p)) : out.concat(p);
  }
  return out;
}

it('no file under platform/ or web/ names a county', () => {
  const hits = ['platform', 'web']
    .flatMap((d) => {
      try {
        return files(path.join(REPO_ROOT, d));
      } catch {
        return [];
      }
    })
    .filter((f) => COUNTY.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(REPO_ROOT, f));
  expect(hits).toEqual([]);
});

it('the check itself catches a county name', () => {
  expect(COUNTY.test('const x = "Heshui"')).toBe(true);
});
