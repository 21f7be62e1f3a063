// Plugin parameters: the defaults a plugin declares, overridden per installation within the plugin's schema.
import { HezuoError, detail } from '../errors';
import type { PlatformContext } from '../context';
import type { Executor } from '../store/schema';
import { getParameters, saveParameters } from '../store/plugins-store';
import type { PluginDefinition } from '../plugins/types';
import { requireAdmin, type Principal } from '../access/principal';
import { appendAudit } from '../audit/audit-log';

export async function effectiveParameters(ex: Executor, plugin: PluginDefinition): Promise<{ values: Record<string, unknown>; revision: number }> {
  const stored = await getParameters(ex, plugin.id);
  const values: Record<string, unknown> = { ...plugin.parameterDefaults };
  // Only names the (current) schema declares: an override of a parameter a later version dropped is ignored.
  for (const [k, v] of Object.entries(stored.values)) if (k in values) values[k] = v;
  return { values, revision: stored.revision };
}

export async function changeParameters(
  ctx: PlatformContext,
  principal: Principal,
  plugin: PluginDefinition,
  body: { revision?: unknown; values?: unknown },
  afterSave: (tx: Executor, values: Record<string, unknown>) => Promise<number>,
  address?: string,
): Promise<{ values: Record<string, unknown>; revision: number; recomputed: number }> {
  requireAdmin(principal);
  if (typeof body.revision !== 'number' || !Number.isInteger(body.revision) || body.revision < 0) {
    throw new HezuoError('BAD_REQUEST', [detail('/revision', '缺少参数修订号', 'The revision of the parameters being edited is required')]);
  }
  if (!body.values || typeof body.values !== 'object' || Array.isArray(body.values)) {
    throw new HezuoError('BAD_REQUEST', [detail('/values', '参数值必须是对象', 'values must be an object')]);
  }
  const values = { ...plugin.parameterDefaults, ...(body.values as Record<string, unknown>) };
  const errors = plugin.validateParameters(values);
  if (errors.length) throw new HezuoError('PARAMETERS_INVALID', errors.map((e) => ({ ...e, pointer: `/values${e.pointer}` })));
  const revision = body.revision;
  return ctx.db.transaction().execute(async (tx) => {
    const ok = await saveParameters(tx, plugin.id, values, revision, principal.user.id);
    if (!ok) throw new HezuoError('STALE_REVISION', [detail('/revision', '参数已被他人修改', 'The parameters changed since you loaded them')]);
    await appendAudit(tx, { actor: principal, action: 'parameters.change', target: { type: 'plugin', id: plugin.id }, details: { revision: revision + 1, values }, address });
    const recomputed = await afterSave(tx, values);
    return { values, revision: revision + 1, recomputed };
  });
}
