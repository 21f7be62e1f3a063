// x-ref reach "region" on a neutral plugin (test/records/region-plugins/region-demo, regions 天河 440106 and 白云
// 440111): a weekly report's `ledger` reaches ledgers filed anywhere within those districts, its `nearLedger` (reach
// "ancestors") only the officer's units and those above. A ledger filed in 番禺 440113 — outside the regions, as a
// record filed before a later version narrowed them is — is refused, as are one of another form and one that does
// not exist. Naming is not reading: the record, the "why" trace and the picker show no more than its title.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { runImport } from '../../platform/imports/run-import';
import { principalNamed, xlsxOf } from '../imports/helpers';

const DIR = path.join(import.meta.dirname, 'region-plugins');
const PLUGIN = 'region-demo';
const TIANHE = '440106';
const BAIYUN = '440111';
const PANYU = '440113';
let t: TestPlatform;
const as: Record<string, string> = {};
const create = (who: string, id: string, form: string, orgUnitId: string, data: unknown) =>
  t.call('POST', '/api/records', as[who], { id, plugin: PLUGIN, form, period: '', orgUnitId, data });
const options = (query: string, who = 'tianhe-officer') =>
  t.call('GET', `/api/plugins/${PLUGIN}/forms/weekly/ref-options?${query}`, as[who]);
const refused = (r: { status: number; body: any }, pointer: string) => {
  expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(422);
  expect(r.body.error.details).toEqual([expect.objectContaining({ pointer, code: 'REFERENCE_INVALID' })]);
};

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [DIR] });
  for (const u of ['admin', 'tianhe-officer', 'baiyun-officer']) as[u] = await t.login(u);
  expect((await create('tianhe-officer', 'led-th', 'ledger', TIANHE, { code: 'T1', name: '天河台账' })).status).toBe(201);
  expect(
    (await create('baiyun-officer', 'led-by', 'ledger', BAIYUN, { code: 'B1', name: '白云台账', contact: '13800138000' })).status,
  ).toBe(201);
  // Filed in 白云, then moved in the table to 番禺, outside the plugin's regions (the API files nothing there).
  expect((await create('baiyun-officer', 'led-py', 'ledger', BAIYUN, { code: 'P1', name: '番禺台账' })).status).toBe(201);
  await sql`update records set org_unit_id = ${PANYU}, org_path = (select path from org_units where id = ${PANYU}) where id = 'led-py'`.execute(
    t.platform.ctx.db,
  );
});
afterAll(async () => {
  await t?.close();
});

describe(`x-ref reach "region" (${testBackend()})`, () => {
  it('names a ledger of the sibling district, which the rules read; reach ancestors refuses the same ledger', async () => {
    const r = await create('tianhe-officer', 'wk-1', 'weekly', TIANHE, { ledger: 'led-by' });
    expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(201);
    expect(r.body.data.ledgerName).toBe('白云台账');
    refused(await create('tianhe-officer', 'wk-2', 'weekly', TIANHE, { ledger: 'led-th', nearLedger: 'led-by' }), '/nearLedger');
    expect((await t.call('GET', '/api/records/wk-2', as.admin)).status).toBe(404);
  });

  it('refuses a ledger outside the regions, a record of another form and one that does not exist; nothing is written', async () => {
    refused(await create('tianhe-officer', 'wk-3', 'weekly', TIANHE, { ledger: 'led-py' }), '/ledger');
    refused(await create('tianhe-officer', 'wk-4', 'weekly', TIANHE, { ledger: 'wk-1' }), '/ledger');
    refused(await create('tianhe-officer', 'wk-5', 'weekly', TIANHE, { ledger: 'led-gone' }), '/ledger');
    for (const id of ['wk-3', 'wk-4', 'wk-5']) expect((await t.call('GET', `/api/records/${id}`, as.admin)).status).toBe(404);
  });

  it('an edit may name a ledger of the region, not one outside it (the record keeps its revision); a submit re-checks', async () => {
    const c = await create('tianhe-officer', 'wk-6', 'weekly', TIANHE, { ledger: 'led-th' });
    expect(c.status).toBe(201);
    const put = (ledger: string, revision: number) =>
      t.call('PUT', '/api/records/wk-6', as['tianhe-officer'], { revision, data: { ledger } });
    const ok = await put('led-by', 1);
    expect(ok.status, JSON.stringify(ok.body).slice(0, 400)).toBe(200);
    expect(ok.body.data.ledgerName).toBe('白云台账');
    refused(await put('led-py', 2), '/ledger');
    const after = await t.call('GET', '/api/records/wk-6', as['tianhe-officer']);
    expect([after.body.revision, after.body.data.ledger]).toEqual([2, 'led-by']);
    const fin = await t.call('POST', '/api/records/wk-6/transitions', as['tianhe-officer'], { transition: 'finish', revision: 2 });
    expect(fin.status, JSON.stringify(fin.body).slice(0, 400)).toBe(200);
    expect(fin.body.state).toBe('done');
  });

  it('naming is not reading: the sibling ledger itself and the "why" of a rule reading it stay hidden', async () => {
    expect((await t.call('GET', '/api/records/led-by', as['tianhe-officer'])).status).toBe(404);
    const why = await t.call('GET', '/api/records/wk-1/explain?rule=ledger-contact', as['tianhe-officer']);
    expect(why.status, JSON.stringify(why.body)).toBe(200);
    expect(why.body.logic.trace.value).toBe('***');
    expect(JSON.stringify(why.body)).not.toContain('13800138000');
    // The city admin sees the ledger, so the trace shows what it read.
    expect((await t.call('GET', '/api/records/wk-1/explain?rule=ledger-contact', as.admin)).body.logic.trace.value).toBe('tel 13800138000');
  });

  it('the picker offers the ledgers of the regions (not the one outside) with id, title and unit only', async () => {
    const all = await options('field=/ledger');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const byId = (a: any, b: any) => a.id.localeCompare(b.id);
    expect(all.body.options.sort(byId).map((o: any) => [o.id, o.title, o.unit.code])).toEqual([
      ['led-by', '白云台账', BAIYUN],
      ['led-th', '天河台账', TIANHE],
    ]);
    expect(Object.keys(all.body.options[0]).sort()).toEqual(['id', 'title', 'unit']);
    expect(JSON.stringify(all.body)).not.toContain('1380');
    expect((await options('field=/nearLedger')).body.options.map((o: any) => o.id)).toEqual(['led-th']);
    expect((await options('field=/ledger&ids=led-by,led-py')).body.options.map((o: any) => o.id)).toEqual(['led-by']);
  });

  it('an import names by natural key what the field reaches: the sibling district yes, outside the regions no', async () => {
    const r = await runImport(t.platform.ctx, await principalNamed(t.platform.ctx, 'tianhe-officer'), {
      plugin: PLUGIN,
      form: 'weekly',
      period: '',
      orgUnitId: TIANHE,
      mode: 'valid',
      fileName: 'weekly.xlsx',
      locale: 'zh-CN',
      source: await xlsxOf(['台账编号'], [['B1'], ['P1']]),
    });
    expect(r.counts).toMatchObject({ rows: 2, created: 1, rejected: 1 });
    expect(r.rejected.map((x) => x.errors.map((e) => [x.row, e.pointer, e.code]))).toEqual([[[3, '/ledger', 'REFERENCE_KEY_NOT_FOUND']]]);
    const named = await t.platform.ctx.db
      .selectFrom('records')
      .select('data')
      .where('plugin_id', '=', PLUGIN)
      .where('form_id', '=', 'weekly')
      .execute();
    expect(named.filter((x) => (x.data as { ledger?: string }).ledger === 'led-py')).toEqual([]);
  });
});
