// x-default in an import, on the neutral default-demo plugin (test/records/default-plugins): a row creating a visit
// gets the empty defaulted fields filled as a create through the API fills them — the same data for the same row —
// from the ledger it names, read in the batch's facts; a value the row gives wins (0 included), and a ledger the
// officer may name but not read (filed at the city above them) gives nothing. The seed's tree: city 440100 above
// the district 天河 440106.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { runImport } from '../../platform/imports/run-import';
import { principalNamed, xlsxOf } from './helpers';

const DIR = path.join(import.meta.dirname, '..', 'records', 'default-plugins');
const PLUGIN = 'default-demo';
const CITY = '440100';
const TIANHE = '440106';
let t: TestPlatform;
const as: Record<string, string> = {};
const create = (who: string, id: string, form: string, orgUnitId: string, data: unknown) =>
  t.call('POST', '/api/records', as[who], { id, plugin: PLUGIN, form, period: '', orgUnitId, data });

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [DIR] });
  for (const u of ['admin', 'tianhe-officer']) as[u] = await t.login(u);
  expect((await create('admin', 'il-city', 'ledger', CITY, { code: 'C1', name: '市级台账', members: 40 })).status).toBe(201);
  const own = await create('tianhe-officer', 'il-th', 'ledger', TIANHE, {
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

it('fills the empty defaulted fields of imported rows as the API create does, keeping every value the row gives', async () => {
  const p = await principalNamed(t.platform.ctx, 'tianhe-officer');
  const header = ['/ledger', '/ledgerName', '/headcount', '/sheet/members'];
  const rows = [
    ['il-th', null, null, null],
    ['il-th', '自填名称', 0, 5],
    ['il-city', null, 7, null],
  ];
  const r = await runImport(t.platform.ctx, p, {
    plugin: PLUGIN,
    form: 'visit',
    period: '',
    orgUnitId: TIANHE,
    mode: 'all',
    fileName: 'visits.xlsx',
    locale: 'zh-CN',
    source: await xlsxOf(header, rows),
  });
  expect(r.ignoredColumns).toEqual([]);
  expect(r.counts).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 });
  const stored = await t.platform.ctx.db.selectFrom('records').select('data').where('form_id', '=', 'visit').execute();
  const datas = stored.map((s) => s.data as Record<string, unknown>);
  expect(datas).toHaveLength(3);
  // The ledger's name and members, and the score sheet from those; the contact is masked for the officer: not copied.
  const filled = { ledger: 'il-th', ledgerName: '天河台账', headcount: 12, sheet: { members: 12, name: '天河台账' } };
  expect(datas).toContainEqual(filled);
  expect(datas).toContainEqual({ ledger: 'il-th', ledgerName: '自填名称', headcount: 0, sheet: { members: 5, name: '自填名称' } });
  expect(datas).toContainEqual({ ledger: 'il-city', headcount: 7, sheet: { members: 7 } });

  // The same row through the API is the same record.
  const api = await create('tianhe-officer', 'iv-api', 'visit', TIANHE, { ledger: 'il-th' });
  expect(api.status).toBe(201);
  expect(api.body.data).toEqual(filled);
});

it('loads the record a filled reference names, once for the batch, as the API create loads it again', async () => {
  const reload = await startTestPlatform({ pluginsDirs: [path.join(import.meta.dirname, 'default-reload-plugins')] });
  try {
    const officer = await reload.login('tianhe-officer');
    const ledger = {
      id: 'rl-th',
      plugin: 'reload-demo',
      form: 'ledger',
      period: '',
      orgUnitId: TIANHE,
      data: { code: 'R1', name: '台账' },
    };
    expect((await reload.call('POST', '/api/records', officer, ledger)).status).toBe(201);
    const p = await principalNamed(reload.platform.ctx, 'tianhe-officer');
    const r = await runImport(reload.platform.ctx, p, {
      plugin: 'reload-demo',
      form: 'visit',
      period: '',
      orgUnitId: TIANHE,
      mode: 'valid',
      fileName: 'visits.xlsx',
      locale: 'zh-CN',
      // The first row's reference is filled from its ledger id; the second names no record, which the write refuses.
      source: await xlsxOf(['/ledgerId'], [['rl-th'], ['rl-none']]),
    });
    expect(r.counts).toEqual({ rows: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(r.rejected[0].errors.map((e) => [e.row, e.pointer])).toEqual([[3, '/ledger']]);
    const stored = await reload.platform.ctx.db.selectFrom('records').select('data').where('form_id', '=', 'visit').execute();
    expect(stored.map((s) => s.data)).toEqual([{ ledgerId: 'rl-th', ledger: 'rl-th' }]);
  } finally {
    await reload.close();
  }
});
