// Reading import files: .xlsx and .csv (UTF-8 with or without BOM, GBK) into a header and rows, and every refusal
// before or while reading — not a spreadsheet, zip bombs (a real one, and one whose directory lies), too many
// entries, too large, too many columns, and a 1,000,000-row CSV refused at the row limit without being held.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable, countTableRows } from '../../platform/spreadsheets/read-table';
import { writeXlsx } from '../../platform/spreadsheets/write-xlsx';
import { writeCsv } from '../../platform/spreadsheets/write-csv';
import { HezuoError } from '../../platform/errors';
import { buildZip } from './zip-builder';

const dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-read-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(input: string | Buffer, limits = {}) {
  const t = await openTable(input, limits);
  const rows = [];
  for await (const r of t.rows) rows.push(r);
  await t.close();
  return { format: t.format, header: t.header, headerRow: t.headerRowNumber, rows };
}

async function refusal(p: Promise<unknown>): Promise<HezuoError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HezuoError);
    return e as HezuoError;
  }
  throw new Error('expected a refusal');
}

const TABLE = {
  sheetName: 's',
  titleLines: ['2024 年合作社名单'],
  columns: [
    { key: 'a', header: '名称' },
    { key: 'b', header: '成员数', format: 'integer' as const },
    { key: 'c', header: '日期', format: 'date' as const },
  ],
  rows: [
    { a: '甲社', b: 12, c: '2024-03-05' },
    { a: '', b: null, c: null },
    { a: '乙社', b: 3, c: null },
  ],
};

describe('reading', () => {
  it('reads an .xlsx: title line skipped, header found, empty rows skipped, typed cells, sheet row numbers', async () => {
    const r = await readAll(await writeXlsx(TABLE));
    expect(r.format).toEqual({ kind: 'xlsx' });
    expect(r.header).toEqual(['名称', '成员数', '日期']);
    expect(r.headerRow).toBe(2);
    expect(r.rows).toEqual([
      { rowNumber: 3, cells: ['甲社', 12, new Date(Date.UTC(2024, 2, 5))] },
      { rowNumber: 5, cells: ['乙社', 3, null] },
    ]);
  });

  it('reads a UTF-8 CSV with BOM the same way, cells as text', async () => {
    const r = await readAll(Buffer.from(writeCsv(TABLE)));
    expect(r.format).toEqual({ kind: 'csv', encoding: 'utf-8', bom: true });
    expect(r.header).toEqual(['名称', '成员数', '日期']);
    expect(r.rows).toEqual([
      { rowNumber: 3, cells: ['甲社', '12', '2024-03-05'] },
      { rowNumber: 5, cells: ['乙社', '3', ''] },
    ]);
  });

  it('reads a GBK CSV (as Chinese Excel saves it) and one with semicolons', async () => {
    // "名称,成员数\r\n甲社,12\r\n" in GBK, byte by byte.
    const gbk = Buffer.from([
      0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb3, 0xc9, 0xd4, 0xb1, 0xca, 0xfd, 0x0d, 0x0a, 0xbc, 0xd7, 0xc9, 0xe7, 0x2c, 0x31, 0x32, 0x0d, 0x0a,
    ]);
    const r = await readAll(gbk);
    expect(r.format).toEqual({ kind: 'csv', encoding: 'gb18030', bom: false });
    expect(r.header).toEqual(['名称', '成员数']);
    expect(r.rows).toEqual([{ rowNumber: 2, cells: ['甲社', '12'] }]);
    const semi = await readAll(Buffer.from('名称;成员数\n"甲;社";5\n'));
    expect(semi.rows).toEqual([{ rowNumber: 2, cells: ['甲;社', '5'] }]);
  });

  it('counts rows under the limits', async () => {
    expect(await countTableRows(await writeXlsx(TABLE))).toEqual({ rows: 2, header: ['名称', '成员数', '日期'] });
  });
});

describe('refusals', () => {
  it('refuses what is not a spreadsheet, naming what it is', async () => {
    const pdf = await refusal(openTable(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')));
    expect(pdf.code).toBe('IMPORT_FILE_INVALID');
    expect(pdf.details[0].message.en).toContain('PDF');
    const xls = await refusal(openTable(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])));
    expect(xls.details[0].message['zh-CN']).toContain('.xls');
    const png = await refusal(openTable(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])));
    expect(png.code).toBe('IMPORT_FILE_INVALID');
    const empty = await refusal(openTable(Buffer.alloc(0)));
    expect(empty.code).toBe('IMPORT_FILE_INVALID');
    // A zip that is not a workbook: readable, but no worksheet, so no header.
    const zip = await refusal(openTable(buildZip([{ name: 'readme.txt', data: Buffer.from('hello') }])));
    expect(zip.code).toBe('IMPORT_FILE_INVALID');
    // Bytes that are neither UTF-8 nor GB18030.
    const latin = await refusal(openTable(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x81, 0x20, 0xff, 0x0a])));
    expect(latin.code).toBe('IMPORT_FILE_INVALID');
  });

  it('refuses a real zip bomb by its ratio before unpacking it', async () => {
    // 50 MB of zeros packs to ~50 KB: a 1000:1 entry.
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(50 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const e = await refusal(openTable(bomb));
    expect(e.code).toBe('IMPORT_TOO_LARGE');
    expect(e.details[0].params).toMatchObject({ limit: 200, entry: 'xl/worksheets/sheet1.xml' });
    expect(e.details[0].message['zh-CN']).toContain('压缩炸弹');
  });

  it('refuses a zip whose directory understates what an entry unpacks to', async () => {
    // Declares 1 MiB (ratio ~ 20:1, within limits) but unpacks to 50 MiB: caught by the counted inflation.
    const liar = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(50 * 1024 * 1024), declaredSize: 1024 * 1024 }]);
    const e = await refusal(openTable(liar));
    expect(e.code).toBe('IMPORT_FILE_INVALID');
    expect(e.details[0].message.en).toContain('unpacks to more than its directory says');
  });

  it('refuses by total unpacked size, entry count and file size', async () => {
    const xlsx = await writeXlsx(TABLE);
    expect((await refusal(openTable(xlsx, { maxUnpackedBytes: 1000 }))).code).toBe('IMPORT_TOO_LARGE');
    expect((await refusal(openTable(xlsx, { maxEntries: 3 }))).code).toBe('IMPORT_TOO_LARGE');
    const big = await refusal(openTable(xlsx, { maxBytes: 1000 }));
    expect(big.code).toBe('IMPORT_TOO_LARGE');
    expect(big.details[0].params).toMatchObject({ limit: 1000 });
  });

  it('refuses too many columns', async () => {
    const e = await refusal(countTableRows(Buffer.from('a,b,c\n1,2,3\n'), { maxColumns: 2 }));
    expect(e.code).toBe('IMPORT_TOO_MANY_COLUMNS');
  });

  it('refuses a 1,000,000-row CSV at the row limit without holding it', async () => {
    const file = path.join(dir, 'million.csv');
    const out = createWriteStream(file);
    out.write('名称,成员数\r\n');
    for (let i = 0; i < 1_000_000; i += 10_000) {
      let chunk = '';
      for (let j = i; j < i + 10_000; j++) chunk += `合作社${j},${j % 97}\r\n`;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
    expect((await stat(file)).size).toBeGreaterThan(15_000_000);
    const heapBefore = process.memoryUsage().heapUsed;
    const e = await refusal(countTableRows(file));
    expect(e.code).toBe('IMPORT_TOO_MANY_ROWS');
    expect(e.details[0].params).toEqual({ limit: 200_000 });
    // Stops at row 200,001 and keeps none of it (speed is never asserted in a test: see bench/).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
  });
});
