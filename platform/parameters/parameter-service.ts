// Plugin parameters: the defaults a plugin declares, overridden per installation within the plugin's schema.
// A change commits the new values at once and queues a job that brings the rule results of open records up to
// date in the background (GET /api/jobs/:id follows it).
import { randomUUID } from 'node:crypto';
import { HezuoError, detail } from '../errors';
import type { PlatformContext } from '../context';
import { saveParameters } from '../store/plugins-store';
import type { PluginDefinition } from '../plugins/types';
import { requireAdmin, type Principal } from '../access/principal';
import { appendAudit } from '../audit/audit-log';
import { effectiveParameters } from './effective-parameters';
import { queueRecompute, supersedeOlderRecomputes } from './recompute-job';

export { effectiveParameters };

export interface ParameterChange {
  pluginId: string;
  actorId: string;
  /** The revision the change made. */
  revision: number;
  changes: { name: string; from: unknown; to: unknown }[];
}

/** Where jobs go: the server's job runner (inserted with its owner mark, submitted after the commit). */
export interface JobSubmitter {
  readonly owner: string;
  submit(id: string): void;
}

export async function changeParameters(
  ctx: PlatformContext,
  principal: Principal,
  plugin: PluginDefinition,
  body: { revision?: unknown; values?: unknown },
  jobs: JobSubmitter,
  address?: string,
): Promise<{ values: Record<string, unknown>; revision: number; jobId: string }> {
  requireAdmin(principal);
  if (typeof body.revision !== 'number' || !Number.isInteger(body.revision) || body.revision < 0) {
    throw new HezuoError('BAD_REQUEST', [detail('/revision', '缺少参数修订号', 'The revision of the parameters being edited is required')]);
  }
  if (!body.values || typeof body.values !== 'object' || Array.isArray(body.values)) {
    throw new HezuoError('BAD_REQUEST', [detail('/values', '参数值必须是对象', 'values must be an object')]);
  }
  const values = { ...plugin.parameterDefaults, ...(body.values as Record<string, unknown>) };
  const errors = plugin.validateParameters(values);
  if (errors.length)
    throw new HezuoError(
      'PARAMETERS_INVALID',
      errors.map((e) => ({ ...e, pointer: `/values${e.pointer}` })),
    );
  const revision = body.revision;
  const jobId = randomUUID();
  const out = await ctx.db.transaction().execute(async (tx) => {
    const before = (await effectiveParameters(tx, plugin)).values;
    const ok = await saveParameters(tx, plugin.id, values, revision, principal.user.id);
    if (!ok)
      throw new HezuoError('STALE_REVISION', [detail('/revision', '参数已被他人修改', 'The parameters changed since you loaded them')]);
    const changes = Object.keys(values)
      .sort()
      .filter((name) => JSON.stringify(before[name]) !== JSON.stringify(values[name]))
      .map((name) => ({ name, from: before[name], to: values[name] }));
    const change: ParameterChange = { pluginId: plugin.id, actorId: principal.user.id, revision: revision + 1, changes };
    await appendAudit(tx, {
      actor: principal,
      action: 'parameters.change',
      target: { type: 'plugin', id: plugin.id },
      details: { revision: change.revision, changes },
      address,
    });
    await queueRecompute(tx, plugin, { id: jobId, owner: jobs.owner, userId: principal.user.id, revision: change.revision, changes });
    return { values, revision: revision + 1, jobId };
  });
  await supersedeOlderRecomputes(ctx.db, plugin.id, jobId);
  // Only a committed job is run: the runner finds it queued.
  jobs.submit(jobId);
  return out;
}
