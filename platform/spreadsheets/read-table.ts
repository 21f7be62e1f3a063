// Reads an import file (.xlsx, first worksheet, or .csv) as a header and an async stream of data rows. Every
// limit is checked before or while reading: size and format before the first row (and, for .xlsx, the zip
// directory and bounded inflation), columns per row, and rows counted as they stream — a file with a million
// rows is refused at row limit + 1, never held in memory.
import { openByteSource, type ByteSource } from './byte-source';
import { rawRows, type Cell, type RawRow } from './raw-rows';
import { SNIFF_BYTES, sniffFormat, type SheetFormat } from './sniff-format';
import { checkZip } from './zip-guard';
import { DEFAULT_TABLE_LIMITS, invalidFile, refuseRows, refuseSize, type TableLimits } from './table-limits';

export type { Cell } from './raw-rows';
export interface TableRow {
  rowNumber: number;
  cells: Cell[];
}

export interface OpenTable {
  format: SheetFormat;
  /** Header cells as trimmed text ('' for an empty header cell). */
  header: string[];
  headerRowNumber: number;
  /** Data rows after the header, cells aligned with the header; wholly empty rows are skipped. */
  rows: AsyncGenerator<TableRow>;
  close(): Promise<void>;
}

const HEADER_SEARCH = 10;
const isEmpty = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

/** The header is the first row with two or more filled cells among the first rows (a title line above it has one). */
function isHeaderCandidate(r: RawRow): boolean {
  return r.cells.filter((c) => !isEmpty(c)).length >= 2;
}

async function* dataRows(first: RawRow[], rest: AsyncGenerator<RawRow>, width: number, maxRows: number): AsyncGenerator<TableRow> {
  let count = 0;
  const emit = (r: RawRow): TableRow | null => {
    if (r.cells.every(isEmpty)) return null;
    if (++count > maxRows) throw refuseRows(maxRows);
    const cells = r.cells.slice(0, width);
    while (cells.length < width) cells.push(null);
    return { rowNumber: r.rowNumber, cells };
  };
  for (const r of first) {
    const t = emit(r);
    if (t) yield t;
  }
  for await (const r of rest) {
    const t = emit(r);
    if (t) yield t;
  }
}

export async function openTable(input: string | Buffer, limitsIn: Partial<TableLimits> = {}): Promise<OpenTable> {
  const limits = { ...DEFAULT_TABLE_LIMITS, ...limitsIn };
  const src: ByteSource = await openByteSource(input);
  try {
    if (src.size > limits.maxBytes) throw refuseSize(limits.maxBytes, src.size);
    const head = await src.read(0, SNIFF_BYTES);
    const format = sniffFormat(head);
    const zip = format.kind === 'xlsx' ? await checkZip(src, limits) : null;
    const raw = rawRows(src, format, limits, head, zip);
    const seen: RawRow[] = [];
    let header: RawRow | undefined;
    while (seen.length < HEADER_SEARCH) {
      const next = await raw.next();
      if (next.done) break;
      seen.push(next.value);
      if (isHeaderCandidate(next.value)) {
        header = next.value;
        break;
      }
    }
    // A one-column file: its first filled row is the header.
    header ??= seen.find((r) => !r.cells.every(isEmpty));
    if (!header) throw invalidFile('表格中没有表头行', 'The spreadsheet has no header row');
    const headerCells = header.cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim()));
    while (headerCells.length && headerCells[headerCells.length - 1] === '') headerCells.pop();
    const after = seen.slice(seen.indexOf(header) + 1);
    return {
      format,
      header: headerCells,
      headerRowNumber: header.rowNumber,
      rows: dataRows(after, raw, headerCells.length, limits.maxRows),
      async close() {
        await raw.return(undefined);
        await src.close();
      },
    };
  } catch (e) {
    await src.close();
    throw e;
  }
}

/** Reads a whole file once to count its data rows, enforcing every limit: the check before an import writes anything. */
export async function countTableRows(
  input: string | Buffer,
  limits: Partial<TableLimits> = {},
): Promise<{ rows: number; header: string[] }> {
  const t = await openTable(input, limits);
  try {
    let rows = 0;
    for await (const _ of t.rows) rows++;
    return { rows, header: t.header };
  } finally {
    await t.close();
  }
}
