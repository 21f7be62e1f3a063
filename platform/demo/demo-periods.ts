// The period a demo record is filed for: the current one of the form's kind, and the ones before it when a subject
// already has a record in it. A campaign has no "current" one: only a case naming its period is seeded.
import type { PeriodKind } from '../plugins/types';

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 week of a YYYY-MM-DD date, as YYYY-Www. */
function isoWeek(day: string): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7));
  const y = t.getUTCFullYear();
  const w = Math.ceil(((t.getTime() - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7);
  return `${y}-W${pad(w)}`;
}

export function currentPeriod(kind: PeriodKind, day: string): string | null {
  if (kind === 'year') return day.slice(0, 4);
  if (kind === 'month') return day.slice(0, 7);
  if (kind === 'week') return isoWeek(day);
  if (kind === 'none') return '';
  return null;
}

/** The period before `period`; null for kinds without an order (none, campaign). */
export function earlierPeriod(kind: PeriodKind, period: string): string | null {
  if (kind === 'year') return String(Number(period) - 1);
  if (kind === 'month') {
    const [y, m] = period.split('-').map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
  }
  if (kind === 'week') {
    const [y, w] = period.split('-W').map(Number);
    if (w > 1) return `${y}-W${pad(w - 1)}`;
    // The last ISO week of the year before: the week of its 28 December.
    return isoWeek(`${y - 1}-12-28`);
  }
  return null;
}
