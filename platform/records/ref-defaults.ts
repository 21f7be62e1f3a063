// What a record's x-ref fields offer as defaults (x-default with `from`, plugins/field-defaults.ts) to the user
// filling the form: only a referenced record they may see (naming is not reading: a record reached above their
// units gives nothing), and none of its fields masked for them — a default never carries what the user is not shown.
import { canSee, type Principal } from '../access/principal';
import { fieldsToMask } from '../access/sensitive-access';
import { touchesSensitive, type SensitiveField } from '../access/mask-sensitive';
import { decodePointer, getAtPointer } from '../plugins/schema-walk';
import { fillDefaults, type FieldDefault } from '../plugins/field-defaults';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { RecordRow } from '../store/records-store';

/** What the record a default's x-ref field names gives it, as this user may read it (undefined: nothing). */
export type RefValue = (d: FieldDefault) => unknown;

export function refReader(
  plugin: PluginDefinition,
  form: FormDefinition,
  principal: Principal,
  data: Record<string, unknown>,
  refs: ReadonlyMap<string, RecordRow>,
): RefValue {
  const seen = new Map<string, { data: Record<string, unknown>; hidden: readonly SensitiveField[] }>();
  for (const ref of form.references) {
    const id = getAtPointer(data, ref.pointer);
    const row = typeof id === 'string' ? refs.get(id) : undefined;
    if (!row || row.pluginId !== plugin.id || row.formId !== ref.form || !canSee(principal, row.orgPath)) continue;
    seen.set(ref.pointer, { data: row.data, hidden: fieldsToMask(principal, plugin.forms.get(ref.form)?.sensitive, row.orgPath) });
  }
  return (d) => {
    const ref = d.from === undefined ? undefined : seen.get(d.from);
    if (!ref || touchesSensitive(ref.hidden, decodePointer(d.field))) return undefined;
    return getAtPointer(ref.data, d.field);
  };
}

/** The values the referenced records give the form's defaulted fields (by field pointer), for the browser. */
export function refDefaultValues(form: FormDefinition, refValue: RefValue): Record<string, unknown> {
  const fromRefs = form.defaults.filter((d) => d.from !== undefined);
  if (!fromRefs.length) return {};
  return Object.fromEntries(fillDefaults(fromRefs, {}, refValue).filled);
}
