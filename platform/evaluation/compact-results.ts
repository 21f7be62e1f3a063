// The stored form of rule results: ids and outcomes only. Titles, messages, references, pointers, severities,
// groups, dimension titles and maxima are the plugin version's own words, the same for every record of that version,
// so a record keeps only what its data decided and the rest is joined from the version it keeps (expand-results.ts).
// Score maps use the vocabulary of fixtures' `expected` (items id → points, dimensions id → score). Check outcomes are
// two lists of ids, `passed` and the `failed` every record already had: the checks that applied are exactly those
// two, in file order, so a map of id → passed beside `failed` would store each failed id twice.
import type { OverriddenOutcome, RuleError, RuleResults } from './types';

export interface StoredScore {
  total: number;
  max: number;
  mandatoryFailed: string[];
  /** Dimension id → score, for the dimensions with at least one item that applied. */
  dimensions: Record<string, number>;
  /** Score rule id → points, for the items that applied. */
  items: Record<string, number>;
}

export interface StoredResults {
  asOf: string;
  computed: Record<string, unknown>;
  /** Ids of the check and eligibility rules that applied and passed (`failed`: those that applied and failed). */
  passed: string[];
  score: StoredScore | null;
  classes: Record<string, unknown>;
  blocking: number;
  failed: string[];
  /** Rule id → the budget limit it ran past (RULE_BUDGET_EXCEEDED); absent when no rule did. */
  errors?: Record<string, string>;
  /** Rule id → the chosen outcome, its reason, who and when, and the rule's own value; absent when none is. */
  overrides?: Record<string, OverriddenOutcome>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Results in the full shape an evaluation returns (and records stored before compaction kept). */
export const isFullResults = (r: unknown): r is RuleResults => isObject(r) && Array.isArray(r.checks);

/** Results in the stored shape: a list of passed check ids and no list of checks. */
export const isStoredResults = (r: unknown): r is StoredResults => isObject(r) && Array.isArray(r.passed) && !('checks' in r);

/**
 * The stored form of an evaluation's results. Anything not in the full shape (already compact, or a partial
 * object written by hand) is returned as it is, so compacting twice changes nothing.
 */
export function compactResults(results: RuleResults | Record<string, unknown>): Record<string, unknown> {
  if (!isFullResults(results)) return results as Record<string, unknown>;
  const stored: StoredResults = {
    asOf: results.asOf,
    computed: results.computed,
    passed: results.checks.filter((c) => c.passed).map((c) => c.id),
    score: results.score && {
      total: results.score.total,
      max: results.score.max,
      mandatoryFailed: results.score.mandatoryFailed,
      dimensions: Object.fromEntries(results.score.dimensions.map((d) => [d.id, d.score])),
      items: Object.fromEntries(results.score.items.map((i) => [i.id, i.points])),
    },
    classes: results.classes,
    blocking: results.blocking,
    failed: results.failed,
  };
  if (results.errors?.length) stored.errors = Object.fromEntries(results.errors.map((e: RuleError) => [e.id, e.limit]));
  if (results.overrides) stored.overrides = results.overrides;
  return stored as unknown as Record<string, unknown>;
}

/**
 * What a recompute compares and audits: the stored outcome keyed by id (`checks`: id → passed in place of the two
 * lists), so a change reads `/checks/<id>: true → false` whichever shape the record was stored in.
 */
export function outcomeOf(results: RuleResults | Record<string, unknown>): Record<string, unknown> {
  const stored = compactResults(results);
  if (!isStoredResults(stored)) return stored;
  const { passed, failed, ...rest } = stored;
  return { ...rest, checks: Object.fromEntries([...passed.map((id) => [id, true]), ...(failed ?? []).map((id) => [id, false])]) };
}
