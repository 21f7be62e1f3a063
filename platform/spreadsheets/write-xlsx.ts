// A table as .xlsx through exceljs's streaming writer (rows are committed as they are written, so a big report
// does not hold a whole workbook model): merged bold title lines, a bold header row frozen under them, column
// widths, a number format per column so Excel shows percent, decimals and dates as the report means them, footer
// lines after the rows, and a page set-up that prints one page wide.
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, columnWidth, decimalsOf, safeText, wallClock, type SheetColumn, type SheetHead, type SheetTable } from './sheet-table';

function numFmt(c: SheetColumn): string | undefined {
  const d = decimalsOf(c);
  const frac = d > 0 ? `.${'0'.repeat(d)}` : '';
  switch (c.format) {
    case 'integer':
      return '#,##0';
    case 'number':
      return `#,##0${frac}`;
    case 'percent':
      return `0${frac}%`;
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm:ss';
    case 'text':
      return '@';
    default:
      return undefined;
  }
}

/** The value exceljs should store: numbers stay numbers, dates become Excel dates, everything else guarded text. */
function cellValue(c: SheetColumn, v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  const f = c.format ?? 'text';
  if ((f === 'integer' || f === 'number' || f === 'percent') && typeof v === 'number' && Number.isFinite(v)) return v;
  if (f === 'date' || f === 'datetime') {
    const w = wallClock(v);
    // Excel dates carry no zone: the wall-clock time is stored as if it were UTC, which is what Excel shows.
    if (w)
      return new Date(Date.UTC(w.y, w.m - 1, w.d, f === 'datetime' ? w.h : 0, f === 'datetime' ? w.min : 0, f === 'datetime' ? w.s : 0));
  }
  return safeText(cellText(c, v));
}

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

type Row = Record<string, unknown>;

export async function writeXlsx(table: SheetTable): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await streamXlsx(out, table, [table.rows]);
  await done;
  return Buffer.concat(chunks);
}

/**
 * Writes the sheet to `out` batch by batch (each row committed as written, so an export of every record never holds
 * them all); column widths come from the first batch. Ends `out`.
 */
export async function streamXlsx(out: Writable, head: SheetHead, batches: AsyncIterable<Row[]> | Iterable<Row[]>): Promise<void> {
  const it = (Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]()) as
    AsyncIterator<Row[]> | Iterator<Row[]>;
  const first = await it.next();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  const headerRow = head.titleLines.length + 1;
  // Sheet names: at most 31 characters, none of []:*?/\ (Excel refuses the file otherwise).
  const name =
    head.sheetName
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet1';
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    // Printed one page wide, as many pages tall as it takes, the header row repeated on each page.
    pageSetup: {
      paperSize: 9, // A4
      orientation: head.orientation ?? 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
  });
  ws.columns = head.columns.map((c) => ({ key: c.key, width: columnWidth(c, first.done ? [] : first.value) }));
  const n = Math.max(head.columns.length, 1);
  const formats = head.columns.map(numFmt);

  head.titleLines.forEach((line, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = safeText(line);
    row.getCell(1).font = { bold: true, size: i === 0 ? 14 : 11 };
    row.getCell(1).alignment = { horizontal: i === 0 ? 'center' : 'left', vertical: 'middle' };
    if (i === 0) row.height = 24;
    if (n > 1) ws.mergeCells(i + 1, 1, i + 1, n);
    row.commit();
  });

  const header = ws.getRow(headerRow);
  head.columns.forEach((c, j) => {
    const cell = header.getCell(j + 1);
    cell.value = safeText(c.header);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    cell.border = border;
  });
  header.commit();

  let next = headerRow + 1;
  for (let batch = first; !batch.done; batch = await it.next()) {
    for (const data of batch.value) {
      const row = ws.getRow(next++);
      head.columns.forEach((c, j) => {
        const cell = row.getCell(j + 1);
        cell.value = cellValue(c, data[c.key]);
        if (formats[j]) cell.numFmt = formats[j]!;
      });
      row.commit();
    }
  }
  // The footer lines as the print view has them, after one empty row.
  (head.footerLines ?? []).forEach((line) => {
    const row = ws.getRow(++next);
    row.getCell(1).value = safeText(line);
    if (n > 1) ws.mergeCells(next, 1, next, n);
    row.commit();
  });
  ws.commit();
  await wb.commit();
}
