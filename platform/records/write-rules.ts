// The small rules every record write applies, whatever path it comes by: who may fill a form, in which state a
// record may be edited, what counts as a duplicate, what a create's retry digest covers.
import { createHash } from 'node:crypto';
import type { ErrorDetail, LocalText } from '../errors';
import type { FormDefinition } from '../plugins/types';

/** The roles that may create and edit records of a form, at the record's unit. */
export const createRolesOf = (form: FormDefinition): string[] => form.manifest.createRoles ?? ['officer'];

/** Drafts may be incomplete: only `required` is waived until the record leaves its first state. */
export function schemaErrors(form: FormDefinition, data: unknown, complete: boolean): ErrorDetail[] {
  const errors = form.validate(data);
  return complete ? errors : errors.filter((e) => e.keyword !== 'required');
}

export function uniqueKeyOf(form: FormDefinition, period: string, subject: string | null, orgUnitId: string): string | null {
  if (form.manifest.uniquePer === 'subject') return subject === null ? null : `${period}|${subject}`;
  if (form.manifest.uniquePer === 'orgUnit') return `${period}|${orgUnitId}`;
  return null;
}

export const isEditable = (form: FormDefinition, state: string) => {
  const wf = form.workflow;
  if (!wf) return true;
  const s = wf.states.get(state);
  return s?.editable ?? state === wf.workflow.initial;
};

export const initialState = (form: FormDefinition) => form.workflow?.workflow.initial ?? 'saved';

/** What a create's retry must repeat to get the first create's answer: the same target and the same data. */
export const createDigest = (v: { plugin: string; form: string; period: string; orgUnitId: string; data: unknown }) =>
  createHash('sha256').update(JSON.stringify(v)).digest('hex');

/**
 * The refusal of a second record for a subject (or unit) and period. The unique key is enforced across units (one
 * application per subject and period, wherever it was filed), so the refusal itself cannot be avoided; what it says
 * is the same whether the other record is in the caller's units or not, and it names neither that record nor its
 * unit — the caller learns only what any refusal must tell, that the subject cannot be registered again here.
 */
export const SUBJECT_TAKEN: LocalText = {
  'zh-CN': '该对象在此期间已有登记,不能重复登记;如在您的记录中找不到,请联系上级主管部门',
  en: 'This subject is already registered for this period and cannot be registered again; if it is not among your records, contact the office above you',
};

/** Where DUPLICATE_RECORD points: the subject field, or the unit for forms unique per unit. */
export const duplicatePointer = (form: FormDefinition) => (form.manifest.subject ? `/data${form.manifest.subject}` : '/orgUnitId');
