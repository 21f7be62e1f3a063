// The period before a period code (issue 11): years, months, ISO weeks across year ends with 52 and 53 weeks.
import { describe, expect, it } from 'vitest';
import { previousPeriod } from '../../platform/reports/previous-period';

describe('previousPeriod', () => {
  it('steps back one year, month or ISO week', () => {
    expect(previousPeriod('year', '2024')).toBe('2023');
    expect(previousPeriod('month', '2024-03')).toBe('2024-02');
    expect(previousPeriod('month', '2024-01')).toBe('2023-12');
    expect(previousPeriod('week', '2023-W14')).toBe('2023-W13');
    expect(previousPeriod('week', '2023-W10')).toBe('2023-W09');
    // 2020 began on a Wednesday and was a leap year, so 31 December was a Thursday: 53 weeks. 2015 began on a Thursday.
    expect(previousPeriod('week', '2021-W01')).toBe('2020-W53');
    expect(previousPeriod('week', '2016-W01')).toBe('2015-W53');
    // 2023 began on a Sunday and ended on a Sunday: 52 weeks.
    expect(previousPeriod('week', '2024-W01')).toBe('2023-W52');
  });

  it('has none for campaigns, no period, or a code not of the kind', () => {
    expect(previousPeriod('campaign', '2023-remediation')).toBeNull();
    expect(previousPeriod('none', '')).toBeNull();
    expect(previousPeriod('week', null)).toBeNull();
    expect(previousPeriod('month', '2024-W01')).toBeNull();
  });
});
