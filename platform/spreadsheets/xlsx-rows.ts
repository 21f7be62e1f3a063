// The rows of any worksheet of an .xlsx, parsed by exceljs's streaming reader parts but fed from our own
// checked zip index. exceljs 4.4's WorkbookReader reads the archive in one streaming pass and, on Node ≥ 18,
// sometimes parses a worksheet before xl/workbook.xml, xl/sharedStrings.xml or xl/styles.xml — or loses the
// last entries altogether (exceljs#3064): cells came back as {sharedString: n} and dates as serials. Here the
// workbook, relationships, shared strings and styles are read first, by name, through the central directory we
// already verified, and only then the worksheet is streamed row by row.
// Each part reaches exceljs as text decoded here (xml-text.ts): its own decoding garbles characters cut by a chunk.
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ZipIndex } from './zip-guard';
import { invalidFile, refuseColumns, type TableLimits } from './table-limits';
import type { Cell, RawRow } from './raw-rows';
import { HezuoError } from '../errors';
import { scanSheetLayout } from './sheet-scan';
import { mergeFiller } from './merge-fill';
import { partText, sharedStringsText, worksheetText } from './xml-text';

// The parts of exceljs's WorkbookReader we drive ourselves (stable in exceljs 4.4.0, the version we pin).
interface ReaderParts {
  model?: { sheets?: { id: number; rId: string; name: string; state?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: unknown;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) as the plain value a person sees. */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, any>;
    if (Array.isArray(o.richText)) return o.richText.map((r: any) => String(r?.text ?? '')).join('');
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return plainCell(o.result);
    if ('error' in o) return String(o.error);
    if ('text' in o) return plainCell(o.text);
  }
  return String(v);
}

/** A worksheet of the workbook: its name, its part in the zip, whether Excel hides it. */
export interface WorkbookSheet {
  name: string;
  part: string;
  hidden: boolean;
}

/** The worksheets in workbook order, each through its relationship (or, failing that, sheetN.xml by number). */
function sheetParts(reader: ReaderParts, names: string[]): WorkbookSheet[] {
  const out: WorkbookSheet[] = [];
  for (const s of reader.model?.sheets ?? []) {
    const rel = reader.workbookRels?.find((r) => r.Id === s.rId);
    if (!rel) continue;
    const target = rel.Target.startsWith('/') ? rel.Target.slice(1) : `xl/${rel.Target}`;
    if (names.includes(target))
      out.push({ name: String(s.name ?? ''), part: target, hidden: s.state === 'hidden' || s.state === 'veryHidden' });
  }
  if (out.length) return out;
  return names
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]))
    .map((part) => ({ name: part.replace(/^.*\//, '').replace(/\.xml$/, ''), part, hidden: false }));
}

const readError = (e: unknown) =>
  e instanceof HezuoError ? e : invalidFile(`无法读取 .xlsx:${(e as Error).message}`, `Cannot read the .xlsx: ${(e as Error).message}`);

/** An opened workbook: its sheets, and the rows of any of them (each call streams that sheet afresh). */
export interface XlsxWorkbook {
  sheets: WorkbookSheet[];
  rows(sheet: number): AsyncGenerator<RawRow>;
}

export async function openWorkbook(zip: ZipIndex, limits: TableLimits): Promise<XlsxWorkbook> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(null as unknown as Readable, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderParts;
  try {
    const rels = zip.open('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(partText(rels));
    const book = zip.open('xl/workbook.xml');
    if (!book) throw invalidFile('.xlsx 中没有工作簿(xl/workbook.xml)', 'The .xlsx has no workbook (xl/workbook.xml)');
    await reader._parseWorkbook(partText(book));
    reader.properties ??= { model: {} };
    const strings = zip.open('xl/sharedStrings.xml');
    if (strings)
      for await (const _ of reader._parseSharedStrings(sharedStringsText(strings))) {
        /* cached by the reader */
      }
    const styles = zip.open('xl/styles.xml');
    if (styles) await reader._parseStyles(partText(styles));
  } catch (e) {
    throw readError(e);
  }
  const sheets = sheetParts(reader, zip.names);
  if (!sheets.length) throw invalidFile('.xlsx 中没有工作表', 'The .xlsx has no worksheet');
  return { sheets, rows: (i) => sheetRows(reader, zip, sheets[i].part, limits) };
}

/** Cells of a row, multi-row merged ranges filled from their top-left cell, single-row ones listed in `across`. */
async function* sheetRows(reader: ReaderParts, zip: ZipIndex, part: string, limits: TableLimits): AsyncGenerator<RawRow> {
  let sheetStream: Readable | null = null;
  try {
    const layout = await scanSheetLayout(zip.open(part)!);
    const fill = mergeFiller(layout.merges);
    sheetStream = zip.open(part)!;
    const sheetNo = part.match(/(\d+)\.xml$/)?.[1] ?? '1';
    for (const ev of reader._parseWorksheet(worksheetText(sheetStream), sheetNo)) {
      for await (const row of ev.value) {
        if (row.cellCount > limits.maxColumns) throw refuseColumns(limits.maxColumns, row.number);
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c]));
        const across = fill(row.number, cells);
        yield {
          rowNumber: row.number,
          cells,
          ...(layout.hiddenRows.has(row.number) ? { hidden: true } : {}),
          ...(across.length ? { across } : {}),
          hiddenColumns: layout.hiddenColumns,
        };
      }
    }
  } catch (e) {
    throw readError(e);
  } finally {
    sheetStream?.destroy();
  }
}

/** The rows of the first worksheet (readers that want no sheet choice). */
export async function* xlsxRows(zip: ZipIndex, limits: TableLimits): AsyncGenerator<RawRow> {
  const book = await openWorkbook(zip, limits);
  yield* book.rows(0);
}
