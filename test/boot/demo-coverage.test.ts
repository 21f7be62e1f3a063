// Demo records of the dual-binding registry: its fixture cases marked "demo" give households with distinct ID
// numbers and bindings naming hh-1 … hh-4, which the demo seeding links to distinct demo households, so the
// coverage report of a new demo server shows every status: dual (hh-1), single (hh-2, hh-4), uncovered (hh-3's
// binding ended 2025-06-30; the fifth household has none).
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
  // The five demo households of 2025 (the test clock's year), all counted: hh-1 dual; hh-2, hh-4 single; hh-3
  // and the fifth uncovered.
  expect(['households', 'eligible', 'dual', 'single', 'uncovered'].map(total)).toEqual([5, 5, 1, 2, 2]);
  const uncovered = await t.call('GET', `/api/plugins/${PLUGIN}/reports/uncovered-households?period=2025&on=2025-10-15`, token);
  expect(uncovered.body.rows.map((x: { bindings: number }) => x.bindings).sort()).toEqual([0, 2]);
}, 300_000);
