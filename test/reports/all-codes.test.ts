// allCodes on a group by a code-list value (neutral plugin test/reports/code-plugins/code-demo, code list `kinds`:
// tea, fruit, herbs — not alphabetical): every code is a row, those no record has at zero, in the list's order —
// alone, or under each township that has a row; a record's code outside the list keeps its own row, after them. The org tree is the demo one (county 530424, townships
// 530424001 and 530424101 with villages …201/…202). Misuses are refused when the plugin loads.
import path from 'node:path';
import os from 'node:os';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { createPluginLoader } from '../../platform/plugins';
import { runReportPlan } from '../../platform/store/reports-store';
import { getOrgUnit } from '../../platform/store/orgs-store';
import { seedRecord } from './seed';

const DIR = path.join(import.meta.dirname, 'code-plugins');
const PLUGIN = 'code-demo';
const COUNTY = '530424';
const T1 = '530424001';
const T2 = '530424101';
const T3 = '530424102';
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [DIR] });
  const seed = (id: string, unit: string, data: Record<string, unknown>) =>
    seedRecord(t.platform.ctx.db, { plugin: PLUGIN, form: 'item', period: '', state: 'draft', id, unit, data });
  await seed('i1', `${T1}201`, { kind: 'fruit', amount: 2 });
  await seed('i2', `${T1}202`, { kind: 'fruit', amount: 3 });
  await seed('i3', `${T2}201`, { kind: 'herbs', amount: 5 });
  await seed('i4', `${T2}202`, { kind: 'moss', amount: 1 }); // a code the list does not have
});
afterAll(async () => {
  await t?.close();
});

async function rows(report: string, scope: string) {
  const def = t.platform.ctx.registry.get(PLUGIN).reports.get(report)!;
  const scopePath = (await getOrgUnit(t.platform.ctx.db, scope))!.path;
  const run = { period: null, scopePaths: [scopePath], underPath: null, params: {}, today: '2024-06-30' };
  const { rows } = await runReportPlan(t.platform.ctx.db, def.plan, run, 1000);
  // The columns c0, c1, … in order; counts come as text (bigint), unit ids (nine digits) stay text.
  return rows.map((r) =>
    Object.keys(r)
      .filter((k) => /^c\d+$/.test(k))
      .map((k) => r[k])
      .map((v) => (typeof v === 'string' && /^\d{1,5}$/.test(v) ? Number(v) : v)),
  );
}

describe(`allCodes on a group by code (${testBackend()})`, () => {
  it('lists every code of the list, those without a record at zero; an unlisted code keeps its row', async () => {
    expect(await rows('items-by-kind', COUNTY)).toEqual([
      ['tea', 0, null],
      ['fruit', 2, 5],
      ['herbs', 1, 5],
      ['moss', 1, 1],
    ]);
  });

  it('with no record in scope, every code still shows at zero', async () => {
    expect(await rows('items-by-kind', T3)).toEqual([
      ['tea', 0, null],
      ['fruit', 0, null],
      ['herbs', 0, null],
    ]);
  });

  it('under another group, every code in each township that has a row', async () => {
    expect(await rows('items-by-town-kind', COUNTY)).toEqual([
      [T1, 'tea', 0],
      [T1, 'fruit', 2],
      [T1, 'herbs', 0],
      [T2, 'tea', 0],
      [T2, 'fruit', 0],
      [T2, 'herbs', 1],
      [T2, 'moss', 1],
    ]);
    expect(await rows('items-by-town-kind', T3)).toEqual([]);
  });

  it('runs over HTTP with the code labels, zero rows included', async () => {
    const res = await t.call('GET', `/api/plugins/${PLUGIN}/reports/items-by-kind`, await t.login('panxi-officer'));
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
    expect(res.body.rows.map((r: any) => [r.kind, r.items])).toEqual([
      ['茶叶', 0],
      ['水果', 0],
      ['药材', 1],
      ['moss', 1],
    ]);
  });

  it.each([
    ['without a code list', (g: any[]) => delete g[1].codeList, '/groupBy/1/allCodes'],
    ['on an org-level group', (g: any[]) => ([g[0].allCodes, g[1].allCodes] = [true, false]), '/groupBy/0/allCodes'],
    ['beside allUnits', (g: any[]) => (g[0].allUnits = true), '/groupBy/1/allCodes'],
    ['on a value that is not text', (g: any[]) => (g[1].value = { var: 'data.amount' }), '/groupBy/1/allCodes'],
  ])('is refused at load %s, at its pointer', async (_, change, pointer) => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-all-codes-'));
    try {
      await cp(path.join(DIR, PLUGIN), root, { recursive: true });
      const file = path.join(root, 'reports/items-by-town-kind.json');
      const report = JSON.parse(await readFile(file, 'utf8'));
      change(report.groupBy);
      await writeFile(file, JSON.stringify(report));
      const { errors } = await createPluginLoader().fromFolder(root);
      expect(errors).toEqual([expect.objectContaining({ file: 'reports/items-by-town-kind.json', pointer, code: 'REPORT_INVALID' })]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
