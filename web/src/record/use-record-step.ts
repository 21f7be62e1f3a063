// Taking a workflow step on the record page, with the reviewer's comment: a step that needs a comment waits for one;
// a submission waits for the required fields (marked only now: drafts may be incomplete); unsaved edits are saved
// first; the record the server answers replaces the page's, and the step's outcome is said beside the steps.
import { useState } from 'react';
import { api } from '../api';
import type { RecordView, TransitionBody } from '../api-types';
import { useI18n, type LocalText } from '../i18n';
import type { StepInfo } from '../TransitionBar';
import type { PageErrors, PageNotice } from './RecordMessage';

interface StepPage {
  record: RecordView | null;
  dirty: boolean;
  /** A step now is a submission, validated in full. */
  submitting: boolean;
  /** Required fields left empty. */
  missing: number;
  save: (manual: boolean) => Promise<RecordView | null>;
  setBusy: (b: boolean) => void;
  setErrors: (e: PageErrors | null) => void;
  setNotice: (n: PageNotice | null) => void;
  setShowRequired: (s: boolean) => void;
  /** The server's record after the step (clears the last refusal too). */
  stepped: (r: RecordView) => Promise<void>;
  fail: (e: unknown) => void;
}

export function useRecordStep(page: StepPage) {
  const { t, lt } = useI18n();
  const [comment, setComment] = useState('');
  const step = async (tr: StepInfo) => {
    const p = page;
    let r = p.record;
    if (!r) return;
    if (tr.commentRequired && !comment.trim()) {
      p.setErrors({ general: [], title: t('commentRequired'), at: 'step' });
      return;
    }
    if (p.submitting && p.missing > 0) {
      // The officer tried to submit: now the empty required fields are marked, and the step waits for them.
      p.setShowRequired(true);
      p.setErrors({ general: [], title: t('requiredShown'), at: 'step' });
      return;
    }
    if (r.editable && p.dirty) {
      r = await p.save(true);
      if (!r) return;
    }
    p.setBusy(true);
    p.setErrors(null);
    p.setNotice(null);
    try {
      const next = await api<RecordView>('POST', `/api/records/${encodeURIComponent(r.id)}/transitions`, {
        revision: r.revision,
        transition: tr.id,
        comment: comment.trim() || undefined,
      } satisfies TransitionBody);
      setComment('');
      p.setNotice({ text: `${lt(tr.title as LocalText)} · ${t('done')}`, at: 'step' });
      await p.stepped(next);
    } catch (e) {
      p.fail(e);
    } finally {
      p.setBusy(false);
    }
  };
  return { comment, setComment, step };
}
