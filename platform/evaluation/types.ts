// What rule evaluation takes and gives. Kept apart from the evaluator so the web app can import the shapes alone.
import type { LocalText } from '../errors';

export interface Mark { kind: string; from: string; until: string | null; reason?: LocalText; recordId?: string }

export interface RecordFacts {
  id?: string;
  period?: string;
  state?: string;
  orgUnit?: { id: string; code: string; level: string };
  workflow?: Record<string, unknown>;
}

export interface EvaluationInput {
  data: Record<string, unknown>;
  params: Record<string, unknown>;
  asOf: string;
  record?: RecordFacts;
  marks?: Mark[];
  refs?: Record<string, unknown>;
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

export interface ClassResult { id: string; title: LocalText | null; group: string | null; value: unknown }

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
}
