// Report links on PostgreSQL: members counted by town with the state of their ties (first hop: ties naming the
// member; second hop: the pledge each tie names) on a date, members with no tie at all included; the list of
// members without a tie holding; a pledge that ends changes the counts without any member being edited; linking
// and joined records outside the user's units are not counted. Every expected number is worked out below.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { runReportPlan } from '../../platform/store/reports-store';
import { getOrgUnit } from '../../platform/store/orgs-store';
import { seedRecord } from './seed';

const PLUGIN = 'link-demo';
const T1 = '500109001'; // 天生街道
const T2 = '500109002'; // 朝阳街道
const T3 = '500109101'; // 澄江镇
let t: TestPlatform;

// On 2024-06-30: p1 holds (open), p2 ended yesterday, p3 ends today (still holds).
const pledges = [
  { id: 'p1', unit: T1, data: { start: '2024-01-01' } },
  { id: 'p2', unit: T1, data: { start: '2023-01-01', end: '2024-06-29' } },
  { id: 'p3', unit: T2, data: { start: '2024-01-01', end: '2024-06-30' } },
];
const members = [
  { id: 'm1', unit: T1, data: { name: '甲', counted: true, idNumber: '500109199001011234' } }, // t1 → p1: both hops
  { id: 'm2', unit: T1, data: { name: '乙', counted: true } }, // t2 → p2 (ended): first hop only
  { id: 'm3', unit: T1, data: { name: '丙', counted: true } }, // t3 ended yesterday, t3b starts 07-01: none
  { id: 'm4', unit: T1, data: { name: '丁', counted: true, idNumber: '500109199001015678' } }, // no tie at all: none
  { id: 'm5', unit: T2, data: { name: '戊', counted: true } }, // t5a no pledge, t5b → p3 (ends today): both hops, counted once
  { id: 'm6', unit: T2, data: { name: '己', counted: false } }, // filtered out by the report
  { id: 'm7', unit: T3, data: { name: '庚', counted: true } }, // no tie: none
  { id: 'm8', unit: T3, data: { name: '辛', counted: true } }, // t8 (at T3) → p1 (at T1): both hops
];
const ties = [
  { id: 't1', unit: T1, data: { member: 'm1', pledge: 'p1', start: '2024-01-01' } },
  { id: 't2', unit: T1, data: { member: 'm2', pledge: 'p2', start: '2024-01-01' } },
  { id: 't3', unit: T1, data: { member: 'm3', pledge: 'p1', start: '2023-01-01', end: '2024-06-29' } },
  { id: 't3b', unit: T1, data: { member: 'm3', pledge: 'p1', start: '2024-07-01' } },
  { id: 't5a', unit: T2, data: { member: 'm5', start: '2024-01-01' } },
  { id: 't5b', unit: T2, data: { member: 'm5', pledge: 'p3', start: '2024-02-01' } },
  { id: 't6', unit: T2, data: { member: 'm6', pledge: 'p1', start: '2024-01-01' } },
  { id: 't8', unit: T3, data: { member: 'm8', pledge: 'p1', start: '2024-01-01' } },
];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, path.join(REPO_ROOT, 'test/reports/plugins')] });
  const db = t.platform.ctx.db;
  const seed = (form: string, r: { id: string; unit: string; data: Record<string, unknown> }) =>
    seedRecord(db, { plugin: PLUGIN, form, period: '', state: 'draft', title: (r.data.name as string) ?? null, ...r });
  for (const p of pledges) await seed('pledge', p);
  for (const m of members) await seed('member', m);
  for (const x of ties) await seed('tie', x);
});
afterAll(async () => {
  await t?.close();
});

const pathOf = async (unit: string) => (await getOrgUnit(t.platform.ctx.db, unit))!.path;

async function run(report: string, on: string, scope = '500109') {
  const def = t.platform.ctx.registry.get(PLUGIN).reports.get(report)!;
  const ids = def.report.columns.map((c) => c.id);
  const run = { period: null, scopePaths: [await pathOf(scope)], underPath: null, params: { on }, today: on };
  const { rows } = await runReportPlan(t.platform.ctx.db, def.plan, run, 1000);
  return rows.map((r) => Object.fromEntries(ids.map((id, i) => [id, r[`c${i}`]])));
}
/** town → [members, both hops, first hop only, none, share]. */
async function byTown(on: string, scope?: string) {
  const rows = await run('members-by-town', on, scope);
  return Object.fromEntries(rows.map((r) => [r.town, [r.members, r.pledged, r.holding, r.none, Number(r.share)]]));
}

describe(`report links on PostgreSQL (${testBackend()})`, () => {
  it('counts members by town with the state of both hops on the date, members without any tie included', async () => {
    expect(await byTown('2024-06-30')).toEqual({
      [T1]: [4, 1, 1, 2, 0.25], // m1 both; m2 first only; m3, m4 none
      [T2]: [1, 1, 0, 0, 1], // m5 (two ties, one member); m6 not counted
      [T3]: [2, 1, 0, 1, 0.5], // m8 both; m7 none
    });
    // A day later p3 has ended (m5: first hop only) and t3b has started with p1 (m3: both hops).
    expect(await byTown('2024-07-01')).toEqual({
      [T1]: [4, 2, 1, 1, 0.5],
      [T2]: [1, 0, 1, 0, 0],
      [T3]: [2, 1, 0, 1, 0.5],
    });
  });

  it('lists the members without a tie holding, with how many ties each has', async () => {
    const rows = await run('unlinked-members', '2024-06-30');
    expect(rows.map((r) => [r.name, r.ties]).sort()).toEqual([
      ['丁', 0],
      ['丙', 2],
      ['庚', 0],
    ]);
  });

  it('follows a change of the second hop without the member or its tie being edited', async () => {
    const db = t.platform.ctx.db;
    await db
      .updateTable('records')
      .set({ data: JSON.stringify({ start: '2024-01-01', end: '2024-06-29' }) as never })
      .where('id', '=', 'p1')
      .execute();
    try {
      // p1 ended yesterday: m1 and m8 keep a holding first hop only.
      expect(await byTown('2024-06-30')).toEqual({
        [T1]: [4, 0, 2, 2, 0],
        [T2]: [1, 1, 0, 0, 1],
        [T3]: [2, 0, 1, 1, 0],
      });
    } finally {
      await db
        .updateTable('records')
        .set({ data: JSON.stringify({ start: '2024-01-01' }) as never })
        .where('id', '=', 'p1')
        .execute();
    }
  });

  it('counts only linking and joined records within the user’s units', async () => {
    // Seen from 澄江镇: t8 is there, its pledge p1 (at 天生街道) is not — m8 has a holding first hop only.
    expect(await byTown('2024-06-30', T3)).toEqual({ [T3]: [2, 0, 1, 1, 0] });
  });

  it('runs over HTTP with the ID numbers of the list masked as the form declares', async () => {
    const url = `/api/plugins/${PLUGIN}/reports/unlinked-members?on=2024-06-30`;
    const reviewer = await t.call('GET', url, await t.login('beibei-reviewer'));
    expect(reviewer.status).toBe(200);
    expect(JSON.stringify(reviewer.body)).toContain('5001**********5678');
    expect(JSON.stringify(reviewer.body)).not.toContain('500109199001015678');
    const admin = await t.call('GET', url, await t.login('beibei-admin'));
    expect(JSON.stringify(admin.body)).toContain('500109199001015678');
  });
});
