// The checks a year of holidays and make-up working days must pass before it goes into a calendar file: what a
// person entering them would expect to be told, each refusal at the pointer of the bad entry (/year,
// /holidays/3, /workdays/0) with CALENDAR_YEAR_INVALID. A make-up working day (调休) replaces a weekend day, so it
// must be a Saturday or Sunday; a year whose holidays all fall on weekends is almost surely mistyped.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import { civil, formatDate, isoWeekday, parseDate, type DayNumber } from '../rules/dates';

/** The years a calendar file may list (schemas/calendar.schema.json). */
export const CALENDAR_FIRST_YEAR = 1990;
export const CALENDAR_LAST_YEAR = 2100;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface YearInput {
  year: number;
  holidays: readonly string[];
  workdays: readonly string[];
}

export interface CheckedYear {
  year: number;
  /** Sorted, as the calendar file will hold them. */
  holidays: string[];
  workdays: string[];
}

const WEEKDAY_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

/** Each date parsed once; a bad one reported at its pointer and left out of the rest of the checks. */
function days(key: 'holidays' | 'workdays', list: readonly string[], year: number, errors: ErrorDetail[]) {
  const seen = new Map<DayNumber, number>();
  const out: { day: DayNumber; index: number }[] = [];
  list.forEach((s, index) => {
    const pointer = `/${key}/${index}`;
    const day = typeof s === 'string' && ISO_DATE.test(s) ? parseDate(s) : null;
    if (day === null || formatDate(day) !== s) {
      errors.push(detail(pointer, `日期无效:${s}(格式为 YYYY-MM-DD)`, `Not a date: ${s} (use YYYY-MM-DD)`, { params: { value: s } }));
      return;
    }
    if (civil(day).y !== year) {
      errors.push(detail(pointer, `${s} 不在 ${year} 年内`, `${s} is not in ${year}`, { params: { value: s, year } }));
      return;
    }
    const first = seen.get(day);
    if (first !== undefined) {
      errors.push(
        detail(pointer, `${s} 重复(与第 ${first + 1} 项相同)`, `${s} is listed twice (as item ${first + 1} too)`, {
          params: { value: s, duplicateOf: first },
        }),
      );
      return;
    }
    seen.set(day, index);
    out.push({ day, index });
  });
  return out;
}

/** The year's dates sorted, or CALENDAR_YEAR_INVALID with every problem found. */
export function checkCalendarYear(input: YearInput): CheckedYear {
  const errors: ErrorDetail[] = [];
  const { year } = input;
  if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
    throw new HezuoError('CALENDAR_YEAR_INVALID', [
      detail(
        '/year',
        `年份须在 ${CALENDAR_FIRST_YEAR} 至 ${CALENDAR_LAST_YEAR} 之间`,
        `The year must be from ${CALENDAR_FIRST_YEAR} to ${CALENDAR_LAST_YEAR}`,
        { params: { value: year, min: CALENDAR_FIRST_YEAR, max: CALENDAR_LAST_YEAR } },
      ),
    ]);
  }
  const holidays = days('holidays', input.holidays, year, errors);
  const workdays = days('workdays', input.workdays, year, errors);
  const holidaySet = new Set(holidays.map((h) => h.day));
  for (const w of workdays) {
    const s = formatDate(w.day)!;
    const pointer = `/workdays/${w.index}`;
    if (holidaySet.has(w.day)) {
      errors.push(detail(pointer, `${s} 不能既是节假日又是调休上班日`, `${s} cannot be both a holiday and a make-up working day`));
    } else if (isoWeekday(w.day) <= 5) {
      const wd = isoWeekday(w.day);
      errors.push(
        detail(
          pointer,
          `调休上班日须是星期六或星期日:${s} 是${WEEKDAY_ZH[wd]}`,
          `A make-up working day must be a Saturday or Sunday: ${s} is not`,
          {
            params: { value: s, weekday: wd },
          },
        ),
      );
    }
  }
  if (input.holidays.length === 0) {
    errors.push(detail('/holidays', `${year} 年至少要有一个节假日`, `${year} needs at least one holiday`));
  } else if (holidays.length === input.holidays.length && holidays.every((h) => isoWeekday(h.day) >= 6)) {
    errors.push(
      detail('/holidays', '节假日全部落在星期六、星期日,请检查日期', 'Every holiday falls on a Saturday or Sunday: check the dates'),
    );
  }
  if (errors.length) throw new HezuoError('CALENDAR_YEAR_INVALID', errors);
  const sorted = (list: { day: DayNumber }[]) =>
    list
      .map((d) => d.day)
      .sort((a, b) => a - b)
      .map((d) => formatDate(d)!);
  return { year, holidays: sorted(holidays), workdays: sorted(workdays) };
}
