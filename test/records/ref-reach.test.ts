// x-ref reach on a neutral plugin (test/records/reach-plugins/reach-demo): a weekly report's `ledger` reaches
// ledgers filed at the units above the officer (reach "ancestors"), its `localLedger` only the officer's own units
// (the default). The seed's tree: city 440100 above the districts 天河 440106 and 白云 440111. Naming a ledger does
// not let the officer read it: the record, live facts, the "why" trace and the picker show no more than its title.
import path from 'node:path';
import { mkdtemp, cp, readFile, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { createPluginLoader } from '../../platform/plugins';
import { runImport } from '../../platform/imports/run-import';
import { principalNamed, xlsxOf } from '../imports/helpers';

const DIR = path.join(import.meta.dirname, 'reach-plugins');
const PLUGIN = 'reach-demo';
const CITY = '440100';
const TIANHE = '440106';
const BAIYUN = '440111';
let t: TestPlatform;
const as: Record<string, string> = {};
const create = (who: string, id: string, form: string, orgUnitId: string, data: unknown) =>
  t.call('POST', '/api/records', as[who], { id, plugin: PLUGIN, form, period: '', orgUnitId, data });
const options = (query: string, who = 'tianhe-officer') =>
  t.call('GET', `/api/plugins/${PLUGIN}/forms/weekly/ref-options?${query}`, as[who]);

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [DIR] });
  for (const u of ['admin', 'tianhe-officer', 'baiyun-officer']) as[u] = await t.login(u);
  expect((await create('admin', 'led-city', 'ledger', CITY, { code: 'C1', name: '市级台账', contact: '13800138000' })).status).toBe(201);
  expect((await create('tianhe-officer', 'led-th', 'ledger', TIANHE, { code: 'T1', name: '天河台账' })).status).toBe(201);
  expect((await create('baiyun-officer', 'led-by', 'ledger', BAIYUN, { code: 'B1', name: '白云台账' })).status).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

describe(`x-ref reach (${testBackend()})`, () => {
  it('reach "ancestors": the district officer names the city ledger; the rules read it', async () => {
    const r = await create('tianhe-officer', 'wk-1', 'weekly', TIANHE, { ledger: 'led-city' });
    expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(201);
    expect(r.body.data.ledgerName).toBe('市级台账');
  });

  it('refuses a ledger of a sibling district, and the city ledger in a field of the default reach; nothing is written', async () => {
    const sibling = await create('tianhe-officer', 'wk-2', 'weekly', TIANHE, { ledger: 'led-by' });
    expect(sibling.status).toBe(422);
    expect(sibling.body.error.details).toEqual([expect.objectContaining({ pointer: '/ledger', code: 'REFERENCE_INVALID' })]);
    const local = await create('tianhe-officer', 'wk-3', 'weekly', TIANHE, { ledger: 'led-th', localLedger: 'led-city' });
    expect(local.status).toBe(422);
    expect(local.body.error.details).toEqual([expect.objectContaining({ pointer: '/localLedger', code: 'REFERENCE_INVALID' })]);
    for (const id of ['wk-2', 'wk-3']) expect((await t.call('GET', `/api/records/${id}`, as.admin)).status).toBe(404);
  });

  it('naming is not reading: the city ledger itself, its live facts and the "why" of a rule reading it stay hidden', async () => {
    expect((await t.call('GET', '/api/records/led-city', as['tianhe-officer'])).status).toBe(404);
    const live = await t.call('POST', '/api/live-facts', as['tianhe-officer'], {
      plugin: PLUGIN,
      form: 'weekly',
      orgUnitId: TIANHE,
      period: '',
      data: { ledger: 'led-city', localLedger: 'led-th' },
    });
    expect(live.status).toBe(200);
    expect(Object.keys(live.body.refs)).toEqual(['/localLedger']);
    const why = await t.call('GET', '/api/records/wk-1/explain?rule=ledger-contact', as['tianhe-officer']);
    expect(why.status, JSON.stringify(why.body)).toBe(200);
    expect(why.body.logic.trace.value).toBe('***');
    expect(why.body.logic.trace.nodes['/1'].value).toBe('***');
    expect(JSON.stringify(why.body)).not.toContain('13800138000');
    // The admin of the city sees the ledger in full, so the trace shows what it read.
    expect((await t.call('GET', '/api/records/wk-1/explain?rule=ledger-contact', as.admin)).body.logic.trace.value).toBe('tel 13800138000');
  });

  it('the picker offers exactly the records the field reaches, by title, with id, title and unit only', async () => {
    const up = await options('field=/ledger');
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    // Ordered by title in the database's collation; compared by id so the test does not depend on it.
    const byId = (a: any, b: any) => a.id.localeCompare(b.id);
    expect(up.body.options.sort(byId).map((o: any) => [o.id, o.title, o.unit.code])).toEqual([
      ['led-city', '市级台账', CITY],
      ['led-th', '天河台账', TIANHE],
    ]);
    expect(Object.keys(up.body.options[0]).sort()).toEqual(['id', 'title', 'unit']);
    expect(JSON.stringify(up.body)).not.toContain('1380');
    expect((await options('field=/localLedger')).body.options.map((o: any) => o.id)).toEqual(['led-th']);
    expect((await options(`field=/ledger&q=${encodeURIComponent('市级')}`)).body.options.map((o: any) => o.id)).toEqual(['led-city']);
    // A value already chosen is looked up by id; one out of reach is simply not there.
    expect((await options('field=/ledger&ids=led-city,led-by')).body.options.map((o: any) => o.id)).toEqual(['led-city']);
    expect((await options('field=/ledger', 'baiyun-officer')).body.options.map((o: any) => o.id).sort()).toEqual(['led-by', 'led-city']);
  });

  it("an import names by natural key exactly what the form reaches: the city ledger yes, a sibling district's no", async () => {
    // Weekly reports naming a ledger, read from the table itself (not through the API under test).
    const weeklyNaming = async (ledger: string) =>
      (
        await t.platform.ctx.db
          .selectFrom('records')
          .select('data')
          .where('plugin_id', '=', PLUGIN)
          .where('form_id', '=', 'weekly')
          .execute()
      ).filter((x) => (x.data as { ledger?: string }).ledger === ledger).length;
    const before = await weeklyNaming('led-city');
    const r = await runImport(t.platform.ctx, await principalNamed(t.platform.ctx, 'tianhe-officer'), {
      plugin: PLUGIN,
      form: 'weekly',
      period: '',
      orgUnitId: TIANHE,
      mode: 'valid',
      fileName: 'weekly.xlsx',
      locale: 'zh-CN',
      source: await xlsxOf(['台账编号'], [['C1'], ['B1']]),
    });
    expect(r.counts).toMatchObject({ rows: 2, created: 1, rejected: 1 });
    expect(r.rejected.map((x) => x.errors.map((e) => [x.row, e.pointer, e.code]))).toEqual([[[3, '/ledger', 'REFERENCE_KEY_NOT_FOUND']]]);
    expect(await weeklyNaming('led-city')).toBe(before + 1);
  });

  it('refuses a field that is not an x-ref with a pointer, and an unknown form with 404', async () => {
    const bad = await options('field=/ledgerName');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ pointer: '/field' });
    expect((await t.call('GET', `/api/plugins/${PLUGIN}/forms/nope/ref-options?field=/ledger`, as['tianhe-officer'])).status).toBe(404);
    expect((await options('')).status).toBe(400);
  });

  it('an unknown reach is refused at load, naming the schema file and the pointer', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-reach-'));
    try {
      await cp(path.join(DIR, PLUGIN), root, { recursive: true });
      const file = path.join(root, 'forms/weekly.schema.json');
      const schema = JSON.parse(await readFile(file, 'utf8'));
      schema.properties.ledger['x-ref'].reach = 'everywhere';
      await writeFile(file, JSON.stringify(schema));
      const { errors } = await createPluginLoader().fromFolder(root);
      expect(errors).toEqual([
        expect.objectContaining({ file: 'forms/weekly.schema.json', pointer: '/properties/ledger/x-ref/reach', code: 'PLUGIN_INVALID' }),
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
