// Importing into a real policy form: guangzhou-demonstration's application (nested objects, enums with labels,
// dates, booleans, lists, compute and score rules). Headers are the titles a person sees, in Chinese or English,
// with a title path where two fields share a title.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { runImport } from '../../platform/imports/run-import';
import { principalNamed, uscc, xlsxOf } from './helpers';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS] });
});
afterAll(async () => {
  await t?.close();
});

it('maps titles (zh-CN and en), converts labels, dates, booleans and lists, runs the rules, and rejects a bad enum', async () => {
  const header = [
    '申报主体类型',
    'Name of the cooperative',
    '统一社会信用代码',
    '所在区',
    '法定代表人(理事长)/姓名',
    '手机号码',
    '注册登记日期',
    '是否为区级示范社',
    '为成员提供的服务类型',
    'Members (cooperative)',
    '成员与出资/成员出资总额',
  ];
  const rows = [
    [
      '农民合作社',
      '天河区禾丰果蔬专业合作社',
      uscc(31),
      '天河区',
      '陈志强',
      '13800138000',
      new Date(Date.UTC(2019, 2, 15)),
      '是',
      '统一购买生产资料、技术指导与培训',
      100,
      '500,000',
    ],
    ['个体户', '天河区某某合作社', uscc(32), '440106', '李四', null, '2020/1/2', '否', null, 30, null],
  ];
  const p = await principalNamed(t.platform.ctx, 'tianhe-officer');
  const r = await runImport(t.platform.ctx, p, {
    plugin: 'guangzhou-demonstration',
    form: 'application',
    period: '2024',
    orgUnitId: '440106',
    mode: 'valid',
    fileName: 'apps.xlsx',
    locale: 'zh-CN',
    source: await xlsxOf(header, rows),
  });
  expect(r.ignoredColumns).toEqual([]);
  expect(r.counts).toEqual({ rows: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 });
  expect(r.rejected[0].row).toBe(3);
  expect(r.rejected[0].errors.map((e) => e.pointer)).toEqual(['/applicantType']);
  // The schema's refusal shows the value the row gave, as conversion errors do.
  expect(r.rejected[0].errors[0].message['zh-CN']).toBe('申报主体类型：应当是预设定的枚举值之一(填写的是“个体户”)');

  const rec = await t.platform.ctx.db.selectFrom('records').selectAll().where('form_id', '=', 'application').executeTakeFirstOrThrow();
  expect(rec.state).toBe('draft');
  expect(rec.subject).toBe(uscc(31));
  expect(rec.data).toMatchObject({
    applicantType: 'cooperative',
    name: '天河区禾丰果蔬专业合作社',
    district: '440106',
    legalRepresentative: { name: '陈志强', mobile: '13800138000' },
    registrationDate: '2019-03-15',
    isDistrictDemonstration: true,
    service: { serviceTypes: ['inputs', 'technical'] },
    membership: { memberCount: 100, memberCapital: 500000 },
  });
  // Compute rules ran as for a create through the API: registration 2019-03-15 → 5 whole years on 2024-05-06.
  expect(rec.data.yearsRegistered).toBe(5);
  expect((rec.results as any).score.total).toEqual(expect.any(Number));
});

it('fills the score sheet items that default to application fields (1.1.0), keeps a sheet value the row gives, and an update fills nothing', async () => {
  const header = [
    '申报主体类型',
    '合作社名称',
    '统一社会信用代码',
    '所在区',
    '/governance/assembliesPerYear',
    '/sheet/assembliesPerYear',
    '成员与出资/成员出资总额',
  ];
  const p = await principalNamed(t.platform.ctx, 'tianhe-officer');
  const run = async (rows: unknown[][]) =>
    runImport(t.platform.ctx, p, {
      plugin: 'guangzhou-demonstration',
      form: 'application',
      period: '2024',
      orgUnitId: '440106',
      mode: 'all',
      fileName: 'sheet.xlsx',
      locale: 'zh-CN',
      source: await xlsxOf(header, rows),
    });
  const first = await run([
    ['农民合作社', '天河区甲社', uscc(41), '天河区', 4, null, 300000],
    ['农民合作社', '天河区乙社', uscc(42), '天河区', 3, 2, null],
  ]);
  expect(first.ignoredColumns).toEqual([]);
  expect(first.counts).toMatchObject({ created: 2, rejected: 0 });
  const sheetOf = async (subject: string) =>
    (
      (await t.platform.ctx.db.selectFrom('records').select('data').where('subject', '=', subject).executeTakeFirstOrThrow()).data as {
        sheet?: Record<string, unknown>;
      }
    ).sheet;
  expect(await sheetOf(uscc(41))).toMatchObject({ assembliesPerYear: 4, memberCapital: 300000 });
  expect(await sheetOf(uscc(42))).toMatchObject({ assembliesPerYear: 2 });
  expect((await sheetOf(uscc(42)))?.memberCapital).toBeUndefined();

  // A row matching a record updates it, as an edit through the API, which fills nothing: the sheet's empty capital stays empty.
  const again = await run([['农民合作社', '天河区乙社', uscc(42), '天河区', null, null, 100000]]);
  expect(again.counts).toMatchObject({ created: 0, updated: 1, rejected: 0 });
  expect((await sheetOf(uscc(42)))?.memberCapital).toBeUndefined();
});
