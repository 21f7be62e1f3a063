// The writers the reports and the import error files use: an .xlsx read back with exceljs shows the values,
// number formats, merged bold title lines, widths and the frozen header; a CSV has the BOM, RFC 4180 quoting,
// CRLF, and neither writer lets a cell become a formula.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../../platform/spreadsheets/write-xlsx';
import { writeCsv } from '../../platform/spreadsheets/write-csv';
import { displayWidth, type SheetTable } from '../../platform/spreadsheets/sheet-table';

const table: SheetTable = {
  sheetName: '申报汇总',
  titleLines: ['市级示范社申报汇总', '2024 年度 · 天河区 · 生成于 2024-05-06 10:00'],
  columns: [
    { key: 'name', header: '合作社名称' },
    { key: 'members', header: '成员数', format: 'integer' },
    { key: 'share', header: '交易成员占比', format: 'percent' },
    { key: 'capital', header: '出资额(元)', format: 'number', decimals: 2, width: 14 },
    { key: 'day', header: '注册日期', format: 'date' },
    { key: 'at', header: '提交时间', format: 'datetime' },
  ],
  rows: [
    { name: '天河区禾丰果蔬专业合作社', members: 1234, share: 0.853, capital: 500000.5, day: '2019-03-15', at: '2024-05-06T02:30:00Z' },
    { name: '=HYPERLINK("http://evil","点我")', members: -3, share: null, capital: 0, day: null, at: null },
    { name: '@SUM(A1)', members: 7, share: 1, capital: 12.345, day: '2020-01-02', at: null },
  ],
};

describe('writeXlsx', () => {
  it('reads back with titles, header, values, formats, widths and a frozen header', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(table)) as any);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('申报汇总');
    // Title lines: merged across all six columns, bold, the first larger.
    expect(ws.getCell('A1').value).toBe('市级示范社申报汇总');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell('A2').value).toBe('2024 年度 · 天河区 · 生成于 2024-05-06 10:00');
    expect(ws.getCell('F1').isMerged).toBe(true);
    expect((ws.getCell('F1').master as ExcelJS.Cell).address).toBe('A1');
    expect((ws.getCell('F2').master as ExcelJS.Cell).address).toBe('A2');
    // Header row 3, bold, frozen below it.
    expect(ws.getRow(3).values).toEqual([undefined, '合作社名称', '成员数', '交易成员占比', '出资额(元)', '注册日期', '提交时间']);
    expect(ws.getCell('A3').font).toMatchObject({ bold: true });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    // Values stay typed; formats per column.
    expect(ws.getCell('B4').value).toBe(1234);
    expect(ws.getCell('B4').numFmt).toBe('#,##0');
    expect(ws.getCell('C4').value).toBe(0.853);
    expect(ws.getCell('C4').numFmt).toBe('0.0%');
    expect(ws.getCell('D4').value).toBe(500000.5);
    expect(ws.getCell('D4').numFmt).toBe('#,##0.00');
    expect(ws.getCell('E4').value).toEqual(new Date(Date.UTC(2019, 2, 15)));
    expect(ws.getCell('E4').numFmt).toBe('yyyy-mm-dd');
    // 02:30 UTC is 10:30 in the platform's zone (Asia/Shanghai), which is what Excel must show.
    expect(ws.getCell('F4').value).toEqual(new Date(Date.UTC(2024, 4, 6, 10, 30, 0)));
    expect(ws.getCell('F4').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    // Widths: given (14), or the widest cell with CJK counted double, plus 2.
    expect(ws.getColumn(4).width).toBe(14);
    // Column A's widest cell is the 32-wide formula text (30 characters, 点我 counted double), wider than the name (24).
    expect(displayWidth('天河区禾丰果蔬专业合作社')).toBe(24);
    expect(displayWidth('=HYPERLINK("http://evil","点我")')).toBe(32);
    expect(ws.getColumn(1).width).toBe(34);
    expect(ws.getColumn(2).width).toBe(displayWidth('成员数') + 2);
    // Formula injection: text cells starting with = or @ are prefixed, never formulas.
    expect(ws.getCell('A5').value).toBe('\'=HYPERLINK("http://evil","点我")');
    expect(ws.getCell('A6').value).toBe("'@SUM(A1)");
    expect(ws.getCell('B5').value).toBe(-3); // a negative number is a number, not text
    expect(ws.getCell('C5').value).toBe(null);
  });

  it('writes a table without title lines with the header in row 1', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx({ ...table, titleLines: [], sheetName: 'a/b:c' })) as any);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('a b c');
    expect(ws.getCell('A1').value).toBe('合作社名称');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('writeCsv', () => {
  const csv = writeCsv(table);
  it('starts with a BOM, ends lines with CRLF, and writes the title lines first', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('市级示范社申报汇总');
    expect(lines[1]).toBe('2024 年度 · 天河区 · 生成于 2024-05-06 10:00');
    expect(lines[2]).toBe('合作社名称,成员数,交易成员占比,出资额(元),注册日期,提交时间');
    expect(lines[3]).toBe('天河区禾丰果蔬专业合作社,1234,85.3%,500000.50,2019-03-15,2024-05-06 10:30:00');
    expect(lines[lines.length - 1]).toBe('');
    expect(csv.slice(1).replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('quotes per RFC 4180 and guards formula cells', () => {
    const lines = csv.slice(1).split('\r\n');
    expect(lines[4]).toBe('"\'=HYPERLINK(""http://evil"",""点我"")",-3,,0.00,,');
    expect(lines[5]).toBe("'@SUM(A1),7,100.0%,12.35,2020-01-02,");
    const t = writeCsv({
      sheetName: 's',
      titleLines: [],
      columns: [
        { key: 'a', header: 'A' },
        { key: 'b', header: 'B' },
      ],
      rows: [
        { a: 'x,y', b: 'line1\nline2' },
        { a: '+1', b: '-2' },
      ],
    });
    expect(t).toBe('\uFEFFA,B\r\n"x,y","line1\nline2"\r\n\'+1,\'-2\r\n');
  });
});

describe('print lines and pages', () => {
  const printed: SheetTable = {
    ...table,
    footerLines: ['填报人:张三', '审核人:李四'],
    orientation: 'landscape',
  };

  it('the .xlsx ends with the footer lines after an empty row and prints landscape, one page wide, the header repeated', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(printed)) as any);
    const ws = wb.worksheets[0];
    // Title lines 1–2, header 3, three rows 4–6, an empty row 7, the footer lines 8–9 merged across the six columns.
    expect(ws.getCell('A7').value).toBeNull();
    expect(ws.getCell('A8').value).toBe('填报人:张三');
    expect(ws.getCell('A9').value).toBe('审核人:李四');
    expect((ws.getCell('F8').master as ExcelJS.Cell).address).toBe('A8');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
  });

  it('without a declared orientation the page is portrait, still one page wide; no footer, nothing after the rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(table)) as any);
    const ws = wb.worksheets[0];
    expect(ws.pageSetup).toMatchObject({ orientation: 'portrait', fitToWidth: 1 });
    expect(ws.rowCount).toBe(6);
  });

  it('the CSV ends with the footer lines after an empty line, guarded like any cell', () => {
    const csv = writeCsv({ ...printed, footerLines: ['填报人:张三', '=1+1'] });
    expect(csv.endsWith("\r\n\r\n填报人:张三\r\n'=1+1\r\n")).toBe(true);
    expect(writeCsv(table).endsWith('\r\n\r\n')).toBe(false);
  });
});
