// Fields whose default is another field's value (`x-default`), so a fact is entered once: a score sheet's item
// from the same form's application section (`{ field }`), or a monitoring form's name from the record its x-ref
// field names (`{ from, field }`). One fill for server and browser: it only writes a field that is empty, never
// one the officer typed. What a referenced record offers is decided by the caller (who may read what, masks).
import { getAtPointer, setAtPointer } from './schema-walk';

export interface FieldDefault {
  /** The field that gets the default. */
  pointer: string;
  /** The x-ref field of this form naming the record read; absent: the field is read from this form's data. */
  from?: string;
  /** The field read (in this form's data, or in the referenced record's). */
  field: string;
}

/** Empty for a default: nothing there yet (rjsf leaves a cleared text field undefined; an API client may send ""). */
export const isEmptyValue = (v: unknown) => v === undefined || v === null || v === '';

/**
 * The data with each empty defaulted field filled, or the same object when nothing was filled. `refValue(d)` is
 * what the record named by `d.from` gives (undefined: nothing — a record or field the user may not read; the
 * server reads the record, the browser asks the server). `follow` names fields that may be overwritten after all,
 * with the value they were last filled with (the browser's: a default it filled itself follows its source until
 * the officer changes it).
 */
export function fillDefaults(
  defaults: readonly FieldDefault[],
  data: Record<string, unknown>,
  refValue: (d: FieldDefault) => unknown,
  follow?: ReadonlyMap<string, unknown>,
): { data: Record<string, unknown>; filled: Map<string, unknown> } {
  const filled = new Map<string, unknown>();
  let out = data;
  // References first: a same-form default may read a field just filled from a reference.
  const ordered = [...defaults.filter((d) => d.from), ...defaults.filter((d) => !d.from)];
  for (const d of ordered) {
    const current = getAtPointer(out, d.pointer);
    const followed = follow?.has(d.pointer) && sameValue(follow.get(d.pointer), current);
    if (!isEmptyValue(current) && !followed) continue;
    const value = d.from ? refValue(d) : getAtPointer(out, d.field);
    if (isEmptyValue(value) || sameValue(value, current)) continue;
    if (out === data) out = structuredClone(data);
    setAtPointer(out, d.pointer, structuredClone(value));
    filled.set(d.pointer, value);
  }
  return { data: out, filled };
}

const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
