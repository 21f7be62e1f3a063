// Rebuilds the full rule results from their stored form (compact-results.ts) and the compiled form of the plugin
// version the record keeps. Order follows the evaluator (platform/evaluation/evaluate-form.ts): checks, items and
// dimensions in file order, errors of checks/computes/scores before those of classify rules. Nothing of a result
// depends on the record beyond what is stored: messages are the rule's own, or the budget message of the limit.
import { classResultOf } from './class-result';
import type { CompiledRule, FormDefinition } from '../plugins/types';
import { budgetMessage, type BudgetLimit } from '../rules';
import type { CheckResult, ClassResult, RuleError, RuleResults, ScoreItemResult, ScoreResult } from './types';
import { isStoredResults, type StoredResults, type StoredScore } from './compact-results';

const has = (o: object | undefined, k: string): boolean => !!o && Object.prototype.hasOwnProperty.call(o, k);

function scoreOf(form: FormDefinition, s: StoredScore): ScoreResult {
  const items: ScoreItemResult[] = [];
  for (const { rule } of form.rules) {
    if (rule.kind !== 'score' || !has(s.items, rule.id)) continue;
    const points = s.items[rule.id];
    items.push({
      id: rule.id,
      dimension: rule.dimension,
      title: rule.title,
      points,
      max: rule.max,
      mandatory: !!rule.mandatory,
      passed: points >= rule.max,
    });
  }
  const dimensions = form.dimensions
    .filter((d) => has(s.dimensions, d.id))
    .map((d) => ({
      id: d.id,
      title: d.title,
      score: s.dimensions[d.id],
      max: items.filter((i) => i.dimension === d.id).reduce((m, i) => m + i.max, 0),
    }));
  return { total: s.total, max: s.max, dimensions, items, mandatoryFailed: s.mandatoryFailed ?? [] };
}

function errorsOf(rules: readonly CompiledRule[], stored: Record<string, string>): RuleError[] {
  // The evaluator runs every rule but classify and guard first, then the classify rules.
  const order = [
    ...rules.filter((r) => r.rule.kind !== 'classify' && r.rule.kind !== 'guard'),
    ...rules.filter((r) => r.rule.kind === 'classify'),
  ];
  return order
    .filter(({ rule }) => has(stored, rule.id))
    .map(({ rule }) => ({
      id: rule.id,
      kind: rule.kind,
      code: 'RULE_BUDGET_EXCEEDED',
      limit: stored[rule.id],
      message: budgetMessage(rule.id, stored[rule.id] as BudgetLimit),
    }));
}

/**
 * The full results of a record, as its evaluation returned them. Results not in the stored shape (records written
 * before compaction, not yet migrated, or hand-written partial results) are returned as they are.
 */
export function expandResults(form: FormDefinition, results: unknown): RuleResults | Record<string, unknown> {
  if (!isStoredResults(results)) return results as Record<string, unknown>;
  const stored: StoredResults = results;
  const errorLimits = stored.errors ?? {};
  const passed = new Set(stored.passed);
  const failed = new Set(stored.failed ?? []);
  const checks: CheckResult[] = [];
  const classList: ClassResult[] = [];
  for (const { rule } of form.rules) {
    if ((rule.kind === 'check' || rule.kind === 'eligibility') && (passed.has(rule.id) || failed.has(rule.id))) {
      const limit = has(errorLimits, rule.id) ? (errorLimits[rule.id] as BudgetLimit) : undefined;
      checks.push({
        id: rule.id,
        kind: rule.kind,
        group: rule.group ?? null,
        title: rule.title,
        passed: passed.has(rule.id),
        severity: rule.severity,
        message: limit ? budgetMessage(rule.id, limit) : rule.message,
        pointer: rule.pointer ?? null,
        reference: rule.reference ?? null,
        ...(rule.code ? { code: rule.code } : {}),
        ...(rule.category ? { category: rule.category } : {}),
        ...(limit ? { error: 'RULE_BUDGET_EXCEEDED' as const } : {}),
      });
    } else if (rule.kind === 'classify' && has(stored.classes, rule.id)) {
      classList.push(classResultOf(form, rule, stored.classes[rule.id]));
    }
  }
  const out: RuleResults = {
    asOf: stored.asOf,
    computed: stored.computed ?? {},
    checks,
    score: stored.score ? scoreOf(form, stored.score) : null,
    classes: stored.classes ?? {},
    classList,
    blocking: stored.blocking,
    failed: stored.failed ?? [],
  };
  if (stored.errors) out.errors = errorsOf(form.rules, stored.errors);
  if (stored.overrides) out.overrides = stored.overrides;
  return out;
}
