// What a workflow step's logic reads (its guards, `set` and mark end dates), and whether each guard of a step holds:
// one evaluation for a step taken on a record (plan-transition.ts) and a step tried in a fixture case (platform/fixtures).
import { buildContext, truthy, type Mark, type RecordFacts, type RuleResults } from '../evaluation';
import type { FormDefinition, PeriodKind, Transition } from '../plugins/types';

export interface StepFacts {
  data: Record<string, unknown>;
  params: Record<string, unknown>;
  asOf: string;
  marks: Mark[];
  results: RuleResults;
  record: RecordFacts;
  ranking: { rank: number | null; count: number; quota: unknown } | null;
  today: string;
  transition: { id: string; comment: string };
}

/** The context of a step's logic: the rules' context over the evaluated data, with the record, results and step. */
export function stepContext(f: StepFacts, periodKind: PeriodKind) {
  const { results } = f;
  return {
    // The record goes through buildContext so a step reads its period bounds as the rules do.
    ...buildContext(
      { data: f.data, params: f.params, asOf: f.asOf, marks: f.marks, record: f.record },
      f.data,
      results.computed,
      periodKind,
    ),
    results: { score: results.score, blocking: results.blocking, failed: results.failed, classes: results.classes },
    ranking: f.ranking,
    today: f.today,
    transition: f.transition,
  };
}

/** Each guard of step `t`, in its order: whether it holds (a guard whose `when` is false holds; one that throws does not). */
export function guardOutcomes(form: FormDefinition, t: Pick<Transition, 'guards'>, ctx: Record<string, unknown>) {
  return (t.guards ?? []).map((id) => {
    const guard = form.guards.get(id)!;
    let ok: boolean;
    try {
      ok = !guard.when || truthy(guard.when(ctx)) ? truthy(guard.logic(ctx)) : true;
    } catch {
      ok = false;
    }
    return { id, ok, rule: guard.rule };
  });
}
