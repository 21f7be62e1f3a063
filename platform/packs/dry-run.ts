// What installing a pack would do, changing nothing: the pack read and checked as `pack verify` does, the
// parameters it asks this county to bind, its fixtures run here under the bound values, the diff against the
// installed version of the same plugin, whether that very version is already installed (same content: nothing to
// do; other content: refused), and the impact on the open records of the installed version. `dryRunReport` is
// pure; `dryRun` adds what only the database knows (this server's parameter values, the records) and only reads.
import semver from 'semver';
import { installedLoader } from '../plugins/loader';
import { ERRORS, detail, type ErrorCode, type ErrorDetail, type LocalText } from '../errors';
import { runFixtures, type CaseOutcome } from '../fixtures/run-fixtures';
import { pluginContentHash } from '../plugins/content-hash';
import type { PluginRegistry } from '../plugins/registry';
import type { PlatformContext } from '../context';
import { getParameters } from '../store/plugins-store';
import { bindParameters, type Bindings, type ParameterBinding } from './bind-parameters';
import { previewImpact, type ImpactOptions, type ImpactPreview } from './impact-preview';
import { readDryRunOptions, type FixtureOverride } from './dry-run-options';
import { diffPlugins, type PluginDiff } from './diff-plugins';
import { brokenDependents, unmetDependencies } from './dependencies';
import type { PackManifest, SignatureState } from './pack-format';
import { verifyPack, type PackReport, type VerifyOptions } from './verify-pack';

/** The installed plugins as the dry run sees them: read only. */
export type InstalledPlugins = Pick<PluginRegistry, 'find' | 'installedVersions' | 'isDisabled' | 'active'>;

/**
 * `ready`: an install would go through; `blocked`: a fixture fails (an install needs the admin's override with a
 * reason); `already-installed`: this id and version with this content is there, nothing to do; `refused`: the
 * pack cannot be installed (see `refusal`).
 */
export type DryRunOutcome = 'ready' | 'blocked' | 'already-installed' | 'refused';

/** `new-plugin`: no version of the id is installed; `upgrade`/`downgrade`: against the active version. */
export type DryRunChange = 'new-plugin' | 'upgrade' | 'downgrade' | 'same-version';

export interface DryRunReport {
  packSha256: string;
  outcome: DryRunOutcome;
  plugin: { id: string; version: string; platform: string } | null;
  publisher: { name?: string; fingerprint?: string } | null;
  forkedFrom: { id: string; version: string } | null;
  dependencies: { id: string; range: string }[];
  signature: SignatureState | null;
  refusal: { code: ErrorCode; message: LocalText; details: ErrorDetail[] } | null;
  fixtures: { passed: number; failed: number; cases: CaseOutcome[]; failing: CaseOutcome[] } | null;
  installed: { active: string | null; versions: string[] };
  change: DryRunChange | null;
  diff: PluginDiff | null;
  /** The parameters the pack declares, with the values bound for this server (empty when refused). */
  parameters: ParameterBinding[];
  /** The admin's override of failing fixtures; `applied` when fixtures fail and the override turned blocked into ready. */
  override: { reason: string; applied: boolean } | null;
  /** Open records of the installed version under the new one (upgrade or downgrade only; null otherwise). */
  impact: ImpactPreview | null;
}

/** What the pure report takes besides the pack: bound parameter values and the admin's override. */
export interface DryRunInputs {
  /** Values fixtures run with (defaults of the pack unless given). */
  params?: Record<string, unknown>;
  parameters?: ParameterBinding[];
  override?: FixtureOverride;
}

export interface DryRunOptions extends VerifyOptions {
  /** name → value, checked against the pack's parameter schema (errors at /bindings/<name>). */
  bindings?: unknown;
  /** Install in spite of failing fixtures: a non-empty reason is required. */
  override?: unknown;
  /** false: no impact preview; otherwise its limits. */
  impact?: ImpactOptions | false;
}

function conflictDetail(id: string, version: string, installed: string, incoming: string): ErrorDetail {
  return detail(
    '/manifest/version',
    `插件 ${id}@${version} 已安装,但内容与此包不同。修改过的插件请使用新的版本号。`,
    `Plugin ${id}@${version} is installed with other content than this pack's. Give a changed plugin a new version.`,
    { file: 'plugin.json', code: 'PLUGIN_VERSION_CONFLICT', params: { installedSha256: installed, packSha256: incoming } },
  );
}

const refusalOf = (code: ErrorCode, details: ErrorDetail[]) => ({ code, message: ERRORS[code].message, details });

function manifestParts(m: PackManifest | undefined) {
  return {
    plugin: m ? { id: m.id, version: m.version, platform: m.platform } : null,
    publisher: m?.publisher
      ? {
          ...(m.publisher.name ? { name: m.publisher.name } : {}),
          ...(m.publisher.fingerprint ? { fingerprint: m.publisher.fingerprint } : {}),
        }
      : null,
    forkedFrom: m?.forkedFrom ?? null,
    dependencies: m?.dependencies ?? [],
  };
}

/** The report from a verified pack and the installed plugins. Pure. */
export function dryRunReport(verified: PackReport, installed: InstalledPlugins, inputs: DryRunInputs = {}): DryRunReport {
  const parts = manifestParts(verified.manifest);
  const id = verified.manifest?.id;
  const versions = id ? installed.installedVersions(id) : [];
  const active = id ? (installed.find(id)?.version ?? null) : null;
  const base = {
    packSha256: verified.packSha256,
    ...parts,
    signature: verified.signature,
    installed: { active, versions },
    parameters: inputs.parameters ?? [],
    impact: null,
  };
  const incoming = verified.plugin;
  if (!incoming) {
    return {
      ...base,
      outcome: 'refused',
      refusal: refusalOf(verified.code ?? 'PACK_INVALID', verified.errors),
      fixtures: null,
      change: null,
      diff: null,
      override: null,
    };
  }
  const cases = runFixtures(incoming, inputs.params ?? incoming.parameterDefaults);
  const failing = cases.filter((c) => c.mismatches.length > 0);
  const fixtures = { passed: cases.length - failing.length, failed: failing.length, cases, failing };
  const override = inputs.override ? { reason: inputs.override.reason, applied: failing.length > 0 } : null;

  const same = installed.find(incoming.id, incoming.version);
  if (same) {
    const was = pluginContentHash(same.files);
    const now = pluginContentHash(incoming.files);
    const conflict = was !== now;
    return {
      ...base,
      outcome: conflict ? 'refused' : 'already-installed',
      refusal: conflict ? refusalOf('PLUGIN_VERSION_CONFLICT', [conflictDetail(incoming.id, incoming.version, was, now)]) : null,
      fixtures,
      change: 'same-version',
      diff: null,
      override,
    };
  }
  // What it needs must be here, and what needs it must still be met by the version it brings.
  const unmet = unmetDependencies(verified.manifest?.dependencies ?? [], installed);
  const broken = brokenDependents(installed, incoming.id, incoming.version);
  if (broken.length)
    return { ...base, outcome: 'refused', refusal: refusalOf('PLUGIN_DEPENDED_ON', broken), fixtures, change: null, diff: null, override };
  if (unmet.length)
    return {
      ...base,
      outcome: 'refused',
      refusal: refusalOf('PACK_DEPENDENCY_UNMET', unmet),
      fixtures,
      change: null,
      diff: null,
      override,
    };
  const current = installed.find(incoming.id);
  return {
    ...base,
    outcome: failing.length && !override ? 'blocked' : 'ready',
    refusal: null,
    fixtures,
    override,
    change: !current ? 'new-plugin' : semver.gt(incoming.version, current.version) ? 'upgrade' : 'downgrade',
    diff: current ? diffPlugins(current, incoming) : null,
  };
}

/** Reads and verifies the pack (in memory), then reports; `installed` is only read. */
export async function dryRunPack(bytes: Uint8Array, installed: InstalledPlugins, opts: VerifyOptions = {}): Promise<DryRunReport> {
  return dryRunReport(await verifyPack(bytes, opts), installed);
}

/**
 * The whole dry run in a running server: options checked first (a bad binding or an empty override reason is a
 * HezuoError: PARAMETERS_INVALID at /bindings/<name>, FIXTURE_OVERRIDE_REASON_REQUIRED at /override/reason), the
 * pack verified, its parameters bound over this server's values, the report, then the impact preview of an
 * upgrade or downgrade. Only reads: the install (h/pack-install) calls this and writes after it.
 */
export async function dryRun(ctx: PlatformContext, bytes: Uint8Array, options: DryRunOptions = {}): Promise<DryRunReport> {
  const checked = readDryRunOptions(options);
  const verify = { trusted: options.trusted ?? ctx.trustedPublishers ?? [], loader: options.loader ?? installedLoader(ctx.registry) };
  const verified = await verifyPack(bytes, verify);
  const { report, bound } = await boundReport(ctx, verified, checked);
  const active = verified.plugin ? ctx.registry.find(verified.plugin.id) : undefined;
  if (!active || !bound || options.impact === false || (report.change !== 'upgrade' && report.change !== 'downgrade')) return report;
  return { ...report, impact: await previewImpact(ctx, active, verified.plugin!, bound.values, options.impact ?? {}) };
}

/**
 * The report of a verified pack with its parameters bound over this server's stored values (`bound` null when the
 * pack has no plugin). The install runs this too, so it refuses exactly what the dry run reported and stores the
 * values the fixtures ran with.
 */
export async function boundReport(
  ctx: PlatformContext,
  verified: PackReport,
  { bindings, override }: ReturnType<typeof readDryRunOptions>,
): Promise<{ report: DryRunReport; bound: Bindings | null }> {
  const incoming = verified.plugin;
  if (!incoming) return { report: dryRunReport(verified, ctx.registry, { override }), bound: null };
  const active = ctx.registry.find(incoming.id);
  const stored = active ? (await getParameters(ctx.db, incoming.id)).values : {};
  const bound = bindParameters(incoming, active, stored, bindings);
  return { report: dryRunReport(verified, ctx.registry, { params: bound.values, parameters: bound.parameters, override }), bound };
}
