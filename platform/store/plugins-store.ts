// Installed plugin versions (kept whole, so old records keep their definitions) and parameter overrides.
import { sql } from 'kysely';
import type { Executor } from './schema';

/** 'installed' (new version), 'replaced' (same version, other files) or 'unchanged'. */
export async function savePluginVersion(
  ex: Executor,
  id: string,
  version: string,
  files: Record<string, unknown>,
): Promise<'installed' | 'replaced' | 'unchanged'> {
  const r = await ex
    .insertInto('plugin_versions')
    .values({ plugin_id: id, version, files: JSON.stringify(files) })
    // Same version with other files: start-up refuses that before saving (PLUGIN_VERSION_CONFLICT); kept as an
    // update so a caller that means to replace a version can.
    .onConflict((oc) =>
      oc
        .columns(['plugin_id', 'version'])
        .doUpdateSet({ files: JSON.stringify(files) })
        .where(sql<boolean>`plugin_versions.files is distinct from excluded.files`),
    )
    // xmax is 0 on a freshly inserted row.
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirst();
  // The parameters row exists from the start (revision 0, no overrides): saves share-lock it, so even the first
  // change of a plugin's parameters waits for the saves that read the defaults.
  await ex
    .insertInto('plugin_parameters')
    .values({ plugin_id: id, values: '{}', revision: 0, updated_by: null })
    .onConflict((oc) => oc.column('plugin_id').doNothing())
    .execute();
  return !r ? 'unchanged' : r.inserted ? 'installed' : 'replaced';
}

export async function listPluginVersions(ex: Executor): Promise<{ id: string; version: string; files: Record<string, unknown> }[]> {
  const rows = await ex.selectFrom('plugin_versions').select(['plugin_id', 'version', 'files']).orderBy('installed_at').execute();
  return rows.map((r) => ({ id: r.plugin_id, version: r.version, files: r.files }));
}

export interface StoredParameters {
  values: Record<string, unknown>;
  revision: number;
  updatedAt: Date | null;
}

/** `share`: hold a share lock on the row until the transaction ends, so a parameter change waits for it. */
export async function getParameters(ex: Executor, pluginId: string, share = false): Promise<StoredParameters> {
  let q = ex.selectFrom('plugin_parameters').selectAll().where('plugin_id', '=', pluginId);
  if (share) q = q.forShare();
  const r = await q.executeTakeFirst();
  return r ? { values: r.values, revision: r.revision, updatedAt: r.updated_at } : { values: {}, revision: 0, updatedAt: null };
}

/** Writes new overrides if the stored revision is still `expected`; false when someone else changed them first. */
export async function saveParameters(
  ex: Executor,
  pluginId: string,
  values: Record<string, unknown>,
  expected: number,
  userId: string,
): Promise<boolean> {
  const r = await ex
    .updateTable('plugin_parameters')
    .set({ values: JSON.stringify(values), revision: expected + 1, updated_by: userId, updated_at: new Date() })
    .where('plugin_id', '=', pluginId)
    .where('revision', '=', expected)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return true;
  // A database whose plugins were installed before the revision-0 row existed has no row yet.
  if (expected === 0) {
    const r = await ex
      .insertInto('plugin_parameters')
      .values({ plugin_id: pluginId, values: JSON.stringify(values), revision: 1, updated_by: userId })
      .onConflict((oc) => oc.column('plugin_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  return false;
}
