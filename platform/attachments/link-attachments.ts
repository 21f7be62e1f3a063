// On saving a record, the attachment ids in its x-attachment fields must be files uploaded for that very field of
// that form, by the one saving (or already the record's), and no more than maxFiles; then they become the record's.
// Pure: the write path loads the named attachments (locked) with its other facts and links them in its write, so a
// refusal leaves neither the record nor the links changed.
import type { ErrorDetail } from '../errors';
import type { Principal } from '../access/principal';
import type { FormDefinition } from '../plugins/types';
import { getAtPointer } from '../plugins/schema-walk';
import type { AttachmentMeta } from '../store/attachments-store';
import { attachmentFields } from './attachment-service';

interface Named {
  id: string;
  field: string;
  pointer: string;
}

// Every write (each row of an import too) asks; the schema walk is done once per form definition, which is frozen.
const fieldsOf = new WeakMap<FormDefinition, ReturnType<typeof attachmentFields>>();
const fieldsFor = (form: FormDefinition) => {
  let f = fieldsOf.get(form);
  if (!f) fieldsOf.set(form, (f = attachmentFields(form)));
  return f;
};

function named(form: FormDefinition, data: Record<string, unknown>, problems?: ErrorDetail[]): Named[] {
  const out: Named[] = [];
  for (const [field, spec] of fieldsFor(form)) {
    const value = getAtPointer(data, field);
    if (!Array.isArray(value)) continue; // the schema says what the field may hold; here only ids matter
    if (problems && spec.maxFiles !== undefined && value.length > spec.maxFiles) {
      problems.push(problem(`/data${field}`, `附件不能多于 ${spec.maxFiles} 个`, `At most ${spec.maxFiles} attachments`));
    }
    value.forEach((id, i) => {
      if (typeof id === 'string') out.push({ id, field, pointer: `/data${field}/${i}` });
    });
  }
  return out;
}

const problem = (pointer: string, zh: string, en: string): ErrorDetail => ({
  pointer,
  message: { 'zh-CN': zh, en },
  code: 'ATTACHMENT_INVALID',
});

/** The attachment ids a record's data names: what the write path loads. */
export const namedAttachmentIds = (form: FormDefinition, data: Record<string, unknown>): string[] => [
  ...new Set(named(form, data).map((n) => n.id)),
];

/** The problems with the attachments `data` names (ATTACHMENT_INVALID details), or the ids to link to the record. */
export function checkAttachments(
  principal: Principal,
  pluginId: string,
  form: FormDefinition,
  recordId: string,
  data: Record<string, unknown>,
  rows: ReadonlyMap<string, AttachmentMeta>,
): { problems: ErrorDetail[]; link: string[] } {
  const problems: ErrorDetail[] = [];
  const list = named(form, data, problems);
  checkNamed(principal, { pluginId, formId: form.id, recordId }, list, rows, problems);
  return { problems, link: problems.length ? [] : list.filter((n) => rows.get(n.id)!.recordId === null).map((n) => n.id) };
}

/** The rules every named attachment must meet: uploaded for this field of this form, by the caller or already the record's. */
function checkNamed(
  principal: Principal,
  target: { pluginId: string; formId: string; recordId: string },
  list: readonly Named[],
  rows: ReadonlyMap<string, AttachmentMeta>,
  problems: ErrorDetail[],
) {
  const seen = new Set<string>();
  for (const n of list) {
    const a = rows.get(n.id);
    if (seen.has(n.id)) problems.push(problem(n.pointer, '同一附件出现了两次', 'The same attachment is named twice'));
    seen.add(n.id);
    if (!a) problems.push(problem(n.pointer, '附件不存在', 'No such attachment'));
    else if (a.pluginId !== target.pluginId || a.formId !== target.formId || a.field !== n.field)
      problems.push(problem(n.pointer, '附件不是为此字段上传的', 'The attachment was uploaded for another field'));
    else if (a.recordId !== null && a.recordId !== target.recordId)
      problems.push(problem(n.pointer, '附件属于另一条记录', 'The attachment belongs to another record'));
    else if (a.recordId === null && a.uploadedBy !== principal.user.id)
      problems.push(problem(n.pointer, '附件由他人上传', 'The attachment was uploaded by someone else'));
  }
}

/**
 * Evidence files of a follow-up step (uploaded with the pseudo-field `field`), under the same rules as a record's
 * attachment fields; `pointer` is where the ids are in the request.
 */
export function checkEvidence(
  principal: Principal,
  target: { pluginId: string; formId: string; recordId: string; field: string },
  ids: readonly string[],
  rows: ReadonlyMap<string, AttachmentMeta>,
  pointer: string,
): { problems: ErrorDetail[]; link: string[] } {
  const problems: ErrorDetail[] = [];
  const list = ids.map((id, i) => ({ id, field: target.field, pointer: `${pointer}/${i}` }));
  checkNamed(principal, target, list, rows, problems);
  return { problems, link: problems.length ? [] : ids.filter((id) => rows.get(id)!.recordId === null) };
}
