// Dual-binding coverage by township and village and the list of uncovered households, through the API, on a handful
// of records made as the officers make them. Statuses follow the plugin notes: a binding holds from its start to its
// end inclusive; dual = a holding household binding whose named enterprise binding (same cooperative) holds too;
// single = only a household binding holds; uncovered = none holds, households without any binding included.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

const PLUGIN = 'huaning-dual-binding';
const fixture = (name: string) => JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, `fixtures/${name}.json`), 'utf8'));
const household = fixture('household').base;
const PANXI = '530424101';
const PANXI_1 = '530424101201';
const PANXI_2 = '530424101202';
const HUAXI_1 = '530424102201';

let t: TestPlatform;
const tokens: Record<string, string> = {};
const USERS = ['panxi-officer', 'panxi1-officer', 'panxi2-officer', 'huaxi1-officer', 'huaning-county'];

/** A GB 11643 ID number (check digit computed) for the n-th test household. */
function idNumber(n: number): string {
  const body = `53042419850315${String(100 + n).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}
const masked = (id: string) => `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4)}`;

async function create(who: string, id: string, form: string, orgUnitId: string, period: string, data: unknown) {
  const r = await t.call('POST', '/api/records', tokens[who], { id, plugin: PLUGIN, form, period, orgUnitId, data });
  expect(r.status, `${id}: ${JSON.stringify(r.body).slice(0, 400)}`).toBe(201);
}
const home = (who: string, id: string, unit: string, n: number, name: string, extra: object = {}) =>
  create(who, id, 'household', unit, '2025', { ...household, headName: name, idNumber: idNumber(n), ...extra });
const bind = (id: string, hh: string, extra: object) =>
  create('panxi1-officer', id, 'household-binding', PANXI_1, '2025', {
    household: hh,
    cooperative: 'coop-1',
    form: 'member-land',
    industry: 'fruit',
    ...extra,
  });
const run = (report: string, query: string, who = 'huaning-county') =>
  t.call('GET', `/api/plugins/${PLUGIN}/reports/${report}?period=2025&${query}`, tokens[who]);
const pick = (rows: any[], keys: string[]) => rows.map((r) => keys.map((k) => r[k]));
const COLUMNS = ['township', 'village', 'households', 'eligible', 'dual', 'single', 'uncovered', 'coverage'];
/** A village without a household, as allUnits lists it: zero counts, no coverage (nothing to divide by). */
const none = (township: string, village: string) => [township, village, 0, 0, 0, 0, 0, null];
/** The row of 盘溪一村, wherever the county's other villages put it. */
const panxi1 = (rows: any[]) => pick(rows, COLUMNS).find((r) => r[1] === '盘溪一村');

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS], now: '2025-10-15T02:00:00Z' });
  for (const u of USERS) tokens[u] = await t.login(u);
  // The township registers a cooperative at 盘溪一村 and an enterprise with two bindings to it: eb-1 open,
  // eb-old ended yesterday (2025-10-14, its last day).
  await create('panxi-officer', 'coop-1', 'cooperative', PANXI_1, '', fixture('cooperative').base);
  await create('panxi-officer', 'ent-1', 'enterprise', PANXI, '', fixture('enterprise').base);
  const eb = { enterprise: 'ent-1', cooperative: 'coop-1', form: 'contract', industry: 'fruit', start: '2023-01-01' };
  await create('panxi-officer', 'eb-1', 'enterprise-binding', PANXI_1, '', eb);
  await create('panxi-officer', 'eb-old', 'enterprise-binding', PANXI_1, '', { ...eb, end: '2025-10-14' });
  // 盘溪一村: A dual (eb-1), B single (eb-old ended), C's only binding ended yesterday, D has none, E is not counted.
  await home('panxi1-officer', 'hh-a', PANXI_1, 1, '甲农户');
  await home('panxi1-officer', 'hh-b', PANXI_1, 2, '乙农户');
  await home('panxi1-officer', 'hh-c', PANXI_1, 3, '丙农户');
  await home('panxi1-officer', 'hh-d', PANXI_1, 4, '丁农户');
  await home('panxi1-officer', 'hh-e', PANXI_1, 5, '戊农户', { willing: false });
  await bind('hb-a', 'hh-a', { enterpriseBinding: 'eb-1', start: '2024-03-01' });
  await bind('hb-b', 'hh-b', { enterpriseBinding: 'eb-old', start: '2024-03-01' });
  await bind('hb-c', 'hh-c', { start: '2024-03-01', end: '2025-10-14' });
  // 盘溪二村 and 华溪一村: one counted household each, without any binding.
  await home('panxi2-officer', 'hh-f', PANXI_2, 6, '己农户');
  await home('huaxi1-officer', 'hh-g', HUAXI_1, 7, '庚农户');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe(`Huaning coverage across two hops of references (${testBackend()})`, () => {
  it('counts households by township and village: dual, single, uncovered (no binding included) and coverage', async () => {
    const today = await run('coverage-by-village', 'on=2025-10-15');
    expect(today.status, JSON.stringify(today.body).slice(0, 600)).toBe(200);
    // Every village of the county is listed under its township (allUnits), in code order: 宁州街道 530424001,
    // 盘溪镇 530424101, 华溪镇 530424102, 青龙镇 530424103, 通红甸彝族苗族乡 530424200.
    expect(pick(today.body.rows, COLUMNS)).toEqual([
      none('宁州街道', '宁州一村'),
      none('宁州街道', '宁州二村'),
      ['盘溪镇', '盘溪一村', 5, 4, 1, 1, 2, 0.25], // A dual; B single; C, D uncovered; E not counted
      ['盘溪镇', '盘溪二村', 1, 1, 0, 0, 1, 0],
      ['华溪镇', '华溪一村', 1, 1, 0, 0, 1, 0],
      none('华溪镇', '华溪二村'),
      none('青龙镇', '青龙一村'),
      none('青龙镇', '青龙二村'),
      none('通红甸彝族苗族乡', '通红甸一村'),
      none('通红甸彝族苗族乡', '通红甸二村'),
    ]);
    // Yesterday eb-old and hb-c still held (end dates inclusive): A and B dual, C single, D uncovered.
    const yesterday = await run('coverage-by-village', 'on=2025-10-14');
    expect(panxi1(yesterday.body.rows)).toEqual(['盘溪镇', '盘溪一村', 5, 4, 2, 1, 1, 0.5]);
  });

  it('lists the uncovered households, ID numbers masked for the township and in full for the county', async () => {
    const county = await run('uncovered-households', 'on=2025-10-15');
    // Sorted here by ID number: the report sorts names by the database's collation, which differs between servers.
    const byId = (rows: unknown[][]) => rows.sort((a, b) => String(a[2]).localeCompare(String(b[2])));
    expect(byId(pick(county.body.rows, ['village', 'name', 'id-number', 'bindings']))).toEqual([
      ['盘溪一村', '丙农户', idNumber(3), 1],
      ['盘溪一村', '丁农户', idNumber(4), 0],
      ['盘溪二村', '己农户', idNumber(6), 0],
      ['华溪一村', '庚农户', idNumber(7), 0],
    ]);
    const township = await run('uncovered-households', 'on=2025-10-15', 'panxi-officer');
    expect(
      pick(township.body.rows, ['name', 'id-number'])
        .map((r) => r.join(' '))
        .sort(),
    ).toEqual([`丙农户 ${masked(idNumber(3))}`, `丁农户 ${masked(idNumber(4))}`, `己农户 ${masked(idNumber(6))}`].sort());
  });

  it('shows each household its own status on a date, computed as the coverage report counts it', async () => {
    const status = async (id: string, on: string, who = 'huaning-county') => {
      const r = await t.call('GET', `/api/records/${id}/links?on=${on}`, tokens[who]);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.status.id;
    };
    const all = async (on: string) => Promise.all(['hh-a', 'hh-b', 'hh-c', 'hh-d'].map((id) => status(id, on)));
    expect(await all('2025-10-15')).toEqual(['dual', 'single', 'uncovered', 'uncovered']);
    // Yesterday eb-old and hb-c still held: B dual, C single.
    expect(await all('2025-10-14')).toEqual(['dual', 'dual', 'single', 'uncovered']);
    const a = await t.call('GET', '/api/records/hh-a/links?on=2025-10-15', tokens['panxi1-officer']);
    expect(a.body).toMatchObject({ declared: true, counts: { bindings: 1, active: 1, dual: 1 }, status: { title: { 'zh-CN': '双绑' } } });
    // Without a date: today in the server's time zone (2025-10-15 here).
    const b = await t.call('GET', '/api/records/hh-b/links', tokens['panxi1-officer']);
    expect([b.body.on, b.body.status.id]).toEqual(['2025-10-15', 'single']);
    // 盘溪二村's officer cannot read 盘溪一村's households, nor their status.
    expect((await t.call('GET', '/api/records/hh-a/links', tokens['panxi2-officer'])).status).toBe(404);
  });

  it('a village officer sees only the village; when the cooperative’s enterprise binding ends, A turns single unedited', async () => {
    const village = await run('coverage-by-village', 'on=2025-10-15', 'panxi2-officer');
    expect(pick(village.body.rows, COLUMNS)).toEqual([['盘溪镇', '盘溪二村', 1, 1, 0, 0, 1, 0]]);
    const current = await t.call('GET', '/api/records/eb-1', tokens['panxi-officer']);
    const ended = await t.call('PUT', '/api/records/eb-1', tokens['panxi-officer'], {
      revision: current.body.revision,
      data: { ...current.body.data, end: '2025-10-15' },
    });
    expect(ended.status).toBe(200);
    expect(panxi1((await run('coverage-by-village', 'on=2025-10-15')).body.rows)).toEqual(['盘溪镇', '盘溪一村', 5, 4, 1, 1, 2, 0.25]);
    expect(panxi1((await run('coverage-by-village', 'on=2025-10-16')).body.rows)).toEqual(['盘溪镇', '盘溪一村', 5, 4, 0, 2, 2, 0]);
    // A's own status follows, its record untouched: dual on eb-1's last day, single the day after.
    const a = (await t.call('GET', '/api/records/hh-a', tokens['panxi1-officer'])).body;
    const on = (day: string) => t.call('GET', `/api/records/hh-a/links?on=${day}`, tokens['panxi1-officer']);
    expect((await on('2025-10-15')).body.status.id).toBe('dual');
    expect((await on('2025-10-16')).body.status.id).toBe('single');
    expect(a.revision).toBe(1);
  });
});
