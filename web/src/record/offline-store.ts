// Drafts kept in the browser (IndexedDB) while the server cannot be reached: what the officer typed survives a lost
// connection, a closed tab and a restart of the browser, until the outbox (outbox.ts) has sent it. A new record's
// draft is keyed by its clientId, which the server's create honours (the same clientId twice is one record); an
// existing record's by its id, sent with the revision it was edited from.

export interface StoredDraft {
  /** clientId for a new record, `record:<id>` for an edit of an existing one. */
  key: string;
  /** Whose draft it is: only that user's session sends it. */
  userId: string;
  clientId?: string;
  recordId?: string;
  revision?: number;
  plugin: string;
  form: string;
  period: string;
  orgUnitId: string;
  data: Record<string, unknown>;
  /** What the banner calls it (the form's title, with a name when the data has one). */
  label: string;
  /** When it was kept (ms since epoch). */
  keptAt: number;
  /** Why the server refused it when the outbox sent it (kept, shown, never dropped silently). */
  refused?: string;
}

const DB = 'hezuo-offline';
const STORE = 'drafts';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
  });
  opening.catch(() => (opening = null));
  return opening;
}

function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error ?? new Error('indexedDB transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('indexedDB transaction aborted'));
      }),
  );
}

export const keyOf = (d: { clientId?: string; recordId?: string }) => (d.recordId ? `record:${d.recordId}` : (d.clientId ?? ''));

export const putDraft = (d: StoredDraft) => run('readwrite', (s) => s.put(d)).then(() => undefined);
export const deleteDraft = (key: string) => run('readwrite', (s) => s.delete(key)).then(() => undefined);
export const getDraft = (key: string) => run<StoredDraft | undefined>('readonly', (s) => s.get(key));

/** The user's drafts, oldest first. */
export async function listDrafts(userId: string): Promise<StoredDraft[]> {
  const all = await run<StoredDraft[]>('readonly', (s) => s.getAll());
  return all.filter((d) => d.userId === userId).sort((a, b) => a.keptAt - b.keptAt);
}
