// What the record page has to say after a save or a step: the error (with where to show it), the success notice, and
// the server's field errors of the last refused save with the data it refused (they stay at their fields until the
// field is changed). `fail` turns any failure into these, in the user's language.
import { useState } from 'react';
import { ApiError, type ErrorDetail } from '../api';
import { useI18n } from '../i18n';
import type { MessagePlace, PageErrors, PageNotice } from './RecordMessage';

export interface Refusal {
  details: ErrorDetail[];
  data: unknown;
}

export function usePageMessages() {
  const { lt } = useI18n();
  const [errors, setErrors] = useState<PageErrors | null>(null);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  /** `sent`: the data the refused request carried (the field errors are tied to it). */
  const fail = (e: unknown, sent: unknown, at: MessagePlace) => {
    if (e instanceof ApiError && e.status !== 0) {
      const general = e.details
        .filter((d) => !d.pointer.startsWith('/data/'))
        .map((d) => lt(d.message))
        .filter(Boolean);
      setErrors({ general, title: lt(e.text), at });
      setRefusal({ details: e.details, data: sent });
    } else if (e instanceof ApiError) setErrors({ general: [], title: lt(e.text), at });
    else setErrors({ general: [], title: String(e), at });
  };
  return { errors, setErrors, notice, setNotice, refusal, setRefusal, fail };
}
