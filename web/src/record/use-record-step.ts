// Taking a workflow step on the record page, with the reviewer's comment: a step that needs a comment waits for one;
// a submission waits for the required fields (marked only now: drafts may be incomplete); unsaved edits are saved
// first (after any save under way); the record the server answers replaces the page's, and the step's outcome is said beside the steps.
import { useState } from 'react';
import { api } from '../api';
import type { RecordView, TransitionBody } from '../api-types';
import { useI18n, type LocalText } from '../i18n';
import type { StepInfo } from '../TransitionBar';
import type { PageErrors, PageNotice } from './RecordMessage';

interface StepPage {
  /** The record and whether it has unsaved edits, as they are now (a click may come before the page re-renders). */
  recordRef: { readonly current: RecordView | null };
  dirtyRef: { readonly current: boolean };
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
    let r = p.recordRef.current;
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
    if (r.editable) {
      // Through the save queue even with nothing to save: a save under way (the autosave) ends first, and the step
      // is taken on the revision it made — never on the one before, which the server would refuse as stale.
      r = await p.save(p.dirtyRef.current);
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
