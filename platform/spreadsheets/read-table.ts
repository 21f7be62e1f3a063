// Reads an import file (.xlsx, any worksheet, or .csv) as a header and an async stream of data rows. Every
// limit is checked before or while reading: size and format before the first row (and, for .xlsx, the zip
// directory and bounded inflation), columns per row, and rows counted as they stream — a file with a million
// rows is refused at row limit + 1, never held in memory. Given a HeaderMatcher (an import), the table is found
// in the sheet and header row(s) that best match the form (header-finder.ts), hidden rows and columns are left
// out, and rows that are not records (row-skips.ts) are skipped and counted; without one, the first sheet's first
// row with two filled cells is the header, as for a report a test reads back.
import { openByteSource, type ByteSource } from './byte-source';
import { rawBook, type Cell, type RawRow } from './raw-rows';
import { SNIFF_BYTES, sniffFormat, type SheetFormat } from './sniff-format';
import { checkZip } from './zip-guard';
import { DEFAULT_TABLE_LIMITS, invalidFile, refuseRows, refuseSize, type TableLimits } from './table-limits';
import { bestHeader, fallbackHeader, type FoundHeader, type HeaderMatcher } from './header-finder';
import { sequenceColumn, skipReason, type SkipReason } from './row-skips';

export type { Cell } from './raw-rows';
export type { HeaderMatcher } from './header-finder';
export interface TableRow {
  rowNumber: number;
  cells: Cell[];
}

/** Rows skipped as not records: how many, per reason, and the first ones with their row numbers. */
export interface SkippedRows {
  count: number;
  byReason: Partial<Record<SkipReason, number>>;
  rows: { row: number; reason: SkipReason }[];
}

export interface OpenTable {
  format: SheetFormat;
  /** The sheet read (.xlsx), null for a CSV. */
  sheet: string | null;
  /** Header cells as trimmed text ('' for an empty header cell); a two-level header's cells are 'group/sub'. */
  header: string[];
  /** Per header cell, its title path (['成员情况', '成员总数']). */
  headerPaths: string[][];
  /** Row number of the (last) header row; headerRows lists all of them. */
  headerRowNumber: number;
  headerRows: number[];
  /** Data rows after the header, cells aligned with the header; rows that are not records are left out. */
  rows: AsyncGenerator<TableRow>;
  /** Filled in as `rows` is read. */
  skipped: SkippedRows;
  /** Row number of the last row read so far (of the sheet, any kind). */
  lastRowNumber(): number;
  close(): Promise<void>;
}

const HEADER_SEARCH = 10;
/** How far down each sheet an import looks for its header (title, unit and date lines come first). */
const LEDGER_HEADER_SEARCH = 30;
/** How many sheets an import looks into (an instructions sheet may come first). */
const LEDGER_SHEETS = 20;
const FIRST_SKIPPED = 100;

interface Pick {
  sheet: number;
  header: FoundHeader;
  seen: RawRow[];
  raw: AsyncGenerator<RawRow>;
}

async function firstRows(raw: AsyncGenerator<RawRow>, n: number): Promise<RawRow[]> {
  const seen: RawRow[] = [];
  while (seen.length < n) {
    const next = await raw.next();
    if (next.done) break;
    seen.push(next.value);
  }
  return seen;
}

function dataRows(
  pick: Pick,
  header: string[],
  ledger: boolean,
  maxRows: number,
  skipped: SkippedRows,
  last: { row: number },
): AsyncGenerator<TableRow> {
  const columns = pick.header.columns;
  const sequence = ledger ? sequenceColumn(header) : null;
  const skip = (row: number, reason: SkipReason) => {
    skipped.count++;
    skipped.byReason[reason] = (skipped.byReason[reason] ?? 0) + 1;
    if (skipped.rows.length < FIRST_SKIPPED) skipped.rows.push({ row, reason });
  };
  let count = 0;
  const emit = (r: RawRow): TableRow | null => {
    last.row = r.rowNumber;
    const cells = columns.map((c) => r.cells[c] ?? null);
    if (r.hidden && ledger) {
      if (cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === ''))) skip(r.rowNumber, 'hidden');
      return null;
    }
    const reason = skipReason(cells, header, sequence);
    if (reason === 'empty' && !ledger) return null;
    if (reason && ledger) {
      skip(r.rowNumber, reason);
      return null;
    }
    if (++count > maxRows) throw refuseRows(maxRows);
    return { rowNumber: r.rowNumber, cells };
  };
  const after = pick.seen.slice(pick.seen.indexOf(pick.header.rows[pick.header.rows.length - 1]) + 1);
  return (async function* () {
    for (const r of after) {
      const t = emit(r);
      if (t) yield t;
    }
    for await (const r of pick.raw) {
      const t = emit(r);
      if (t) yield t;
    }
  })();
}

/**
 * Opens a table. With `matches`, an import's: the header is looked for in every sheet, hidden rows and columns
 * are left out and rows that are not records skipped; without, the first sheet's first row of two filled cells.
 */
export async function openTable(
  input: string | Buffer,
  limitsIn: Partial<TableLimits> = {},
  matches?: HeaderMatcher,
  /** Read this sheet only (an import's detail sheet, by the name sheetNames gave). */
  onlySheet?: string,
): Promise<OpenTable> {
  const limits = { ...DEFAULT_TABLE_LIMITS, ...limitsIn };
  const src: ByteSource = await openByteSource(input);
  const open: AsyncGenerator<RawRow>[] = [];
  try {
    if (src.size > limits.maxBytes) throw refuseSize(limits.maxBytes, src.size);
    const head = await src.read(0, SNIFF_BYTES);
    const format = sniffFormat(head);
    const zip = format.kind === 'xlsx' ? await checkZip(src, limits) : null;
    const book = await rawBook(src, format, limits, head, zip);
    let pick: Pick | null = null;
    if (matches) {
      const candidates = book.sheets
        .map((s, i) => ({ ...s, i }))
        .filter((s) => !s.hidden && (onlySheet === undefined || s.name === onlySheet))
        .slice(0, LEDGER_SHEETS);
      for (const s of candidates) {
        const raw = book.rows(s.i);
        open.push(raw);
        const seen = await firstRows(raw, LEDGER_HEADER_SEARCH);
        const found = bestHeader(seen, matches);
        if (found && (!pick || found.score > pick.header.score)) pick = { sheet: s.i, header: found, seen, raw };
      }
    }
    if (!pick) {
      const first = matches
        ? Math.max(
            0,
            book.sheets.findIndex((s) => !s.hidden && (onlySheet === undefined || s.name === onlySheet)),
          )
        : 0;
      const raw = book.rows(first);
      open.push(raw);
      const seen = await firstRows(raw, HEADER_SEARCH);
      const found = fallbackHeader(seen);
      if (!found) throw invalidFile('表格中没有表头行', 'The spreadsheet has no header row');
      pick = { sheet: first, header: found, seen, raw };
    }
    for (const g of open) if (g !== pick.raw) await g.return(undefined);
    const chosen = pick;
    const headerPaths = chosen.header.paths;
    const header = headerPaths.map((p) => p.join('/'));
    const skipped: SkippedRows = { count: 0, byReason: {}, rows: [] };
    const last = { row: chosen.header.rows[chosen.header.rows.length - 1].rowNumber };
    return {
      format,
      sheet: book.sheets[chosen.sheet].name,
      header,
      headerPaths,
      headerRowNumber: last.row,
      headerRows: chosen.header.rows.map((r) => r.rowNumber),
      rows: dataRows(chosen, header, matches !== undefined, limits.maxRows, skipped, last),
      skipped,
      lastRowNumber: () => last.row,
      async close() {
        await chosen.raw.return(undefined);
        await src.close();
      },
    };
  } catch (e) {
    for (const g of open) await g.return(undefined).catch(() => {});
    await src.close();
    throw e;
  }
}

/** What reading a whole table found: its header, the sheet and rows read, the rows skipped. */
export interface TableSummary {
  rows: number;
  header: string[];
  headerPaths: string[][];
  sheet: string | null;
  headerRows: number[];
  /** First and last row numbers after the header (null when there is no data row at all). */
  dataRows: { first: number; last: number } | null;
  skipped: SkippedRows;
}

/** Reads a whole file once, enforcing every limit: the check before an import writes anything. */
export async function summariseTable(
  input: string | Buffer,
  limits: Partial<TableLimits> = {},
  matches?: HeaderMatcher,
): Promise<TableSummary> {
  const t = await openTable(input, limits, matches);
  try {
    let rows = 0;
    for await (const _ of t.rows) rows++;
    const last = t.lastRowNumber();
    return {
      rows,
      header: t.header,
      headerPaths: t.headerPaths,
      sheet: t.sheet,
      headerRows: t.headerRows,
      dataRows: last > t.headerRowNumber ? { first: t.headerRowNumber + 1, last } : null,
      skipped: t.skipped,
    };
  } finally {
    await t.close();
  }
}

/** Reads a whole file once to count its data rows (first sheet, first header-like row). */
export async function countTableRows(
  input: string | Buffer,
  limits: Partial<TableLimits> = {},
): Promise<{ rows: number; header: string[] }> {
  const { rows, header } = await summariseTable(input, limits);
  return { rows, header };
}

/** The names of a workbook's visible sheets, in order (none for a CSV): where an import looks for detail sheets. */
export async function sheetNames(input: string | Buffer, limitsIn: Partial<TableLimits> = {}): Promise<string[]> {
  const limits = { ...DEFAULT_TABLE_LIMITS, ...limitsIn };
  const src: ByteSource = await openByteSource(input);
  try {
    if (src.size > limits.maxBytes) throw refuseSize(limits.maxBytes, src.size);
    const head = await src.read(0, SNIFF_BYTES);
    const format = sniffFormat(head);
    if (format.kind !== 'xlsx') return [];
    const book = await rawBook(src, format, limits, head, await checkZip(src, limits));
    return book.sheets.flatMap((s) => (!s.hidden && s.name !== null ? [s.name] : []));
  } finally {
    await src.close();
  }
}
