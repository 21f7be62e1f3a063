// After a parameter change, the rule results of every record still in play follow it; records in a final state
// keep the results they were decided on. Only a record whose outcome (rule results or computed fields) changes
// gets a new revision and an audit event: the others keep their revision, so nobody editing them is disturbed.
import { today, type PlatformContext } from '../context';
import { HezuoError } from '../errors';
import type { Executor } from '../store/schema';
import type { OrgUnit } from '../store/orgs-store';
import type { RecordChange, RecordRow } from '../store/records-store';
import { updateRecordWithAudit, type WriteAudit } from '../store/write-store';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { evaluateWithFacts, type EvaluationFacts } from './evaluate-record';
import { loadBatchFacts } from './write-facts';
import { encodePointer } from '../plugins/schema-walk';
import type { Change } from './diff';
import { outcomeOf } from '../evaluation/compact-results';
import { keptOverrides } from './plan-overrides';

export function finalStates(plugin: PluginDefinition): string[] {
  const out = new Set<string>();
  for (const wf of plugin.workflows.values()) for (const s of wf.states.values()) if (s.final) out.add(s.id);
  return [...out];
}

/**
 * The outcome by rule id (platform/evaluation/compact-results.ts) without the evaluation date: a draft evaluated
 * on another day has not changed by that alone.
 */
const outcome = (results: Record<string, unknown>) => {
  const { asOf: _asOf, ...rest } = outcomeOf(results);
  return rest;
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Leaf differences between two JSON values, key order aside (jsonb stores keys in its own order, so a stored
 * result never has the key order of a fresh one), into arrays of the same length too: `/checks/1/passed`.
 */
export function diffValues(before: unknown, after: unknown, path: string[] = [], out: Change[] = []): Change[] {
  if (isObject(before) && isObject(after)) {
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort())
      diffValues(before[k], after[k], [...path, k], out);
  } else if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((b, i) => diffValues(b, after[i], [...path, String(i)], out));
  } else if (isObject(before) || isObject(after) || Array.isArray(before) || Array.isArray(after) || before !== after) {
    if (JSON.stringify(canonical(before)) === JSON.stringify(canonical(after))) return out;
    const c: Change = { pointer: encodePointer(path) };
    if (before !== undefined) c.from = before;
    if (after !== undefined) c.to = after;
    out.push(c);
  }
  return out;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical(v[k])]),
    );
  return v;
}

export interface RecomputeNote {
  actorId: string;
  comment: string;
}
export type RecomputeOutcome = { kind: 'changed' | 'unchanged' } | { kind: 'failed'; code: string };
export type RecomputePlan =
  { kind: 'unchanged' } | { kind: 'failed'; code: string } | { kind: 'update'; change: RecordChange; audit: WriteAudit };

/**
 * The planning step of a recompute, pure like plan-write.ts: the record evaluated anew over the facts (by the
 * platform, so every reference counts, whoever could see it), and written only if its outcome changed.
 */
export function planRecompute(
  plugin: PluginDefinition,
  form: FormDefinition,
  row: RecordRow,
  unit: OrgUnit,
  facts: EvaluationFacts,
  today: string,
  note: RecomputeNote,
): RecomputePlan {
  // A submitted record keeps the date it was evaluated on; a draft is evaluated as of today, as a save would.
  const asOf = row.submittedAt ? String((row.results as { asOf?: string }).asOf ?? today) : today;
  const out = evaluateWithFacts(
    plugin,
    form,
    row.data,
    { id: row.id, period: row.period, state: row.state, unit, workflow: row.workflow, overrides: keptOverrides(row.results) },
    asOf,
    null,
    facts,
  );
  if ('errors' in out) return { kind: 'failed', code: 'REFERENCE_INVALID' };
  const ev = out.ev;
  const results = ev.results as unknown as Record<string, unknown>;
  const changes: Change[] = [
    ...diffValues(row.data, ev.data).map((c) => ({ ...c, pointer: `/data${c.pointer}` })),
    ...diffValues(outcome(row.results), outcome(results)).map((c) => ({ ...c, pointer: `/results${c.pointer}` })),
  ];
  if (changes.length === 0) return { kind: 'unchanged' };
  return {
    kind: 'update',
    change: { results, data: ev.data },
    audit: { actorId: note.actorId, action: 'recompute', pluginVersion: row.pluginVersion, changes, comment: note.comment },
  };
}

/**
 * Recomputes records the caller has locked, under `params`: the facts of the whole batch (units, referenced
 * records, marks) in one statement, then each record planned and, if its outcome changed, written (revision + 1,
 * audit) in one statement.
 */
export async function recomputeRecords(
  ctx: PlatformContext,
  tx: Executor,
  rows: RecordRow[],
  params: Record<string, unknown>,
  note: RecomputeNote,
  log: (msg: string, err?: unknown) => void = () => {},
): Promise<Map<string, RecomputeOutcome>> {
  const out = new Map<string, RecomputeOutcome>();
  const items = rows.flatMap((row) => {
    const plugin = ctx.registry.find(row.pluginId, row.pluginVersion);
    const form = plugin?.forms.get(row.formId);
    if (!plugin || !form) {
      out.set(row.id, { kind: 'failed', code: 'NOT_FOUND' });
      return [];
    }
    return [{ row, plugin, form, data: row.data, period: row.period, orgUnitId: row.orgUnitId }];
  });
  if (!items.length) return out;
  const day = today(ctx);
  const facts = await loadBatchFacts(tx, items[0].plugin, items, {
    unitIds: [...new Set(items.map((i) => i.orgUnitId))],
    followUpsOf: { recordIds: items.map((i) => i.row.id), today: day },
  });
  const units = new Map(facts.units.map((u) => [u.id, u]));
  for (const { row, plugin, form } of items) {
    const unit = units.get(row.orgUnitId);
    if (!unit) {
      out.set(row.id, { kind: 'failed', code: 'NOT_FOUND' });
      continue;
    }
    let plan: RecomputePlan;
    try {
      plan = planRecompute(plugin, form, row, unit, { ...facts, params }, day, note);
    } catch (e) {
      if (!(e instanceof HezuoError)) log(`recompute of record ${row.id} failed`, e);
      out.set(row.id, { kind: 'failed', code: e instanceof HezuoError ? e.code : 'INTERNAL' });
      continue;
    }
    if (plan.kind !== 'update') {
      out.set(row.id, plan);
      continue;
    }
    // The caller holds the row lock, so the revision check cannot fail; it stays as the store's guard.
    const updated = await updateRecordWithAudit(tx, row.id, row.revision, plan.change, plan.audit);
    out.set(row.id, { kind: updated ? 'changed' : 'unchanged' });
  }
  return out;
}
