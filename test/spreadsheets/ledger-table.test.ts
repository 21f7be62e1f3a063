// Finding the table in a ledger (issue 14), below the import: the sheet and header rows that best match a
// form's columns (here a plain list of titles), two-level merged headers as title paths, hidden rows and columns
// left out, cells merged down filled, rows that are not records skipped with their reasons; the layout scan of a
// sheet's XML read in chunks cut anywhere; and a table opened without a matcher read exactly as before.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openTable, summariseTable, type HeaderMatcher } from '../../platform/spreadsheets/read-table';
import { scanSheetLayout } from '../../platform/spreadsheets/sheet-scan';
import { skipReason, sequenceColumn } from '../../platform/spreadsheets/row-skips';
import { mergeFiller } from '../../platform/spreadsheets/merge-fill';
import type { Cell } from '../../platform/spreadsheets/raw-rows';
import { HezuoError } from '../../platform/errors';

const TITLES = new Set(['名称', '代码', '乡镇', '人数', '出资人数', '电话']);
/** A column matches when its leaf title, brackets dropped, is one of TITLES. */
const matches: HeaderMatcher = (path) => TITLES.has(path[path.length - 1].replace(/\(.*\)$/, ''));

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function read(input: Buffer, m?: HeaderMatcher) {
  const t = await openTable(input, {}, m);
  const rows: unknown[][] = [];
  for await (const r of t.rows) rows.push([r.rowNumber, ...r.cells]);
  await t.close();
  return { sheet: t.sheet, header: t.header, headerRows: t.headerRows, rows, skipped: t.skipped };
}

// An instructions sheet naming one column, then the ledger: title, unit/date line, a two-level header (成员情况
// merged over 人数 / 出资人数, 名称 and 乡镇 merged down), a hidden helper column, a township merged down three rows,
// a hidden row, a template row, a total and a signature.
const LEDGER = () =>
  workbook((wb) => {
    const help = wb.addWorksheet('填表说明');
    help.addRow(['填表说明']);
    help.addRow(['代码', '填写18位代码']);
    const ws = wb.addWorksheet('台账');
    ws.addRow(['某某台账']); // 1
    ws.addRow(['填报单位:某某局', null, null, '填报日期:2024-05-06']); // 2
    ws.addRow(['序号', '名称', '辅助', '乡镇', '成员情况', null, '电话']); // 3
    ws.addRow([null, null, null, null, '人数(人)', '出资人数', null]); // 4
    ws.addRow([1, '甲社', 'x', '东镇', 10, 2, '13800138001']); // 5
    ws.addRow([2, '乙社', 'x', null, 11, 3, null]); // 6
    ws.addRow(['例', '示例社', 'x', '西镇', 1, 1, null]); // 7 hidden
    ws.addRow([3, '丙社', 'x', null, 12, 4, null]); // 8
    ws.addRow([4]); // 9
    ws.addRow(['合 计', null, null, null, 33, 9, null]); // 10
    ws.addRow(['填报人:张三', null, '审核人:李四']); // 11
    for (const c of ['A', 'B', 'C', 'D', 'G']) ws.mergeCells(`${c}3:${c}4`);
    ws.mergeCells('E3:F3');
    ws.mergeCells('D5:D8');
    ws.getColumn(3).hidden = true;
    ws.getRow(7).hidden = true;
  });

describe('finding the table', () => {
  it('reads the best-matching sheet and two header rows, fills merged cells down, leaves hidden ones out, skips non-records', async () => {
    const t = await read(await LEDGER(), matches);
    expect(t.sheet).toBe('台账');
    expect(t.headerRows).toEqual([3, 4]);
    expect(t.header).toEqual(['序号', '名称', '乡镇', '成员情况/人数(人)', '成员情况/出资人数', '电话']);
    expect(t.rows).toEqual([
      [5, 1, '甲社', '东镇', 10, 2, '13800138001'],
      [6, 2, '乙社', '东镇', 11, 3, null],
      [8, 3, '丙社', '东镇', 12, 4, null],
    ]);
    expect(t.skipped).toEqual({
      count: 4,
      byReason: { hidden: 1, numberOnly: 1, total: 1, signature: 1 },
      rows: [
        { row: 7, reason: 'hidden' },
        { row: 9, reason: 'numberOnly' },
        { row: 10, reason: 'total' },
        { row: 11, reason: 'signature' },
      ],
    });
  });

  it('says which rows were read after the header', async () => {
    const s = await summariseTable(await LEDGER(), {}, matches);
    expect(s).toMatchObject({ rows: 3, sheet: '台账', headerRows: [3, 4], dataRows: { first: 5, last: 11 } });
  });

  it('counts empty rows between records as skipped', async () => {
    const t = await read(Buffer.from('名称,人数\n甲社,3\n,\n乙社,4\n'), matches);
    expect([t.rows, t.skipped]).toEqual([
      [
        [2, '甲社', '3'],
        [4, '乙社', '4'],
      ],
      { count: 1, byReason: { empty: 1 }, rows: [{ row: 3, reason: 'empty' }] },
    ]);
  });

  it('does not take a title line over a one-row header for a two-level header', async () => {
    const csv = Buffer.from('某某台账,,\r\n名称,人数,电话\r\n甲社,3,\r\n');
    const t = await read(csv, matches);
    expect([t.sheet, t.headerRows, t.header, t.rows]).toEqual([null, [2], ['名称', '人数', '电话'], [[3, '甲社', '3', '']]]);
  });

  it('reads a CSV two-level header (no merges): a group over its first sub-column, the rest by their leaves', async () => {
    const csv = Buffer.from('序号,名称,成员情况,\n,,人数,出资人数\n1,甲社,5,2\n');
    const t = await read(csv, matches);
    expect([t.headerRows, t.header, t.rows]).toEqual([[1, 2], ['序号', '名称', '成员情况/人数', '出资人数'], [[3, '1', '甲社', '5', '2']]]);
  });

  it('falls back to the first row with two filled cells when nothing matches', async () => {
    const t = await read(Buffer.from('标题\n甲,乙\n1,2\n'), matches);
    expect([t.headerRows, t.header, t.rows]).toEqual([[2], ['甲', '乙'], [[3, '1', '2']]]);
  });

  it('without a matcher reads the first sheet as before: no sheet choice, no rows skipped', async () => {
    const t = await read(await LEDGER());
    expect([t.sheet, t.headerRows, t.header]).toEqual(['填表说明', [2], ['代码', '填写18位代码']]);
    const csv = await read(Buffer.from('名称,人数\n甲社,3\n合计,3\n'));
    expect(csv.rows).toEqual([
      [2, '甲社', '3'],
      [3, '合计', '3'],
    ]);
    expect(csv.skipped.count).toBe(0);
  });
});

describe('rows that are not records', () => {
  const header = ['序号', '名称', '电话'];
  const seq = sequenceColumn(header);
  it.each([
    [[null, ' ', ''], 'empty'],
    [['合 计', null, 5], 'total'],
    [[null, '小计', 5], 'total'],
    [['本页合计', null, null], 'total'],
    [['联系电话:020-1234', null, null], 'signature'],
    [['单位负责人:王五', null, '填表人:赵六'], 'signature'],
    [['注:本表单位为元', null, null], 'note'],
    [['注1.单位为元', null, null], 'note'],
    [['说明:……', null, null], 'note'],
    [[12, null, null], 'numberOnly'],
    [['序号', '名称', '电话'], 'header'],
    [[1, '注册社', null], null],
    [[1, '甲社', '13800138001'], null],
    [[null, '合作社负责人培训社', null], null],
  ] as const)('%j → %s', (cells, reason) => {
    expect(skipReason([...cells], header, seq)).toBe(reason);
  });
});

describe('the layout scan of a sheet', () => {
  it('finds hidden rows and columns and merged ranges, whatever the chunk boundaries', async () => {
    const xml =
      '<worksheet><cols><col min="2" max="3" width="0" hidden="1"/><col min="5" max="5" width="9"/></cols><sheetData>' +
      '<row r="1"><c r="A1"/></row><row r="2" hidden="1" spans="1:3"><c r="A2"/></row><row r="3" hidden="0"/></sheetData>' +
      '<mergeCells count="2"><mergeCell ref="B4:B23"/><mergeCell ref="A1:C1"/></mergeCells></worksheet>';
    for (const size of [1, 5, 7, 64, xml.length]) {
      const parts: Buffer[] = [];
      for (let i = 0; i < xml.length; i += size) parts.push(Buffer.from(xml.slice(i, i + size), 'latin1'));
      const layout = await scanSheetLayout(Readable.from(parts));
      expect([...layout.hiddenRows]).toEqual([2]);
      expect([...layout.hiddenColumns]).toEqual([1, 2]);
      expect(layout.merges).toEqual([
        { top: 1, left: 1, bottom: 1, right: 3 },
        { top: 4, left: 2, bottom: 23, right: 2 },
      ]);
    }
  });
});

describe('merged ranges in a hostile file', () => {
  it('refuses a sheet whose rows are each covered by more merged ranges than a sheet has columns', async () => {
    const fill = mergeFiller(Array.from({ length: 1001 }, () => ({ top: 1, left: 1, bottom: 100_000, right: 1 })));
    expect(() => fill(1, ['x'])).toThrow(HezuoError);
  });

  it('fills a range merged down from its top-left cell and reports one within a row', () => {
    const fill = mergeFiller([
      { top: 1, left: 1, bottom: 1, right: 3 },
      { top: 2, left: 2, bottom: 4, right: 2 },
    ]);
    const rows: Cell[][] = [
      ['组', null, null],
      [1, '东镇'],
      [2, null],
      [3, null, 'z'],
      [4, null],
    ];
    expect(rows.map((r, i) => fill(i + 1, r))).toEqual([[[0, 2]], [], [], [], []]);
    expect(rows).toEqual([
      ['组', null, null],
      [1, '东镇'],
      [2, '东镇'],
      [3, '东镇', 'z'],
      [4, null],
    ]);
  });
});

describe('column definitions in a hostile file', () => {
  it('refuses a sheet repeating hidden column ranges past ten times what Excel has', async () => {
    const tag = '<col min="1" max="16384" hidden="1"/>';
    const xml = `<worksheet><cols>${tag.repeat(11)}</cols><sheetData/></worksheet>`;
    await expect(scanSheetLayout(Readable.from([Buffer.from(xml)]))).rejects.toThrow(HezuoError);
    const ok = await scanSheetLayout(Readable.from([Buffer.from(`<worksheet><cols>${tag.repeat(10)}</cols></worksheet>`)]));
    expect(ok.hiddenColumns.size).toBe(16384);
  });
});
