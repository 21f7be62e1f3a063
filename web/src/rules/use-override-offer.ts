// What the record page offers for overridable outcomes (issue 11): the rules declaring `override` whose roles the
// user holds (the server checks them again at the record's unit), a class rule's codes, and the save: the stored
// data as it is, with the override, so the write changes nothing else.
import { useMemo, useRef } from 'react';
import { api, ApiError } from '../api';
import type { Me, RecordView } from '../api-types';
import { useI18n, type LocalText } from '../i18n';
import type { ClientForm } from '../plugin';
import type { OverrideOffer } from './OverrideControls';

export function useOverrideOffer(
  form: ClientForm | null,
  me: Me,
  record: RecordView | null,
  saved: (next: RecordView) => void,
): OverrideOffer | undefined {
  const { lt } = useI18n();
  const savedRef = useRef(saved);
  savedRef.current = saved;
  const recordRef = useRef(record);
  recordRef.current = record;
  const final = !!record && !!form?.definition.workflow?.states.get(record.state)?.final;
  const id = record?.id;
  return useMemo(() => {
    if (!form || !id || final) return undefined;
    const roles = new Map<string, readonly string[]>();
    for (const { rule } of form.definition.rules) {
      if ((rule.kind === 'compute' || rule.kind === 'classify') && rule.override) roles.set(rule.id, rule.override.roles);
    }
    if (roles.size === 0) return undefined;
    const held = new Set(me.roles.map((g) => g.role));
    return {
      allowed: (ruleId) => (roles.get(ruleId) ?? []).some((r) => held.has(r)),
      options: (ruleId) => {
        const labels = form.definition.classLabels?.get(ruleId);
        return labels ? [...labels].map(([code, label]) => ({ value: code, label: lt(label as LocalText) })) : undefined;
      },
      submit: async (ruleId, value, reason) => {
        const r = recordRef.current;
        if (!r) return null;
        try {
          const next = await api<RecordView>('PUT', `/api/records/${encodeURIComponent(r.id)}`, {
            revision: r.revision,
            data: r.data,
            overrides: { [ruleId]: { value, reason } },
          });
          savedRef.current(next);
          return null;
        } catch (e) {
          if (e instanceof ApiError && e.details.length) return e.details;
          return [{ pointer: '', message: e instanceof ApiError ? e.text : { 'zh-CN': String(e), en: String(e) } }];
        }
      },
    };
  }, [form, id, final, me.roles, lt]);
}
