// "Why" for one outcome: the form's rules run again over the record (the same evaluator, the same plugin version),
// and when the asked rule's turn comes, its condition and logic are run in trace mode on exactly the context it saw
// (the computed values before it, the scores and classes before a classification). Nothing extra is stored: a
// record's data and its plugin version are enough, so reviewers and the print view can ask too.
import type { RuleEngine, Trace } from '../rules';
import type { FormDefinition } from '../plugins/types';
import type { EvaluationInput } from './types';
import { evaluateForm, truthy } from './evaluate-form';

export interface Explanation {
  rule: { id: string; kind: string };
  /** The rule's condition (`when`) and its trace, when it has one: false means the rule did not apply. */
  when: { logic: unknown; trace: Trace } | null;
  /** The rule's logic and its trace; null when the condition did not hold (the logic never ran). */
  logic: { logic: unknown; trace: Trace } | null;
}

/** Null when the form has no rule `ruleId` (guards are explained by the step they guard, not here). */
export function explainRule(form: FormDefinition, engine: RuleEngine, input: EvaluationInput, ruleId: string): Explanation | null {
  let seen: unknown = undefined;
  let kind = '';
  evaluateForm(form, input, (compiled, ctx) => {
    if (compiled.rule.id !== ruleId || seen !== undefined) return;
    // A copy: the evaluator goes on writing computed values into the same context.
    seen = structuredClone(ctx);
    kind = compiled.rule.kind;
  });
  if (seen === undefined) return null;
  const rule = form.rules.find((r) => r.rule.id === ruleId)!.rule;
  const when = rule.when === undefined ? null : { logic: rule.when, trace: engine.trace(rule.when as never, seen) };
  const applies = when === null || (when.trace.error === undefined && truthy(when.trace.value));
  return {
    rule: { id: ruleId, kind },
    when,
    logic: applies ? { logic: rule.logic, trace: engine.trace(rule.logic as never, seen) } : null,
  };
}
