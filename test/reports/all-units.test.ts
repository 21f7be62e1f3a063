// allUnits on the second of two org-level groups (township, village): every village in the user's scope is a row,
// those without a record at zero and under their own township; a record filed at a township (no village) keeps its
// "(unassigned)" row; a township user sees only its own villages; the unit parameter narrows the list. The org tree
// is the demo one (five townships of two villages each under county 530424); the plugin is the neutral link-demo.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { runReportPlan } from '../../platform/store/reports-store';
import { getOrgUnit } from '../../platform/store/orgs-store';
import { seedRecord } from './seed';

const PLUGIN = 'link-demo';
const COUNTY = '530424';
const T1 = '530424001'; // villages 530424001201, 530424001202
const T2 = '530424101'; // villages 530424101201, 530424101202
const TOWNS = ['530424001', '530424101', '530424102', '530424103', '530424200'];
const VILLAGES = TOWNS.flatMap((t) => [`${t}201`, `${t}202`]);
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, path.join(REPO_ROOT, 'test/reports/plugins')] });
  const db = t.platform.ctx.db;
  const seed = (form: string, id: string, unit: string, data: Record<string, unknown>) =>
    seedRecord(db, { plugin: PLUGIN, form, period: '', state: 'draft', id, unit, data });
  await seed('member', 'v1', `${T1}201`, { name: '甲' }); // tied
  await seed('member', 'v2', `${T1}201`, { name: '乙' }); // no tie
  await seed('member', 'v3', T1, { name: '丙' }); // filed at the township: no village
  await seed('member', 'v4', `${T2}202`, { name: '丁' }); // tied
  await seed('tie', 'vt1', `${T1}201`, { member: 'v1' });
  await seed('tie', 'vt4', `${T2}202`, { member: 'v4' });
});
afterAll(async () => {
  await t?.close();
});

const pathOf = async (unit: string) => (await getOrgUnit(t.platform.ctx.db, unit))!.path;

/** [township, village, members, tied, share] rows as the store returns them, in the report's order. */
async function rows(scope: string, under: string | null = null) {
  const def = t.platform.ctx.registry.get(PLUGIN).reports.get('members-by-village')!;
  const run = {
    period: null,
    scopePaths: [await pathOf(scope)],
    underPath: under ? await pathOf(under) : null,
    params: {},
    today: '2024-06-30',
  };
  const { rows } = await runReportPlan(t.platform.ctx.db, def.plan, run, 1000);
  return rows.map((r) => [r.c0, r.c1, Number(r.c2), Number(r.c3), r.c4 === null ? null : Number(r.c4)]);
}

describe(`allUnits on a village group under a township group (${testBackend()})`, () => {
  it('lists every village of the county, the empty ones at zero under their township, and the township-filed row', async () => {
    const expected = VILLAGES.map((v) => {
      const town = v.slice(0, 9);
      if (v === `${T1}201`) return [town, v, 2, 1, 0.5];
      if (v === `${T2}202`) return [town, v, 1, 1, 1];
      return [town, v, 0, 0, null]; // no member: zero counts, the ratio has no denominator
    });
    // Sorted by township then village, nulls last: 丙 (no village) closes its township's villages.
    expected.splice(2, 0, [T1, null, 1, 0, 0]);
    expect(await rows(COUNTY)).toEqual(expected);
  });

  it('shows a township user only its own villages, and narrows to the unit asked for', async () => {
    expect(await rows(T2)).toEqual([
      [T2, `${T2}201`, 0, 0, null],
      [T2, `${T2}202`, 1, 1, 1],
    ]);
    expect(await rows(COUNTY, `${T1}202`)).toEqual([[T1, `${T1}202`, 0, 0, null]]);
  });

  it('runs over HTTP for a township officer with the unit names, zero rows included', async () => {
    const res = await t.call('GET', `/api/plugins/${PLUGIN}/reports/members-by-village`, await t.login('panxi-officer'));
    expect(res.status).toBe(200);
    const body = res.body as { rows: Record<string, unknown>[] };
    expect(body.rows.map((r) => [r.town, r.village, r.members, r.tied])).toEqual([
      ['盘溪镇', '盘溪一村', 0, 0],
      ['盘溪镇', '盘溪二村', 1, 1],
    ]);
  });
});
