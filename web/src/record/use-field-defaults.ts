// Fields whose default is another field's value (x-default, platform/plugins/field-defaults.ts), filled while a
// new record or draft is typed: a same-form default when its source field changes, a reference's when the server's
// live facts say what the named record gives (only what the user may read; the server decides). Only empty fields
// are filled; one filled here follows its source until the officer types over it — then it is theirs.
import { useCallback, useEffect, useRef } from 'react';
import { fillDefaults } from '../../../platform/plugins/field-defaults';
import { getAtPointer } from '../../../platform/plugins/schema-walk';
import type { ClientForm } from '../plugin';

type Data = Record<string, unknown>;

export function useFieldDefaults(
  form: ClientForm | null,
  /** A new record or a draft the user may edit: defaults apply. */
  active: boolean,
  /** The server's values for defaults read through x-ref fields, by field pointer (live facts). */
  refValues: Readonly<Record<string, unknown>> | undefined,
  current: { readonly current: Data },
  onChange: (data: Data) => void,
  /** The saved record's data: a draft opened again is not filled from the references it was saved with. */
  saved?: Data,
): (data: Data) => void {
  const defaults = form?.definition.defaults;
  // Field → the value this page last filled it with.
  const filledRef = useRef(new Map<string, unknown>());
  const refValuesRef = useRef(refValues);
  refValuesRef.current = refValues;

  const fill = useCallback(
    (data: Data): Data => {
      if (!active || !defaults?.length) return data;
      const values = refValuesRef.current ?? {};
      const r = fillDefaults(defaults, data, (d) => values[d.pointer], filledRef.current);
      for (const [pointer, value] of r.filled) filledRef.current.set(pointer, value);
      return r.data;
    },
    [active, defaults],
  );

  const change = useCallback((data: Data) => onChange(fill(data)), [onChange, fill]);

  // New values from a reference (the officer picked a record): fill what is still empty.
  useEffect(() => {
    if (!refValues || !Object.keys(refValues).length || !form) return;
    const data = current.current;
    // Picked, not reopened: a field left empty beside the same reference in a saved draft stays as it was left.
    const refs = (d: Data | undefined) => JSON.stringify(form.definition.references.map((r) => getAtPointer(d ?? {}, r.pointer) ?? null));
    if (saved && refs(saved) === refs(data)) return;
    const next = fill(data);
    if (next !== data) onChange(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refValues]);

  return change;
}
