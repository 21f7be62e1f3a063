// allUnits groups of reports: besides the grouped rows, one row for every unit of the group's level in the user's
// scope that no record reached (towns not surveyed, towns without a counsellor), with zero counts.
import { sql, type RawBuilder } from 'kysely';
import { pathUnder, pathWithin } from './org-scope';
import type { PlanGroup, ReportPlan, ReportRun } from '../reports/types';

type Sql = RawBuilder<unknown>;
type Zero = 'unit' | 'zero' | 'null' | 'false';
const ALIAS = /^(?:[cgp]\d{1,3}|_rollup)$/;

/** A generated alias as an identifier; anything else is a bug, never plugin text. */
function name(n: string): Sql {
  if (!ALIAS.test(n)) throw new Error(`not a generated alias: ${n}`);
  return sql.raw(n);
}

/**
 * `grouped` (the grouped statement of reports-store.ts: group aliases, _rollup, then the group and aggregate columns
 * in plan order) with the rows of units no grouped row names: the group column holds the unit, counts 0, every other
 * value empty. With a rollup on that group, a unit of the rollup level in scope without a total row (no record under
 * it at all) gets a zero total. Unchanged when no group asks for allUnits.
 */
export function withAllUnits(grouped: Sql, plan: ReportPlan, run: ReportRun): Sql {
  const all = plan.groups.findIndex((g) => 'orgLevel' in g && g.allUnits);
  if (all < 0) return grouped;
  const g = plan.groups[all] as Extract<PlanGroup, { orgLevel: unknown }>;
  const names: { name: string; zero: Zero }[] = [
    ...plan.groups.map((x, i) => ({ name: x.alias, zero: (i === all ? 'unit' : 'null') as Zero })),
    { name: '_rollup', zero: 'false' },
  ];
  for (const c of plan.columns) {
    if (c.kind === 'group') names.push({ name: c.alias, zero: c.group === all ? 'unit' : 'null' });
    if (c.kind === 'aggregate') names.push({ name: c.alias, zero: c.fn === 'count' ? 'zero' : 'null' });
  }
  const scope = pathWithin('u.path', run.scopePaths);
  const under = run.underPath ? sql` and ${pathUnder('u.path', run.underPath)}` : sql``;
  const cols = (total: boolean) =>
    names.map(({ name: n, zero }) => {
      const value = zero === 'unit' ? sql`u.id` : zero === 'zero' ? sql`0` : zero === 'false' ? sql.raw(String(total)) : sql`null`;
      return sql`${value} as ${name(n)}`;
    });
  const key = sql`gq.${name(g.alias)}`;
  const units = sql`select ${sql.join(cols(false))} from org_units u
    where u.level = ${g.orgLevel} and ${scope}${under} and not exists (select 1 from gq where not gq._rollup and ${key} = u.id)`;
  const rollup = all === 0 ? g.rollup : null;
  const totals = rollup
    ? sql` union all select ${sql.join(cols(true))} from org_units u
    where u.level = ${rollup} and ${scope}${under} and not exists (select 1 from gq where gq._rollup and ${key} = u.id)`
    : sql``;
  return sql`with gq as (${grouped}) select * from gq union all ${units}${totals}`;
}
