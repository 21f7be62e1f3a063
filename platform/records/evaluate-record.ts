// A record's rules over the facts they read (parameters, referenced records, the subject's marks), pure: the
// loaders in write-facts.ts gather the facts, for one record or a batch. The server always recomputes: values a
// client sent for computed fields are dropped first.
import { detail, type ErrorDetail } from '../errors';
import { evaluateForm, type EarlierRecord, type EvaluationInput, type Mark, type RuleResults } from '../evaluation';
import { compactResults } from '../evaluation/compact-results';
import { rowTarget } from '../evaluation/row-rules';
import { getAtPointer, decodePointer } from '../plugins/schema-walk';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { Principal } from '../access/principal';
import { mayReference, regionPathsOf } from './ref-reach';
import type { OrgUnit } from '../store/orgs-store';
import type { RecordRow } from '../store/records-store';
import { earlierOf } from './earlier-records';
import { NO_FOLLOW_UPS, type FollowUpSummary } from '../store/follow-ups-store';

function remove(root: unknown, pointer: string): void {
  const segs = decodePointer(pointer);
  let node: any = root;
  for (const s of segs.slice(0, -1)) node = node && typeof node === 'object' ? node[s] : undefined;
  if (node && typeof node === 'object') delete node[segs[segs.length - 1]];
}

export function withoutComputed(form: FormDefinition, data: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const pointer of form.computedFields) {
    // A field of every row of a table (`/table/*/field`): removed from each row.
    const rows = rowTarget(pointer);
    const table = rows ? getAtPointer(copy, rows.table) : undefined;
    if (rows) (Array.isArray(table) ? table : []).forEach((row) => remove(row, rows.column));
    else remove(copy, pointer);
  }
  return copy;
}

export function subjectOf(form: FormDefinition, data: Record<string, unknown>): string | null {
  const v = form.manifest.subject ? getAtPointer(data, form.manifest.subject) : undefined;
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Ids of the records the data's reference fields name: what is loaded before evaluating. */
export function referencedIds(form: FormDefinition, data: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const ref of form.references) {
    const id = getAtPointer(data, ref.pointer);
    if (typeof id === 'string' && id !== '') ids.push(id);
  }
  return ids;
}

/** A referenced record as rules read it (`refs.<pointer>`): id, state, data and results in stored form. */
export const refFact = (row: Pick<RecordRow, 'id' | 'state' | 'data' | 'results'>) => ({
  id: row.id,
  state: row.state,
  data: row.data,
  results: compactResults(row.results),
});

/** What a record's rules read besides its own data; `refs` and `marks` may hold more than this record's. */
export interface EvaluationFacts {
  params: Record<string, unknown>;
  refs: ReadonlyMap<string, RecordRow>;
  marks: ReadonlyMap<string, Mark[]>;
  /** Follow-up summaries by record id (platform/follow-ups): what classify rules read as `followUps`. */
  followUps?: ReadonlyMap<string, FollowUpSummary>;
  /** Earlier records by ask key (earlier-records.ts), for forms that declare `earlier`. */
  earlier?: ReadonlyMap<string, EarlierRecord[]>;
  /** Org paths of the plugin's regions (when it names any): where an x-ref of reach `region` may name records. */
  regionPaths?: readonly string[];
}

export interface RecordFactsInput {
  id?: string;
  period: string;
  state: string;
  unit: OrgUnit;
  workflow: Record<string, unknown>;
  /** Outcomes a user replaced (plan-overrides.ts): what the record keeps, or what a write makes of it. */
  overrides?: EvaluationInput['overrides'];
}

export interface Evaluation {
  data: Record<string, unknown>;
  results: RuleResults;
  subject: string | null;
  subjectTitle: string | null;
  marks: Mark[];
}

/**
 * What the evaluator takes for `rawData` as the record described by `record` (computed fields dropped, references
 * and marks resolved from the facts), or REFERENCE_INVALID details when a reference does not name a record of the
 * declared form that the principal may reference — see, or reach (ref-reach.ts) — (any record for the platform's own recompute, `principal` null).
 */
export function evaluationInput(
  plugin: PluginDefinition,
  form: FormDefinition,
  rawData: Record<string, unknown>,
  record: RecordFactsInput,
  asOf: string,
  principal: Principal | null,
  facts: EvaluationFacts,
): { input: EvaluationInput; subject: string | null; marks: Mark[] } | { errors: ErrorDetail[] } {
  const data = withoutComputed(form, rawData);
  const refs: Record<string, unknown> = {};
  const errors: ErrorDetail[] = [];
  const regionPaths = regionPathsOf(plugin, facts.regionPaths);
  for (const ref of form.references) {
    const id = getAtPointer(data, ref.pointer);
    if (id === undefined || id === null || id === '') continue;
    const row = typeof id === 'string' ? facts.refs.get(id) : undefined;
    if (
      !row ||
      row.pluginId !== plugin.id ||
      row.formId !== ref.form ||
      (principal && !mayReference(principal, ref.reach, row.orgPath, regionPaths))
    ) {
      errors.push(
        detail(ref.pointer, `引用的记录不存在或不可见:${String(id)}`, `No visible ${ref.form} record ${String(id)}`, {
          code: 'REFERENCE_INVALID',
          keyword: 'x-ref',
        }),
      );
      continue;
    }
    refs[ref.pointer] = refFact(row);
  }
  if (errors.length) return { errors };
  const subject = subjectOf(form, data);
  const marks = subject ? (facts.marks.get(subject) ?? []) : [];
  const input: EvaluationInput = {
    data,
    params: facts.params,
    asOf,
    marks,
    refs,
    earlier: earlierOf(form, facts.earlier, data, record.period, record.unit.id),
    followUps: (record.id !== undefined ? facts.followUps?.get(record.id) : undefined) ?? NO_FOLLOW_UPS,
    ...(record.overrides ? { overrides: record.overrides } : {}),
    record: {
      id: record.id,
      period: record.period,
      state: record.state,
      workflow: record.workflow,
      orgUnit: { id: record.unit.id, code: record.unit.code, level: record.unit.level },
    },
  };
  return { input, subject, marks };
}

/** Evaluates `rawData` as the record described by `record`, over the facts (see evaluationInput). */
export function evaluateWithFacts(
  plugin: PluginDefinition,
  form: FormDefinition,
  rawData: Record<string, unknown>,
  record: RecordFactsInput,
  asOf: string,
  principal: Principal | null,
  facts: EvaluationFacts,
): { ev: Evaluation } | { errors: ErrorDetail[] } {
  const built = evaluationInput(plugin, form, rawData, record, asOf, principal, facts);
  if ('errors' in built) return built;
  const { data, results } = evaluateForm(form, built.input);
  const title = form.manifest.subjectTitle ? getAtPointer(data, form.manifest.subjectTitle) : undefined;
  return { ev: { data, results, subject: built.subject, subjectTitle: typeof title === 'string' ? title : null, marks: built.marks } };
}
