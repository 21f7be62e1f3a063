// evaluateRecord (platform/records/evaluate-record.ts) for a batch: the same recomputation, reference checks and
// rule evaluation, but with the referenced records and the subjects' marks loaded for the whole batch in one
// query each instead of a round trip per row.
import { canSee, type Principal } from '../access/principal';
import { detail, type ErrorDetail } from '../errors';
import { evaluateForm, type Mark, type RuleResults } from '../evaluation';
import { compactResults } from '../evaluation/compact-results';
import { getAtPointer } from '../plugins/schema-walk';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { RecordRow } from '../store/records-store';
import { withoutComputed, type RecordFactsInput } from '../records/evaluate-record';

export interface BatchFacts { refs: Map<string, RecordRow>; marks: Map<string, Mark[]> }
export interface RowEvaluation { data: Record<string, unknown>; results: RuleResults; subject: string | null; subjectTitle: string | null }

/** Ids of the records the rows' reference fields name: what the batch loads before evaluating. */
export function referencedIds(form: FormDefinition, rows: Record<string, unknown>[]): string[] {
  const ids = new Set<string>();
  for (const data of rows) for (const ref of form.references) {
    const id = getAtPointer(data, ref.pointer);
    if (typeof id === 'string' && id !== '') ids.add(id);
  }
  return [...ids];
}

export function subjectOf(form: FormDefinition, data: Record<string, unknown>): string | null {
  const v = form.manifest.subject ? getAtPointer(data, form.manifest.subject) : undefined;
  return typeof v === 'string' && v !== '' ? v : null;
}

export function evaluateRow(
  plugin: PluginDefinition, form: FormDefinition, params: Record<string, unknown>, raw: Record<string, unknown>,
  facts: RecordFactsInput, asOf: string, principal: Principal, batch: BatchFacts,
): { ev: RowEvaluation } | { errors: ErrorDetail[] } {
  const input = withoutComputed(form, raw);
  const refs: Record<string, unknown> = {};
  const errors: ErrorDetail[] = [];
  for (const ref of form.references) {
    const id = getAtPointer(input, ref.pointer);
    if (id === undefined || id === null || id === '') continue;
    const row = typeof id === 'string' ? batch.refs.get(id) : undefined;
    if (!row || row.pluginId !== plugin.id || row.formId !== ref.form || !canSee(principal, row.orgPath)) {
      errors.push(detail(ref.pointer, `引用的记录不存在或不可见:${String(id)}`, `No visible ${ref.form} record ${String(id)}`, { code: 'REFERENCE_INVALID', keyword: 'x-ref' }));
      continue;
    }
    refs[ref.pointer] = { id: row.id, state: row.state, data: row.data, results: compactResults(row.results) };
  }
  if (errors.length) return { errors };
  const subject = subjectOf(form, input);
  const { data, results } = evaluateForm(form, {
    data: input, params, asOf, marks: subject ? batch.marks.get(subject) ?? [] : [], refs,
    record: {
      id: facts.id, period: facts.period, state: facts.state, workflow: facts.workflow,
      orgUnit: { id: facts.unit.id, code: facts.unit.code, level: facts.unit.level },
    },
  });
  const title = form.manifest.subjectTitle ? getAtPointer(data, form.manifest.subjectTitle) : undefined;
  return { ev: { data, results, subject, subjectTitle: typeof title === 'string' ? title : null } };
}
