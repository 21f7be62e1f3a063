// On saving a record, the attachment ids in its x-attachment fields must be files uploaded for that very field of
// that form, by the one saving (or already the record's), and no more than maxFiles; then they become the record's.
// Called inside the record's transaction, so a refusal leaves neither the record nor the links changed.
import { HezuoError, type ErrorDetail } from '../errors';
import type { Principal } from '../access/principal';
import type { FormDefinition } from '../plugins/types';
import { getAtPointer } from '../plugins/schema-walk';
import type { Executor } from '../store/schema';
import { attachmentsById, linkAttachments } from '../store/attachments-store';
import { attachmentFields } from './attachment-service';

export async function attachToRecord(ex: Executor, principal: Principal, pluginId: string, form: FormDefinition,
  record: { id: string; orgPath: string }, data: Record<string, unknown>): Promise<void> {
  const named: { id: string; field: string; pointer: string }[] = [];
  const problems: ErrorDetail[] = [];
  const problem = (pointer: string, zh: string, en: string) => problems.push({ pointer, message: { 'zh-CN': zh, en }, code: 'ATTACHMENT_INVALID' });
  for (const [field, spec] of attachmentFields(form)) {
    const value = getAtPointer(data, field);
    if (!Array.isArray(value)) continue; // the schema says what the field may hold; here only ids matter
    if (spec.maxFiles !== undefined && value.length > spec.maxFiles) {
      problem(`/data${field}`, `附件不能多于 ${spec.maxFiles} 个`, `At most ${spec.maxFiles} attachments`);
    }
    value.forEach((id, i) => { if (typeof id === 'string') named.push({ id, field, pointer: `/data${field}/${i}` }); });
  }
  if (named.length === 0 && problems.length === 0) return;
  const rows = new Map((await attachmentsById(ex, [...new Set(named.map((n) => n.id))], true)).map((a) => [a.id, a]));
  const seen = new Set<string>();
  for (const n of named) {
    const a = rows.get(n.id);
    if (seen.has(n.id)) problem(n.pointer, '同一附件出现了两次', 'The same attachment is named twice');
    seen.add(n.id);
    if (!a) problem(n.pointer, '附件不存在', 'No such attachment');
    else if (a.pluginId !== pluginId || a.formId !== form.id || a.field !== n.field) problem(n.pointer, '附件不是为此字段上传的', 'The attachment was uploaded for another field');
    else if (a.recordId !== null && a.recordId !== record.id) problem(n.pointer, '附件属于另一条记录', 'The attachment belongs to another record');
    else if (a.recordId === null && a.uploadedBy !== principal.user.id) problem(n.pointer, '附件由他人上传', 'The attachment was uploaded by someone else');
  }
  if (problems.length) throw new HezuoError('ATTACHMENT_INVALID', problems);
  await linkAttachments(ex, named.filter((n) => rows.get(n.id)!.recordId === null).map((n) => n.id), record.id, record.orgPath);
}
