// allUnits groups of reports: besides the grouped rows, one row for every unit of the group's level in the user's
// scope that no record reached (towns not surveyed, towns without a counsellor), with zero counts. The other
// org-level groups of such a row hold the unit's ancestor at their level, as a record's row would (a village with no
// household still shows its township), so the zero rows sort and read among the others.
import { sql, type RawBuilder } from 'kysely';
import { pathUnder, pathWithin } from './org-scope';
import type { OrgLevel } from '../plugins/types';
import type { PlanGroup, ReportPlan, ReportRun } from '../reports/types';

type Sql = RawBuilder<unknown>;
type Zero = 'unit' | 'zero' | 'null' | 'false' | { ancestor: OrgLevel };
const ALIAS = /^(?:[cgp]\d{1,3}|_rollup)$/;

/** A generated alias as an identifier; anything else is a bug, never plugin text. */
function name(n: string): Sql {
  if (!ALIAS.test(n)) throw new Error(`not a generated alias: ${n}`);
  return sql.raw(n);
}

/** The unit's ancestor at `level` (itself at that level, null below it), as ancestorJoin of reports-store reads it. */
function ancestor(level: OrgLevel): Sql {
  return sql`(select a.id from org_units a where a.level = ${level} and starts_with(u.path, a.path) order by length(a.path) desc limit 1)`;
}

/**
 * `grouped` (the grouped statement of reports-store.ts: group aliases, _rollup, then the group and aggregate columns
 * in plan order) with the rows of units no grouped row names: the group column holds the unit, the other org-level
 * groups its ancestors, counts 0, every other value empty. With a rollup on that group, a unit of the rollup level in scope without a total row (no record under
 * it at all) gets a zero total. Unchanged when no group asks for allUnits.
 */
export function withAllUnits(grouped: Sql, plan: ReportPlan, run: ReportRun): Sql {
  const all = plan.groups.findIndex((g) => 'orgLevel' in g && g.allUnits);
  if (all < 0) return grouped;
  const g = plan.groups[all] as Extract<PlanGroup, { orgLevel: unknown }>;
  const groupZero = (i: number): Zero => {
    const x = plan.groups[i];
    return i === all ? 'unit' : 'orgLevel' in x ? { ancestor: x.orgLevel } : 'null';
  };
  const names: { name: string; zero: Zero }[] = [
    ...plan.groups.map((x, i) => ({ name: x.alias, zero: groupZero(i) })),
    { name: '_rollup', zero: 'false' },
  ];
  for (const c of plan.columns) {
    if (c.kind === 'group') names.push({ name: c.alias, zero: groupZero(c.group) });
    if (c.kind === 'aggregate') names.push({ name: c.alias, zero: c.fn === 'count' ? 'zero' : 'null' });
  }
  const scope = pathWithin('u.path', run.scopePaths);
  const under = run.underPath ? sql` and ${pathUnder('u.path', run.underPath)}` : sql``;
  // A total row (rollup) holds only the unit above; its other groups are empty, as in the grouped statement.
  const value = (zero: Zero, total: boolean): Sql => {
    if (typeof zero === 'object') return total ? sql`null` : ancestor(zero.ancestor);
    return zero === 'unit' ? sql`u.id` : zero === 'zero' ? sql`0` : zero === 'false' ? sql.raw(String(total)) : sql`null`;
  };
  const cols = (total: boolean) => names.map(({ name: n, zero }) => sql`${value(zero, total)} as ${name(n)}`);
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
