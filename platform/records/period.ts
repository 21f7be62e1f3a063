// Period codes by the kind a form declares: one spelling each, so reports can group and sort by text.
import { HezuoError, detail } from '../errors';
import type { PeriodKind } from '../plugins/types';
import { periodBounds } from './period-bounds';

const PATTERNS: Record<PeriodKind, RegExp> = {
  year: /^\d{4}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  campaign: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
  none: /^$/,
};

const EXAMPLES: Record<PeriodKind, string> = { year: '2024', month: '2024-03', week: '2024-W05', campaign: '2023-remediation', none: '' };

export function checkPeriod(kind: PeriodKind, period: unknown): string {
  const value = period === undefined || period === null ? '' : period;
  // Week 53 of a year with 52 names no days: refused like any text that is no week.
  if (typeof value !== 'string' || !PATTERNS[kind].test(value) || (kind === 'week' && !periodBounds(kind, value))) {
    throw new HezuoError('PERIOD_INVALID', [
      detail('/period', `期间应为 ${kind} 格式,例如 "${EXAMPLES[kind]}"`, `The period must be a ${kind}, e.g. "${EXAMPLES[kind]}"`, {
        params: { kind },
      }),
    ]);
  }
  return value;
}
