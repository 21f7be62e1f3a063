// What installing a pack would do, changing nothing: the pack read and checked as `pack verify` does, its
// fixtures run here, the diff against the installed version of the same plugin, and whether that very version is
// already installed (same content: nothing to do; other content: refused). The report is pure data built from
// the verified pack and a read-only view of the installed plugins; nothing here touches the database.
import semver from 'semver';
import { ERRORS, detail, type ErrorCode, type ErrorDetail, type LocalText } from '../errors';
import { runFixtures, type CaseOutcome } from '../fixtures/run-fixtures';
import { pluginContentHash } from '../plugins/content-hash';
import type { PluginRegistry } from '../plugins/registry';
import { diffPlugins, type PluginDiff } from './diff-plugins';
import type { PackManifest, SignatureState } from './pack-format';
import { verifyPack, type PackReport, type VerifyOptions } from './verify-pack';

/** The installed plugins as the dry run sees them: read only. */
export type InstalledPlugins = Pick<PluginRegistry, 'find' | 'installedVersions'>;

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
export function dryRunReport(verified: PackReport, installed: InstalledPlugins): DryRunReport {
  const parts = manifestParts(verified.manifest);
  const id = verified.manifest?.id;
  const versions = id ? installed.installedVersions(id) : [];
  const active = id ? (installed.find(id)?.version ?? null) : null;
  const base = {
    packSha256: verified.packSha256,
    ...parts,
    signature: verified.signature,
    installed: { active, versions },
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
    };
  }
  const cases = runFixtures(incoming);
  const failing = cases.filter((c) => c.mismatches.length > 0);
  const fixtures = { passed: cases.length - failing.length, failed: failing.length, cases, failing };

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
    };
  }
  const current = installed.find(incoming.id);
  return {
    ...base,
    outcome: failing.length ? 'blocked' : 'ready',
    refusal: null,
    fixtures,
    change: !current ? 'new-plugin' : semver.gt(incoming.version, current.version) ? 'upgrade' : 'downgrade',
    diff: current ? diffPlugins(current, incoming) : null,
  };
}

/** Reads and verifies the pack (in memory), then reports; `installed` is only read. */
export async function dryRunPack(bytes: Uint8Array, installed: InstalledPlugins, opts: VerifyOptions = {}): Promise<DryRunReport> {
  return dryRunReport(await verifyPack(bytes, opts), installed);
}
