// Calendar-date arithmetic on ISO `YYYY-MM-DD` strings. Dates are counted as days since 1970-01-01 with the
// proleptic Gregorian calendar, in plain integer math: no Date object, so no time zone can shift a day.

/** A date as a whole number of days since 1970-01-01 (negative before). */
export type DayNumber = number;

export const DATE_UNITS = ['days', 'months', 'years'] as const;
export type DateUnit = (typeof DATE_UNITS)[number];

export const isDateUnit = (u: unknown): u is DateUnit => (DATE_UNITS as readonly unknown[]).includes(u);

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-](\d{2}):?(\d{2}))?)?$/;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since the epoch of a civil date (H. Hinnant's days_from_civil). */
export function dayNumber(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (H. Hinnant's civil_from_days). */
export function civil(day: DayNumber): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** ISO weekday: Monday 1 … Sunday 7 (1970-01-01 was a Thursday). */
export function isoWeekday(day: DayNumber): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * A `YYYY-MM-DD` string, or an ISO date-time whose date part is taken as written (no conversion to UTC: the
 * date an officer typed is the date meant). Anything else — other formats, impossible dates, non-strings — is null.
 */
export function parseDate(value: unknown): DayNumber | null {
  if (typeof value !== 'string') return null;
  if (value.length === 10) return plainDate(value);
  const m = DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 60)) return null;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return null;
  return dayNumber(y, mo, d);
}

const digit = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/** The common form, `YYYY-MM-DD` exactly, read without a regular expression (rules parse dates on every run). */
function plainDate(s: string): DayNumber | null {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null; // '-'
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = digit(s, i);
    if (c < 0) return null;
    y = y * 10 + c;
  }
  const m1 = digit(s, 5);
  const m2 = digit(s, 6);
  const d1 = digit(s, 8);
  const d2 = digit(s, 9);
  if ((m1 | m2 | d1 | d2) < 0) return null;
  const mo = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  return mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) ? null : dayNumber(y, mo, d);
}

/** `YYYY-MM-DD`, or null for a year that cannot be written with four digits. */
export function formatDate(day: DayNumber): string | null {
  const { y, m, d } = civil(day);
  if (y < 0 || y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Adds whole months, clamping the day to the end of a shorter month (01-31 + 1 month = 02-28/29). */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const { y, m, d } = civil(day);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return dayNumber(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addUnits(day: DayNumber, n: number, unit: DateUnit): DayNumber {
  if (unit === 'days') return day + n;
  return addMonths(day, unit === 'months' ? n : n * 12);
}

/**
 * Whole units from `from` to `to`, floored: the largest n with from + n units ≤ to. So 2022-05-31 → 2024-05-30
 * is 1 year, → 2024-05-31 is 2 years, and a `to` before `from` gives a negative count (floored, not truncated).
 */
export function diffUnits(from: DayNumber, to: DayNumber, unit: DateUnit): number {
  if (unit === 'days') return to - from;
  const a = civil(from);
  const b = civil(to);
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  // from + months lands in to's month; one step back when its (clamped) day is after to's.
  if (addMonths(from, months) > to) months -= 1;
  return unit === 'months' ? months : Math.floor(months / 12);
}
