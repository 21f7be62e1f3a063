// Rollback, uninstall and enable of an installed plugin. Each changes only the plugin's stored state (never a
// record, never a stored version) in one transaction with its audit event, and the live registry after commit.
// Rollback: the version active before the last install becomes active again; records made under the newer one
// keep it and stay readable. Uninstall: the plugin's forms take no new records; lists and records stay. Enable
// undoes an uninstall.
import { HezuoError, detail } from '../errors';
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { appendAudit, type AuditAction } from '../audit/audit-log';
import { getPluginState, lockPluginLifecycle, savePluginState, type PluginState } from '../store/plugin-state-store';
import type { Executor } from '../store/schema';
import { brokenDependents } from './dependencies';

function requireNoBrokenDependents(ctx: PlatformContext, id: string, version: string | null) {
  const broken = brokenDependents(ctx.registry, id, version);
  if (broken.length) throw new HezuoError('PLUGIN_DEPENDED_ON', broken);
}

export interface LifecycleResult {
  plugin: string;
  activeVersion: string;
  previousVersions: string[];
  disabled: boolean;
  /** False when the plugin already was in the asked state (nothing written). */
  changed: boolean;
}

const resultOf = (s: PluginState, changed: boolean): LifecycleResult => ({
  plugin: s.pluginId,
  activeVersion: s.activeVersion,
  previousVersions: s.previousVersions,
  disabled: s.disabled,
  changed,
});

/** The stored state, or the one the registry implies for a plugin installed from the folder only. */
async function currentState(ctx: PlatformContext, tx: Executor, pluginId: string): Promise<PluginState> {
  await lockPluginLifecycle(tx, pluginId);
  const stored = await getPluginState(tx, pluginId, true);
  if (stored) return stored;
  const active = ctx.registry.find(pluginId);
  if (!active) throw new HezuoError('NOT_FOUND', [detail('/plugin', `插件不存在:${pluginId}`, `No plugin ${pluginId}`)]);
  return { pluginId, activeVersion: active.version, previousVersions: [], disabled: false };
}

async function change(
  ctx: PlatformContext,
  principal: Principal,
  pluginId: string,
  action: AuditAction,
  next: (s: PluginState) => PluginState | null,
  address: string | null,
): Promise<LifecycleResult> {
  const out = await ctx.db.transaction().execute(async (tx) => {
    const was = await currentState(ctx, tx, pluginId);
    const now = next(was);
    if (!now) return resultOf(was, false);
    await savePluginState(tx, now, principal.user.id);
    await appendAudit(tx, {
      actor: principal,
      action,
      target: { type: 'plugin', id: pluginId },
      details: {
        version: now.activeVersion,
        ...(now.activeVersion !== was.activeVersion ? { previousVersion: was.activeVersion } : {}),
        disabled: now.disabled,
      },
      address,
      orgPaths: [],
    });
    return resultOf(now, true);
  });
  if (out.changed) {
    ctx.registry.activate(pluginId, out.activeVersion);
    ctx.registry.setDisabled(pluginId, out.disabled);
  }
  return out;
}

export function rollbackPlugin(ctx: PlatformContext, principal: Principal, pluginId: string, address: string | null = null) {
  return change(
    ctx,
    principal,
    pluginId,
    'plugin.rollback',
    (s) => {
      const back = s.previousVersions.at(-1);
      if (!back || !ctx.registry.find(pluginId, back)) {
        throw new HezuoError('PLUGIN_NO_PREVIOUS_VERSION', [
          detail('/plugin', `插件 ${pluginId} 没有可回退的上一版本`, `Plugin ${pluginId} has no previous version to roll back to`, {
            params: { plugin: pluginId, active: s.activeVersion },
          }),
        ]);
      }
      requireNoBrokenDependents(ctx, pluginId, back);
      return { ...s, activeVersion: back, previousVersions: s.previousVersions.slice(0, -1) };
    },
    address,
  );
}

export function uninstallPlugin(ctx: PlatformContext, principal: Principal, pluginId: string, address: string | null = null) {
  return change(
    ctx,
    principal,
    pluginId,
    'plugin.uninstall',
    (s) => {
      if (s.disabled) return null;
      requireNoBrokenDependents(ctx, pluginId, null);
      return { ...s, disabled: true };
    },
    address,
  );
}

export function enablePlugin(ctx: PlatformContext, principal: Principal, pluginId: string, address: string | null = null) {
  return change(ctx, principal, pluginId, 'plugin.enable', (s) => (s.disabled ? { ...s, disabled: false } : null), address);
}
