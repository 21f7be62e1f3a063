// A new record's draft kept in this browser (offline-store.ts) comes back when its page is opened again — reloaded
// while the server could not be reached, or before the outbox sent it: the newest such draft of the same form is put
// back in the form, with its clientId, so that the save that follows is that same record on the server (no
// duplicate). The officer is told ("已恢复未保存的草稿") and may discard it instead.
import { useCallback, useEffect, useState } from 'react';
import { listDrafts, type StoredDraft } from './offline-store';
import { settle } from './outbox';

interface RestorePage {
  /** Only a new record's page restores, once its form is loaded. */
  ready: boolean;
  userId: string;
  plugin?: string;
  form?: string;
  /** Puts the draft in the form (data, clientId, period, unit) as unsaved edits. */
  restore: (d: StoredDraft) => void;
  /** Starts over with an empty form and a new clientId. */
  reset: () => void;
}

export function useDraftRestore({ ready, userId, plugin, form, restore, reset }: RestorePage) {
  const [restored, setRestored] = useState<StoredDraft | null>(null);
  useEffect(() => {
    if (!ready || !plugin || !form) return;
    let live = true;
    listDrafts(userId).then(
      (all) => {
        // listDrafts is oldest first: the newest is the one the officer last typed.
        const d = all.filter((x) => !x.recordId && x.clientId && !x.refused && x.plugin === plugin && x.form === form).at(-1);
        if (!live || !d) return;
        setRestored(d);
        restore(d);
      },
      () => {},
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, userId, plugin, form]);

  const discard = useCallback(async () => {
    const d = restored;
    if (!d) return;
    // The notice and the kept data go together: the form is emptied at once, the browser's copy after.
    setRestored(null);
    reset();
    await settle(d.key).catch(() => {});
  }, [restored, reset]);
  /** The draft is on the server now (or discarded): the notice goes. */
  const done = useCallback(() => setRestored(null), []);
  return { restored, discard, done };
}
