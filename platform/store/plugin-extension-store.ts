// Admins' extensions of expired policies (migration 202612040010): read at start-up into the registry, written in
// the transaction that audits them.
import type { Executor } from './schema';

export interface StoredExtension {
  pluginId: string;
  version: string;
  until: string;
  reason: string;
}

export async function listExtensions(ex: Executor): Promise<StoredExtension[]> {
  const rows = await ex.selectFrom('plugin_extensions').select(['plugin_id', 'version', 'until', 'reason']).orderBy('plugin_id').execute();
  return rows.map((r) => ({ pluginId: r.plugin_id, version: r.version, until: r.until, reason: r.reason }));
}

export async function saveExtension(ex: Executor, e: StoredExtension, userId: string): Promise<void> {
  const row = { until: e.until, reason: e.reason, extended_by: userId, extended_at: new Date() };
  await ex
    .insertInto('plugin_extensions')
    .values({ plugin_id: e.pluginId, version: e.version, ...row })
    .onConflict((oc) => oc.columns(['plugin_id', 'version']).doUpdateSet(row))
    .execute();
}
