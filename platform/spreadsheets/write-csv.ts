// A table as CSV for Excel: UTF-8 with a BOM (without it Excel reads Chinese as GBK mojibake), RFC 4180
// quoting, CRLF line ends. Title lines come first, one cell each, as in the .xlsx.
import { cellText, safeText, wallClock, type SheetColumn, type SheetTable } from './sheet-table';

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

export function writeCsv(table: SheetTable): string {
  const lines: string[] = [];
  for (const t of table.titleLines) lines.push(quote(safeText(t)));
  lines.push(table.columns.map((c) => quote(safeText(c.header))).join(','));
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(c, row[c.key])).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}
