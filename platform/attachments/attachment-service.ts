// Uploading and reading attachments. An upload is checked against the x-attachment declaration of its field
// (accepted media types, told by the bytes; size), belongs to its uploader until a record names it (see
// link-attachments.ts), and from then on to whoever may see that record. Anyone else is told it does not exist.
import { createHash, randomUUID } from 'node:crypto';
import { HezuoError, detail } from '../errors';
import type { PlatformContext } from '../context';
import { canSee, holdsRole, type Principal } from '../access/principal';
import type { FormDefinition } from '../plugins/types';
import { fieldsWithKeyword } from '../plugins/schema-walk';
import { getOrgUnit } from '../store/orgs-store';
import { getRecord } from '../store/records-store';
import type { Executor } from '../store/schema';
import { attachmentContent, attachmentsById, insertAttachment, type AttachmentMeta } from '../store/attachments-store';
import { bytesMatchType, claimedType, isAccepted, sanitizeFileName } from './media-types';

/** The server's cap on one file, whatever a plugin declares: bytes held in memory and in one bytea. */
export const UPLOAD_LIMIT = 64 * 1024 * 1024;

export interface AttachmentSpec {
  accept?: string[];
  maxSize?: number;
  maxFiles?: number;
}

/** The pseudo-field follow-up evidence is uploaded for (not a JSON pointer, so no form field can share it). */
export const EVIDENCE_FIELD = '#followUp';

/** The x-attachment fields of a form, by data pointer. */
export function attachmentFields(form: FormDefinition): Map<string, AttachmentSpec> {
  return new Map(fieldsWithKeyword(form.schema, 'x-attachment').map(({ pointer, value }) => [pointer, (value ?? {}) as AttachmentSpec]));
}

export interface UploadTarget {
  pluginId: string;
  form: FormDefinition;
  field: string;
  spec: AttachmentSpec;
  orgPath: string;
  limit: number;
}

const invalid = (pointer: string, zh: string, en: string) => new HezuoError('ATTACHMENT_INVALID', [detail(pointer, zh, en)]);

/** Checks what an upload is for, before its bytes are read: the limit to read up to comes from here. */
export async function uploadTarget(ctx: PlatformContext, principal: Principal, fields: Record<string, unknown>): Promise<UploadTarget> {
  for (const k of ['plugin', 'form', 'field']) {
    if (typeof fields[k] !== 'string' || fields[k] === '')
      throw invalid(`/${k}`, `缺少 ${k}(须在文件之前发送)`, `${k} is required (send it before the file)`);
  }
  const { plugin, form } = ctx.registry.form(fields.plugin as string, fields.form as string);
  const field = fields.field as string;
  // Follow-up evidence is uploaded by whoever may mark an item rectified, under the form's evidence spec.
  const evidence = field === EVIDENCE_FIELD ? form.followUp?.spec.evidence : undefined;
  const spec = evidence ?? attachmentFields(form).get(field);
  if (!spec) throw invalid('/field', `表单 ${form.id} 没有附件字段 ${field}`, `Form ${form.id} has no attachment field ${field}`);
  const roles: string[] = evidence ? [form.followUp!.spec.roles.mark.role] : (form.manifest.createRoles ?? ['officer']);
  let orgPath: string | undefined;
  if (typeof fields.orgUnitId === 'string' && fields.orgUnitId !== '') {
    const unit = await getOrgUnit(ctx.db, fields.orgUnitId);
    if (!unit || !canSee(principal, unit.path))
      throw new HezuoError('ORG_UNIT_INVALID', [
        detail('/orgUnitId', '组织机构不存在或不在您的管辖范围', 'Unknown org unit or outside your units'),
      ]);
    orgPath = unit.path;
  } else {
    orgPath = principal.grants.find((g) => roles.includes(g.role))?.orgPath;
  }
  if (!orgPath || !holdsRole(principal, roles, orgPath))
    throw new HezuoError('FORBIDDEN', [detail('/form', '您不能填报此表单', 'You may not fill this form')]);
  return { pluginId: plugin.id, form, field, spec, orgPath, limit: Math.min(spec.maxSize ?? UPLOAD_LIMIT, UPLOAD_LIMIT) };
}

export const tooLarge = (limit: number) =>
  new HezuoError('ATTACHMENT_TOO_LARGE', [
    detail('/file', `文件不能超过 ${limit} 字节`, `The file must not exceed ${limit} bytes`, { params: { limit } }),
  ]);

/** Stores a file read in full (at most target.limit bytes), after checking its type against its bytes. */
export async function saveUpload(
  ctx: PlatformContext,
  principal: Principal,
  target: UploadTarget,
  file: { name: string; type: string | undefined; content: Buffer },
): Promise<{ id: string; name: string; size: number; type: string }> {
  if (file.content.length > target.limit) throw tooLarge(target.limit);
  if (file.content.length === 0) throw invalid('/file', '文件为空', 'The file is empty');
  const name = sanitizeFileName(file.name);
  const type = claimedType(file.type, name);
  const accept = target.spec.accept ?? [];
  const refuse = (zh: string, en: string) =>
    new HezuoError('ATTACHMENT_TYPE_NOT_ALLOWED', [detail('/file', zh, en, { params: { type, accept } })]);
  if (!type || !isAccepted(type, accept))
    throw refuse(
      `不接受此类型的文件(${type ?? '未知'}),允许:${accept.join(', ')}`,
      `Files of type ${type ?? 'unknown'} are not accepted; allowed: ${accept.join(', ')}`,
    );
  if (!bytesMatchType(file.content.subarray(0, 16), type)) throw refuse(`文件内容与类型 ${type} 不符`, `The file's content is not ${type}`);
  const id = randomUUID();
  await insertAttachment(ctx.db, {
    id,
    pluginId: target.pluginId,
    formId: target.form.id,
    field: target.field,
    fileName: name,
    mediaType: type,
    size: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
    uploadedBy: principal.user.id,
    orgPath: target.orgPath,
  });
  return { id, name, size: file.content.length, type };
}

/** True when the principal may read the attachment: its uploader, or someone who sees its record. */
async function mayRead(ex: Executor, principal: Principal, a: AttachmentMeta): Promise<boolean> {
  if (a.uploadedBy === principal.user.id) return true;
  if (!a.recordId) return false;
  const record = await getRecord(ex, a.recordId);
  return !!record && canSee(principal, record.orgPath);
}

export const publicMeta = (a: AttachmentMeta) => ({
  id: a.id,
  name: a.fileName,
  size: a.size,
  type: a.mediaType,
  field: a.field,
  recordId: a.recordId,
});

/** Names and sizes of those of `ids` the principal may read; the others are left out, as if absent. */
export async function listAttachments(ctx: PlatformContext, principal: Principal, ids: string[]) {
  const out = [];
  for (const a of await attachmentsById(ctx.db, ids.slice(0, 200))) if (await mayRead(ctx.db, principal, a)) out.push(publicMeta(a));
  return out;
}

export async function readAttachment(
  ctx: PlatformContext,
  principal: Principal,
  id: string,
): Promise<{ meta: AttachmentMeta; content: Buffer }> {
  const [meta] = await attachmentsById(ctx.db, [id]);
  const content = meta && (await mayRead(ctx.db, principal, meta)) ? await attachmentContent(ctx.db, id) : undefined;
  if (!meta || !content) throw new HezuoError('NOT_FOUND', [detail('/id', '附件不存在', 'No such attachment')]);
  return { meta, content };
}
