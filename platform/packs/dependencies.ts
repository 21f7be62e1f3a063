// Dependencies between plugins (plugin.json `dependencies`, carried in a pack's manifest): a plugin needs others
// installed, enabled and active at a version in a semver range — e.g. a shared working-day calendar. A pack is
// refused where one is unmet, and a rollback or uninstall that would break a dependent is refused too, so the
// installed set stays consistent whichever order admins act in.
import semver from 'semver';
import { detail, type ErrorDetail } from '../errors';
import type { PluginRegistry } from '../plugins/registry';

export type Dependency = { id: string; range: string };
export type InstalledSet = Pick<PluginRegistry, 'find' | 'isDisabled'>;

const fits = (version: string, range: string) => semver.satisfies(version, range, { includePrerelease: true });

/** One detail per dependency the installed set does not meet, at /manifest/dependencies/<i>. */
export function unmetDependencies(deps: readonly Dependency[], installed: InstalledSet): ErrorDetail[] {
  return deps.flatMap((d, i) => {
    const active = installed.find(d.id);
    const at = `/manifest/dependencies/${i}`;
    const params = { id: d.id, range: d.range, installed: active?.version ?? null };
    if (!active) return [detail(at, `需要先安装插件 ${d.id}(${d.range})`, `Needs plugin ${d.id} (${d.range}) installed first`, { params })];
    if (installed.isDisabled(d.id))
      return [detail(at, `依赖的插件 ${d.id} 已停用`, `The plugin it needs, ${d.id}, is uninstalled`, { params })];
    if (!fits(active.version, d.range))
      return [
        detail(at, `需要插件 ${d.id} ${d.range},已安装 ${active.version}`, `Needs ${d.id} ${d.range}; ${active.version} is installed`, {
          params,
        }),
      ];
    return [];
  });
}

/**
 * The enabled plugins whose declared dependency on `id` would be unmet if `id` were at `version` (null: disabled).
 * One detail per such plugin, at /plugin.
 */
export function brokenDependents(
  registry: Pick<PluginRegistry, 'active' | 'isDisabled'>,
  id: string,
  version: string | null,
): ErrorDetail[] {
  return registry
    .active()
    .filter((p) => p.id !== id && !registry.isDisabled(p.id))
    .flatMap((p) =>
      (p.manifest.dependencies ?? [])
        .filter((d) => d.id === id && (version === null || !fits(version, d.range)))
        .map((d) =>
          detail('/plugin', `插件 ${p.id} 依赖 ${id} ${d.range}`, `Plugin ${p.id} depends on ${id} ${d.range}`, {
            params: { dependent: p.id, range: d.range },
          }),
        ),
    );
}
