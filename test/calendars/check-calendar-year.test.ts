// The checks on a year added to a calendar, without a server: what passes (sorted), and where each refusal points.
import { expect, it } from 'vitest';
import { checkCalendarYear } from '../../platform/calendars/check-calendar-year';
import { HezuoError } from '../../platform/errors';

const refusal = (input: Parameters<typeof checkCalendarYear>[0]) => {
  try {
    checkCalendarYear(input);
  } catch (e) {
    if (e instanceof HezuoError) return [e.code, e.details.map((d) => d.pointer)];
    throw e;
  }
  return null;
};

it('sorts the dates; a holiday on a weekend is fine beside weekday ones', () => {
  // 2027-10-01 is a Friday, 2 and 3 October a weekend; 9 October a Saturday worked.
  expect(checkCalendarYear({ year: 2027, holidays: ['2027-10-03', '2027-10-01', '2027-10-02'], workdays: ['2027-10-09'] })).toEqual({
    year: 2027,
    holidays: ['2027-10-01', '2027-10-02', '2027-10-03'],
    workdays: ['2027-10-09'],
  });
});

it('a leap day exists only in a leap year', () => {
  expect(refusal({ year: 2028, holidays: ['2028-02-29'], workdays: [] })).toBeNull();
  expect(refusal({ year: 2027, holidays: ['2027-01-01', '2027-02-29'], workdays: [] })).toEqual(['CALENDAR_YEAR_INVALID', ['/holidays/1']]);
});

it('reports every bad entry at once, and a year out of range alone', () => {
  expect(refusal({ year: 2027, holidays: ['2027-01-01', 'x', '2027-01-01'], workdays: ['2027-01-04', '2027-01-01'] })).toEqual([
    'CALENDAR_YEAR_INVALID',
    ['/holidays/1', '/holidays/2', '/workdays/0', '/workdays/1'],
  ]);
  expect(refusal({ year: 2101, holidays: ['bad'], workdays: [] })).toEqual(['CALENDAR_YEAR_INVALID', ['/year']]);
  expect(refusal({ year: 2027.5, holidays: [], workdays: [] })).toEqual(['CALENDAR_YEAR_INVALID', ['/year']]);
});

it('a date with a time is not a date of the list', () => {
  expect(refusal({ year: 2027, holidays: ['2027-01-01T00:00:00Z'], workdays: [] })).toEqual(['CALENDAR_YEAR_INVALID', ['/holidays/0']]);
});
