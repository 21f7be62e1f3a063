// A form's `earlier` (docs/plugins.md, Earlier records): the rules of a periodic record read the same form's
// records for the same subject or referenced record, filed by the same unit in earlier periods — e.g. a weekly
// report's amounts paid in the weeks before. Loaded with the other facts of a write, one statement for a batch
// (write-facts.ts); evaluated records read them from what is stored, so editing an earlier period leaves later
// ones as they were until they are saved again or recomputed.
import type { EarlierRecord } from '../evaluation/types';
import { decodePointer, getAtPointer } from '../plugins/schema-walk';
import type { FormDefinition } from '../plugins/types';
import type { EarlierAsk } from '../store/earlier-store';

/** Where the answer for one record is filed: form, unit, the value at `by`, period. */
export const earlierKey = (formId: string, orgUnitId: string, value: string, period: string) =>
  JSON.stringify([formId, orgUnitId, value, period]);

/** What a record (data without computed values) asks for, or null when its form declares no `earlier` or `by` is empty. */
export function earlierAsk(form: FormDefinition, data: Record<string, unknown>, period: string, orgUnitId: string): EarlierAsk | null {
  const spec = form.manifest.earlier;
  if (!spec) return null;
  const value = getAtPointer(data, spec.by);
  if (typeof value !== 'string' || value === '') return null;
  return {
    key: earlierKey(form.id, orgUnitId, value, period),
    formId: form.id,
    orgUnitId,
    path: decodePointer(spec.by),
    value,
    period,
    limit: spec.limit,
  };
}

/** The asks of a batch, one per distinct key. */
export function distinctAsks(asks: readonly (EarlierAsk | null)[]): EarlierAsk[] {
  const byKey = new Map<string, EarlierAsk>();
  for (const a of asks) if (a && !byKey.has(a.key)) byKey.set(a.key, a);
  return [...byKey.values()];
}

/** The earlier records loaded for one record (none when not asked or not loaded). */
export function earlierOf(
  form: FormDefinition,
  loaded: ReadonlyMap<string, EarlierRecord[]> | undefined,
  data: Record<string, unknown>,
  period: string,
  orgUnitId: string,
): EarlierRecord[] {
  const ask = earlierAsk(form, data, period, orgUnitId);
  return (ask && loaded?.get(ask.key)) || [];
}
