// The parameter values in force for a plugin: its declared defaults, overridden per installation.
import type { Executor } from '../store/schema';
import { getParameters } from '../store/plugins-store';
import type { PluginDefinition } from '../plugins/types';

export async function effectiveParameters(ex: Executor, plugin: PluginDefinition): Promise<{ values: Record<string, unknown>; revision: number }> {
  const stored = await getParameters(ex, plugin.id);
  const values: Record<string, unknown> = { ...plugin.parameterDefaults };
  // Only names the (current) schema declares: an override of a parameter a later version dropped is ignored.
  for (const [k, v] of Object.entries(stored.values)) if (k in values) values[k] = v;
  return { values, revision: stored.revision };
}
