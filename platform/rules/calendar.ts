// Working days of a calendar: Monday–Friday unless a holiday, plus listed make-up working days (调休). A
// calendar knows only its listed years; any date outside them gives null, never a guess.
import { HezuoError, text, type ErrorDetail } from '../errors';
import type { Calendar } from './types';
import { civil, isoWeekday, parseDate, type DayNumber } from './dates';
import type { Meter } from './budget';

/** Years one calendar may list: a working-day walk is at most this many years of days. */
export const MAX_CALENDAR_YEARS = 200;

export interface WorkingDays {
  readonly years: ReadonlySet<number>;
  readonly holidays: ReadonlySet<DayNumber>;
  readonly workdays: ReadonlySet<DayNumber>;
}

/**
 * Indexes a calendar once per engine. A date in it that does not parse is a broken plugin file, refused with
 * PLUGIN_INVALID and the pointer of the bad entry (relative to the calendar file).
 */
export function indexCalendar(calendar: Calendar): WorkingDays {
  const errors: ErrorDetail[] = [];
  const days = (key: 'holidays' | 'workdays') =>
    new Set(
      (calendar[key] ?? []).flatMap((s, i) => {
        const day = parseDate(s);
        if (day === null || s.length !== 10) {
          errors.push({
            pointer: `/${key}/${i}`,
            message: text(`日历 ${calendar.id} 中的日期无效:${s}`, `Calendar ${calendar.id} has an invalid date: ${s}`),
          });
          return [];
        }
        return [day];
      }),
    );
  // A walk over working days stops at the first year not listed, so the listed years bound its length.
  if ((calendar.years ?? []).length > MAX_CALENDAR_YEARS) {
    errors.push({
      pointer: '/years',
      message: text(
        `日历 ${calendar.id} 列出的年份过多(上限 ${MAX_CALENDAR_YEARS})`,
        `Calendar ${calendar.id} lists too many years (at most ${MAX_CALENDAR_YEARS})`,
      ),
    });
  }
  const index = { years: new Set(calendar.years), holidays: days('holidays'), workdays: days('workdays') };
  if (errors.length > 0) throw new HezuoError('PLUGIN_INVALID', errors);
  return index;
}

/** true/false for a day in a listed year, null outside them. */
export function isWorkday(cal: WorkingDays, day: DayNumber): boolean | null {
  if (!cal.years.has(civil(day).y)) return null;
  if (cal.workdays.has(day)) return true;
  return isoWeekday(day) <= 5 && !cal.holidays.has(day);
}

/**
 * The n-th working day strictly after `day` (n > 0), strictly before it (n < 0), or `day` itself (n = 0). Each
 * step checks the year, so the walk ends at the calendar's edge: it is bounded by the listed years.
 */
export function addWorkdays(cal: WorkingDays, day: DayNumber, n: number, meter?: Meter): DayNumber | null {
  if (isWorkday(cal, day) === null) return null;
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let d = day;
  while (left > 0) {
    d += step;
    const w = isWorkday(cal, d);
    if (w === null) break;
    if (w) left -= 1;
  }
  meter?.charge(Math.abs(d - day)); // paid after the walk: the listed years bound it
  return left > 0 ? null : d;
}

/** Working days in (from, to]; negative, the count in (to, from], when `to` is earlier. */
export function countWorkdays(cal: WorkingDays, from: DayNumber, to: DayNumber, meter?: Meter): number | null {
  if (isWorkday(cal, from) === null || isWorkday(cal, to) === null) return null;
  if (to < from) {
    const n = countWorkdays(cal, to, from, meter);
    return n === null ? null : 0 - n; // 0 - n: never -0
  }
  let count = 0;
  let d = from + 1;
  for (; d <= to; d++) {
    const w = isWorkday(cal, d);
    if (w === null) break; // a year missing between the two
    if (w) count += 1;
  }
  meter?.charge(d - from);
  return d <= to ? null : count;
}
