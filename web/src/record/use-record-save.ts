// Saving the record page's edits (use-draft-save.ts: one queue for the button and the autosave, offline drafts kept
// in the browser), wired to the page: a new record's kept draft is put back first (use-draft-restore.ts) with its
// clientId, each edit marks the data unsaved, and what a save says goes beside the save button.
import { useCallback, useState } from 'react';
import type { ApiError } from '../api';
import type { RecordView } from '../api-types';
import { useI18n } from '../i18n';
import type { ClientForm } from '../plugin';
import { useTexts } from '../texts';
import { RECORD_TEXTS } from './record-texts';
import type { PageErrors, PageNotice } from './RecordMessage';
import { useDraftRestore } from './use-draft-restore';
import { useDraftSave } from './use-draft-save';
import type { Refusal } from './use-page-messages';
import type { RecordState } from './use-record-state';

type Data = Record<string, unknown>;

const newId = () => (crypto.randomUUID ? crypto.randomUUID() : `r-${Date.now()}-${Math.random().toString(36).slice(2)}`);

interface SavePage {
  state: RecordState;
  form: ClientForm | null;
  userId: string;
  /** Where a new record goes (absent for an existing record). */
  newRecord?: { plugin: string; form: string };
  period: string;
  setPeriod: (p: string) => void;
  orgUnitId: string | null;
  setOrgUnitId: (id: string | null) => void;
  setBusy: (b: boolean) => void;
  messages: {
    setErrors: (e: PageErrors | null) => void;
    setNotice: (n: PageNotice | null) => void;
    setRefusal: (r: Refusal | null) => void;
    fail: (e: ApiError, sent: Data) => void;
  };
  loadHistory: (id: string) => Promise<void>;
  /** A draft the user may edit (autosave applies). */
  editing: boolean;
  /** Fields in error (other than required): autosave waits for them. */
  invalid: number;
}

export function useRecordSave(p: SavePage) {
  const { t, lt } = useI18n();
  const tx = useTexts(RECORD_TEXTS);
  const { state, messages } = p;
  const { record, formData, dirty, setRecord, setFormData, setDirty } = state;
  const [createId, setCreateId] = useState(newId);

  const restore = useDraftRestore({
    ready: !!p.newRecord && !!p.form,
    userId: p.userId,
    plugin: p.newRecord?.plugin,
    form: p.newRecord?.form,
    restore: (d) => {
      // The same clientId: the save that follows is the record the outbox would have made, not a second one.
      setCreateId(d.clientId!);
      p.setPeriod(d.period);
      if (d.orgUnitId) p.setOrgUnitId(d.orgUnitId);
      setFormData(d.data);
      setDirty(true);
    },
    reset: () => {
      setCreateId(newId());
      setFormData({});
      setDirty(false);
    },
  });

  const { save, saveState, conflict, edited } = useDraftSave(
    {
      form: p.form,
      userId: p.userId,
      createId,
      target: { plugin: p.newRecord?.plugin ?? '', form: p.newRecord?.form ?? '', period: p.period, orgUnitId: p.orgUnitId },
      recordRef: state.recordRef,
      dataRef: state.dataRef,
      dirtyRef: state.dirtyRef,
      setRecord,
      setFormData,
      setDirty,
      setBusy: p.setBusy,
      label: () => {
        const name = state.dataRef.current.name;
        return typeof name === 'string' && name ? `${lt(p.form?.title)} · ${name}` : lt(p.form?.title);
      },
      starting: () => messages.setNotice(null),
      saved: (r: RecordView, manual) => {
        messages.setErrors(null);
        messages.setRefusal(null);
        restore.done();
        if (manual) messages.setNotice({ text: t('saved'), at: 'save' });
        void p.loadHistory(r.id).catch(() => {});
      },
      failed: (problem, status) =>
        messages.setErrors(
          problem === 'offline'
            ? { general: [], title: tx('offline'), at: 'save', warning: true }
            : problem === 'server'
              ? { general: [], title: `${tx('serverFault')} (${status})`, at: 'save', warning: true }
              : { general: [], title: tx('conflict'), at: 'save' },
        ),
      refused: (e, sent) => messages.fail(e, sent),
      other: (message) => messages.setErrors({ general: [], title: message, at: 'save' }),
    },
    {
      allowed: p.editing && p.invalid === 0 && (!!record || !!p.orgUnitId),
      data: formData,
      dirty,
      held: p.editing && p.invalid > 0,
    },
  );

  const onChange = useCallback(
    (data: Data) => {
      state.dataRef.current = data;
      state.dirtyRef.current = true;
      setFormData(data);
      setDirty(true);
      edited();
    },
    [edited, state.dataRef, state.dirtyRef, setFormData, setDirty],
  );
  return { save, saveState, conflict, onChange, restore };
}
