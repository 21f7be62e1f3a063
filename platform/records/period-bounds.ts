// The first and last day of a record's period (ISO dates), what rules read as `record.periodStart` and
// `record.periodEnd`. Computed here only, from the form's period kind: a campaign code may look like a year
// ("2023"), so the text alone cannot say. Pure, so the browser's live evaluation gives the same days.
import type { PeriodKind } from '../plugins/types';

export interface PeriodBounds {
  start: string;
  end: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** Date.UTC reads years 0–99 as 19xx: the year is set apart so "0050" stays year 50. */
function utc(y: number, monthIndex: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(y, monthIndex, day);
  return d;
}

/** Monday of ISO week 1 of `year`: the week holding 4 January (ISO 8601). */
function weekOneMonday(year: number): Date {
  const jan4 = utc(year, 0, 4);
  const weekday = (jan4.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return utc(year, 0, 4 - weekday);
}

/** How many ISO weeks `year` has: 53 when it begins or (leap) ends on a Thursday, else 52. */
export function isoWeeksIn(year: number): number {
  const next = weekOneMonday(year + 1).getTime();
  return Math.round((next - weekOneMonday(year).getTime()) / (7 * 86_400_000));
}

/**
 * The bounds of `period` of `kind`, or null: for campaign and none (no calendar days), for a text not of the kind,
 * and for week 53 of a year that has only 52.
 */
export function periodBounds(kind: PeriodKind, period: unknown): PeriodBounds | null {
  if (typeof period !== 'string') return null;
  if (kind === 'year' && /^\d{4}$/.test(period)) {
    return { start: `${period}-01-01`, end: `${period}-12-31` };
  }
  if (kind === 'month') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
    if (!m) return null;
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { start: `${period}-01`, end: iso(utc(y, mo, 0)) }; // day 0 of the next month: this month's last
  }
  if (kind === 'week') {
    const m = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/.exec(period);
    if (!m) return null;
    const [y, w] = [Number(m[1]), Number(m[2])];
    if (w > isoWeeksIn(y)) return null;
    const monday = weekOneMonday(y);
    monday.setUTCDate(monday.getUTCDate() + (w - 1) * 7);
    const sunday = new Date(monday);
    sunday.setUTCDate(sunday.getUTCDate() + 6);
    return { start: iso(monday), end: iso(sunday) };
  }
  return null;
}

/** A record's facts as rules see them: with `periodStart`/`periodEnd` of its period (null when it has none). */
export function withPeriodBounds<T extends { period?: string }>(
  kind: PeriodKind,
  record: T,
): T & { periodStart: string | null; periodEnd: string | null } {
  const b = periodBounds(kind, record.period);
  return { ...record, periodStart: b?.start ?? null, periodEnd: b?.end ?? null };
}
