// What rule evaluation takes and gives. Kept apart from the evaluator so the web app can import the shapes alone.
import type { LocalText } from '../errors';

export interface Mark {
  kind: string;
  from: string;
  until: string | null;
  reason?: LocalText;
  recordId?: string;
}

export interface RecordFacts {
  id?: string;
  period?: string;
  state?: string;
  orgUnit?: { id: string; code: string; level: string };
  workflow?: Record<string, unknown>;
}

/** One earlier record as rules read it: its stored data and outcomes, as of its last save or recompute. */
export interface EarlierRecord {
  id: string;
  period: string;
  state: string;
  data: Record<string, unknown>;
  results: Record<string, unknown>;
}

export interface EvaluationInput {
  data: Record<string, unknown>;
  params: Record<string, unknown>;
  asOf: string;
  record?: RecordFacts;
  marks?: Mark[];
  refs?: Record<string, unknown>;
  /** The same form's earlier records (the form's `earlier`), oldest first: what rules read as `earlier`. */
  earlier?: EarlierRecord[];
  /** The record's follow-up items counted by status (and overdue): seen by classify rules only. */
  followUps?: { total: number; open: number; rectified: number; confirmed: number; reopened: number; overdue: number };
  /** Outcomes a user replaced, by rule id: applied only to rules that still declare `override`. */
  overrides?: Record<string, ChosenOutcome>;
}

/** What a user chose in place of a rule's outcome, why, who and when (`at`: ISO time). */
export interface ChosenOutcome {
  chosen: unknown;
  reason: string;
  by: string;
  at: string;
}

/** An overridden outcome: the chosen value counts; `computed` is what the rule gives now, kept visible beside it. */
export interface OverriddenOutcome extends ChosenOutcome {
  computed: unknown;
}

export interface CheckResult {
  id: string;
  kind: 'check' | 'eligibility';
  group: string | null;
  title: LocalText;
  passed: boolean;
  severity: 'block' | 'warn';
  message: LocalText;
  pointer: string | null;
  reference: string | null;
  /** The problem's code and category, when the plugin gives them (never invented). */
  code?: string;
  category?: string;
  /** Set when the rule could not be evaluated (its message then says why): the check counts as failed. */
  error?: RuleError['code'];
}

/**
 * A rule that could not be evaluated on this record: over its evaluation budget (platform/rules/budget.ts).
 * Its outcome counts as null (compute, classify), 0 points (score) or failed (check, eligibility).
 */
export interface RuleError {
  id: string;
  kind: string;
  code: 'RULE_BUDGET_EXCEEDED';
  /** Which limit: steps, array, string or depth. */
  limit: string;
  message: LocalText;
}

export interface ScoreItemResult {
  id: string;
  dimension: string;
  title: LocalText;
  points: number;
  max: number;
  mandatory: boolean;
  passed: boolean;
}

export interface ScoreResult {
  total: number;
  max: number;
  dimensions: { id: string; title: LocalText; score: number; max: number }[];
  items: ScoreItemResult[];
  mandatoryFailed: string[];
}

export interface ClassResult {
  id: string;
  title: LocalText | null;
  group: string | null;
  value: unknown;
  /** The value's label in the rule's code list, when it names one and holds the code. */
  label?: LocalText;
}

export interface RuleResults {
  asOf: string;
  computed: Record<string, unknown>;
  checks: CheckResult[];
  score: ScoreResult | null;
  classes: Record<string, unknown>;
  classList: ClassResult[];
  /** Failed checks of severity block: a record cannot be submitted while this is above 0. */
  blocking: number;
  failed: string[];
  /** Rules that could not be evaluated on this record; absent in results stored before there were any. */
  errors?: RuleError[];
  /** Outcomes replaced by a user, by rule id; absent when none is. */
  overrides?: Record<string, OverriddenOutcome>;
}
