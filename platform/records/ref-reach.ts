// Which records a user may name in an x-ref field. By default (`scope`) those they may see: their units and below.
// `ancestors` also reaches records filed at a unit above one of theirs — a village officer naming the cooperative
// his township registered. `region` reaches, besides, every record of the form filed within the plugin's regions
// (the org subtrees of manifest.regions; everywhere when it names none) — a household binding a cooperative of
// another township. Referencing does not grant reading: a record reached only this way is loaded for the server's
// rules, but what the user is shown of it (live facts, "why" traces, record views) stays as before; the picker
// (ref-options.ts) shows its id, title and unit only.
import { canSee, type Principal } from '../access/principal';
import type { FormDefinition, PluginDefinition, RefReach } from '../plugins/types';
import type { Executor } from '../store/schema';
import { orgPathsByCodes } from '../store/orgs-store';

/** The org paths above and at each of the user's units ("/a/b/" → "/a/", "/a/b/"): where `ancestors` reaches up. */
export function ancestorPaths(p: Principal): string[] {
  const out = new Set<string>();
  for (const scope of p.scopePaths) {
    const ids = scope.split('/').filter(Boolean);
    for (let i = 1; i <= ids.length; i++) out.add(`/${ids.slice(0, i).join('/')}/`);
  }
  return [...out];
}

/**
 * The org paths of the plugin's regions as the checks below take them: undefined when the plugin names no regions
 * (it applies everywhere), else the loaded paths — none when they were not loaded, so a reach over the region
 * refuses rather than reaching everywhere by an omission.
 */
export const regionPathsOf = (plugin: PluginDefinition, loaded: readonly string[] | undefined): readonly string[] | undefined =>
  plugin.manifest.regions?.length ? (loaded ?? []) : undefined;

/** Does any reference of the form reach over the region (so a write must know the region's paths)? */
export const reachesRegion = (form: FormDefinition): boolean => form.references.some((r) => r.reach === 'region');

/**
 * May the principal name a record filed at `orgPath` in a field of this reach? `regionPaths`: the plugin's regions
 * (regionPathsOf), read only for `region`.
 */
export function mayReference(p: Principal, reach: RefReach, orgPath: string, regionPaths?: readonly string[]): boolean {
  if (canSee(p, orgPath)) return true;
  if (reach === 'scope') return false;
  if (p.scopePaths.some((s) => s.startsWith(orgPath))) return true;
  return reach === 'region' && (regionPaths === undefined || regionPaths.some((r) => orgPath.startsWith(r)));
}

/** Where a field reaches beyond the user's units, as the SQL of pickers and imports takes it. */
export interface ReachPaths {
  /** Exact unit paths (the units above the user's). */
  alsoAt: string[];
  /** Whole subtrees (the plugin's regions; "/" for a plugin that names none). */
  alsoWithin: string[];
}

/** The paths a field of this reach adds to the user's units, the regions' looked up when it reaches them. */
export async function reachPaths(ex: Executor, plugin: PluginDefinition, p: Principal, reach: RefReach): Promise<ReachPaths> {
  if (reach === 'scope') return { alsoAt: [], alsoWithin: [] };
  const alsoAt = ancestorPaths(p);
  if (reach === 'ancestors') return { alsoAt, alsoWithin: [] };
  const codes = plugin.manifest.regions ?? [];
  return { alsoAt, alsoWithin: codes.length ? (await orgPathsByCodes(ex, codes)).map((r) => r.path) : ['/'] };
}
