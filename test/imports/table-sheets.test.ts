// Table fields imported from detail sheets (主表/明细表), with the neutral table-demo plugin: the main sheet holds
// three farms, the 收成明细 sheet their harvests by farm code; a detail row whose code no farm has and one with a bad
// number are errors naming sheet and row; mode `valid` keeps the good farms' tables; a CSV says in a note that its
// tables are not imported; the template (one sheet per table) imports unchanged. Then the Heshui ledger with its
// dividends sheet, whose arrears total is checked through the API.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { REPO_ROOT } from '../../platform/boot/config';
import { runImport } from '../../platform/imports/run-import';
import { importTemplate } from '../../platform/imports/import-template';
import type { ImportRequest } from '../../platform/imports/import-types';
import { principalNamed, uscc } from './helpers';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({
    pluginsDirs: [path.join(REPO_ROOT, 'test/imports/table-plugins'), BUNDLED_PLUGINS],
    now: '2023-04-07T02:00:00Z',
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function book(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const farms = (period: string, over: Partial<ImportRequest> & Pick<ImportRequest, 'source'>) =>
  principalNamed(t.platform.ctx, 'tianhe-officer').then((p) =>
    runImport(t.platform.ctx, p, {
      plugin: 'table-demo',
      form: 'farm',
      period,
      orgUnitId: '440106',
      mode: 'all',
      fileName: 'farms.xlsx',
      locale: 'zh-CN',
      ...over,
    }),
  );

const stored = async (period: string) =>
  Object.fromEntries(
    (
      await t.platform.ctx.db
        .selectFrom('records')
        .select(['subject', 'data'])
        .where('form_id', '=', 'farm')
        .where('period', '=', period)
        .execute()
    ).map((r) => [r.subject, r.data as Record<string, unknown>]),
  );

const MAIN = [
  ['农场编号', '名称', '成员数'],
  ['F001', '东农场', 12],
  ['F002', '西农场', 5],
  ['F003', '南农场', 7],
];
const HARVESTS = [
  ['编号', '收获年份', '作物', '产量(吨)'],
  ['F001', 2022, '小麦', 10],
  ['F002', 2022, '玉米', '8'],
  ['F001', 2023, '玉米', '12.5'],
  ['F002', 2023, '小麦', '很多'],
  ['F009', 2023, '小麦', 3],
  ['F001', 2024, 'wheat', '0.5万'],
];

describe('table fields from detail sheets', () => {
  it('mode all: a bad number and an unknown key are errors with sheet and row, and nothing is written', async () => {
    const r = await farms('2021', { source: await book({ 主表: MAIN, 收成明细: HARVESTS }) });
    expect(r.committed).toBe(false);
    expect(r.counts).toMatchObject({ rows: 3, rejected: 2 });
    const errors = r.rejected.flatMap((x) => x.errors.map((e) => [x.row, e.sheet, e.row, e.pointer, e.keyword]));
    expect(errors).toEqual([
      [3, '收成明细', 5, '/harvests/1/tons', 'type'],
      [6, '收成明细', 6, '', 'detailKey'],
    ]);
    expect(r.rejected[0].errors[0].message['zh-CN']).toContain('明细表“收成明细”第 5 行');
    expect(r.rejected[1].errors[0].message['zh-CN']).toBe('明细表“收成明细”第 6 行:主表中没有编号为 F009 的记录');
    expect(r.detailSheets).toEqual([
      {
        table: '/harvests',
        title: { 'zh-CN': '收成', en: '收成' },
        sheet: '收成明细',
        headerRows: [1],
        columns: [
          { column: 0, header: '编号', field: '/code' },
          { column: 1, header: '收获年份', field: '/year' },
          { column: 2, header: '作物', field: '/crop' },
          { column: 3, header: '产量(吨)', field: '/tons' },
        ],
        rows: 6,
      },
    ]);
    expect(r.notes.map((n) => n['zh-CN'])).toEqual([expect.stringContaining('“设备”')]);
    expect(await stored('2021')).toEqual({});
  });

  it('mode valid: the good farms are stored with their tables, in sheet order', async () => {
    const r = await farms('2022', { mode: 'valid', source: await book({ 主表: MAIN, 收成明细: HARVESTS }) });
    expect(r.committed).toBe(true);
    expect(r.counts).toMatchObject({ rows: 3, created: 2, rejected: 2 });
    const s = await stored('2022');
    expect(Object.keys(s).sort()).toEqual(['F001', 'F003']);
    expect(s.F001.harvests).toEqual([
      { year: 2022, crop: 'wheat', tons: 10 },
      { year: 2023, crop: 'corn', tons: 12.5 },
      { year: 2024, crop: 'wheat', tons: 5000 },
    ]);
    expect(s.F003.harvests).toBeUndefined();
  });

  it('a CSV imports its records and says its tables are not imported', async () => {
    const csv = Buffer.from(MAIN.map((r) => r.join(',')).join('\n'), 'utf8');
    const r = await farms('2023', { source: csv, fileName: 'farms.csv' });
    expect(r.counts).toMatchObject({ created: 3, rejected: 0 });
    expect(r.detailSheets).toEqual([]);
    expect(r.notes.map((n) => n['zh-CN'])).toEqual([expect.stringMatching(/^CSV 文件只有一张表,表格字段 “收成”、“设备” 不导入/)]);
  });

  it('the template has a sheet per table and imports unchanged', async () => {
    const { plugin, form } = t.platform.ctx.registry.form('table-demo', 'farm');
    const tpl = await importTemplate(plugin, form, 'xlsx', 'zh-CN');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.bytes as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['导入模板', '收成', '设备', '填表说明']);
    expect((wb.getWorksheet('收成')!.getRow(1).values as unknown[]).slice(1)).toEqual(['编号', '年度', '作物', '产量(吨)']);
    expect((wb.getWorksheet('收成')!.getRow(2).values as unknown[]).slice(1)).toEqual(['F100', '2000', '小麦', '1000']);
    // The main sheet leaves the tables to their sheets.
    expect((wb.getWorksheet('导入模板')!.getRow(2).values as unknown[]).slice(1)).toEqual(['组织机构', '编号', '名称', '成员数(人)']);
    const r = await farms('2024', { source: tpl.bytes });
    expect(r.rejected).toEqual([]);
    expect(r.counts).toMatchObject({ created: 1, rejected: 0 });
    expect(r.detailSheets.map((d) => [d.sheet, d.rows, d.columns.map((c) => c.field)])).toEqual([
      ['收成', 1, ['/code', '/year', '/crop', '/tons']],
      ['设备', 1, ['/code', '/kind', '/count']],
    ]);
    expect((await stored('2024')).F100).toMatchObject({
      harvests: [{ year: 2000, crop: 'wheat', tons: 1000 }],
      machines: [{ kind: '示例设备名称', count: 10 }],
    });
  });
});

describe('the Heshui ledger with its funding and dividends sheets', () => {
  const A = uscc(1, '93621024MA7H');
  const B = uscc(2, '93621024MA7H');
  const MAIN_HEADER = [
    '主体名称',
    '统一社会信用代码',
    '主体类型',
    '入股农户数',
    '运营状况',
    '评估结论:债务负担过重',
    '评估结论:严重亏损',
    '有继续带动农户的意愿',
    '管理混乱、能力不足',
    '审计发现问题数',
    '其中已整改',
    '存在违规套取、侵占资金、骗取扶持',
  ];
  const entity = (name: string, code: string) => [
    name,
    code,
    '带农合作社',
    100,
    '经营状况良好、运行正常',
    '否',
    '否',
    '是',
    '否',
    0,
    0,
    '否',
  ];

  it('imports each entity with its tables; the arrears total adds each year up to 2022 without offsetting overpaid years', async () => {
    const source = await book({
      台账: [MAIN_HEADER, entity('甲养殖专业合作社', A), entity('乙种植专业合作社', B)],
      入股及建设资金: [
        ['统一社会信用代码', '资金来源', '金额(元)'],
        [A, '建档立卡贫困户到户产业扶持资金', '50万'],
        [B, '自有及其他资金', 200000],
        [A, '自有及其他资金', 100000],
      ],
      分红兑付明细: [
        ['统一社会信用代码', '分红年度', '分红对象', '应分红金额', '已兑付(元)'],
        [A, 2020, '村集体', 1000, 1500],
        [A, 2021, '入股农户', '4万', 40000],
        [A, 2022, '入股农户', 30000, 20000],
        [A, 2022, '村集体', 5000, 0],
        [A, 2023, '入股农户', 30000, 0],
      ],
    });
    const p = await principalNamed(t.platform.ctx, 'xihuachi-officer');
    const r = await runImport(t.platform.ctx, p, {
      plugin: 'heshui-remediation',
      form: 'ledger',
      period: '2023-remediation',
      orgUnitId: '621024100',
      mode: 'all',
      fileName: 'ledger.xlsx',
      locale: 'zh-CN',
      source,
    });
    expect(r.rejected.flatMap((x) => x.errors.map((e) => `${e.sheet ?? ''} ${e.row} ${e.pointer} ${e.message['zh-CN']}`))).toEqual([]);
    expect(r.counts).toMatchObject({ rows: 2, created: 2, rejected: 0 });
    expect(r.detailSheets.map((d) => [d.table, d.sheet, d.rows])).toEqual([
      ['/funding', '入股及建设资金', 3],
      ['/dividends', '分红兑付明细', 5],
    ]);
    expect(r.notes).toEqual([]);

    const token = await t.login('xihuachi-officer');
    const ids = await t.platform.ctx.db
      .selectFrom('records')
      .select(['id', 'subject'])
      .where('form_id', '=', 'ledger')
      .where('subject', 'in', [A, B])
      .execute();
    const read = async (code: string) => (await t.call('GET', `/api/records/${ids.find((x) => x.subject === code)!.id}`, token)).body;
    const a = await read(A);
    expect(a.data.funding).toEqual([
      { source: 'household-industry', amount: 500000 },
      { source: 'own', amount: 100000 },
    ]);
    expect(a.data.dividends.map((d: any) => [d.year, d.payee, d.due, d.paid])).toEqual([
      [2020, 'collective', 1000, 1500],
      [2021, 'households', 40000, 40000],
      [2022, 'households', 30000, 20000],
      [2022, 'collective', 5000, 0],
      [2023, 'households', 30000, 0],
    ]);
    // Up to 2022: due 1000 + 40000 + 30000 + 5000, paid 1500 + 40000 + 20000 + 0; arrears 0 + 0 + 10000 + 5000
    // (2020's 500 overpaid does not offset them).
    expect(a.data.totals).toEqual({ due: 76000, paid: 61500, arrears: 15000 });
    const b = await read(B);
    expect(b.data.funding).toEqual([{ source: 'own', amount: 200000 }]);
    expect(b.data.totals.arrears).toBe(0);
  });
});
