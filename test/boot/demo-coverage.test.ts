// Demo records of the dual-binding registry: its fixture cases marked "demo" give households with distinct ID
// numbers and bindings naming hh-1 … hh-4, which the demo seeding links to distinct demo households, so the
// coverage report of a new demo server shows every status: dual (hh-1), single (hh-2, hh-4), uncovered (hh-3's
// binding ended 2025-06-30). One household is seeded per state the collection reaches (draft, submitted, checked,
// audited): four of the five demo cases. Households and their bindings are filed by a village
// officer (the collection's first step is the village's), so the report shows them at a village, never
// "(未归属)", among the county's other villages at zero.
import path from 'node:path';
import os from 'node:os';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { seedDemoRecords } from '../../platform/demo/seed-demo-records';

const PLUGIN = 'huaning-dual-binding';
let t: TestPlatform;
let dir: string;

beforeAll(async () => {
  // This plugin alone: the other bundled plugins' demo records are not what this test is about.
  dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-demo-coverage-'));
  await cp(path.join(BUNDLED_PLUGINS, PLUGIN), path.join(dir, PLUGIN), { recursive: true });
  t = await startTestPlatform({ pluginsDirs: [dir], now: '2025-10-15T02:00:00Z' });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

it('the demo records make the coverage report show dual, single and uncovered households', async () => {
  const summary = await seedDemoRecords(t.platform.ctx);
  expect(summary?.forms[`${PLUGIN}/household-binding`]).toBeDefined();
  const token = await t.login('huaning-county');
  const r = await t.call('GET', `/api/plugins/${PLUGIN}/reports/coverage-by-village?period=2025&on=2025-10-15`, token);
  expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(200);
  const total = (k: string) => (r.body.rows as Record<string, number>[]).reduce((s, row) => s + row[k], 0);
  // The four demo households of 2025 (the test clock's year), all counted: hh-1 dual; hh-2, hh-4 single; hh-3
  // uncovered.
  expect(['households', 'eligible', 'dual', 'single', 'uncovered'].map(total)).toEqual([4, 4, 1, 2, 1]);
  const rows = r.body.rows as Record<string, string | number>[];
  // The first village officer by user name is huaxi1-officer (华溪一村): every demo household is there.
  expect(rows.filter((row) => Number(row.households) > 0).map((row) => [row.township, row.village, row.households])).toEqual([
    ['华溪镇', '华溪一村', 4],
  ]);
  expect(rows.map((row) => row.village)).toHaveLength(10);
  expect(rows.map((row) => row.village)).not.toContain('(未归属)');
  const uncovered = await t.call('GET', `/api/plugins/${PLUGIN}/reports/uncovered-households?period=2025&on=2025-10-15`, token);
  expect(uncovered.body.rows.map((x: { bindings: number }) => x.bindings).sort()).toEqual([1]); // hh-3, its one binding ended
}, 300_000);
