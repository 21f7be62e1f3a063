// A form's `earlier` declaration (rules read the same form's earlier records, platform/records/earlier-records.ts),
// checked at load: `by` names the form's subject or one of its x-ref fields, and the form's periods have an order.
import { detail, type ErrorDetail } from '../errors';
import type { FormManifest } from './types';

/** Period kinds whose codes sort as text in time order (2024-W05 < 2024-W10); a campaign's names do not. */
export const ORDERED_PERIODS: ReadonlySet<string> = new Set(['year', 'month', 'week']);

export function checkEarlier(
  manifest: FormManifest,
  references: readonly { pointer: string }[],
  at: string,
  file: string,
): ErrorDetail[] {
  const e = manifest.earlier;
  if (!e) return [];
  const errors: ErrorDetail[] = [];
  if (e.by !== manifest.subject && !references.some((r) => r.pointer === e.by)) {
    errors.push(
      detail(
        `${at}/earlier/by`,
        `earlier.by 必须是本表单的 subject 或一个 x-ref 字段:${e.by}`,
        `earlier.by must be the form's subject or one of its x-ref fields: ${e.by}`,
        { file },
      ),
    );
  }
  if (!ORDERED_PERIODS.has(manifest.period.kind)) {
    errors.push(
      detail(
        `${at}/earlier`,
        `earlier 需要有先后顺序的期间(year、month 或 week),本表单为 ${manifest.period.kind}`,
        `earlier needs periods in time order (year, month or week); this form's are ${manifest.period.kind}`,
        { file },
      ),
    );
  }
  return errors;
}
