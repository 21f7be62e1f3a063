// A form's import template: downloaded, filled in as a person would (the example row replaced, values typed the way
// people type them), imported unchanged, and the records stored with every filled column.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { runImport } from '../../platform/imports/run-import';
import { principalNamed, uscc } from './helpers';

let t: TestPlatform;
let officer: string;
beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS] });
  officer = await t.login('tianhe-officer');
});
afterAll(async () => {
  await t?.close();
});

const URL = '/api/plugins/guangzhou-demonstration/forms/application/import-template';

async function download(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `${URL}${query}`, headers: { authorization: `Bearer ${officer}` } });
  return { status: res.statusCode, type: String(res.headers['content-type']), bytes: res.rawPayload, body: res.body };
}

it('gives an .xlsx with a title line, headers with units, an example row, text code columns and a 填表说明 sheet', async () => {
  const r = await download('?format=xlsx&lang=zh-CN');
  expect(r.status).toBe(200);
  expect(r.type).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.bytes as never);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['导入模板', '填表说明']);
  const ws = wb.worksheets[0];
  expect(String(ws.getCell(1, 1).value)).toMatch(/^市级示范社申报导入模板/);
  const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
  expect(header[0]).toBe('组织机构');
  // Two fields are titled 成员出资总额 (成员与出资 and 评分表): the header is the path, with the field's unit.
  expect(header).toContain('成员与出资/成员出资总额(元)');
  expect(header).toContain('年农机作业面积(亩)');
  expect(header).toContain('统一社会信用代码');
  const code = header.indexOf('统一社会信用代码') + 1;
  expect(ws.getColumn(code).numFmt).toBe('@');
  expect(ws.getCell(3, code).value).toBe('91110000710925462X');
  expect(ws.getCell(3, header.indexOf('所在区') + 1).value).toBe('荔湾区');

  const guide = wb.worksheets[1];
  expect((guide.getRow(1).values as unknown[]).slice(1)).toEqual(['列名', '含义', '格式', '是否必填', '可选值', '示例']);
  const rows = new Map<string, unknown[]>();
  guide.eachRow((row) => rows.set(String((row.values as unknown[])[1]), (row.values as unknown[]).slice(1)));
  expect(rows.get('统一社会信用代码')?.slice(2, 4)).toEqual(['统一社会信用代码（GB 32100-2015）', '必填']);
  expect(rows.get('所在区')?.[4]).toBe('荔湾区、越秀区、海珠区、天河区、白云区、黄埔区、番禺区、花都区、南沙区、从化区、增城区');
  expect(rows.get('办公经营场所地址')?.slice(2, 4)).toEqual(['文本,不超过 200 个字', '选填']);
});

it('imports the filled template unchanged: every filled column stored, typed values converted', async () => {
  const r = await download('?format=xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.bytes as never);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
  const col = (h: string) => header.indexOf(h) + 1;
  // The person replaces the example row with two cooperatives of their own.
  ws.spliceRows(3, 1);
  const fill = (row: number, values: Record<string, unknown>) => {
    for (const [h, v] of Object.entries(values)) {
      expect(col(h)).toBeGreaterThan(0);
      ws.getCell(row, col(h)).value = v as ExcelJS.CellValue;
    }
  };
  fill(3, {
    申报主体类型: '农民合作社',
    合作社名称: '天河区模板果蔬专业合作社',
    统一社会信用代码: uscc(701).toLowerCase(),
    所在区: '天河区',
    手机号码: '138-1000-7919',
    '成员总数(合作社填写)': '103人',
    '成员与出资/成员出资总额(元)': '30万元',
    '年农机作业面积(亩)': '1,200亩',
    注册登记日期: '2019年3月15日',
  });
  fill(4, { 申报主体类型: '农民合作社', 合作社名称: '天河区模板稻米专业合作社', 统一社会信用代码: uscc(702), 所在区: '天河区' });
  // Row 5 as a district merged down the sheet leaves it: an empty 所在区, which the draft may lack but is told.
  fill(5, { 申报主体类型: '农民合作社', 合作社名称: '天河区模板花卉专业合作社', 统一社会信用代码: uscc(703) });
  const filled = Buffer.from(await wb.xlsx.writeBuffer());

  const p = await principalNamed(t.platform.ctx, 'tianhe-officer');
  const result = await runImport(t.platform.ctx, p, {
    plugin: 'guangzhou-demonstration',
    form: 'application',
    period: '2025',
    orgUnitId: '440106',
    mode: 'all',
    fileName: 'template.xlsx',
    locale: 'zh-CN',
    source: filled,
  });
  expect(result.rejected).toEqual([]);
  expect(result.ignoredColumns).toEqual([]);
  expect(result.counts).toMatchObject({ rows: 3, created: 3, rejected: 0 });
  expect(result.warnings.map((w) => [w.row, w.errors.map((e) => [e.pointer, e.keyword, e.field?.['zh-CN']])])).toEqual([
    [5, [['/district', 'required', '所在区']]],
  ]);
  const stored = await t.platform.ctx.db
    .selectFrom('records')
    .select(['subject', 'data'])
    .where('form_id', '=', 'application')
    .where('period', '=', '2025')
    .where('subject', '=', uscc(701))
    .executeTakeFirstOrThrow();
  const data = stored.data as any;
  expect(data.legalRepresentative.mobile).toBe('13810007919');
  expect(data.membership.memberCount).toBe(103);
  expect(data.membership.memberCapital).toBe(300000);
  expect(data.machinery.workAreaMu).toBe(1200);
  expect(data.registrationDate).toBe('2019-03-15');
  expect(data.district).toBe('440106');
});

it('gives a .csv (UTF-8 with BOM, title line, header, example row) and refuses an unknown format', async () => {
  const r = await download('?format=csv&lang=zh-CN');
  expect(r.status).toBe(200);
  expect(r.type).toContain('text/csv');
  const lines = r.body.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toMatch(/^"市级示范社申报导入模板/);
  expect(lines[1].split(',').slice(0, 3)).toEqual(['组织机构', '申报主体类型', '合作社名称']);
  expect(lines[2].split(',').slice(0, 3)).toEqual(['', '农民合作社', '示例合作社名称']);
  expect((await download('?format=pdf')).status).toBe(400);
  expect((await download('?format=xlsx').then(() => t.call('GET', URL.replace('application', 'nope'), officer))).status).toBe(404);
});
