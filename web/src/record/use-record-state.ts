// The record page's record, its edited data and whether they are unsaved — each kept in state (to render) and in a
// ref (for saves that run later: autosave, retries, the outbox), since a closure's copy would be stale by then.
import { useCallback, useRef, useState } from 'react';
import type { RecordView } from '../api-types';

type Data = Record<string, unknown>;

export function useRecordState() {
  const [record, setRecordState] = useState<RecordView | null>(null);
  const [formData, setFormDataState] = useState<Data>({});
  const [dirty, setDirtyState] = useState(false);
  const recordRef = useRef<RecordView | null>(null);
  const dataRef = useRef<Data>({});
  const dirtyRef = useRef(false);
  const setRecord = useCallback((r: RecordView | null) => {
    recordRef.current = r;
    setRecordState(r);
  }, []);
  const setFormData = useCallback((d: Data) => {
    dataRef.current = d;
    setFormDataState(d);
  }, []);
  const setDirty = useCallback((d: boolean) => {
    dirtyRef.current = d;
    setDirtyState(d);
  }, []);
  /** The record as the server sent it now: its data replaces the edited one. */
  const showRecord = useCallback(
    (r: RecordView) => {
      setRecord(r);
      setFormData(r.data ?? {});
    },
    [setRecord, setFormData],
  );
  return { record, formData, dirty, recordRef, dataRef, dirtyRef, setRecord, setFormData, setDirty, showRecord };
}

export type RecordState = ReturnType<typeof useRecordState>;
