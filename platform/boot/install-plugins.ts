// Start-up step: the plugins folder is loaded and each good plugin's version stored; versions stored earlier
// (and no longer in the folder) are loaded from the database, so their records still render and validate. A
// version the database already holds with other content is refused: a published version never changes, and
// records made under it must keep meaning what they meant (the stored copy stays in use). Then the stored state of
// each plugin (packs installed, rolled back or uninstalled while running) decides the active version and whether
// its forms are disabled; a version the folder brings for the first time is an upgrade and becomes active. Last,
// the admins' extensions of expired policies.
import type { Db } from '../store/schema';
import { listPluginVersions, savePluginVersion } from '../store/plugins-store';
import type { PluginLoader, PluginFailure } from '../plugins/loader';
import type { PluginRegistry } from '../plugins/registry';
import { appendAudit } from '../audit/audit-log';
import { detail } from '../errors';
import { pluginContentHash } from '../plugins/content-hash';
import { listPluginStates, savePluginState } from '../store/plugin-state-store';
import { listExtensions } from '../store/plugin-extension-store';

export async function installPlugins(
  db: Db,
  loader: PluginLoader,
  registry: PluginRegistry,
  pluginsDirs: string[],
): Promise<PluginFailure[]> {
  // All directories at once, so a plugin finds the one it depends on in any of them (load-folders.ts).
  const { plugins, failures } = await loader.fromRoots(pluginsDirs);
  const stored = await listPluginVersions(db);
  const before = new Map(stored.map((v) => [v.id, v.version]));
  const recorded = new Map(stored.map((v) => [`${v.id}@${v.version}`, pluginContentHash(v.files)]));
  const newFromFolder = new Map<string, string>();
  for (const p of plugins) {
    const hash = pluginContentHash(p.files);
    const was = recorded.get(`${p.id}@${p.version}`);
    if (was && was !== hash) {
      failures.push({ source: `${p.id}@${p.version}`, pluginId: p.id, errors: [conflict(p.id, p.version, was, hash)] });
      continue;
    }
    await db.transaction().execute(async (tx) => {
      const outcome = await savePluginVersion(tx, p.id, p.version, p.files as Record<string, unknown>);
      if (outcome === 'installed') newFromFolder.set(p.id, p.version);
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
  // Again while one more builds: a stored version whose dependency is itself only stored builds after it.
  let pending = (await listPluginVersions(db)).filter((v) => !registry.find(v.id, v.version));
  let last: { stored: (typeof pending)[number]; errors: PluginFailure['errors'] }[] = [];
  for (let progress = true; progress && pending.length;) {
    progress = false;
    last = [];
    for (const stored of pending) {
      const r = loader.fromFiles(stored.files);
      if (r.plugin) {
        registry.register(r.plugin, false);
        progress = true;
      } else last.push({ stored, errors: r.errors });
    }
    pending = last.map((l) => l.stored);
  }
  for (const { stored, errors } of last) failures.push({ source: `database:${stored.id}@${stored.version}`, pluginId: stored.id, errors });
  await applyStoredStates(db, registry, newFromFolder);
  // Admins' extensions of expired policies, per version (platform/packs/extend-policy.ts).
  for (const e of await listExtensions(db)) registry.setExtension(e.pluginId, e.version, { until: e.until, reason: e.reason });
  return failures;
}

async function applyStoredStates(db: Db, registry: PluginRegistry, newFromFolder: Map<string, string>): Promise<void> {
  for (const s of await listPluginStates(db)) {
    const fresh = newFromFolder.get(s.pluginId);
    if (fresh && fresh !== s.activeVersion) {
      const previousVersions = [...s.previousVersions.filter((v) => v !== fresh && v !== s.activeVersion), s.activeVersion];
      await savePluginState(db, { ...s, activeVersion: fresh, previousVersions }, null);
    } else if (registry.find(s.pluginId, s.activeVersion)) {
      registry.activate(s.pluginId, s.activeVersion);
    }
    registry.setDisabled(s.pluginId, s.disabled);
  }
}

function conflict(id: string, version: string, recorded: string, found: string) {
  return detail(
    '/version',
    `插件 ${id}@${version} 的内容与数据库中已安装的同一版本不同,未加载(仍使用已安装的内容)。修改过的插件请使用新的版本号。`,
    `Plugin ${id}@${version} differs from the same version already installed; it was not loaded (the installed content stays in use). Give a changed plugin a new version.`,
    { file: 'plugin.json', code: 'PLUGIN_VERSION_CONFLICT', params: { recordedSha256: recorded, foundSha256: found } },
  );
}
