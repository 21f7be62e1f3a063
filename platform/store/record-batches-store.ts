// Records in batches for background work over many of them: keyset pages by id, and row locks that never wait,
// so a job never holds up (or deadlocks with) an officer saving a record — a row someone holds is left for later.
import type { Executor } from './schema';
import { toRecord, type RecordRow } from './records-store';

/** How many records of a plugin are in none of `excludeStates`. */
export async function countRecordsOutside(ex: Executor, pluginId: string, excludeStates: string[]): Promise<number> {
  let q = ex
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plugin_id', '=', pluginId);
  if (excludeStates.length) q = q.where('state', 'not in', excludeStates);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** The next `limit` ids after `cursor` (in id order) of a plugin's records in none of `excludeStates`. */
export async function recordIdsAfter(
  ex: Executor,
  pluginId: string,
  excludeStates: string[],
  cursor: string | null,
  limit: number,
): Promise<string[]> {
  let q = ex.selectFrom('records').select('id').where('plugin_id', '=', pluginId);
  if (excludeStates.length) q = q.where('state', 'not in', excludeStates);
  if (cursor !== null) q = q.where('id', '>', cursor);
  return (await q.orderBy('id').limit(limit).execute()).map((r) => r.id);
}

/** Locks those of `ids` no other transaction holds (skip locked) and returns them; the others are left out. */
export async function lockFreeRecords(ex: Executor, ids: string[]): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  const rows = await ex.selectFrom('records').selectAll().where('id', 'in', ids).forUpdate().skipLocked().execute();
  return rows.map(toRecord);
}

/**
 * A keyset page of a plugin version's records in none of `excludeStates`: the next `limit` rows after `cursor` in
 * id order, read without locks (a preview that only reads them, as the pack dry run's impact does).
 */
export async function recordsPageAfter(
  ex: Executor,
  pluginId: string,
  pluginVersion: string,
  excludeStates: string[],
  cursor: string | null,
  limit: number,
): Promise<RecordRow[]> {
  let q = ex.selectFrom('records').selectAll().where('plugin_id', '=', pluginId).where('plugin_version', '=', pluginVersion);
  if (excludeStates.length) q = q.where('state', 'not in', excludeStates);
  if (cursor !== null) q = q.where('id', '>', cursor);
  return (await q.orderBy('id').limit(limit).execute()).map(toRecord);
}
