// An admin extends the active version of a policy past its declared last day (plugin.json `effective.until`),
// with a reason: stored and audited in one transaction, live in the registry after commit. Only a version that
// declares an end can be extended, never to a day before today or before that end (an extension never shortens a
// policy — that is a new version's job).
import { HezuoError, detail } from '../errors';
import { today, type PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { appendAudit } from '../audit/audit-log';
import { parseDate } from '../rules/dates';
import { lockPluginLifecycle } from '../store/plugin-state-store';
import { saveExtension } from '../store/plugin-extension-store';
import type { PolicyWindow } from '../plugins/policy-in-force';

export interface ExtendRequest {
  plugin: string;
  until: string;
  reason: string;
}

export async function extendPolicy(ctx: PlatformContext, principal: Principal, req: ExtendRequest, address: string | null = null) {
  const day = today(ctx);
  const plugin = ctx.registry.get(req.plugin);
  const declared = plugin.manifest.effective?.until;
  if (!declared) {
    throw new HezuoError('BAD_REQUEST', [
      detail(
        '/plugin',
        `插件 ${plugin.id}@${plugin.version} 没有声明失效日期,无需延长`,
        `${plugin.id}@${plugin.version} declares no end: nothing to extend`,
      ),
    ]);
  }
  const reason = req.reason.trim();
  if (reason.length < 2) throw new HezuoError('BAD_REQUEST', [detail('/reason', '请说明延长的理由', 'Say why the policy is extended')]);
  if (parseDate(req.until) === null || req.until.length !== 10) {
    throw new HezuoError('BAD_REQUEST', [detail('/until', `不是有效日期:${req.until}`, `Not a calendar day: ${req.until}`)]);
  }
  const floor = declared > day ? declared : day;
  if (req.until < floor) {
    throw new HezuoError('BAD_REQUEST', [
      detail('/until', `延长后的日期不能早于 ${floor}`, `The extension cannot end before ${floor}`, { params: { until: floor } }),
    ]);
  }
  const extension = { until: req.until, reason };
  await ctx.db.transaction().execute(async (tx) => {
    await lockPluginLifecycle(tx, plugin.id);
    await saveExtension(tx, { pluginId: plugin.id, version: plugin.version, ...extension }, principal.user.id);
    await appendAudit(tx, {
      actor: principal,
      action: 'plugin.extend',
      target: { type: 'plugin', id: plugin.id },
      details: { version: plugin.version, declaredUntil: declared, until: req.until, reason },
      address,
      orgPaths: [],
    });
  });
  ctx.registry.setExtension(plugin.id, plugin.version, extension);
  const window: PolicyWindow = ctx.registry.window(plugin.id, day);
  return { plugin: plugin.id, version: plugin.version, policy: window };
}
