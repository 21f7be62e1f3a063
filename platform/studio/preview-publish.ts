// What publishing a draft would do, before it is done (studio, issue 16): the draft's pack through the same dry run
// as a pack import — validation, fixtures under this server's parameter values, the diff against the installed
// version and the impact on its open records (re-evaluated under the draft, nothing saved). Read only; the publish
// itself checks everything again.
import type { PlatformContext } from '../context';
import { requireAdmin, type Principal } from '../access/principal';
import { dryRun, type DryRunReport } from '../packs/dry-run';
import { draftPackOrThrow } from './draft-pack';
import { draftRow } from './drafts';

export async function previewPublish(ctx: PlatformContext, principal: Principal, id: string): Promise<DryRunReport> {
  requireAdmin(principal);
  const pack = await draftPackOrThrow(await draftRow(ctx.db, id));
  return dryRun(ctx, pack.bytes, {});
}
