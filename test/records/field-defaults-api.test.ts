// x-default through the API, on the neutral default-demo plugin (test/records/default-plugins): a create fills the
// empty defaulted fields as the browser does (live facts give the browser the same values), never a typed value,
// and only what the user may read — nothing from a ledger named above the officer's units (naming is not reading),
// no field masked for them. The seed's tree: city 440100 above the district 天河 440106.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

const DIR = path.join(import.meta.dirname, 'default-plugins');
const PLUGIN = 'default-demo';
const CITY = '440100';
const TIANHE = '440106';
let t: TestPlatform;
const as: Record<string, string> = {};
const create = (who: string, id: string, form: string, orgUnitId: string, data: unknown) =>
  t.call('POST', '/api/records', as[who], { id, plugin: PLUGIN, form, period: '', orgUnitId, data });
const live = (who: string, orgUnitId: string, data: unknown) =>
  t.call('POST', '/api/live-facts', as[who], { plugin: PLUGIN, form: 'visit', orgUnitId, period: '', data });

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [DIR] });
  for (const u of ['admin', 'tianhe-officer']) as[u] = await t.login(u);
  const city = await create('admin', 'dl-city', 'ledger', CITY, { code: 'C1', name: '市级台账', members: 40, contact: '13800138000' });
  expect(city.status).toBe(201);
  const own = await create('tianhe-officer', 'dl-th', 'ledger', TIANHE, {
    code: 'T1',
    name: '天河台账',
    members: 12,
    contact: '13900139000',
  });
  expect(own.status).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

describe(`x-default through the API (${testBackend()})`, () => {
  it('fills the empty fields from the named ledger and the score sheet from them; the masked contact stays empty', async () => {
    const r = await create('tianhe-officer', 'dv-1', 'visit', TIANHE, { ledger: 'dl-th' });
    expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(201);
    expect(r.body.data).toEqual({ ledger: 'dl-th', ledgerName: '天河台账', headcount: 12, sheet: { members: 12, name: '天河台账' } });
    // Stored so, not only answered so: the admin reads the record back.
    expect((await t.call('GET', '/api/records/dv-1', as.admin)).body.data.contact).toBeUndefined();
  });

  it('keeps every value sent, 0 included', async () => {
    const sent = { ledger: 'dl-th', ledgerName: '自填名称', headcount: 0, sheet: { members: 5 } };
    const r = await create('tianhe-officer', 'dv-2', 'visit', TIANHE, sent);
    expect(r.status).toBe(201);
    expect(r.body.data).toEqual({ ...sent, sheet: { members: 5, name: '自填名称' } });
  });

  it('gives nothing from a ledger the officer may name but not read (filed at the city)', async () => {
    const r = await create('tianhe-officer', 'dv-3', 'visit', TIANHE, { ledger: 'dl-city', headcount: 7 });
    expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(201);
    expect(r.body.data).toEqual({ ledger: 'dl-city', headcount: 7, sheet: { members: 7 } });
    expect(JSON.stringify(r.body)).not.toContain('市级台账');
  });

  it('the admin, who sees the ledger in full, gets its contact too', async () => {
    const r = await create('admin', 'dv-4', 'visit', CITY, { ledger: 'dl-city' });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ ledgerName: '市级台账', contact: '13800138000', headcount: 40, sheet: { members: 40 } });
  });

  it('live facts give the browser the same values, under the same rights', async () => {
    const own = await live('tianhe-officer', TIANHE, { ledger: 'dl-th' });
    expect(own.status).toBe(200);
    expect(own.body.defaults).toEqual({ '/ledgerName': '天河台账', '/headcount': 12 });
    expect((await live('tianhe-officer', TIANHE, { ledger: 'dl-city' })).body.defaults).toEqual({});
    expect((await live('admin', CITY, { ledger: 'dl-city' })).body.defaults).toEqual({
      '/ledgerName': '市级台账',
      '/contact': '13800138000',
      '/headcount': 40,
    });
  });
});
