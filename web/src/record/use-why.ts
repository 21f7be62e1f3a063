// "Why" for one outcome on the rule panel: the rule run again in trace mode on what the panel shows — the live input
// here in the browser while the panel shows live results, or the stored record on the server (over the facts it was
// decided on: referenced records, marks, follow-ups). Read through a ref, so that a keystroke does not re-render the
// panel.
import { useCallback, useRef } from 'react';
import { api } from '../api';
import type { ClientForm } from '../plugin';
import type { EvaluationInput, Explanation } from '../../../platform/evaluation';

export function useWhy(form: ClientForm | null, showLive: boolean, recordId: string | undefined, liveInput: EvaluationInput) {
  const current = useRef({ showLive, recordId, liveInput });
  current.current = { showLive, recordId, liveInput };
  return useCallback(
    (ruleId: string) => {
      const w = current.current;
      if (!form) return null;
      if (w.showLive || !w.recordId) return form.explain(w.liveInput, ruleId);
      return explainStored(w.recordId, ruleId);
    },
    [form],
  );
}

/** The server's trace of a stored record's outcome (GET /api/records/:id/explain). */
export const explainStored = (recordId: string, ruleId: string) =>
  api<Explanation>('GET', `/api/records/${encodeURIComponent(recordId)}/explain?rule=${encodeURIComponent(ruleId)}`);
