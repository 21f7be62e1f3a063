// Importing a pack or a plugin folder into the studio to keep editing it. A pack is read as the dry run reads it
// (size caps, structure, hashes, signature — a tampered or oversize pack is refused with the dry run's code); a
// folder comes as the browser read it (path → text). Either way the files go through importFiles, then become a
// draft: of the plugin's next version when its id is installed (as "edit" does: the draft continues the active
// version, and a version not above every installed one is raised to the next patch), else of a new plugin.
// Committed with its audit event (studio.draft.import) before the answer; a refusal creates nothing.
import { randomUUID } from 'node:crypto';
import semver from 'semver';
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { requireAdmin } from '../access/principal';
import { appendAudit } from '../audit/audit-log';
import { HezuoError, detail } from '../errors';
import type { SignatureState } from '../packs/pack-format';
import { verifyPack } from '../packs/verify-pack';
import { installedLoader } from '../plugins/loader';
import { MANIFEST_FILE } from '../plugins/types';
import type { StudioDraftOrigin } from '../store/schema';
import { getDraft, insertDraft } from '../store/studio-drafts-store';
import { checkNewPluginId } from './create-draft';
import { jsonText, type DraftFiles } from './draft-files';
import { draftView, type Draft } from './draft-view';
import { importFiles } from './import-files';
import { nextVersion } from './installed-files';

export interface Imported {
  draft: Draft;
  imported: {
    source: 'pack' | 'folder';
    /** The pack's signature as the dry run reports it; null for a folder. */
    signature: SignatureState | null;
    packSha256: string | null;
    /** Files given but not named by plugin.json: left out of the draft. */
    skipped: string[];
    /** plugin.json's version as given, and the draft's (raised when that version is not above the installed ones). */
    version: { given: string; draft: string };
  };
}

type Source = Pick<Imported['imported'], 'source' | 'signature' | 'packSha256'>;

export async function importPackDraft(
  ctx: PlatformContext,
  principal: Principal,
  bytes: Uint8Array,
  address: string | null,
): Promise<Imported> {
  requireAdmin(principal);
  const report = await verifyPack(bytes, { trusted: ctx.trustedPublishers ?? [], loader: installedLoader(ctx.registry) });
  // Past structure, hashes and signature the pack's files are known; the plugin itself may still be unfinished.
  if (!report.texts)
    throw new HezuoError(report.code ?? 'PACK_INVALID', report.errors.length ? report.errors : [detail('', '插件包无效', 'Invalid pack')]);
  return importDraft(ctx, principal, report.texts, { source: 'pack', signature: report.signature, packSha256: report.packSha256 }, address);
}

export async function importFolderDraft(
  ctx: PlatformContext,
  principal: Principal,
  files: DraftFiles,
  address: string | null,
): Promise<Imported> {
  requireAdmin(principal);
  return importDraft(ctx, principal, files, { source: 'folder', signature: null, packSha256: null }, address);
}

const manifestDetail = (pointer: string, zh: string, en: string) =>
  new HezuoError('PLUGIN_INVALID', [detail(pointer, zh, en, { file: MANIFEST_FILE, code: 'MANIFEST_INVALID' })]);

async function importDraft(
  ctx: PlatformContext,
  principal: Principal,
  given: DraftFiles,
  source: Source,
  address: string | null,
): Promise<Imported> {
  const { files, manifest, skipped } = await importFiles(given);
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest))
    throw manifestDetail('', 'plugin.json 应为对象', 'plugin.json must be an object');
  const id = manifest.id;
  if (typeof id !== 'string') throw manifestDetail('/id', 'plugin.json 缺少插件编号 id', 'plugin.json has no plugin id');
  const givenVersion = typeof manifest.version === 'string' ? manifest.version : '';
  const installed = ctx.registry.installedVersions(id);
  const active = ctx.registry.find(id)?.version ?? installed.filter((v) => semver.valid(v)).sort(semver.rcompare)[0];
  let origin: StudioDraftOrigin = { kind: 'import' };
  let baseVersion: string | null = null;
  let version = givenVersion;
  if (active) {
    baseVersion = active;
    origin = { kind: 'import', from: { plugin: id, version: active } };
    const above = semver.valid(givenVersion) && [active, ...installed].every((v) => !semver.valid(v) || semver.gt(givenVersion, v));
    if (!above) {
      version = nextVersion(installed, active);
      files[MANIFEST_FILE] = jsonText({ ...manifest, version });
    }
  } else checkNewPluginId(ctx, id, `/files/${MANIFEST_FILE}`);

  const draftId = randomUUID();
  return ctx.db.transaction().execute(async (tx) => {
    await insertDraft(tx, { id: draftId, pluginId: id, baseVersion, origin, files, createdBy: principal.user.id, now: ctx.clock.now() });
    await appendAudit(tx, {
      actor: principal,
      action: 'studio.draft.import',
      target: { type: 'studio_draft', id: draftId },
      details: {
        plugin: id,
        version,
        source: source.source,
        ...(source.packSha256 ? { packSha256: source.packSha256, signature: source.signature } : {}),
        ...(baseVersion ? { baseVersion } : {}),
        files: Object.keys(files).length,
        ...(skipped.length ? { skipped } : {}),
      },
      address,
      orgPaths: [],
    });
    const draft = draftView((await getDraft(tx, draftId))!);
    return { draft, imported: { ...source, skipped, version: { given: givenVersion, draft: version } } };
  });
}
