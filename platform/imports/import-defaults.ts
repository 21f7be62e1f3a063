// x-default in an import (plugins/field-defaults.ts): a row that creates a record has its empty defaulted fields
// filled as a create through the API fills them (records/record-service.ts) — the same function under the same
// reading rights (records/ref-defaults.ts) — from the referenced records the batch's facts already hold, so no row
// costs a query of its own. A row that updates a record fills nothing, as an edit through the API fills nothing.
import type { Principal } from '../access/principal';
import { fillDefaults } from '../plugins/field-defaults';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { earlierAsk } from '../records/earlier-records';
import { refReader } from '../records/ref-defaults';
import { keysOf } from '../records/write-facts';
import type { RecordRow } from '../store/records-store';

/** A new record's data as the row gives it, and where it is filed. */
export interface NewRecordData {
  data: Record<string, unknown>;
  orgUnitId: string;
}

/** What a record's data makes its write look up (write-facts.ts): a fill that changes it needs the facts again. */
function lookupsOf(form: FormDefinition, data: Record<string, unknown>, period: string, orgUnitId: string): string {
  const k = keysOf(form, data);
  const earlier = earlierAsk(form, k.input, period, orgUnitId);
  return JSON.stringify([k.subject, k.refIds, k.attachmentIds, earlier?.key ?? null]);
}

/**
 * Fills each new record's empty defaulted fields in place (`data` replaced when something was filled). True when a
 * filled value names something the batch's facts were not loaded for (a subject, a reference, an earlier record):
 * the caller loads them again, once for the batch.
 */
export function fillImportDefaults(
  plugin: PluginDefinition,
  form: FormDefinition,
  principal: Principal,
  period: string,
  rows: readonly NewRecordData[],
  refs: ReadonlyMap<string, RecordRow>,
): boolean {
  if (!form.defaults.length) return false;
  let moved = false;
  for (const r of rows) {
    const { data, filled } = fillDefaults(form.defaults, r.data, refReader(plugin, form, principal, r.data, refs));
    if (!filled.size) continue;
    if (!moved && lookupsOf(form, data, period, r.orgUnitId) !== lookupsOf(form, r.data, period, r.orgUnitId)) moved = true;
    r.data = data;
  }
  return moved;
}
