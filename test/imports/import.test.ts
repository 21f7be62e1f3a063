// Importing records from spreadsheets into registry-demo's cooperative form (uniquePer subject: the credit code
// is the natural key), on a real PostgreSQL: good, bad and duplicate rows in both modes with the error file read
// back, re-import updating instead of duplicating, a record past its editable state left alone, org-unit
// columns, a GBK CSV, and refused files that import nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { runImport } from '../../platform/imports/run-import';
import type { ImportRequest } from '../../platform/imports/import-types';
import { HezuoError } from '../../platform/errors';
import { principalNamed, readSheet, toGbk, uscc, xlsxOf } from './helpers';

let t: TestPlatform;
let dir: string;
beforeAll(async () => {
  t = await startTestPlatform();
  dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-import-'));
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

const C = [uscc(1), uscc(2), uscc(3), uscc(4), uscc(5), uscc(6), uscc(7)];
const BAD_CODE = C[3].slice(0, 17) + (C[3][17] === '0' ? '1' : '0');
const HEADER = ['名称', '统一社会信用代码', '成员数', '手机号', '备注'];
// Row 1 is a title line, row 2 the header: data rows are 3…9.
const ROWS: unknown[][] = [
  ['甲合作社', C[0], 25, '13800138001', '好'], // 3 ok
  ['乙合作社', C[1], '1,234', null, null], // 4 ok: "1,234" is 1234
  ['丙合作社', C[2], 'abc', null, null], // 5 members not a number
  ['丁合作社', BAD_CODE, 8, null, null], // 6 credit code check character wrong
  ['甲合作社二', C[0], 30, null, null], // 7 same key as row 3
  ['戊', C[4], 9, null, null], // 8 name shorter than 2
  ['己合作社', C[5], 6, '12345', null], // 9 not a mobile number
];

async function importAs(username: string, over: Partial<ImportRequest> & Pick<ImportRequest, 'source'>) {
  const p = await principalNamed(t.platform.ctx, username);
  return runImport(t.platform.ctx, p, {
    plugin: 'registry-demo',
    form: 'cooperative',
    period: '2024',
    orgUnitId: '440106',
    mode: 'valid',
    fileName: 'coops.xlsx',
    locale: 'zh-CN',
    ...over,
  });
}

const recordsOf = (period: string) =>
  t.platform.ctx.db
    .selectFrom('records')
    .selectAll()
    .where('plugin_id', '=', 'registry-demo')
    .where('form_id', '=', 'cooperative')
    .where('period', '=', period)
    .orderBy('subject')
    .execute();

describe('import into registry-demo/cooperative', () => {
  it('mode valid: imports the good rows, rejects the bad and the duplicate, and says why in the error file', async () => {
    const file = await xlsxOf(HEADER, ROWS, '合作社名单(导入)');
    const r = await importAs('tianhe-officer', { source: file });
    expect(r.counts).toEqual({ rows: 7, created: 2, updated: 0, unchanged: 0, rejected: 5 });
    expect(r.committed).toBe(true);
    expect(r.ignoredColumns).toEqual(['备注']);

    const rows = await recordsOf('2024');
    expect(rows.map((x) => [x.subject, x.data.name, x.data.members, x.data.memberLabel, x.state, x.org_unit_id, x.revision])).toEqual(
      [
        [C[0], '甲合作社', 25, 'large', 'draft', '440106', 1],
        [C[1], '乙合作社', 1234, 'large', 'draft', '440106', 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(rows.find((x) => x.subject === C[0])!.data.phone).toBe('13800138001');
    // Rules ran: the results are stored as a create through the API stores them.
    expect((rows[0].results as any).passed).toContain('min-members');
    const audit = await t.platform.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where(
        'record_id',
        'in',
        rows.map((x) => x.id),
      )
      .execute();
    expect(audit.map((a) => [a.action, a.revision, a.comment])).toEqual([
      ['create', 1, '导入 import: coops.xlsx'],
      ['create', 1, '导入 import: coops.xlsx'],
    ]);

    const sheet = await readSheet(r.errorFile!);
    expect(sheet[0][0]).toBe('导入错误:coops.xlsx → 合作社 2024');
    expect(sheet[1]).toEqual(['行号', ...HEADER, '错误']);
    const lines = sheet.slice(2);
    expect(lines.map((l) => l[0])).toEqual([5, 6, 7, 8, 9]);
    expect(lines[0].slice(1, 4)).toEqual(['丙合作社', C[2], 'abc']);
    expect(lines[0][6]).toBe('【成员数】“成员数”应为数字(填写的是“abc”)');
    expect(lines[1][6]).toMatch(/^【统一社会信用代码】.*统一社会信用代码/);
    expect(lines[2][6]).toBe('【统一社会信用代码】与第 3 行重复(同一文件中关键字段相同)');
    expect(lines[3][6]).toMatch(/^【名称】/);
    expect(lines[4][6]).toMatch(/^【手机号】/);
    // The same errors as data: row, pointer, field, both languages.
    expect(r.rejected.map((x) => [x.row, x.errors.map((e) => e.pointer)])).toEqual([
      [5, ['/members']],
      [6, ['/creditCode']],
      [7, ['/creditCode']],
      [8, ['/name']],
      [9, ['/phone']],
    ]);
    expect(r.rejected[0].errors[0].message.en).toBe('"成员数" must be a number (got "abc")');
  });

  it('mode all: one rejected row and nothing is imported; the error file is the same, in English on request', async () => {
    const r = await importAs('tianhe-officer', { source: await xlsxOf(HEADER, ROWS), period: '2025', mode: 'all', locale: 'en' });
    expect(r.committed).toBe(false);
    expect(r.counts).toEqual({ rows: 7, created: 0, updated: 0, unchanged: 0, rejected: 5 });
    expect(await recordsOf('2025')).toEqual([]);
    const sheet = await readSheet(r.errorFile!);
    expect(sheet[0][0]).toBe('Import errors: coops.xlsx → Cooperative, 2025 (nothing was imported)');
    expect(sheet[1]).toEqual(['Row', ...HEADER, 'Errors']);
    // The header row is 1 here (no title line), so data rows are 2…8 and the rejected ones 4…8.
    expect(sheet.slice(2).map((l) => l[0])).toEqual([4, 5, 6, 7, 8]);
    expect(sheet[4][6]).toBe('【统一社会信用代码】Duplicate of row 2 (same key in this file)');
  });

  it('mode all with only good rows imports them all', async () => {
    const r = await importAs('tianhe-officer', { source: await xlsxOf(HEADER, [ROWS[0], ROWS[1]]), period: '2025', mode: 'all' });
    expect(r).toMatchObject({ committed: true, counts: { rows: 2, created: 2, rejected: 0 }, errorFile: null });
    expect((await recordsOf('2025')).length).toBe(2);
  });

  it('a re-import updates by the natural key (revision + 1, audit diff), leaves equal rows alone, creates new ones', async () => {
    const before = (await recordsOf('2024')).find((x) => x.subject === C[0])!;
    // Pointers as headers work too; the phone column is absent, so the stored phone stays.
    const r = await importAs('tianhe-officer', {
      source: await xlsxOf(
        ['/name', '/creditCode', '/members'],
        [
          ['甲合作社', C[0], 40],
          ['乙合作社', C[1], 1234],
          ['庚合作社', C[6], 12],
        ],
      ),
    });
    expect(r.counts).toEqual({ rows: 3, created: 1, updated: 1, unchanged: 1, rejected: 0 });
    const rows = await recordsOf('2024');
    expect(rows.length).toBe(3);
    const after = rows.find((x) => x.subject === C[0])!;
    expect(after.id).toBe(before.id);
    expect(after.revision).toBe(2);
    expect(after.data).toMatchObject({ members: 40, phone: '13800138001', memberLabel: 'large' });
    const audit = await t.platform.ctx.db.selectFrom('audit_events').selectAll().where('record_id', '=', after.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1].revision).toBe(2);
    expect(audit[1].changes).toEqual([{ pointer: '/members', from: 25, to: 40 }]);
    expect(audit[1].comment).toBe('导入 import: coops.xlsx');
  });

  it('does not overwrite a record that left its editable state; the row is rejected with the state', async () => {
    const rec = (await recordsOf('2024')).find((x) => x.subject === C[0])!;
    const officer = await t.login('tianhe-officer');
    const s = await t.call('POST', `/api/records/${rec.id}/transitions`, officer, { revision: rec.revision, transition: 'submit' });
    expect(s.status).toBe(200);
    const r = await importAs('tianhe-officer', { source: await xlsxOf(['名称', '统一社会信用代码', '成员数'], [['甲合作社', C[0], 50]]) });
    expect(r.counts).toMatchObject({ rows: 1, updated: 0, rejected: 1 });
    expect(r.rejected[0].errors[0].message['zh-CN']).toBe('已有记录处于“已提交”状态,不能通过导入修改');
    const still = (await recordsOf('2024')).find((x) => x.subject === C[0])!;
    expect(still.data.members).toBe(40);
    expect(still.revision).toBe(rec.revision + 1);
  });

  it("places rows by an org-unit column (code or name) within the user's units only", async () => {
    const r = await importAs('tianhe-officer', {
      period: '2026',
      orgUnitId: undefined,
      source: await xlsxOf(
        ['组织机构', '名称', '统一社会信用代码', '成员数'],
        [
          ['天河区', '甲合作社', C[0], 9],
          ['440106', '乙合作社', C[1], 9],
          ['白云区', '丙合作社', C[2], 9],
          [null, '丁合作社', C[3], 9],
        ],
      ),
    });
    expect(r.counts).toMatchObject({ rows: 4, created: 2, rejected: 2 });
    expect(r.rejected.map((x) => [x.row, x.errors[0].message.en])).toEqual([
      [4, 'Org unit "白云区" does not exist or is outside your units'],
      [5, 'No org unit in the row and no default org unit for the import'],
    ]);
    expect((await recordsOf('2026')).map((x) => x.org_unit_id)).toEqual(['440106', '440106']);
  });

  it('refuses a file whose columns map to nothing, or without the key column, importing nothing', async () => {
    const none = await runImport(t.platform.ctx, await principalNamed(t.platform.ctx, 'tianhe-officer'), {
      plugin: 'registry-demo',
      form: 'cooperative',
      period: '2027',
      orgUnitId: '440106',
      mode: 'valid',
      fileName: 'x.csv',
      locale: 'zh-CN',
      source: Buffer.from('甲,乙\n1,2\n'),
    }).catch((e) => e);
    expect(none).toBeInstanceOf(HezuoError);
    expect(none.code).toBe('IMPORT_MAPPING_INVALID');
    const noKey = await importAs('tianhe-officer', { period: '2027', source: Buffer.from('名称,成员数\n甲合作社,5\n') }).catch((e) => e);
    expect(noKey.code).toBe('IMPORT_MAPPING_INVALID');
    expect(noKey.details[0]).toMatchObject({ pointer: '/creditCode' });
    expect(await recordsOf('2027')).toEqual([]);
  });

  it('imports a GBK CSV as Chinese Excel saves it', async () => {
    const csv = toGbk(`名称,统一社会信用代码,成员数\r\n天河区禾丰果蔬专业合作社,${C[4]},"1,500"\r\n`);
    expect(csv.includes(Buffer.from('合作社', 'utf8'))).toBe(false);
    const r = await importAs('tianhe-officer', { period: '2028', source: csv, fileName: 'gbk.csv' });
    expect(r.counts).toMatchObject({ created: 1, rejected: 0 });
    const [row] = await recordsOf('2028');
    expect(row.data).toMatchObject({ name: '天河区禾丰果蔬专业合作社', creditCode: C[4], members: 1500 });
  });

  it('refuses a file that is not a spreadsheet, and a 1,000,000-row CSV, importing nothing', async () => {
    const e1 = await importAs('tianhe-officer', { period: '2029', source: Buffer.from('%PDF-1.4 …') }).catch((e) => e);
    expect(e1.code).toBe('IMPORT_FILE_INVALID');
    const file = path.join(dir, 'million.csv');
    const out = createWriteStream(file);
    out.write('名称,统一社会信用代码,成员数\r\n');
    for (let i = 0; i < 1_000_000; i += 10_000) {
      let chunk = '';
      for (let j = i; j < i + 10_000; j++) chunk += `合作社${j},${C[j % 7]},${j % 50}\r\n`;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
    const e2 = await importAs('tianhe-officer', { period: '2029', source: file }).catch((e) => e);
    expect(e2.code).toBe('IMPORT_TOO_MANY_ROWS');
    expect(await recordsOf('2029')).toEqual([]);
  });

  it('the user must hold the create role where rows go', async () => {
    const r = await importAs('tianhe-reviewer', { period: '2030', source: await xlsxOf(HEADER, [ROWS[0]]) });
    expect(r.counts).toMatchObject({ created: 0, rejected: 1 });
    expect(r.rejected[0].errors[0].message.en).toBe('You may not fill this form at that org unit');
    await writeFile(path.join(dir, 'unused'), '');
  });
});
