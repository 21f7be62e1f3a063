// The facts a record's live rules read of other records — the referenced records (refs.<pointer>) and the form's
// earlier records (earlier) — asked of the server (POST /api/live-facts) when what they depend on changes: the
// values of the form's reference fields and of its `earlier.by` field, the period and the unit. Not on every
// keystroke: the answer is kept until one of those changes, and asked again after a short pause. Until it comes (or
// when it fails) the rules run without them, as before — the save decides on the server's own facts either way.
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { EvaluationInput } from '../../../platform/evaluation';
import { decodePointer, getAtPointer } from '../../../platform/plugins/schema-walk';
import type { ClientForm } from '../plugin';

export type LiveFacts = Pick<EvaluationInput, 'refs' | 'earlier'> & {
  /** What the referenced records give the form's x-default fields, by field pointer. */
  defaults?: Record<string, unknown>;
};

const PAUSE_MS = 400;
const NONE: LiveFacts = {};

interface Target {
  plugin: string;
  version?: string;
  orgUnitId: string | null;
  period: string;
}

/** The pointers whose values decide the facts: reference fields and `earlier.by` (null: the form reads no facts). */
function factPointers(form: ClientForm | null): string[] | null {
  if (!form) return null;
  const def = form.definition;
  const pointers = def.references.map((r) => r.pointer);
  if (def.manifest.earlier) pointers.push(def.manifest.earlier.by);
  return pointers.length ? pointers : null;
}

export function useLiveFacts(form: ClientForm | null, data: Record<string, unknown>, target: Target): LiveFacts {
  const pointers = factPointers(form);
  // Only what decides the answer goes into the key: typing in any other field asks nothing.
  // Only what decides the answer goes into the key (a short string, made each render): typing in any other field
  // asks nothing.
  const key =
    pointers && target.orgUnitId
      ? JSON.stringify([
          target.plugin,
          target.version,
          form!.id,
          target.orgUnitId,
          target.period,
          pointers.map((p) => getAtPointer(data, p) ?? null),
        ])
      : null;
  const [facts, setFacts] = useState<{ key: string; value: LiveFacts } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const [plugin, version, formId, orgUnitId, period, values] = JSON.parse(key) as [
      string,
      string | undefined,
      string,
      string,
      string,
      unknown[],
    ];
    // Only the fields that decide the facts travel: the server reads no other field.
    const sent: Record<string, unknown> = {};
    pointers!.forEach((p, i) => {
      const top = decodePointer(p)[0];
      if (top && values[i] !== null) sent[top] = structuredClone(data[top]);
    });
    const timer = setTimeout(() => {
      api<{ refs: LiveFacts['refs']; earlier: LiveFacts['earlier']; defaults: Record<string, unknown> }>('POST', '/api/live-facts', {
        plugin,
        form: formId,
        ...(version ? { version } : {}),
        orgUnitId,
        period,
        data: sent,
      }).then(
        (r) => live && setFacts({ key, value: { refs: r.refs, earlier: r.earlier, defaults: r.defaults } }),
        () => live && setFacts({ key, value: NONE }),
      );
    }, PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return key && facts?.key === key ? facts.value : NONE;
}
