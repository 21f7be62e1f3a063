// The parameter values in force for a plugin: its declared defaults, overridden per installation.
import type { Executor } from '../store/schema';
import { getParameters } from '../store/plugins-store';
import type { PluginDefinition } from '../plugins/types';

/**
 * `forWrite`: the caller stores rule results computed from these values in this transaction. The values are then
 * share-locked until it commits, so a parameter change waits for the write, and its recompute job sees the record
 * (otherwise a save that read the old values could commit after the job passed it, keeping results of the old).
 */
export async function effectiveParameters(ex: Executor, plugin: PluginDefinition, forWrite = false): Promise<{ values: Record<string, unknown>; revision: number }> {
  const stored = await getParameters(ex, plugin.id, forWrite);
  const values: Record<string, unknown> = { ...plugin.parameterDefaults };
  // Only names the (current) schema declares: an override of a parameter a later version dropped is ignored.
  for (const [k, v] of Object.entries(stored.values)) if (k in values) values[k] = v;
  return { values, revision: stored.revision };
}
