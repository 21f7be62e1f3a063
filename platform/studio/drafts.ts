// Reading, saving and deleting drafts. A save or delete names the revision the admin's copy was loaded at; when
// another admin (or another tab) saved meanwhile it is STALE_REVISION and nothing changes. Each change is
// committed with its audit event before the answer.
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { requireAdmin } from '../access/principal';
import { appendAudit } from '../audit/audit-log';
import { HezuoError, detail } from '../errors';
import type { Executor } from '../store/schema';
import { deleteDraft as deleteDraftRow, getDraft, listDrafts, saveDraftFiles, type StudioDraftRow } from '../store/studio-drafts-store';
import { checkDraftFiles, type DraftFiles } from './draft-files';
import { draftSummary, draftView, type Draft, type DraftSummary } from './draft-view';

/** Draft ids are UUIDs: anything else is no draft (and never reaches the database as a malformed uuid). */
const DRAFT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const notFound = (id: string) =>
  new HezuoError('STUDIO_DRAFT_NOT_FOUND', [detail('/id', `找不到草稿 ${id}`, `No draft ${id}`, { params: { id } })]);

export const stale = (revision: number, current: number) =>
  new HezuoError('STALE_REVISION', [
    detail('/revision', '草稿已被修改,请重新载入', 'The draft changed since it was loaded; reload it', { params: { revision, current } }),
  ]);

/** The draft or STUDIO_DRAFT_NOT_FOUND. */
export async function draftRow(ex: Executor, id: string, forUpdate = false): Promise<StudioDraftRow> {
  const row = DRAFT_ID.test(id) ? await getDraft(ex, id, forUpdate) : undefined;
  if (!row) throw notFound(id);
  return row;
}

export async function listStudioDrafts(ctx: PlatformContext, principal: Principal): Promise<{ drafts: DraftSummary[] }> {
  requireAdmin(principal);
  return { drafts: (await listDrafts(ctx.db)).map(draftSummary) };
}

export async function readDraft(ctx: PlatformContext, principal: Principal, id: string): Promise<Draft> {
  requireAdmin(principal);
  return draftView(await draftRow(ctx.db, id));
}

export async function saveDraft(
  ctx: PlatformContext,
  principal: Principal,
  id: string,
  body: { revision: number; files: DraftFiles },
  address: string | null,
): Promise<Draft> {
  requireAdmin(principal);
  checkDraftFiles(body.files);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await draftRow(tx, id, true);
    if (row.revision !== body.revision) throw stale(body.revision, row.revision);
    const revision = await saveDraftFiles(tx, id, body.revision, body.files, ctx.clock.now());
    if (revision === null) throw stale(body.revision, row.revision);
    const before = new Set(Object.keys(row.files));
    const after = Object.keys(body.files);
    await appendAudit(tx, {
      actor: principal,
      action: 'studio.draft.save',
      target: { type: 'studio_draft', id },
      details: {
        plugin: row.pluginId,
        revision,
        changed: after.filter((p) => row.files[p] !== body.files[p]).sort(),
        removed: [...before].filter((p) => !(p in body.files)).sort(),
      },
      address,
      orgPaths: [],
    });
    return draftView((await getDraft(tx, id))!);
  });
}

export async function deleteStudioDraft(
  ctx: PlatformContext,
  principal: Principal,
  id: string,
  revision: number,
  address: string | null,
): Promise<void> {
  requireAdmin(principal);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await draftRow(tx, id, true);
    if (row.revision !== revision || !(await deleteDraftRow(tx, id, revision))) throw stale(revision, row.revision);
    await appendAudit(tx, {
      actor: principal,
      action: 'studio.draft.delete',
      target: { type: 'studio_draft', id },
      details: { plugin: row.pluginId, revision, origin: row.origin },
      address,
      orgPaths: [],
    });
  });
}
