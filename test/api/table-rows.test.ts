// Computed fields in table rows and x-uniqueBy through the API, on the neutral table-rows-demo plugin: the server
// writes each row's gap (max(0, due − paid), empty after the parameter lastYear 2022) whatever the client sent there,
// and refuses a second row of the same year and payee at that row's pointer.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { TEST_PLUGINS } from '../helpers/paths';

const DEMO_DIR = path.join(import.meta.dirname, '../records/plugins');
let t: TestPlatform;
let token: string;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, DEMO_DIR] });
  t.clock.set('2024-06-01T03:00:00Z');
  token = await t.login('tianhe-officer');
});
afterAll(async () => {
  await t?.close();
});

const create = (id: string, items: unknown[]) =>
  t.call('POST', '/api/records', token, {
    id,
    plugin: 'table-rows-demo',
    form: 'ledger',
    period: '',
    orgUnitId: '440106',
    data: { name: '一号', items },
  });

describe(`table rows (${testBackend()})`, () => {
  it('writes each row its computed value, replacing what the client sent', async () => {
    const r = await create('rows-1', [
      { year: 2021, payee: 'a', due: 1000, paid: 400, gap: 99999 },
      { year: 2023, payee: 'a', due: 900, paid: 0 },
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const got = await t.call('GET', '/api/records/rows-1', token);
    expect(got.body.data.items.map((row: any) => row.gap)).toEqual([600, null]);
    expect(got.body.results.computed['row-gap']).toEqual([600, null]);
    expect(got.body.data.gapTotal).toBe(600);
  });

  it('refuses a second row of the same year and payee, at that row', async () => {
    const r = await create('rows-2', [
      { year: 2021, payee: 'a', due: 1000, paid: 400 },
      { year: 2021, payee: 'b', due: 1000, paid: 400 },
      { year: 2022, payee: 'a', due: 1000, paid: 400 },
      { year: 2021, payee: 'a', due: 5, paid: 0 },
    ]);
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: any) => [d.pointer, d.keyword, d.message['zh-CN']])).toEqual([
      ['/data/items/3', 'x-uniqueBy', '逐年明细：第 4 行与第 1 行重复(年度=2021,对象=甲)'],
    ]);
  });
});
