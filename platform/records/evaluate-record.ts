// Everything a record's rules read, gathered from the database, then the pure evaluator run over it.
// The server always recomputes: values a client sent for computed fields are dropped first.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import { evaluateForm, type Mark, type RuleResults } from '../evaluation';
import { compactResults } from '../evaluation/compact-results';
import { getAtPointer, decodePointer } from '../plugins/schema-walk';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { canSee, type Principal } from '../access/principal';
import type { Executor } from '../store/schema';
import { getRecord } from '../store/records-store';
import { marksOf } from '../store/marks-store';
import type { OrgUnit } from '../store/orgs-store';

export function withoutComputed(form: FormDefinition, data: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const pointer of form.computedFields) {
    const segs = decodePointer(pointer);
    let node: any = copy;
    for (const s of segs.slice(0, -1)) node = node && typeof node === 'object' ? node[s] : undefined;
    if (node && typeof node === 'object') delete node[segs[segs.length - 1]];
  }
  return copy;
}

export async function loadRefs(ex: Executor, plugin: PluginDefinition, form: FormDefinition, data: Record<string, unknown>, principal: Principal | null) {
  const refs: Record<string, unknown> = {};
  const errors: ErrorDetail[] = [];
  for (const ref of form.references) {
    const id = getAtPointer(data, ref.pointer);
    if (id === undefined || id === null || id === '') continue;
    const row = typeof id === 'string' ? await getRecord(ex, id) : undefined;
    if (!row || row.pluginId !== plugin.id || row.formId !== ref.form || (principal && !canSee(principal, row.orgPath))) {
      errors.push(detail(ref.pointer, `引用的记录不存在或不可见:${String(id)}`, `No visible ${ref.form} record ${String(id)}`, { code: 'REFERENCE_INVALID' }));
      continue;
    }
    refs[ref.pointer] = { id: row.id, state: row.state, data: row.data, results: compactResults(row.results) };
  }
  if (errors.length) throw new HezuoError('REFERENCE_INVALID', errors);
  return refs;
}

export interface RecordFactsInput {
  id?: string;
  period: string;
  state: string;
  unit: OrgUnit;
  workflow: Record<string, unknown>;
}

export async function evaluateRecord(
  ex: Executor,
  plugin: PluginDefinition,
  form: FormDefinition,
  params: Record<string, unknown>,
  rawData: Record<string, unknown>,
  facts: RecordFactsInput,
  asOf: string,
  principal: Principal | null,
): Promise<{ data: Record<string, unknown>; results: RuleResults; subject: string | null; subjectTitle: string | null; marks: Mark[] }> {
  const input = withoutComputed(form, rawData);
  const refs = await loadRefs(ex, plugin, form, input, principal);
  const subjectValue = form.manifest.subject ? getAtPointer(input, form.manifest.subject) : undefined;
  const subject = typeof subjectValue === 'string' && subjectValue !== '' ? subjectValue : null;
  const marks = subject ? await marksOf(ex, plugin.id, subject) : [];
  const { data, results } = evaluateForm(form, {
    data: input,
    params,
    asOf,
    marks,
    refs,
    record: {
      id: facts.id, period: facts.period, state: facts.state, workflow: facts.workflow,
      orgUnit: { id: facts.unit.id, code: facts.unit.code, level: facts.unit.level },
    },
  });
  const titleValue = form.manifest.subjectTitle ? getAtPointer(data, form.manifest.subjectTitle) : undefined;
  return { data, results, subject, subjectTitle: typeof titleValue === 'string' ? titleValue : null, marks };
}
