// Publishing a draft: its pack installed through the same path as an uploaded pack (installPack: the dry run
// again, failing fixtures refused unless the admin gives a reason, one transaction, live after commit), audited as
// plugin.publish with the draft's id. An admin publishing on their own server needs no signature: the pack is
// built here from the draft and never left the server, and an unsigned upload is accepted the same way (its
// audit says "unsigned"). A blank or forked draft must not take over an installed plugin's id.
import type { PlatformContext } from '../context';
import { installedLoader } from '../plugins/loader';
import type { Principal } from '../access/principal';
import { requireAdmin } from '../access/principal';
import { installPack, type InstallOutcome } from '../packs/install-pack';
import { PACK_EXTENSION } from '../packs/pack-format';
import { verifyPack } from '../packs/verify-pack';
import { HezuoError, detail } from '../errors';
import { markPublished } from '../store/studio-drafts-store';
import { checkNewPluginId } from './create-draft';
import { draftPackOrThrow } from './draft-pack';
import { draftRow, stale } from './drafts';

export interface Published {
  plugin: string;
  version: string;
  installed: true;
  outcome: InstallOutcome;
}

export async function publishDraft(
  ctx: PlatformContext,
  principal: Principal,
  id: string,
  body: { revision: number; overrideFixtures?: string },
  address: string | null,
): Promise<Published> {
  requireAdmin(principal);
  const row = await draftRow(ctx.db, id);
  if (row.revision !== body.revision) throw stale(body.revision, row.revision);
  const pack = await draftPackOrThrow(row);
  // Only a draft that started from this plugin (an edit, or a blank/fork published before) may give it a version.
  const ownPlugin = row.baseVersion !== null && pack.id === row.pluginId;
  if (!ownPlugin) checkNewPluginId(ctx, pack.id, '/files/plugin.json');
  const reason = body.overrideFixtures?.trim();
  const result = await installPack(ctx, principal, pack.bytes, {
    ...(reason ? { overrideFixtures: reason } : {}),
    address,
    audit: { action: 'plugin.publish', details: { draft: id, draftRevision: row.revision, origin: row.origin } },
  });
  // From now on the draft continues the version it published (its next publish is an upgrade of its own plugin).
  // After the install's commit: were this lost, a blank draft's next publish is refused as STUDIO_PLUGIN_EXISTS,
  // never installed over another plugin.
  await markPublished(ctx.db, id, result.plugin.id, result.plugin.version);
  return { plugin: result.plugin.id, version: result.plugin.version, installed: true, outcome: result.outcome };
}

/** The draft as pack bytes with its download name; refused as the pack dry run would refuse the file. */
export async function exportDraft(ctx: PlatformContext, principal: Principal, id: string): Promise<{ bytes: Buffer; fileName: string }> {
  requireAdmin(principal);
  const pack = await draftPackOrThrow(await draftRow(ctx.db, id));
  const verified = await verifyPack(pack.bytes, { trusted: ctx.trustedPublishers ?? [], loader: installedLoader(ctx.registry) });
  if (!verified.plugin)
    throw new HezuoError(
      verified.code ?? 'PACK_INVALID',
      verified.errors.length ? verified.errors : [detail('', '插件包无效', 'Invalid pack')],
    );
  return { bytes: pack.bytes, fileName: `${pack.id}-${pack.version}${PACK_EXTENSION}` };
}
