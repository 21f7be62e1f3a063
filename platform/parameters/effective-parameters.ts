// The parameter values in force for a plugin: its declared defaults, overridden per installation.
import type { Executor } from '../store/schema';
import { getParameters } from '../store/plugins-store';
import type { PluginDefinition } from '../plugins/types';

/**
 * `forWrite`: the caller stores rule results computed from these values in this transaction. The values are then
 * share-locked until it commits, so a parameter change waits for the write, and its recompute job sees the record
 * (otherwise a save that read the old values could commit after the job passed it, keeping results of the old).
 */
export async function effectiveParameters(
  ex: Executor,
  plugin: PluginDefinition,
  forWrite = false,
): Promise<{ values: Record<string, unknown>; revision: number }> {
  const stored = await getParameters(ex, plugin.id, forWrite);
  return { values: effectiveValues(plugin, stored.values), revision: stored.revision };
}

/** The declared defaults with the stored overrides over them (pure: the write path loads `stored` with its facts). */
export function effectiveValues(plugin: PluginDefinition, stored: Record<string, unknown> | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = { ...plugin.parameterDefaults };
  // Only names the (current) schema declares: an override of a parameter a later version dropped is ignored.
  for (const [k, v] of Object.entries(stored ?? {})) if (k in values) values[k] = v;
  return values;
}
