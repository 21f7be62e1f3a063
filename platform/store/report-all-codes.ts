// allCodes groups of reports: besides the grouped rows, one row for every code of the group's code list that no row
// names (an industry without a binding), with zero counts, in each combination of the other groups' values that has
// a row (every industry under each township shown); with no other group, every code even when no record is found.
// Total rows (rollup) are left as they are. reports-store.ts orders such a group by the list's order.
import { sql, type RawBuilder } from 'kysely';
import type { PlanGroup, ReportPlan } from '../reports/types';

type Sql = RawBuilder<unknown>;
type Fill = 'code' | 'other' | 'zero' | 'null' | 'false';
const ALIAS = /^(?:[cg]\d{1,3}|_rollup)$/;

/** A generated alias as an identifier; anything else is a bug, never plugin text. */
function name(n: string): Sql {
  if (!ALIAS.test(n)) throw new Error(`not a generated alias: ${n}`);
  return sql.raw(n);
}

/**
 * `grouped` (the grouped statement of reports-store.ts: group aliases, _rollup, then the group and aggregate columns
 * in plan order) with the rows of the codes no grouped row names: the group column holds the code, the other groups
 * the combination, counts 0, every other value empty. Unchanged when no group asks for allCodes.
 */
export function withAllCodes(grouped: Sql, plan: ReportPlan): Sql {
  const all = plan.groups.findIndex((g) => 'value' in g && g.allCodes);
  if (all < 0) return grouped;
  const g = plan.groups[all] as Extract<PlanGroup, { value: unknown }>;
  const others = plan.groups.filter((_, i) => i !== all).map((x) => x.alias);
  const groupFill = (i: number): Fill => (i === all ? 'code' : 'other');
  const fills: { name: string; fill: Fill; group?: string }[] = [
    ...plan.groups.map((x, i) => ({ name: x.alias, fill: groupFill(i), group: x.alias })),
    { name: '_rollup', fill: 'false' },
  ];
  for (const c of plan.columns) {
    if (c.kind === 'group') fills.push({ name: c.alias, fill: groupFill(c.group), group: plan.groups[c.group].alias });
    if (c.kind === 'aggregate') fills.push({ name: c.alias, fill: c.fn === 'count' ? 'zero' : 'null' });
  }
  const value = (f: (typeof fills)[number]): Sql =>
    f.fill === 'code'
      ? sql`k.code`
      : f.fill === 'other'
        ? sql`o.${name(f.group!)}`
        : f.fill === 'zero'
          ? sql`0`
          : f.fill === 'false'
            ? sql`false`
            : sql`null`;
  const cols = fills.map((f) => sql`${value(f)} as ${name(f.name)}`);
  const codes = sql`unnest(${[...(g.allCodes ?? [])]}::text[]) as k(code)`;
  const same = others.map((o) => sql` and gq.${name(o)} is not distinct from o.${name(o)}`);
  const missing = sql`not exists (select 1 from gq where not gq._rollup and gq.${name(g.alias)} = k.code${sql.join(same, sql``)})`;
  const from = others.length
    ? sql`(select distinct ${sql.join(others.map((o) => sql`gq.${name(o)}`))} from gq where not gq._rollup) o cross join ${codes}`
    : codes;
  return sql`with gq as (${grouped}) select * from gq union all select ${sql.join(cols)} from ${from} where ${missing}`;
}
