// Saving a record being edited, so that no work is lost: the save button and the autosave (use-autosave.ts) go
// through one queue (never two requests at once, each sends the latest data); a new record is created with the
// page's clientId, an existing one updated with its revision. A failure keeps the data and says why: offline, the
// draft is kept in this browser and the outbox (outbox.ts) or this page sends it when the server answers again; a
// server fault is retried; someone else's newer revision asks for a reload; a refusal goes to the fields.
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { api, type ApiError } from '../api';
import type { CreateRecordBody, RecordView, UpdateRecordBody } from '../api-types';
import type { ClientForm } from '../plugin';
import type { SaveState } from './ActionBar';
import { claim, keep, onSent, settle } from './outbox';
import { SERVER_RETRY_MS, classifySaveError } from './save-failure';
import { useAutosave } from './use-autosave';

type Data = Record<string, unknown>;
type Problem = 'offline' | 'server' | 'conflict';

export interface DraftPage {
  form: ClientForm | null;
  userId: string;
  /** The clientId of a new record (crypto.randomUUID), fixed for the page. */
  createId: string;
  /** Where a new record goes. */
  target: { plugin: string; form: string; period: string; orgUnitId: string | null };
  recordRef: MutableRefObject<RecordView | null>;
  dataRef: MutableRefObject<Data>;
  dirtyRef: MutableRefObject<boolean>;
  setRecord: (r: RecordView) => void;
  setFormData: (d: Data) => void;
  setDirty: (d: boolean) => void;
  setBusy: (b: boolean) => void;
  /** What the offline banner calls the draft. */
  label: () => string;
  /** Before a save the user asked for (clear the last notice). */
  starting: () => void;
  saved: (r: RecordView, manual: boolean) => void;
  /** A failure the page says in its words (`status` for a server fault). */
  failed: (problem: Problem, status?: number) => void;
  /** The server refused the data: its reasons go to the fields. */
  refused: (e: ApiError, sent: Data) => void;
  other: (message: string) => void;
}

export interface Autosave {
  /** A draft the user may edit, with no field in error. */
  allowed: boolean;
  /** The edited data (each new value restarts the wait). */
  data: unknown;
  dirty: boolean;
  /** Edited but held back by field errors. */
  held: boolean;
}

export function useDraftSave(page: DraftPage, autosave: Autosave) {
  const ref = useRef(page);
  ref.current = page;
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [conflict, setConflict] = useState(false);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const persistNow = async (manual: boolean): Promise<RecordView | null> => {
    const p = ref.current;
    if (!p.form) return null;
    const cur = p.recordRef.current;
    if (!manual && !p.dirtyRef.current) return cur;
    const sent = p.dataRef.current;
    const keyBefore = cur ? `record:${cur.id}` : p.createId;
    if (retryTimer.current) clearTimeout(retryTimer.current);
    if (manual) {
      p.setBusy(true);
      p.starting();
    }
    setSaveState({ kind: 'saving' });
    try {
      const r = cur
        ? await api<RecordView>('PUT', `/api/records/${encodeURIComponent(cur.id)}`, {
            revision: cur.revision,
            data: sent,
          } satisfies UpdateRecordBody)
        : await api<RecordView>('POST', '/api/records', {
            clientId: p.createId,
            plugin: p.target.plugin,
            form: p.target.form,
            period: p.target.period,
            orgUnitId: p.target.orgUnitId ?? '',
            data: sent,
          } satisfies CreateRecordBody);
      p.setRecord(r);
      // Edits typed while the answer was on its way stay, and stay unsaved: the next autosave sends them.
      if (p.dataRef.current === sent) {
        p.setDirty(false);
        if (manual) p.setFormData(r.data ?? {});
      }
      setSaveState({ kind: 'saved', at: Date.now() });
      void settle(keyBefore).catch(() => {});
      if (!cur) window.history.replaceState(null, '', `#/records/${encodeURIComponent(r.id)}`);
      p.saved(r, manual);
      return r;
    } catch (e) {
      const f = classifySaveError(e);
      setSaveState({ kind: 'unsaved' });
      if (f.kind === 'offline') {
        // Kept in this browser under the clientId (or the record's id), sent when the connection returns.
        const at = Date.now();
        await keep({
          key: keyBefore,
          userId: p.userId,
          clientId: cur ? undefined : p.createId,
          recordId: cur?.id,
          revision: cur?.revision,
          plugin: cur?.plugin.id ?? p.target.plugin,
          form: cur?.form ?? p.target.form,
          period: p.target.period,
          orgUnitId: cur?.orgUnit?.id ?? p.target.orgUnitId ?? '',
          data: sent,
          label: p.label(),
          keptAt: at,
        }).then(
          () => setSaveState({ kind: 'kept', at }),
          () => {},
        );
        p.failed('offline');
      } else if (f.kind === 'server') {
        p.failed('server', f.status);
        retryTimer.current = setTimeout(() => void persist(false), SERVER_RETRY_MS);
      } else if (f.kind === 'conflict') {
        setConflict(true);
        p.failed('conflict');
      } else if (f.kind === 'refused') p.refused(f.error, sent);
      else p.other(f.message);
      return null;
    } finally {
      if (manual) p.setBusy(false);
    }
  };
  const persist = (manual: boolean): Promise<RecordView | null> => {
    const run = chain.current.then(() => persistNow(manual));
    chain.current = run.catch(() => null);
    return run;
  };
  const persistRef = useRef(persist);
  persistRef.current = persist;

  useEffect(() => () => void (retryTimer.current && clearTimeout(retryTimer.current)), []);

  // While the page is open it sends its own kept draft (it has the newest data) when the outbox sees the server again.
  const record = page.recordRef.current;
  const draftKey = record ? `record:${record.id}` : page.createId;
  useEffect(() => {
    const release = claim(draftKey, () => {
      if (!ref.current.dirtyRef.current) return false;
      void persistRef.current(false);
      return true;
    });
    // A draft of this record kept earlier (another visit, offline) and sent by the outbox: show what the server has now.
    const unsub = onSent((key, r) => {
      const p = ref.current;
      if (key !== draftKey || p.dirtyRef.current) return;
      p.setRecord(r);
      p.setFormData(r.data ?? {});
      setSaveState({ kind: 'saved', at: Date.now() });
    });
    return () => {
      release();
      unsub();
    };
  }, [draftKey]);

  useAutosave({
    enabled: autosave.allowed && !conflict,
    dirty: autosave.dirty,
    data: autosave.data,
    save: () => persistRef.current(false),
  });
  useEffect(() => {
    if (autosave.dirty && autosave.held) setSaveState({ kind: 'held' });
  }, [autosave.dirty, autosave.held]);

  /** Called on each edit: the state shows "unsaved" until the next save. */
  const edited = useCallback(() => setSaveState((s) => (s.kind === 'unsaved' ? s : { kind: 'unsaved' })), []);
  const save = useCallback((manual: boolean) => persistRef.current(manual), []);
  return { save, saveState, conflict, edited };
}
