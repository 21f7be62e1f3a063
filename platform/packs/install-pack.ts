// Installing a pack into a running platform: the dry run's checks again (a report may be stale by the time the
// admin clicks), then one transaction — the version stored, the plugin's state (active version, the one it
// replaced), open records moved if asked, the audit event — and only after commit the live registry, so a refused
// or failed install leaves neither the database nor the running server changed.
import { HezuoError, detail } from '../errors';
import { installedLoader } from '../plugins/loader';
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { appendAudit } from '../audit/audit-log';
import { pluginContentHash } from '../plugins/content-hash';
import { getParameters, savePluginVersion, saveParameters } from '../store/plugins-store';
import { getPluginState, lockPluginLifecycle, savePluginState } from '../store/plugin-state-store';
import { boundReport, type DryRunReport } from './dry-run';
import { readDryRunOptions } from './dry-run-options';
import { verifyPack } from './verify-pack';
import { moveOpenRecords, type MovedRecords } from './move-records';

export interface InstallOptions {
  /** Open records of the version being replaced move to the new one, recomputed and audited. */
  moveOpenRecords?: boolean;
  /** The admin's reason to install although a fixture fails here; without it a failing fixture refuses. */
  overrideFixtures?: string;
  /** name → value: this county's values for the pack's parameters, checked as the dry run checks them. */
  bindings?: unknown;
  address?: string | null;
  /** The version the admin's change was made on: when another is active by the time the transaction holds the
   *  plugin's lock (someone installed meanwhile), STALE_REVISION and nothing changes. */
  expectActiveVersion?: string;
  /** How the install is audited: an uploaded pack is `plugin.install`; the studio's publish of a draft is
   *  `plugin.publish`, with the draft's id among the details. */
  audit?: { action: 'plugin.install' | 'plugin.publish'; details?: Record<string, unknown> };
}

/** `installed`: a new plugin; `upgraded`/`downgraded`: another version became active; `reactivated`: an installed
 *  version became active again; `unchanged`: that version was already the active one (nothing written). */
export type InstallOutcome = 'installed' | 'upgraded' | 'downgraded' | 'reactivated' | 'unchanged';

export interface InstallResult {
  outcome: InstallOutcome;
  plugin: { id: string; version: string };
  previousVersion: string | null;
  packSha256: string;
  signature: DryRunReport['signature'];
  moved: MovedRecords | null;
}

/** Another version of the plugin became active since the admin's page was loaded. */
export const staleActiveVersion = (plugin: string, expected: string, current: string | null) =>
  new HezuoError('STALE_REVISION', [
    detail(
      '/version',
      `插件 ${plugin} 已更新为 ${current ?? '-'},请刷新后重试`,
      `Plugin ${plugin} is now at ${current ?? '-'}; reload and retry`,
      {
        params: { expected, current },
      },
    ),
  ]);

function fixturesRefusal(report: DryRunReport): HezuoError {
  const failing = report.fixtures?.failing ?? [];
  return new HezuoError(
    'PACK_FIXTURES_FAILED',
    failing.slice(0, 50).map((c) =>
      detail('/fixtures', `测试用例未通过:${c.suite} ${c.description}`.trim(), `Fixture failed: ${c.suite} ${c.description}`.trim(), {
        file: c.suite,
      }),
    ),
  );
}

export async function installPack(
  ctx: PlatformContext,
  principal: Principal,
  bytes: Uint8Array,
  opts: InstallOptions = {},
): Promise<InstallResult> {
  const reason = opts.overrideFixtures?.trim();
  const checked = readDryRunOptions({ bindings: opts.bindings, ...(reason ? { override: { reason } } : {}) });
  const verified = await verifyPack(bytes, { trusted: ctx.trustedPublishers ?? [], loader: installedLoader(ctx.registry) });
  const { report, bound } = await boundReport(ctx, verified, checked);
  if (report.outcome === 'refused' || !verified.plugin) {
    const r = report.refusal ?? { code: 'PACK_INVALID' as const, details: [] };
    throw new HezuoError(r.code, r.details.length ? r.details : [detail('', '插件包无效', 'Invalid pack')]);
  }
  // With a reason the report is `ready` (the override applied); without one, failing fixtures refuse.
  if (report.outcome === 'blocked') throw fixturesRefusal(report);
  const incoming = verified.plugin;
  const { id, version } = incoming;

  const result = await ctx.db.transaction().execute(async (tx): Promise<InstallResult> => {
    await lockPluginLifecycle(tx, id);
    const state = await getPluginState(tx, id, true);
    // Checked again in the transaction: another server on this database may have stored the version meanwhile.
    const stored = await tx
      .selectFrom('plugin_versions')
      .select('files')
      .where('plugin_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    const incomingHash = pluginContentHash(incoming.files);
    if (stored && pluginContentHash(stored.files) !== incomingHash) {
      throw new HezuoError('PLUGIN_VERSION_CONFLICT', [
        detail('/manifest/version', `插件 ${id}@${version} 已安装,但内容不同`, `Plugin ${id}@${version} is installed with other content`, {
          file: 'plugin.json',
          params: { installedSha256: pluginContentHash(stored.files), packSha256: incomingHash },
        }),
      ]);
    }
    const previous = state?.activeVersion ?? ctx.registry.find(id)?.version ?? null;
    if (opts.expectActiveVersion !== undefined && previous !== opts.expectActiveVersion)
      throw staleActiveVersion(id, opts.expectActiveVersion, previous);
    const base = { plugin: { id, version }, previousVersion: previous, packSha256: report.packSha256, signature: report.signature };
    if (previous === version) return { ...base, outcome: 'unchanged', moved: null };

    await savePluginVersion(tx, id, version, incoming.files as Record<string, unknown>);
    const earlier = (state?.previousVersions ?? []).filter((v) => v !== version && v !== previous);
    await savePluginState(
      tx,
      {
        pluginId: id,
        activeVersion: version,
        previousVersions: previous ? [...earlier, previous] : earlier,
        disabled: state?.disabled ?? false,
      },
      principal.user.id,
    );
    // The values the fixtures ran with become this server's, where the admin bound them (the rest keep their source).
    const binds = bound?.parameters.filter((b) => b.source === 'binding').map((b) => b.name) ?? [];
    if (bound && binds.length) {
      const current = await getParameters(tx, id, true);
      const values = { ...current.values, ...Object.fromEntries(binds.map((n) => [n, bound.values[n]])) };
      if (!(await saveParameters(tx, id, values, current.revision, principal.user.id)))
        throw new HezuoError('STALE_REVISION', [detail('/bindings', '参数已被他人修改', 'The parameters changed meanwhile')]);
    }
    const from = previous ? ctx.registry.find(id, previous) : undefined;
    const moved = opts.moveOpenRecords && from ? await moveOpenRecords(ctx, tx, from, incoming, principal.user.id) : null;
    const outcome: InstallOutcome = stored
      ? 'reactivated'
      : report.change === 'new-plugin'
        ? 'installed'
        : report.change === 'downgrade'
          ? 'downgraded'
          : 'upgraded';
    await appendAudit(tx, {
      actor: principal,
      action: opts.audit?.action ?? 'plugin.install',
      target: { type: 'plugin', id },
      details: {
        ...opts.audit?.details,
        version,
        outcome,
        ...(previous ? { previousVersion: previous } : {}),
        packSha256: report.packSha256,
        signature: report.signature,
        ...(report.publisher?.fingerprint ? { publisher: report.publisher.fingerprint } : {}),
        ...(report.override?.applied ? { fixturesOverride: report.override.reason, fixturesFailed: report.fixtures?.failed ?? 0 } : {}),
        ...(binds.length ? { boundParameters: binds } : {}),
        ...(moved ? { movedRecords: moved.moved, keptRecords: moved.kept.length } : {}),
      },
      address: opts.address ?? null,
      // Installation-wide: no org unit (shown to admins of the whole tree).
      orgPaths: [],
    });
    return { ...base, outcome, moved };
  });
  // Live only after commit: a new record can never take a version the database does not hold.
  if (result.outcome !== 'unchanged') {
    if (!ctx.registry.find(id, version)) ctx.registry.register(incoming, true);
    else ctx.registry.activate(id, version);
  }
  return result;
}
