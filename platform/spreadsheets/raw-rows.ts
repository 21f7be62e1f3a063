// The rows of an import file (a CSV here; any worksheet of an .xlsx in xlsx-rows.ts) as plain cell arrays
// with their row numbers as a spreadsheet program shows them. Streams: nothing but the current row (and, for
// .xlsx, the shared strings) is held. Limits on columns are checked per row here; rows are counted by the caller.
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import type { ByteSource } from './byte-source';
import type { SheetFormat } from './sniff-format';
import { invalidFile, refuseColumns, type TableLimits } from './table-limits';
import type { ZipIndex } from './zip-guard';
import { openWorkbook, xlsxRows } from './xlsx-rows';

export type Cell = string | number | boolean | Date | null;
export interface RawRow {
  rowNumber: number;
  cells: Cell[];
  /** .xlsx: the row is hidden (<row hidden="1">). */
  hidden?: boolean;
  /** .xlsx: 0-based [left, right] spans of merged ranges starting in this row (group titles over sub-columns). */
  across?: [number, number][];
  /** .xlsx: 0-based indexes of the sheet's hidden columns. */
  hiddenColumns?: ReadonlySet<number>;
}

/** The sheets of a file (a CSV is one sheet without a name) and the rows of each, streamed afresh per call. */
export interface RawBook {
  sheets: { name: string | null; hidden: boolean }[];
  rows(sheet: number): AsyncGenerator<RawRow>;
}

/** Decodes bytes to text chunk by chunk; a byte sequence invalid in the sniffed encoding refuses the file. */
function decoder(encoding: string, skipBom: boolean): Transform {
  const d = new TextDecoder(encoding, { fatal: true, ignoreBOM: !skipBom });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      try {
        cb(null, d.decode(chunk, { stream: true }));
      } catch {
        cb(invalidFile(`文件中有不是 ${encoding.toUpperCase()} 的字符`, `The file has bytes that are not ${encoding}`));
      }
    },
    flush(cb) {
      try {
        cb(null, d.decode());
      } catch {
        cb(invalidFile('文件末尾字符不完整', 'The file ends in the middle of a character'));
      }
    },
  });
}

/** The most frequent of , ; and tab in the first line decides the delimiter (Excel in some locales writes ;). */
export function guessDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

async function* csvRows(
  src: ByteSource,
  format: Extract<SheetFormat, { kind: 'csv' }>,
  limits: TableLimits,
  firstLine: string,
): AsyncGenerator<RawRow> {
  const input = src.stream();
  const parser = parse({
    delimiter: guessDelimiter(firstLine),
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: 1024 * 1024,
    bom: true,
  });
  input
    .pipe(decoder(format.encoding, true))
    .on('error', (e) => parser.destroy(e))
    .pipe(parser);
  let n = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      n++;
      if (record.length > limits.maxColumns) throw refuseColumns(limits.maxColumns, n);
      yield { rowNumber: n, cells: record };
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'HezuoError') throw e;
    throw invalidFile(`CSV 第 ${n + 1} 行格式不正确:${(e as Error).message}`, `CSV row ${n + 1} is malformed: ${(e as Error).message}`, {
      row: n + 1,
    });
  } finally {
    input.destroy();
    parser.destroy();
  }
}

export function rawRows(
  src: ByteSource,
  format: SheetFormat,
  limits: TableLimits,
  head: Buffer,
  zip: ZipIndex | null,
): AsyncGenerator<RawRow> {
  if (format.kind === 'xlsx') return xlsxRows(zip!, limits);
  const text = new TextDecoder(format.encoding).decode(head.subarray(0, 4096), { stream: true });
  return csvRows(src, format, limits, text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]);
}

export async function rawBook(
  src: ByteSource,
  format: SheetFormat,
  limits: TableLimits,
  head: Buffer,
  zip: ZipIndex | null,
): Promise<RawBook> {
  if (format.kind === 'xlsx') {
    const book = await openWorkbook(zip!, limits);
    return { sheets: book.sheets.map((s) => ({ name: s.name, hidden: s.hidden })), rows: (i) => book.rows(i) };
  }
  return { sheets: [{ name: null, hidden: false }], rows: () => rawRows(src, format, limits, head, null) };
}
