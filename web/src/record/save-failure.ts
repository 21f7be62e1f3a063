// What a failed save means for the officer, in their words: the connection is down (the draft is kept in this
// browser and sent when it returns), the server failed (kept on the page and retried), someone else saved first
// (reload), or the server refused the data (its reasons go to the fields). Never fetch's "TypeError: Failed to fetch".
import { ApiError } from '../api';

export type SaveFailure =
  | { kind: 'offline' }
  | { kind: 'server'; status: number }
  | { kind: 'conflict' }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'unknown'; message: string };

/** Retry a failed server (5xx) save after this long. */
export const SERVER_RETRY_MS = 10_000;

export function classifySaveError(e: unknown): SaveFailure {
  if (e instanceof ApiError) {
    if (e.status === 0) return { kind: 'offline' };
    if (e.status === 409 && e.code === 'STALE_REVISION') return { kind: 'conflict' };
    if (e.status >= 500 || e.code === 'NOT_JSON') return { kind: 'server', status: e.status };
    return { kind: 'refused', error: e };
  }
  // A TypeError from fetch that escaped api(), or anything else thrown on the way: the network, as far as we can tell.
  if (e instanceof TypeError) return { kind: 'offline' };
  return { kind: 'unknown', message: e instanceof Error ? e.message : String(e) };
}
