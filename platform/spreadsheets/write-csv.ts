// A table as CSV for Excel: UTF-8 with a BOM (without it Excel reads Chinese as GBK mojibake), RFC 4180
// quoting, CRLF line ends. Title lines come first and footer lines last, one cell each, as in the .xlsx.
import { cellText, safeText, wallClock, type SheetColumn, type SheetHead, type SheetTable } from './sheet-table';

const BOM = '\uFEFF';

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Numbers and dates are written formatted; anything that arrived as text is guarded against formula injection. */
function csvCell(c: SheetColumn, v: unknown): string {
  const text = cellText(c, v);
  const isDate = (c.format === 'date' || c.format === 'datetime') && wallClock(v) !== null;
  const isText = !isDate && !(typeof v === 'number' || typeof v === 'boolean' || v instanceof Date);
  return quote(isText ? safeText(text) : text);
}

/** The BOM, the title lines and the header line: what a streamed CSV starts with. */
export function csvHead(head: SheetHead): string {
  const lines: string[] = [];
  for (const t of head.titleLines) lines.push(quote(safeText(t)));
  lines.push(head.columns.map((c) => quote(safeText(c.header))).join(','));
  return BOM + lines.map((l) => l + '\r\n').join('');
}

/** Rows as CSV lines, each ending in CRLF. */
export function csvRows(columns: SheetColumn[], rows: Record<string, unknown>[]): string {
  return rows.map((row) => columns.map((c) => csvCell(c, row[c.key])).join(',') + '\r\n').join('');
}

/** The footer lines, after a blank line: what a CSV ends with. */
export const csvFoot = (head: SheetHead): string =>
  head.footerLines?.length ? ['', ...head.footerLines.map((t) => quote(safeText(t)))].map((l) => l + '\r\n').join('') : '';

export function writeCsv(table: SheetTable): string {
  return csvHead(table) + csvRows(table.columns, table.rows) + csvFoot(table);
}
