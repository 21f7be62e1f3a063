// The period before a period code, for report columns over the previous period. Only kinds with an order have one:
// a campaign code names a campaign, not a place in a sequence.
import type { PeriodKind } from '../plugins/types';

/** Period kinds whose codes have a previous period. */
export const ORDERED_PERIOD_KINDS: readonly PeriodKind[] = ['year', 'month', 'week'];

/** Whether ISO year `y` has 53 weeks: 1 January or 31 December is a Thursday. */
function has53Weeks(y: number): boolean {
  return new Date(Date.UTC(y, 0, 1)).getUTCDay() === 4 || new Date(Date.UTC(y, 11, 31)).getUTCDay() === 4;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** `2024` → `2023`, `2024-01` → `2023-12`, `2021-W01` → `2020-W53`; null for a kind without order or a code not of the kind. */
export function previousPeriod(kind: PeriodKind, code: string | null): string | null {
  if (code === null) return null;
  if (kind === 'year' && /^\d{4}$/.test(code)) return pad(Number(code) - 1, 4);
  let m = /^(\d{4})-(\d{2})$/.exec(code);
  if (kind === 'month' && m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return mo === 1 ? `${pad(y - 1, 4)}-12` : `${m[1]}-${pad(mo - 1, 2)}`;
  }
  m = /^(\d{4})-W(\d{2})$/.exec(code);
  if (kind === 'week' && m) {
    const [y, w] = [Number(m[1]), Number(m[2])];
    return w === 1 ? `${pad(y - 1, 4)}-W${has53Weeks(y - 1) ? 53 : 52}` : `${m[1]}-W${pad(w - 1, 2)}`;
  }
  return null;
}
