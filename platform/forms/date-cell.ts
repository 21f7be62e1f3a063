// A spreadsheet cell read as a calendar day (YYYY-MM-DD): what the import makes of a `format: date` field. Here, not
// in platform/imports, because the table of field formats (field-formats.ts) names it, and that table runs in the
// browser too: no imports.

/** What a spreadsheet reader gives for one cell. */
export type CellValue = string | number | boolean | Date;

const DAY_MS = 86_400_000;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A Date's UTC calendar day as YYYY-MM-DD. */
export const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

/**
 * exceljs gives date cells as Dates whose UTC fields are Excel's wall clock; a bare serial counts from 1899-12-30;
 * text may be 2024-3-5, 2024/3/5, 2024.3.5 or 2024年3月5日. null when the cell is none of these.
 */
export function dateFromCell(c: CellValue): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : isoDay(c);
  if (typeof c === 'number' && c > 0 && c < 2958466) return isoDay(new Date(Math.round((c - 25569) * DAY_MS)));
  if (typeof c === 'string') {
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(c.trim());
    if (!m) return null;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // A day that does not exist (2019年13月45日) is no date: the import refuses it showing what was typed.
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (mo < 1 || mo > 12 || d < 1 || d > days) return null;
    return `${m[1]}-${pad2(mo)}-${pad2(d)}`;
  }
  return null;
}
