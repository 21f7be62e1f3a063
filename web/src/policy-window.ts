// A form's policy out of force (plugin.json `effective`, as GET /api/forms gives it): the line officers read
// instead of a "new" button, so a refused save never is the first they hear of it.
import type { Locale } from './i18n';

export interface PolicyWindow {
  from: string | null;
  until: string | null;
  extension: { until: string; reason: string } | null;
  day: string;
  inForce: boolean;
}

/** Why no new record can be made today; null while the policy is in force. */
export function policyNote(p: PolicyWindow | undefined, locale: Locale): string | null {
  if (!p || p.inForce) return null;
  const last = p.extension?.until ?? p.until;
  if (p.from && p.day < p.from) {
    return locale === 'en' ? `Takes effect on ${p.from}: no new records yet` : `该政策自 ${p.from} 起施行,暂不能新建`;
  }
  return locale === 'en'
    ? `Lost effect after ${last}: no new records (an admin may extend it)`
    : `该政策已于 ${last} 失效,不能新建(管理员可延长)`;
}
