// Sends the drafts kept offline (offline-store.ts) once the server can be reached again: when the browser fires
// `online`, after any request the server answered, and every 20 s while some wait. A new record goes with its
// clientId (a second send is the same record on the server, so a lost answer makes no duplicate); an edit with the
// revision it was made from. A draft whose record page is open is that page's to send (it holds newer data): the
// outbox only tells the page to retry. A refusal is kept with its reason and shown, never dropped in silence.
import { useEffect, useState } from 'react';
import { ApiError, api, onServerReached } from '../api';
import type { RecordView } from '../api-types';
import { deleteDraft, listDrafts, putDraft, type StoredDraft } from './offline-store';

type Listener = () => void;
const changed = new Set<Listener>();
const sentTo = new Set<(key: string, record: RecordView) => void>();
const claims = new Map<string, () => boolean>();
let userId: string | null = null;
let flushing: Promise<void> | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let stop: (() => void) | null = null;

const notify = () => changed.forEach((f) => f());

/** Starts sending for this user (once per session; a second call for the same user does nothing). */
export function startOutbox(uid: string): void {
  if (userId === uid) return;
  stopOutbox();
  userId = uid;
  const kick = () => void flush();
  window.addEventListener('online', kick);
  const unsub = onServerReached(kick);
  timer = setInterval(kick, 20_000);
  stop = () => {
    window.removeEventListener('online', kick);
    unsub();
    if (timer) clearInterval(timer);
  };
  kick();
}

export function stopOutbox(): void {
  stop?.();
  stop = null;
  userId = null;
}

/** Keeps a draft (replacing an older one of the same key) and tells the banner. */
export async function keep(d: StoredDraft): Promise<void> {
  await putDraft(d);
  notify();
}

export async function settle(key: string): Promise<void> {
  await deleteDraft(key);
  notify();
}

/**
 * The open page that owns `key` sends it itself: `retry` is called when the connection seems back, and answers
 * whether the page took it (it has edits of its own); when it did not, the outbox sends the kept draft.
 */
export function claim(key: string, retry: () => boolean): () => void {
  claims.set(key, retry);
  return () => {
    if (claims.get(key) === retry) claims.delete(key);
  };
}

/** Told when the outbox has sent a draft (the page showing it then moves to the record). */
export function onSent(fn: (key: string, record: RecordView) => void): () => void {
  sentTo.add(fn);
  return () => sentTo.delete(fn);
}

async function send(d: StoredDraft): Promise<RecordView> {
  if (d.recordId) return api<RecordView>('PUT', `/api/records/${encodeURIComponent(d.recordId)}`, { revision: d.revision, data: d.data });
  return api<RecordView>('POST', '/api/records', {
    clientId: d.clientId,
    plugin: d.plugin,
    form: d.form,
    period: d.period,
    orgUnitId: d.orgUnitId,
    data: d.data,
  });
}

/** Sends every waiting draft of the user, one at a time; stops at the first that cannot reach the server. */
export function flush(): Promise<void> {
  if (flushing) return flushing;
  const uid = userId;
  if (!uid) return Promise.resolve();
  flushing = (async () => {
    for (const d of await listDrafts(uid)) {
      if (d.refused) continue;
      if (claims.get(d.key)?.()) continue;
      try {
        const r = await send(d);
        await deleteDraft(d.key);
        sentTo.forEach((f) => f(d.key, r));
      } catch (e) {
        if (e instanceof ApiError && e.status === 0) break;
        const why = e instanceof ApiError ? `${e.text['zh-CN']}` : String(e);
        await putDraft({ ...d, refused: why });
      }
      notify();
    }
  })().finally(() => {
    flushing = null;
    notify();
  });
  return flushing;
}

/** The user's waiting drafts, kept current for the banner. */
export function useWaitingDrafts(uid: string): StoredDraft[] {
  const [drafts, setDrafts] = useState<StoredDraft[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      listDrafts(uid).then(
        (l) => live && setDrafts(l),
        () => live && setDrafts([]),
      );
    changed.add(load);
    void load();
    return () => {
      live = false;
      changed.delete(load);
    };
  }, [uid]);
  return drafts;
}
