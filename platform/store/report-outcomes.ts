// The outcomes data set of reports (platform/reports/outcomes-source.ts) in SQL: one row per record × stored rule
// outcome, joined to the plugin version's words for the rule.
import { sql, type RawBuilder } from 'kysely';
import type { ReportPlan } from '../reports/types';

type Sql = RawBuilder<unknown>;
type OutcomesSource = Extract<ReportPlan['source'], { kind: 'outcomes' }>;

/**
 * records r × the ids in its stored `failed` (or `passed`) list, in stored order (o.n), joined to the plugin
 * version's words for each rule (od). The words travel as one bound jsonb value, so no plugin text becomes SQL;
 * the inner join keeps only rules of the chosen kinds. A record whose list is missing or not an array has none.
 */
export function outcomesFrom(source: OutcomesSource): Sql {
  const list = source.failed ? 'failed' : 'passed';
  const defs = JSON.stringify(source.rules);
  return sql`records r cross join lateral jsonb_array_elements_text(case when jsonb_typeof(r.results -> ${list}::text) = 'array' then r.results -> ${list}::text else '[]'::jsonb end) with ordinality as o(id, n)
    join jsonb_to_recordset(${defs}::jsonb) as od(id text, kind text, code text, category text, "group" text, severity text, pointer text, reference text, message jsonb, title jsonb) on od.id = o.id`;
}

/** Column of the outcome row a logic name reads. */
export const OUTCOME_COLUMNS = {
  'outcome.id': 'o.id',
  'outcome.kind': 'od.kind',
  'outcome.code': 'od.code',
  'outcome.category': 'od.category',
  'outcome.group': 'od."group"',
  'outcome.severity': 'od.severity',
  'outcome.pointer': 'od.pointer',
  'outcome.reference': 'od.reference',
} as const;
