// One evaluation of a compiled rule (its condition, then its logic) on one context, never throwing: a rule over its
// budget becomes a rule error on the record, any other failure counts as not met.
import type { CompiledRule } from '../plugins/types';
import { BudgetExceeded, budgetMessage, type Allowance } from '../rules';
import type { RuleError } from './types';

/** JsonLogic truthiness: an empty array is false. */
export const truthy = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : Boolean(v));

export function runRule(
  rule: CompiledRule,
  ctx: unknown,
  errors: RuleError[],
  allowance: Allowance,
): { applies: boolean; value: unknown; error?: RuleError } {
  try {
    if (rule.when && !truthy(rule.when(ctx, allowance))) return { applies: false, value: null };
    return { applies: true, value: rule.logic(ctx, allowance) };
  } catch (e) {
    if (e instanceof BudgetExceeded) {
      // Over its budget: a rule error on this record, shown with the results; the other rules still run.
      const error: RuleError = {
        id: rule.rule.id,
        kind: rule.rule.kind,
        code: 'RULE_BUDGET_EXCEEDED',
        limit: e.limit,
        message: budgetMessage(rule.rule.id, e.limit),
      };
      errors.push(error);
      return { applies: true, value: null, error };
    }
    // A rule that cannot be evaluated on this data counts as not met, never as a crash of the request.
    return { applies: true, value: null };
  }
}
