// Saved views (migration 202612040001): a user's named list filters. Every query names the user, so no call can
// read or delete another user's view.
import { sql } from 'kysely';
import type { Executor } from './schema';

export interface SavedViewRow {
  id: string;
  name: string;
  filter: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

const toView = (r: { id: string; name: string; filter: Record<string, unknown>; created_at: Date; updated_at: Date }): SavedViewRow => ({
  id: String(r.id),
  name: r.name,
  filter: r.filter,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listSavedViews(ex: Executor, userId: string): Promise<SavedViewRow[]> {
  const rows = await ex
    .selectFrom('saved_views')
    .select(['id', 'name', 'filter', 'created_at', 'updated_at'])
    .where('user_id', '=', userId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toView);
}

export async function countSavedViews(ex: Executor, userId: string): Promise<number> {
  const r = await ex
    .selectFrom('saved_views')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Saves under the name, replacing the user's view of that name; `created` tells which happened. */
export async function saveView(
  ex: Executor,
  userId: string,
  name: string,
  filter: Record<string, unknown>,
  now: Date,
): Promise<{ view: SavedViewRow; created: boolean }> {
  const r = await ex
    .insertInto('saved_views')
    .values({ user_id: userId, name, filter: JSON.stringify(filter), created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'name']).doUpdateSet({ filter: JSON.stringify(filter), updated_at: now }))
    // xmax is 0 for a row this statement inserted, the updating transaction's id for one it replaced.
    .returning(['id', 'name', 'filter', 'created_at', 'updated_at', sql<boolean>`(xmax = 0)`.as('inserted')])
    .executeTakeFirstOrThrow();
  return { view: toView(r), created: r.inserted };
}

/** Deletes the user's view; false when the user has no view of that id (another user's included). */
export async function deleteSavedView(ex: Executor, userId: string, id: string): Promise<boolean> {
  if (!/^\d{1,18}$/.test(id)) return false;
  const r = await ex.deleteFrom('saved_views').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
