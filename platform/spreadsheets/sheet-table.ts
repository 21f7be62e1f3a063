// The one table shape both spreadsheet writers take: title lines, typed columns, rows keyed by column.
// Also the cell rules they share: formula-injection guard, display width, how a date value is read.

export interface SheetColumn {
  key: string;
  header: string;
  /** percent: the value is a fraction (0.85 shows as 85%); date: 'YYYY-MM-DD' or a Date; datetime: ISO string or Date. */
  format?: 'text' | 'integer' | 'number' | 'percent' | 'date' | 'datetime';
  /** Digits after the point for number (default 2) and percent (default 1). */
  decimals?: number;
  /** Width in characters; derived from the content when absent. */
  width?: number;
}

/** A table without its rows: what a streamed sheet knows before the first row. */
export interface SheetHead {
  sheetName: string;
  titleLines: string[];
  columns: SheetColumn[];
  /** Lines after the last row (a report's print footer: 填报人, 审核人, 日期 …), one cell each. */
  footerLines?: string[];
  /** How the .xlsx prints: wide tables on landscape pages, always scaled to one page wide. Portrait when absent. */
  orientation?: 'portrait' | 'landscape';
}

export interface SheetTable extends SheetHead {
  rows: Record<string, unknown>[];
}

/** Zone in which Date values of datetime columns are shown: the platform's (HEZUO_TIMEZONE), as `npm start` uses. */
export const SHEET_TIME_ZONE = process.env.HEZUO_TIMEZONE || 'Asia/Shanghai';

// Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as it may safely go into a cell: a leading formula character gets a ' so it stays text. */
export const safeText = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);

// CJK ideographs, kana, hangul, full-width forms and CJK punctuation take two columns in Excel's default fonts.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Wall-clock parts of an instant in the sheet's zone. */
function zoned(d: Date): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: SHEET_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute'), s: get('second') };
}

/**
 * A date or datetime cell value as wall-clock parts, or null when it is not one. Date-only strings are calendar
 * days (no zone); instants (Date, ISO strings with a time) are shown in SHEET_TIME_ZONE.
 */
export function wallClock(v: unknown): { y: number; m: number; d: number; h: number; min: number; s: number } | null {
  if (typeof v === 'string') {
    const m = DATE_ONLY.exec(v);
    if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), h: 0, min: 0, s: 0 };
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : zoned(new Date(t));
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) return zoned(v);
  return null;
}

export function formatWallClock(w: NonNullable<ReturnType<typeof wallClock>>, withTime: boolean): string {
  const day = `${w.y}-${pad2(w.m)}-${pad2(w.d)}`;
  return withTime ? `${day} ${pad2(w.h)}:${pad2(w.min)}:${pad2(w.s)}` : day;
}

export const decimalsOf = (c: SheetColumn) => c.decimals ?? (c.format === 'percent' ? 1 : c.format === 'number' ? 2 : 0);

/** A cell as the text a person reads: what CSV writes and what a width is measured on. */
export function cellText(c: SheetColumn, v: unknown): string {
  if (v === null || v === undefined) return '';
  const f = c.format ?? 'text';
  if ((f === 'date' || f === 'datetime') && (typeof v === 'string' || v instanceof Date)) {
    const w = wallClock(v);
    if (w) return formatWallClock(w, f === 'datetime');
  }
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (f === 'integer') return String(Math.round(v));
    if (f === 'number') return v.toFixed(decimalsOf(c));
    if (f === 'percent') return `${(v * 100).toFixed(decimalsOf(c))}%`;
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map((x) => (x === null || typeof x !== 'object' ? String(x ?? '') : JSON.stringify(x))).join('、');
  if (v instanceof Date) return formatWallClock(zoned(v), true);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Column width in characters: given, or the widest of header and cells (CJK counted double), within 6…60. */
export function columnWidth(c: SheetColumn, rows: Record<string, unknown>[]): number {
  if (c.width !== undefined) return c.width;
  let w = displayWidth(c.header);
  // Wide tables: the first thousand rows tell the width as well as all of them.
  for (let i = 0; i < rows.length && i < 1000; i++) w = Math.max(w, displayWidth(cellText(c, rows[i][c.key])));
  return Math.min(60, Math.max(6, w + 2));
}
