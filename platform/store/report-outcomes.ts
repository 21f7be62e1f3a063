// SQL of two report features kept out of reports-store.ts: the outcomes data set (one row per record × stored rule
// outcome) and the zero rows of allUnits groups (units of a level in scope that no record reached).
import { sql, type RawBuilder } from 'kysely';
import { pathUnder, pathWithin } from './org-scope';
import type { OrgLevel } from '../plugins/types';
import type { ReportPlan, ReportRun } from '../reports/types';

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

/**
 * The grouped rows (`grouped`, a statement yielding the select list `names` in order) with one more row for every
 * unit of `level` in the run's scope that no grouped row names: its group column holds the unit, counts hold 0 and
 * everything else is empty. `zero` gives each name's value on such a row (null when absent). With a rollup on the
 * group, a unit of the rollup level in scope without a total row (no record under it at all) gets a zero total.
 */
export function withAllUnits(
  grouped: Sql,
  run: ReportRun,
  group: { alias: string; level: OrgLevel; rollup: OrgLevel | null },
  names: readonly { name: string; zero: 'unit' | 'zero' | 'null' | 'false' }[],
): Sql {
  const scope = pathWithin('u.path', run.scopePaths);
  const under = run.underPath ? sql` and ${pathUnder('u.path', run.underPath)}` : sql``;
  const cols = (total: boolean) =>
    names.map(({ name, zero }) => {
      const id = sql.raw(name);
      const value = zero === 'unit' ? sql`u.id` : zero === 'zero' ? sql`0` : zero === 'false' ? sql.raw(String(total)) : sql`null`;
      return sql`${value} as ${id}`;
    });
  const key = sql.raw(`gq.${group.alias}`);
  const units = sql`select ${sql.join(cols(false))} from org_units u
    where u.level = ${group.level} and ${scope}${under} and not exists (select 1 from gq where not gq._rollup and ${key} = u.id)`;
  const totals = group.rollup
    ? sql` union all select ${sql.join(cols(true))} from org_units u
    where u.level = ${group.rollup} and ${scope}${under} and not exists (select 1 from gq where gq._rollup and ${key} = u.id)`
    : sql``;
  return sql`with gq as (${grouped}) select * from gq union all ${units}${totals}`;
}
