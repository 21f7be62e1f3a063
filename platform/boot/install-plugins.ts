// Start-up step: the plugins folder is loaded and each good plugin's version stored; versions stored earlier
// (and no longer in the folder) are loaded from the database, so their records still render and validate.
import type { Db } from '../store/schema';
import { listPluginVersions, savePluginVersion } from '../store/plugins-store';
import type { PluginLoader, PluginFailure } from '../plugins/loader';
import type { PluginRegistry } from '../plugins/registry';
import { appendAudit } from '../audit/audit-log';

export async function installPlugins(
  db: Db,
  loader: PluginLoader,
  registry: PluginRegistry,
  pluginsDirs: string[],
): Promise<PluginFailure[]> {
  const plugins = [];
  const failures: PluginFailure[] = [];
  for (const dir of pluginsDirs) {
    const r = await loader.fromRoot(dir);
    plugins.push(...r.plugins);
    failures.push(...r.failures);
  }
  const before = new Map((await listPluginVersions(db)).map((v) => [v.id, v.version]));
  for (const p of plugins) {
    await db.transaction().execute(async (tx) => {
      const outcome = await savePluginVersion(tx, p.id, p.version, p.files as Record<string, unknown>);
      if (outcome !== 'unchanged') {
        const previous = before.get(p.id);
        await appendAudit(tx, {
          actor: null,
          action: 'plugin.install',
          target: { type: 'plugin', id: p.id },
          details: { version: p.version, outcome, ...(previous && previous !== p.version ? { upgradedFrom: previous } : {}) },
        });
      }
    });
    registry.register(p, true);
  }
  for (const stored of await listPluginVersions(db)) {
    if (registry.find(stored.id, stored.version)) continue;
    const r = loader.fromFiles(stored.files);
    if (r.plugin) registry.register(r.plugin, false);
    else failures.push({ source: `database:${stored.id}@${stored.version}`, pluginId: stored.id, errors: r.errors });
  }
  return failures;
}
