// Studio drafts (migration 202612050001): SQL only. A save or delete names the revision it was made against and
// touches the row only when that is still the current one, so two admins on one draft get a conflict, never a
// silently lost change.
import type { Executor, StudioDraftOrigin } from './schema';

export interface StudioDraftRow {
  id: string;
  pluginId: string;
  baseVersion: string | null;
  origin: StudioDraftOrigin;
  files: Record<string, string>;
  revision: number;
  createdBy: { id: string; username: string };
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = [
  'd.id',
  'd.plugin_id',
  'd.base_version',
  'd.origin',
  'd.files',
  'd.revision',
  'd.created_by',
  'u.username',
  'd.created_at',
  'd.updated_at',
] as const;

type Row = {
  id: string;
  plugin_id: string;
  base_version: string | null;
  origin: StudioDraftOrigin;
  files: Record<string, string>;
  revision: number;
  created_by: string;
  username: string;
  created_at: Date;
  updated_at: Date;
};

const toDraft = (r: Row): StudioDraftRow => ({
  id: r.id,
  pluginId: r.plugin_id,
  baseVersion: r.base_version,
  origin: r.origin,
  files: r.files,
  revision: r.revision,
  createdBy: { id: r.created_by, username: r.username },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const selectDrafts = (ex: Executor) => ex.selectFrom('studio_drafts as d').innerJoin('users as u', 'u.id', 'd.created_by').select(COLUMNS);

/** Every draft, the most recently changed first. */
export async function listDrafts(ex: Executor): Promise<StudioDraftRow[]> {
  const rows = await selectDrafts(ex).orderBy('d.updated_at', 'desc').orderBy('d.id').execute();
  return rows.map(toDraft);
}

/** `forUpdate` locks the row until the transaction ends (publish holds it while it installs). */
export async function getDraft(ex: Executor, id: string, forUpdate = false): Promise<StudioDraftRow | undefined> {
  const q = selectDrafts(ex).where('d.id', '=', id);
  const row = await (forUpdate ? q.forUpdate('d') : q).executeTakeFirst();
  return row ? toDraft(row) : undefined;
}

export async function insertDraft(
  ex: Executor,
  d: {
    id: string;
    pluginId: string;
    baseVersion: string | null;
    origin: StudioDraftOrigin;
    files: Record<string, string>;
    createdBy: string;
    now: Date;
  },
): Promise<void> {
  await ex
    .insertInto('studio_drafts')
    .values({
      id: d.id,
      plugin_id: d.pluginId,
      base_version: d.baseVersion,
      origin: JSON.stringify(d.origin),
      files: JSON.stringify(d.files),
      revision: 1,
      created_by: d.createdBy,
      created_at: d.now,
      updated_at: d.now,
    })
    .execute();
}

/** Replaces the files when `revision` is current; the new revision, or null when the draft is gone or moved on. */
export async function saveDraftFiles(
  ex: Executor,
  id: string,
  revision: number,
  files: Record<string, string>,
  now: Date,
): Promise<number | null> {
  const r = await ex
    .updateTable('studio_drafts')
    .set((eb) => ({ files: JSON.stringify(files), revision: eb('revision', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('revision', '=', revision)
    .returning('revision')
    .executeTakeFirst();
  return r ? r.revision : null;
}

/** Deletes the draft when `revision` is current; false when it is gone or moved on. */
export async function deleteDraft(ex: Executor, id: string, revision: number): Promise<boolean> {
  const r = await ex.deleteFrom('studio_drafts').where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** After a publish: the draft continues from the version it installed. Files and revision stay as they were. */
export async function markPublished(ex: Executor, id: string, pluginId: string, version: string): Promise<void> {
  await ex.updateTable('studio_drafts').set({ plugin_id: pluginId, base_version: version }).where('id', '=', id).execute();
}
