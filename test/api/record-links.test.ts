// A form's links computed on read (GET /api/records/:id/links), on the neutral link-status-demo plugin: members
// (at 天生街道 unless said) counted with their ties (first hop) and the pledge each tie names (second hop) on a date,
// and the status the form declares from those counts (pledged > holding > none). A tie or pledge holds from its
// start to its end inclusive. Every expected count is worked out in the comments beside the records.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { seedRecord } from '../reports/seed';

const PLUGIN = 'link-status-demo';
const T1 = '500109001'; // 天生街道: tiansheng-officer
const T2 = '500109002'; // 朝阳街道
let t: TestPlatform;
let county: string;
let officer: string;

const pledges = [
  { id: 'pa', unit: T1, data: { start: '2024-01-01' } }, // open; the test ends it later
  { id: 'pb', unit: T2, data: { start: '2024-01-01' } }, // open, outside the officer's units
];
const members = [
  { id: 'm1', unit: T1, data: { name: '甲' } }, // a1 → pa
  { id: 'm2', unit: T1, data: { name: '乙' } }, // b1 starts 2024-06-30 → pb
  { id: 'm3', unit: T1, data: { name: '丙' } }, // c1 (T1) → pb, c2 (T2) → pb
  { id: 'm4', unit: T2, data: { name: '丁' } }, // no tie
];
const ties = [
  { id: 'a1', unit: T1, data: { member: 'm1', pledge: 'pa', start: '2024-01-01' } },
  { id: 'b1', unit: T1, data: { member: 'm2', pledge: 'pb', start: '2024-06-30' } },
  { id: 'c1', unit: T1, data: { member: 'm3', pledge: 'pb', start: '2024-01-01' } },
  { id: 'c2', unit: T2, data: { member: 'm3', pledge: 'pb', start: '2024-01-01' } },
];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, path.join(REPO_ROOT, 'test/api/plugins')] });
  const db = t.platform.ctx.db;
  const seed = (form: string, r: { id: string; unit: string; data: Record<string, unknown> }) =>
    seedRecord(db, { plugin: PLUGIN, form, period: '', state: 'draft', title: (r.data.name as string) ?? null, ...r });
  for (const p of pledges) await seed('pledge', p);
  for (const m of members) await seed('member', m);
  for (const x of ties) await seed('tie', x);
  county = await t.login('beibei-reviewer');
  officer = await t.login('tiansheng-officer');
});
afterAll(async () => {
  await t?.close();
});

const links = (id: string, on: string, who = county) => t.call('GET', `/api/records/${id}/links?on=${on}`, who);
/** [ties, holding, pledged, status id] of a member on a day, as the user sees it. */
async function state(id: string, on: string, who = county) {
  const r = await links(id, on, who);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const c = r.body.counts;
  return [c.ties, c.holding, c.pledged, r.body.status?.id ?? null];
}

describe(`a form's links computed on read (${testBackend()})`, () => {
  it('counts both hops on the date and shows the first status that holds', async () => {
    expect(await state('m1', '2024-06-30')).toEqual([1, 1, 1, 'pledged']);
    expect(await state('m3', '2024-06-30')).toEqual([2, 2, 2, 'pledged']);
    // No tie names m4: zeros, and the last status.
    const r = await links('m4', '2024-06-30');
    expect(r.body).toEqual({
      on: '2024-06-30',
      declared: true,
      counts: { ties: 0, holding: 0, pledged: 0 },
      status: { id: 'none', title: { 'zh-CN': '无有效联系', en: 'No tie holds' } },
    });
  });

  it('reads the date parameter: the day before b1 starts, m2 has no tie holding', async () => {
    expect(await state('m2', '2024-06-30')).toEqual([1, 1, 1, 'pledged']);
    expect(await state('m2', '2024-06-29')).toEqual([1, 0, 0, 'none']);
  });

  it('counts only ties and pledges within the asking user’s units', async () => {
    // 天生街道's officer: c2 (朝阳街道) is not counted, nor is pb (朝阳街道) the tie c1 names.
    expect(await state('m3', '2024-06-30', officer)).toEqual([1, 1, 0, 'holding']);
    // m4 is outside his units: not found, as the record itself.
    expect((await links('m4', '2024-06-30', officer)).status).toBe(404);
    expect((await t.call('GET', '/api/records/m4', officer)).status).toBe(404);
  });

  it('follows the end of the second hop without the member being edited', async () => {
    const before = (await t.call('GET', '/api/records/m1', county)).body.revision;
    const pa = (await t.call('GET', '/api/records/pa', officer)).body;
    const put = await t.call('PUT', '/api/records/pa', officer, {
      revision: pa.revision,
      data: { start: '2024-01-01', end: '2024-06-29' },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    // pa ended yesterday: a1 still holds, its pledge does not.
    expect(await state('m1', '2024-06-30')).toEqual([1, 1, 0, 'holding']);
    // On pa's last day it still held.
    expect(await state('m1', '2024-06-29')).toEqual([1, 1, 1, 'pledged']);
    expect((await t.call('GET', '/api/records/m1', county)).body.revision).toBe(before);
  });

  it('refuses a day that is not one, naming the parameter', async () => {
    const r = await links('m1', '2024-02-30');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect(r.body.error.details[0].pointer).toBe('/on');
  });

  it('says a form without links declares none', async () => {
    const r = await links('pa', '2024-06-30');
    expect(r.body).toEqual({ on: '2024-06-30', declared: false, counts: {}, status: null });
  });
});
