// The record's rules and validation run in the browser as the officer types: one evaluation input (the data, the
// plugin's parameters, the facts read of other records, the record's own id, period, state and overrides) feeds both
// the live results and "why" (the same evaluator in trace mode), so the two can never disagree. The field errors are
// the server's validator on the data as the server would see it (computed fields written), plus what the last
// refused save said of fields not changed since.
import { useMemo, useRef } from 'react';
import type { ErrorDetail } from '../api';
import type { RecordView } from '../api-types';
import { liveErrors, maskedAsSent, sameOrNew, serverErrorsStill } from '../form-validation';
import { useI18n } from '../i18n';
import { evaluateWithData, today, type ClientForm } from '../plugin';
import type { EvaluationInput } from '../../../platform/evaluation';
import { errorPointersOf } from './sections';
import type { LiveFacts } from './use-live-facts';

interface LiveSource {
  form: ClientForm | null;
  editable: boolean;
  record: RecordView | null;
  formData: Record<string, unknown>;
  params: Record<string, unknown>;
  facts: LiveFacts;
  period: string;
  /** The server's field errors of the last refused save, with the data it refused. */
  refusal: { details: ErrorDetail[]; data: unknown } | null;
  /** Required fields are pointed out only once the officer tries to submit: drafts may be incomplete. */
  showRequired: boolean;
}

export function useLiveEvaluation({ form, editable, record, formData, params, facts, period, refusal, showRequired }: LiveSource) {
  const { locale } = useI18n();
  const liveInput = useMemo<EvaluationInput>(
    () => ({
      data: formData,
      params,
      asOf: today(),
      refs: facts.refs,
      earlier: facts.earlier,
      record: { id: record?.id, period, state: record?.state },
      // The record's overridden outcomes count live too, as on the server (the computed value shown beside).
      overrides: record?.results?.overrides,
    }),
    [formData, params, facts, period, record?.id, record?.state, record?.results?.overrides],
  );
  const live = useMemo(() => (form && editable ? evaluateWithData(form, liveInput) : null), [form, editable, liveInput]);

  // A sensitive field left as the mask the server sent keeps its stored value on save: not a field error here.
  const details = useMemo(
    () =>
      form && live
        ? form.validate(live.data).filter((d) => !maskedAsSent(form.definition.sensitive.fields, d.pointer, live.data, record?.data))
        : [],
    [form, live, record],
  );
  const fieldErrors = useMemo(() => liveErrors(details, locale, showRequired), [details, locale, showRequired]);
  const extraRef = useRef<{ key: string; value: Record<string, any> } | null>(null);
  const extraErrors = useMemo(() => {
    const out = structuredClone(fieldErrors.extraErrors);
    if (refusal) serverErrorsStill(refusal.details, refusal.data, formData, locale, out);
    extraRef.current = sameOrNew(extraRef.current, out);
    return extraRef.current.value;
  }, [fieldErrors, refusal, formData, locale]);
  const errorPointers = useMemo(() => errorPointersOf(extraErrors), [extraErrors]);
  return { liveInput, live, fieldErrors, extraErrors, errorPointers };
}
