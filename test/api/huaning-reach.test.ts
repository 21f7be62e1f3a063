// Huaning's household bindings name cooperatives anywhere in the county (x-ref reach "region", version 1.2.0): the
// 盘溪一村 village officer binds a household to a cooperative filed at 盘溪镇, above his village, and to one of
// 华溪镇, another township — "a household may bind cooperatives anywhere"; a record of another form is refused. He
// cannot read either cooperative, and the record picker shows him titles only — never a masked ID number.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

const PLUGIN = 'huaning-dual-binding';
const fixture = (name: string) => JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, `fixtures/${name}.json`), 'utf8'));
const household = fixture('household').base;
const cooperative = fixture('cooperative').base;
const PANXI = '530424101';
const PANXI_1 = '530424101201';
const HUAXI = '530424102';
const FAR_NAME = '华溪镇示例蔬菜专业合作社';

let t: TestPlatform;
const tokens: Record<string, string> = {};
const create = (who: string, id: string, form: string, orgUnitId: string, period: string, data: unknown) =>
  t.call('POST', '/api/records', tokens[who], { id, plugin: PLUGIN, form, period, orgUnitId, data });
const binding = (cooperativeId: string) => ({
  household: 'hh-r',
  cooperative: cooperativeId,
  form: 'member-land',
  industry: 'fruit',
  start: '2025-01-01',
});
const options = (field: string, q = '') =>
  t.call(
    'GET',
    `/api/plugins/${PLUGIN}/forms/household-binding/ref-options?field=${encodeURIComponent(field)}&q=${encodeURIComponent(q)}`,
    tokens['panxi1-officer'],
  );

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS], now: '2025-10-15T02:00:00Z' });
  for (const u of ['panxi-officer', 'panxi1-officer', 'huaxi-officer', 'huaning-county']) tokens[u] = await t.login(u);
  expect((await create('panxi-officer', 'coop-up', 'cooperative', PANXI, '', cooperative)).status).toBe(201);
  const far = { ...cooperative, name: FAR_NAME, creditCode: '93530424MA6K8HN02X' };
  expect((await create('huaxi-officer', 'coop-far', 'cooperative', HUAXI, '', far)).status).toBe(201);
  expect((await create('panxi1-officer', 'hh-r', 'household', PANXI_1, '2025', household)).status).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

describe(`Huaning: bindings name the township's cooperatives (${testBackend()})`, () => {
  it('the village officer binds a household to the cooperative his township registered; its name and industries are read', async () => {
    const b = await create('panxi1-officer', 'hb-up', 'household-binding', PANXI_1, '2025', binding('coop-up'));
    expect(b.status, JSON.stringify(b.body).slice(0, 600)).toBe(201);
    expect(b.body.data).toMatchObject({ cooperativeName: cooperative.name, cooperativeIndustries: ['fruit', 'vegetables'] });
    // Naming it does not let him open it.
    expect((await t.call('GET', '/api/records/coop-up', tokens['panxi1-officer'])).status).toBe(404);
  });

  it('a cooperative of another township is named too (the county is the region), still not read', async () => {
    const r = await create('panxi1-officer', 'hb-far', 'household-binding', PANXI_1, '2025', binding('coop-far'));
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(201);
    expect(r.body.data.cooperativeName).toBe(FAR_NAME);
    expect((await t.call('GET', '/api/records/coop-far', tokens['panxi1-officer'])).status).toBe(404);
  });

  it('a record of another form (the household) is refused with REFERENCE_INVALID at /cooperative, and nothing is written', async () => {
    const r = await create('panxi1-officer', 'hb-bad', 'household-binding', PANXI_1, '2025', binding('hh-r'));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('REFERENCE_INVALID');
    expect(r.body.error.details).toEqual([expect.objectContaining({ pointer: '/cooperative', code: 'REFERENCE_INVALID' })]);
    expect((await t.call('GET', '/api/records/hb-bad', tokens['huaning-county'])).status).toBe(404);
  });

  it('the picker offers the cooperatives of every township, by title', async () => {
    const all = await options('/cooperative');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const byId = (a: any, b: any) => a.id.localeCompare(b.id);
    expect(all.body.options.sort(byId)).toEqual([
      { id: 'coop-far', title: FAR_NAME, unit: expect.objectContaining({ code: HUAXI }) },
      { id: 'coop-up', title: cooperative.name, unit: expect.objectContaining({ code: PANXI }) },
    ]);
    expect((await options('/cooperative', '华溪')).body.options.map((o: any) => o.id)).toEqual(['coop-far']);
  });

  it('households are offered by the head’s name; the ID and mobile numbers (x-sensitive) appear nowhere, not even masked', async () => {
    const hh = await options('/household');
    expect(hh.body.options).toEqual([{ id: 'hh-r', title: household.headName, unit: expect.objectContaining({ code: PANXI_1 }) }]);
    const text = JSON.stringify(hh.body);
    expect(text).not.toContain(household.idNumber.slice(-4));
    expect(text).not.toContain('*');
  });
});
