// Attachment rows: the file's bytes and what it was uploaded for, by whom, and the record it ended up in.
import type { Executor } from './schema';

export interface AttachmentMeta {
  id: string;
  pluginId: string;
  formId: string;
  field: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  orgPath: string;
  recordId: string | null;
  createdAt: Date;
}

export interface NewAttachment extends Omit<AttachmentMeta, 'recordId' | 'createdAt'> {
  content: Buffer;
}

const META = [
  'id',
  'plugin_id',
  'form_id',
  'field',
  'file_name',
  'media_type',
  'size',
  'sha256',
  'uploaded_by',
  'org_path',
  'record_id',
  'created_at',
] as const;

const toMeta = (r: any): AttachmentMeta => ({
  id: r.id,
  pluginId: r.plugin_id,
  formId: r.form_id,
  field: r.field,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  orgPath: r.org_path,
  recordId: r.record_id,
  createdAt: r.created_at,
});

export async function insertAttachment(ex: Executor, a: NewAttachment): Promise<void> {
  await ex
    .insertInto('attachments')
    .values({
      id: a.id,
      plugin_id: a.pluginId,
      form_id: a.formId,
      field: a.field,
      file_name: a.fileName,
      media_type: a.mediaType,
      size: a.size,
      sha256: a.sha256,
      content: a.content,
      uploaded_by: a.uploadedBy,
      org_path: a.orgPath,
    })
    .execute();
}

/** Metadata of these attachments (no bytes), locked for the linking transaction when `forUpdate`. */
export async function attachmentsById(ex: Executor, ids: readonly string[], forUpdate = false): Promise<AttachmentMeta[]> {
  if (ids.length === 0) return [];
  let q = ex.selectFrom('attachments').select(META).where('id', 'in', ids);
  if (forUpdate) q = q.forUpdate();
  return (await q.execute()).map(toMeta);
}

export async function attachmentContent(ex: Executor, id: string): Promise<Buffer | undefined> {
  const row = await ex.selectFrom('attachments').select('content').where('id', '=', id).executeTakeFirst();
  return row?.content;
}

/** Links attachments to a record; they take the record's org path, so whoever sees the record sees them. */
export async function linkAttachments(ex: Executor, ids: readonly string[], recordId: string, orgPath: string): Promise<void> {
  if (ids.length === 0) return;
  await ex
    .updateTable('attachments')
    .set({ record_id: recordId, org_path: orgPath })
    .where('id', 'in', ids)
    .where('record_id', 'is', null)
    .execute();
}
