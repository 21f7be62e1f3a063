// The first and last day of a record's period (platform/records/period-bounds.ts), worked by hand from a calendar:
// ISO 8601 weeks start on Monday and week 1 holds 4 January; 2020 began on a Wednesday and was a leap year, so it
// has 53 weeks, and 2021 (begins on a Friday) has 52.
import { describe, expect, it } from 'vitest';
import { isoWeeksIn, periodBounds } from '../../platform/records/period-bounds';
import { checkPeriod } from '../../platform/records/period';

describe('period bounds', () => {
  it('a week runs Monday to Sunday, across the new year when it must', () => {
    expect(periodBounds('week', '2020-W53')).toEqual({ start: '2020-12-28', end: '2021-01-03' });
    expect(periodBounds('week', '2021-W01')).toEqual({ start: '2021-01-04', end: '2021-01-10' });
    // 4 January 2026 is a Sunday: week 1 began on Monday 29 December 2025.
    expect(periodBounds('week', '2026-W01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(periodBounds('week', '2023-W11')).toEqual({ start: '2023-03-13', end: '2023-03-19' });
  });

  it('week 53 exists only in a year that has it', () => {
    expect([2015, 2020, 2021, 2023, 2026].map(isoWeeksIn)).toEqual([53, 53, 52, 52, 53]);
    expect(periodBounds('week', '2021-W53')).toBeNull();
    expect(() => checkPeriod('week', '2021-W53')).toThrow(expect.objectContaining({ code: 'PERIOD_INVALID' }));
    expect(checkPeriod('week', '2020-W53')).toBe('2020-W53');
  });

  it('a month runs from its first to its last day (29 February in a leap year)', () => {
    expect(periodBounds('month', '2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodBounds('month', '2023-02')).toEqual({ start: '2023-02-01', end: '2023-02-28' });
    expect(periodBounds('month', '2023-12')).toEqual({ start: '2023-12-01', end: '2023-12-31' });
  });

  it('a year runs from 1 January to 31 December', () => {
    expect(periodBounds('year', '2023')).toEqual({ start: '2023-01-01', end: '2023-12-31' });
  });

  it('a campaign or no period has no days, even when its code looks like a year', () => {
    expect(periodBounds('campaign', '2023')).toBeNull();
    expect(periodBounds('campaign', '2023-remediation')).toBeNull();
    expect(periodBounds('none', '')).toBeNull();
    expect(periodBounds('week', undefined)).toBeNull();
    expect(periodBounds('month', '2023-13')).toBeNull();
  });
});
