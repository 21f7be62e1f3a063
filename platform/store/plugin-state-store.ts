// The stored lifecycle of a plugin (migration 202612030001): the version new records take, the versions it
// replaced, and whether its forms are disabled. Written only inside the transaction of an install, rollback,
// uninstall or enable, so the registry follows it after commit and a restart reads the same.
import { sql } from 'kysely';
import type { Executor } from './schema';

export interface PluginState {
  pluginId: string;
  activeVersion: string;
  previousVersions: string[];
  disabled: boolean;
}

const toState = (r: { plugin_id: string; active_version: string; previous_versions: string[]; disabled: boolean }): PluginState => ({
  pluginId: r.plugin_id,
  activeVersion: r.active_version,
  previousVersions: r.previous_versions,
  disabled: r.disabled,
});

/** `forUpdate`: lock the row, so two admins changing one plugin take turns. */
export async function getPluginState(ex: Executor, pluginId: string, forUpdate = false): Promise<PluginState | undefined> {
  let q = ex.selectFrom('plugin_state').selectAll().where('plugin_id', '=', pluginId);
  if (forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? toState(r) : undefined;
}

export async function listPluginStates(ex: Executor): Promise<PluginState[]> {
  const rows = await ex.selectFrom('plugin_state').selectAll().orderBy('plugin_id').execute();
  return rows.map(toState);
}

export async function savePluginState(ex: Executor, s: PluginState, userId: string | null): Promise<void> {
  const row = {
    active_version: s.activeVersion,
    previous_versions: s.previousVersions,
    disabled: s.disabled,
    updated_by: userId,
    updated_at: new Date(),
  };
  await ex
    .insertInto('plugin_state')
    .values({ plugin_id: s.pluginId, ...row })
    .onConflict((oc) => oc.column('plugin_id').doUpdateSet(row))
    .execute();
}

/** Serialises lifecycle changes of one plugin even before its state row exists (its first install). */
export async function lockPluginLifecycle(ex: Executor, pluginId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${'plugin-state:' + pluginId}))`.execute(ex);
}
