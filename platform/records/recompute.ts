// After a parameter change, the rule results of every record still in play follow it; records in a final state
// keep the results they were decided on. Only a record whose outcome (rule results or computed fields) changes
// gets a new revision and an audit event: the others keep their revision, so nobody editing them is disturbed.
import { today, type PlatformContext } from '../context';
import { HezuoError } from '../errors';
import type { Executor } from '../store/schema';
import type { OrgUnit } from '../store/orgs-store';
import { appendAudit, updateRecord, type RecordRow } from '../store/records-store';
import type { PluginDefinition } from '../plugins/types';
import { evaluateRecord } from './evaluate-record';
import { encodePointer } from '../plugins/schema-walk';
import type { Change } from './diff';
import { outcomeOf } from '../evaluation/compact-results';

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
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) diffValues(before[k], after[k], [...path, k], out);
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
  if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

export interface RecomputeNote { actorId: string; comment: string }
export type RecomputeOutcome = { kind: 'changed' | 'unchanged' } | { kind: 'failed'; code: string };

/** Recomputes one record the caller has locked, under `params`; writes it (revision + 1, audit) only if its outcome changed. */
export async function recomputeRecord(
  ctx: PlatformContext, tx: Executor, row: RecordRow, unit: OrgUnit | undefined, params: Record<string, unknown>, note: RecomputeNote,
  log: (msg: string, err?: unknown) => void = () => {},
): Promise<RecomputeOutcome> {
  const def = ctx.registry.find(row.pluginId, row.pluginVersion);
  const form = def?.forms.get(row.formId);
  if (!def || !form || !unit) return { kind: 'failed', code: 'NOT_FOUND' };
  // A submitted record keeps the date it was evaluated on; a draft is evaluated as of today, as a save would.
  const asOf = row.submittedAt ? String((row.results as { asOf?: string }).asOf ?? today(ctx)) : today(ctx);
  let ev;
  try {
    ev = await evaluateRecord(tx, def, form, params, row.data, { id: row.id, period: row.period, state: row.state, unit, workflow: row.workflow }, asOf, null);
  } catch (e) {
    if (!(e instanceof HezuoError)) log(`recompute of record ${row.id} failed`, e);
    return { kind: 'failed', code: e instanceof HezuoError ? e.code : 'INTERNAL' };
  }
  const results = ev.results as unknown as Record<string, unknown>;
  const changes: Change[] = [
    ...diffValues(row.data, ev.data).map((c) => ({ ...c, pointer: `/data${c.pointer}` })),
    ...diffValues(outcome(row.results), outcome(results)).map((c) => ({ ...c, pointer: `/results${c.pointer}` })),
  ];
  if (changes.length === 0) return { kind: 'unchanged' };
  // The caller holds the row lock, so the revision check cannot fail; it stays as the store's guard.
  const updated = await updateRecord(tx, row.id, row.revision, { results, data: ev.data });
  if (!updated) return { kind: 'unchanged' };
  await appendAudit(tx, { recordId: row.id, actorId: note.actorId, action: 'recompute', revision: updated.revision, pluginVersion: row.pluginVersion, changes, comment: note.comment });
  return { kind: 'changed' };
}
