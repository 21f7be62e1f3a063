// One record's outcome before and after an upgrade, sorted into what an admin decides on: eligibility (every
// eligibility rule met), classes (classify rules), the score total, the failed checks that block a submit, and
// whether its data still passes the new schema. Before is read with the installed version's rules, after with
// the new one's, so a rule that changes kind or severity is judged by each version's own words. Pure.
import type { FormDefinition } from '../plugins/types';
import { rowTarget } from '../evaluation/row-rules';
import type { RecordRow } from '../store/records-store';
import { diffValues } from '../records/recompute';
import { getAtPointer } from '../plugins/schema-walk';

export interface RecordImpact {
  id: string;
  form: string;
  state: string;
  subjectTitle: string | null;
  eligible?: { from: boolean; to: boolean };
  classes?: { id: string; from: unknown; to: unknown }[];
  score?: { from: number | null; to: number | null };
  /** Failed blocking checks (ids, sorted) before → after. */
  blocking?: { from: string[]; to: string[] };
  /** Pointers the new version's schema refuses in the record's data. */
  invalid?: string[];
  /** Something else of the outcome changes too (computed fields, warnings). */
  other: boolean;
}

/** The stored outcome (compact-results.ts outcomeOf) and the record's data. */
export interface OutcomeSide {
  outcome: Record<string, unknown>;
  data: Record<string, unknown>;
}

const failedOf = (outcome: Record<string, unknown>) => {
  const checks = (outcome.checks ?? {}) as Record<string, unknown>;
  return new Set(Object.keys(checks).filter((id) => checks[id] === false));
};

/** Failed eligibility rules and failed blocking checks of one side, by that version's rules. */
function judged(form: FormDefinition | undefined, outcome: Record<string, unknown>) {
  const failed = failedOf(outcome);
  const eligibility: string[] = [];
  const blocking: string[] = [];
  /** Rules whose outcome one of the categories reports. */
  const categorized = new Set<string>();
  for (const { rule } of form?.rules ?? []) {
    const isBlocking = rule.kind === 'check' && rule.severity === 'block';
    if (rule.kind === 'eligibility' || isBlocking) categorized.add(rule.id);
    if (!failed.has(rule.id)) continue;
    if (rule.kind === 'eligibility') eligibility.push(rule.id);
    else if (isBlocking) blocking.push(rule.id);
  }
  const score = outcome.score as { total?: unknown } | null | undefined;
  return {
    eligible: eligibility.length === 0,
    blocking: blocking.sort(),
    score: typeof score?.total === 'number' ? score.total : null,
    classes: (outcome.classes ?? {}) as Record<string, unknown>,
    categorized,
  };
}

const same = (a: unknown, b: unknown) => diffValues(a, b).length === 0;

/** What changes for the record, or null when nothing does. */
export function outcomeChanges(
  row: RecordRow,
  oldForm: FormDefinition | undefined,
  newForm: FormDefinition,
  before: OutcomeSide,
  after: OutcomeSide,
  /** False when the form's schema is the same in both versions: data saved under it still passes it. */
  schemaChanged = true,
): RecordImpact | null {
  // The evaluation date alone is no change (a draft evaluated on another day).
  const { asOf: _a, ...was } = before.outcome;
  const { asOf: _b, ...now } = after.outcome;
  const a = judged(oldForm ?? newForm, was);
  const b = judged(newForm, now);
  const out: RecordImpact = { id: row.id, form: row.formId, state: row.state, subjectTitle: row.subjectTitle, other: false };
  if (a.eligible !== b.eligible) out.eligible = { from: a.eligible, to: b.eligible };
  const classIds = [...new Set([...Object.keys(a.classes), ...Object.keys(b.classes)])].sort();
  const classes = classIds
    .filter((id) => !same(a.classes[id] ?? null, b.classes[id] ?? null))
    .map((id) => ({ id, from: a.classes[id] ?? null, to: b.classes[id] ?? null }));
  if (classes.length) out.classes = classes;
  if (a.score !== b.score) out.score = { from: a.score, to: b.score };
  if (!same(a.blocking, b.blocking)) out.blocking = { from: a.blocking, to: b.blocking };
  const invalid = schemaChanged ? [...new Set(newForm.validate(after.data).map((e) => e.pointer))].sort() : [];
  if (invalid.length) out.invalid = invalid;
  // The evaluation changes the data only at the new version's computed fields.
  // A table-row field (`/table/*/field`) is compared as its whole table.
  const at = (p: string) => rowTarget(p)?.table ?? p;
  const computedChanged = newForm.computedFields.some((p) => !same(getAtPointer(before.data, at(p)), getAtPointer(after.data, at(p))));
  out.other = computedChanged || otherChanges(was, now, new Set([...a.categorized, ...b.categorized]));
  return out.eligible || out.classes || out.score || out.blocking || out.invalid || out.other ? out : null;
}

/**
 * What the categories do not show in the results: computed values, rule errors, or a check that is neither an
 * eligibility rule nor a blocking check (a warning). The blocking count follows the blocking checks.
 */
function otherChanges(was: Record<string, unknown>, now: Record<string, unknown>, categorized: ReadonlySet<string>): boolean {
  const { checks: c1, blocking: _x1, classes: _y1, score: _z1, ...r1 } = was;
  const { checks: c2, blocking: _x2, classes: _y2, score: _z2, ...r2 } = now;
  if (!same(r1, r2)) return true;
  const checks1 = (c1 ?? {}) as Record<string, unknown>;
  const checks2 = (c2 ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(checks1), ...Object.keys(checks2)])].some((id) => checks1[id] !== checks2[id] && !categorized.has(id));
}
