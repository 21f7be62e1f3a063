// Runs a form's compiled rules over one record. Pure and synchronous: the web app runs the same function for
// live feedback, the server for the result that counts.
import { classResultOf } from './class-result';
import type { CompiledRule, FormDefinition, PeriodKind } from '../plugins/types';
import { withPeriodBounds } from '../records/period-bounds';
import { setAtPointer } from '../plugins/schema-walk';
import { recordAllowance } from '../rules';
import { runRule as run, truthy } from './run-rule';
import { rowTarget, runRowRule } from './row-rules';
import type {
  CheckResult,
  ClassResult,
  EvaluationInput,
  OverriddenOutcome,
  RuleError,
  RuleResults,
  ScoreItemResult,
  ScoreResult,
} from './types';

export { truthy };

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Kinds of the marks open on `day`: JsonLogic's array operations cannot compare an item with an outer value. */
export function activeMarkKinds(marks: EvaluationInput['marks'], day: string): string[] {
  return [...new Set((marks ?? []).filter((m) => m.from <= day && (m.until === null || day < m.until)).map((m) => m.kind))].sort();
}

/** What rules read; `periodKind` (the form's) gives the record's period bounds (platform/records/period-bounds.ts). */
export function buildContext(
  input: EvaluationInput,
  data: Record<string, unknown>,
  computed: Record<string, unknown>,
  periodKind: PeriodKind,
) {
  return {
    activeMarks: activeMarkKinds(input.marks, input.asOf),
    data,
    computed,
    params: input.params,
    asOf: input.asOf,
    record: withPeriodBounds(periodKind, input.record ?? {}),
    marks: input.marks ?? [],
    refs: input.refs ?? {},
    earlier: input.earlier ?? [],
  };
}

function scoreOf(form: FormDefinition, items: ScoreItemResult[]): ScoreResult | null {
  if (items.length === 0) return null;
  const dimensions = form.dimensions
    .map((d) => {
      const mine = items.filter((i) => i.dimension === d.id);
      return {
        id: d.id,
        title: d.title,
        score: round2(mine.reduce((s, i) => s + i.points, 0)),
        max: mine.reduce((s, i) => s + i.max, 0),
        n: mine.length,
      };
    })
    .filter((d) => d.n > 0)
    .map(({ n: _n, ...d }) => d);
  return {
    total: round2(items.reduce((s, i) => s + i.points, 0)),
    max: items.reduce((s, i) => s + i.max, 0),
    dimensions,
    items,
    mandatoryFailed: items.filter((i) => i.mandatory && !i.passed).map((i) => i.id),
  };
}

/** Sees each rule with the context it is about to run on (explain-rule.ts uses it to explain one outcome). */
export type RuleObserver = (rule: CompiledRule, ctx: unknown) => void;

export function evaluateForm(
  form: FormDefinition,
  input: EvaluationInput,
  observe?: RuleObserver,
): { data: Record<string, unknown>; results: RuleResults } {
  const data = structuredClone(input.data ?? {}) as Record<string, unknown>;
  const computed: Record<string, unknown> = {};
  // A form built by hand (a half-built studio draft, a test) may declare no period: its record has no days.
  const ctx = buildContext(input, data, computed, form.manifest?.period?.kind ?? 'none');
  const checks: CheckResult[] = [];
  const items: ScoreItemResult[] = [];
  const errors: RuleError[] = [];
  const allowance = recordAllowance(); // what all the rules of this record may spend together
  const overrides: Record<string, OverriddenOutcome> = {};
  // A chosen outcome replaces the rule's own before any later rule reads it; the rule's value is kept beside it.
  const chosen = (rule: CompiledRule['rule'], own: unknown): { overridden: boolean; value: unknown } => {
    const o = 'override' in rule && rule.override ? input.overrides?.[rule.id] : undefined;
    if (!o) return { overridden: false, value: own };
    overrides[rule.id] = { computed: own, chosen: o.chosen, reason: o.reason, by: o.by, at: o.at };
    return { overridden: true, value: o.chosen };
  };

  for (const compiled of form.rules) {
    const rule = compiled.rule;
    if (rule.kind === 'classify' || rule.kind === 'guard') continue;
    const rows = rule.kind === 'compute' ? rowTarget(rule.field) : null;
    if (rows) {
      // A rule writing into table rows runs once per row (row-rules.ts); it cannot be overridden (refused at load).
      computed[rule.id] = runRowRule(compiled, rows, ctx, data, errors, allowance, (c) => observe?.(compiled, c));
      continue;
    }
    observe?.(compiled, ctx);
    const { applies, value, error } = run(compiled, ctx, errors, allowance);
    if (rule.kind === 'compute') {
      const eff = chosen(rule, applies ? (value ?? null) : null);
      computed[rule.id] = eff.value;
      if ((applies || eff.overridden) && rule.field) setAtPointer(data, rule.field, eff.value);
    } else if (!applies) {
      continue;
    } else if (rule.kind === 'score') {
      const n = Number(value);
      const points = Number.isFinite(n) ? Math.min(Math.max(n, 0), rule.max) : 0;
      items.push({
        id: rule.id,
        dimension: rule.dimension,
        title: rule.title,
        points,
        max: rule.max,
        mandatory: !!rule.mandatory,
        passed: points >= rule.max,
      });
    } else {
      checks.push({
        id: rule.id,
        kind: rule.kind,
        group: rule.group ?? null,
        title: rule.title,
        passed: !error && truthy(value),
        severity: rule.severity,
        message: error ? error.message : rule.message,
        pointer: rule.pointer ?? null,
        reference: rule.reference ?? null,
        ...(rule.code ? { code: rule.code } : {}),
        ...(rule.category ? { category: rule.category } : {}),
        ...(error ? { error: error.code } : {}),
      });
    }
  }

  const failed = checks.filter((c) => !c.passed).map((c) => c.id);
  const score = scoreOf(form, items);
  const blocking = checks.filter((c) => !c.passed && c.severity === 'block').length;
  const classes: Record<string, unknown> = {};
  const classList: ClassResult[] = [];
  // Follow-ups exist only once a record is decided, so only the classification reads them (never checks or scores).
  const followUps = input.followUps ?? { total: 0, open: 0, rectified: 0, confirmed: 0, reopened: 0, overdue: 0 };
  const classCtx = { ...ctx, followUps, results: { score, blocking, failed, classes } };
  for (const compiled of form.rules) {
    const rule = compiled.rule;
    if (rule.kind !== 'classify') continue;
    observe?.(compiled, classCtx);
    const { applies, value } = run(compiled, classCtx, errors, allowance);
    const eff = chosen(rule, applies ? (value ?? null) : null);
    if (!applies && !eff.overridden) continue;
    classes[rule.id] = eff.value;
    classList.push(classResultOf(form, rule, eff.value));
  }
  // `errors` only when there are some: results stored before it existed stay equal to a fresh evaluation's.
  const results: RuleResults = { asOf: input.asOf, computed, checks, score, classes, classList, blocking, failed };
  if (errors.length > 0) results.errors = errors;
  if (Object.keys(overrides).length > 0) results.overrides = overrides;
  return { data, results };
}
