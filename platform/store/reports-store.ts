// Runs a compiled report plan as one SQL statement. The plan is a closed tree: every keyword and identifier
// written here comes from the tables below; plugin text (pointers, literals, parameter values) is always bound,
// and column aliases are the plan's generated c0, c1 … — never a plugin's id.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './schema';
import { followUpCountSql } from './follow-ups-store';
import { pathUnder, pathWithin } from './org-scope';
import { OUTCOME_COLUMNS, outcomesFrom } from './report-outcomes';
import { withAllUnits } from './report-all-units';
import { withAllCodes } from './report-all-codes';
import { linkCount, linksJoin } from './report-links-sql';
import { enteredSql, stateOnSql, workdaysSql } from './report-history-sql';
import {
  typeOf,
  type Expr,
  type PlanColumn,
  type PlanRow,
  type ReportPlan,
  type ReportRun,
  type RowColumn,
  type RunCalendar,
  type SqlType,
} from '../reports/types';

type Sql = RawBuilder<unknown>;

const SOURCES: Record<string, string> = {
  data: 'r.data',
  results: 'r.results',
  workflow: 'r.workflow',
  'ref.data': 'ref.data',
  'ref.results': 'ref.results',
  'ref.workflow': 'ref.workflow',
  'mark.reason': 'm.reason',
  'outcome.message': 'od.message',
  'outcome.title': 'od.title',
  row: 'tr.value',
  'link.data': 'l.data',
  'link.results': 'l.results',
  'link.workflow': 'l.workflow',
  'link.ref.data': 'lr.data',
  'link.ref.results': 'lr.results',
  'link.ref.workflow': 'lr.workflow',
};
const COLUMNS: Record<RowColumn, string> = {
  id: 'r.id',
  state: 'r.state',
  period: 'r.period',
  orgUnit: 'r.org_unit_id',
  subject: 'r.subject',
  subjectTitle: 'r.subject_title',
  submittedAt: 'r.submitted_at',
  'ref.id': 'ref.id',
  'ref.state': 'ref.state',
  'ref.subjectTitle': 'ref.subject_title',
  'mark.kind': 'm.kind',
  'mark.from': 'm.from_date::text',
  'mark.until': 'm.until_date::text',
  'mark.subject': 'm.subject',
  ...OUTCOME_COLUMNS,
  'link.id': 'l.id',
  'link.state': 'l.state',
  'link.period': 'l.period',
  'link.subjectTitle': 'l.subject_title',
  'link.ref.id': 'lr.id',
  'link.ref.state': 'lr.state',
  'link.ref.subjectTitle': 'lr.subject_title',
};
const CASTS: Record<SqlType, string> = { number: 'numeric', text: 'text', boolean: 'boolean', json: 'jsonb' };
const ALIAS = /^[cgp]\d{1,3}$/;
const AGGREGATES: Record<string, string> = { sum: 'sum', avg: 'avg', min: 'min', max: 'max' };
const OPERATORS: Record<string, string> = { '=': '=', '<>': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** A generated alias (c0, g1, p2 …) as an identifier; anything else is a bug, never plugin text. */
function alias(name: string): Sql {
  if (!ALIAS.test(name)) throw new Error(`not a generated alias: ${name}`);
  return sql.raw(name);
}

export interface Env {
  params: Readonly<Record<string, unknown>>;
  today: string;
  timeZone?: string;
  calendars?: Readonly<Record<string, RunCalendar>>;
}

function bound(value: unknown, type: SqlType): Sql {
  if (value === null || value === undefined) return sql`null::${sql.raw(CASTS[type])}`;
  if (type === 'json') return sql`${JSON.stringify(value)}::jsonb`;
  return sql`${value}::${sql.raw(CASTS[type])}`;
}

function field(e: Extract<Expr, { k: 'field' }>, as: SqlType = e.type): Sql {
  const src = sql.raw(SOURCES[e.source]);
  if (e.path.length === 0) return as === 'text' ? sql`(${src} #>> '{}')` : src;
  const path = sql`${[...e.path]}::text[]`;
  if (as === 'json') return sql`(${src} #> ${path})`;
  if (as === 'text') return sql`(${src} #>> ${path})`;
  const cast = sql.raw(CASTS[as]);
  if (e.safe) return sql`((${src} #>> ${path})::${cast})`;
  // Untyped values: a number or boolean only when the JSON holds one, so no record can break the cast.
  return sql`(case when jsonb_typeof(${src} #> ${path}) = ${as} then (${src} #>> ${path})::${cast} end)`;
}

function truthy(e: Expr, env: Env): Sql {
  const t = typeOf(e);
  const x = render(e, env);
  if (t === 'boolean') return sql`coalesce(${x}, false)`;
  if (t === 'number') return sql`coalesce(${x} <> 0, false)`;
  if (t === 'text') return sql`coalesce(${x} <> '', false)`;
  return sql`coalesce(case jsonb_typeof(${x}) when 'boolean' then ${x} = 'true'::jsonb when 'number' then ${x} <> '0'::jsonb
    when 'string' then ${x} <> '""'::jsonb when 'array' then ${x} <> '[]'::jsonb when 'object' then true else false end, false)`;
}

export function render(e: Expr, env: Env): Sql {
  switch (e.k) {
    case 'field':
      return field(e);
    case 'column':
      return sql.raw(COLUMNS[e.column]);
    case 'param':
      return bound(env.params[e.name] ?? null, e.type);
    case 'today':
      return sql`${env.today}::text`;
    case 'follow-ups':
      return followUpCountSql(e.count, env.today);
    case 'link-count':
      return linkCount(e.index);
    case 'entered':
      return enteredSql(e.state, env.timeZone);
    case 'state-on':
      return stateOnSql(render(e.on, env), env.timeZone);
    case 'workdays':
      return workdaysSql(render(e.from, env), render(e.to, env), env.calendars?.[e.calendar]);
    case 'lit':
      return bound(e.value, e.type);
    case 'list':
      return sql`${[...e.values]}::${sql.raw(e.type === 'number' ? 'numeric[]' : 'text[]')}`;
    // Counts are bigint: read as numeric so that a ratio of two of them is not an integer division.
    case 'ref-column':
      return e.type === 'number' ? sql`(q.${alias(e.column)})::numeric` : sql`q.${alias(e.column)}`;
    case 'cmp': {
      const a = render(e.a, env);
      const b = render(e.b, env);
      if (e.distinct) return e.op === '=' ? sql`(${a} is not distinct from ${b})` : sql`(${a} is distinct from ${b})`;
      return sql`(${a} ${sql.raw(OPERATORS[e.op])} ${b})`;
    }
    case 'is-null': {
      // A JSON null is a value inside jsonb; read as text it is SQL null like a missing key.
      const a = e.a.k === 'field' && e.a.type === 'json' ? field(e.a, 'text') : render(e.a, env);
      return e.negate ? sql`(${a} is not null)` : sql`(${a} is null)`;
    }
    case 'logic':
      return sql`(${sql.join(
        e.args.map((x) => render(x, env)),
        sql.raw(e.op === 'and' ? ' and ' : ' or '),
      )})`;
    case 'not':
      return sql`(not coalesce(${render(e.a, env)}, false))`;
    case 'truthy':
      return truthy(e.a, env);
    case 'any':
      return sql`(${render(e.a, env)} = any(${render(e.list, env)}))`;
    case 'json-contains':
      return sql`coalesce(${render(e.array, env)} @> to_jsonb(${render(e.item, env)}), false)`;
    case 'text-contains':
      return sql`coalesce(strpos(${render(e.text, env)}, ${render(e.part, env)}) > 0, false)`;
    case 'arith': {
      const xs = e.args.map((x) => render(x, env));
      if (xs.length === 1) return sql`(${xs[0]})`;
      if (e.op === '/') return sql`(${xs[0]} / nullif(${xs[1]}, 0))`;
      return sql`(${sql.join(xs, sql.raw(` ${e.op} `))})`;
    }
    case 'neg':
      return sql`(- ${render(e.a, env)})`;
    // numeric's round breaks ties away from zero, as the rule engine's round does (double precision's would not).
    case 'round': {
      const a = sql`(${render(e.a, env)})::numeric`;
      if (e.mode === 'round') return sql`round(${a}, ${e.digits}::int)`;
      if (e.digits === 0) return sql`floor(${a})`;
      return sql`(floor(${a} * power(10::numeric, ${e.digits}::int)) / power(10::numeric, ${e.digits}::int))`;
    }
    case 'zero-if-null':
      return sql`coalesce(${render(e.a, env)}, 0)`;
    case 'case': {
      const whens = e.whens.map(([c, v]) => sql`when ${render(c, env)} then ${render(v, env)}`);
      return sql`(case ${sql.join(whens, sql` `)} else ${render(e.otherwise, env)} end)`;
    }
  }
}

/** A column value as it leaves the query: conditions become true/false, never null. */
function output(e: Expr, env: Env): Sql {
  const t = typeOf(e);
  return t === 'boolean' && e.k !== 'field' && e.k !== 'param' ? truthy(e, env) : render(e, env);
}

function scopeCondition(run: ReportRun): Sql {
  const within = pathWithin('r.org_path', run.scopePaths);
  return run.underPath ? sql`(${within} and ${pathUnder('r.org_path', run.underPath)})` : within;
}

function ancestorJoin(name: string, level: string): Sql {
  // Unit → its ancestor at `level` (itself when at that level), from the few rows of org_units.
  return sql`left join (select u.id as unit_id, a.id as anc_id from org_units u join org_units a on a.level = ${level} and starts_with(u.path, a.path)) ${sql.raw(name)} on ${sql.raw(name)}.unit_id = s._u`;
}

/** Whether the plan reads the previous period, and which one this run's is (null: none, e.g. no period asked for). */
function previousOf(plan: ReportPlan, run: ReportRun): { reads: boolean; period: string | null } {
  const reads = plan.columns.some((c) => c.kind === 'aggregate' && c.previous);
  return { reads, period: reads && run.period !== null ? (run.previousPeriod ?? null) : null };
}

function fromClause(plan: ReportPlan, run: ReportRun, extraJoins: Sql[], env: Env): { from: Sql; where: Sql[] } {
  const where: Sql[] = [];
  let from: Sql;
  if (plan.source.kind === 'form') {
    from = sql`records r`;
    where.push(sql`r.plugin_id = ${plan.pluginId}`, sql`r.form_id = ${plan.source.form}`);
    const previous = previousOf(plan, run).period;
    if (run.period !== null)
      where.push(previous === null ? sql`r.period = ${run.period}` : sql`r.period = any(${[run.period, previous]}::text[])`);
    const rows = plan.source.rows;
    // One row per item of the record's table, in stored order (tr.n); a record without the table (or with something
    // else there) has none. Items are read as they are stored: row.<field> is cast as data.<field> is.
    if (rows)
      from = sql`${from} cross join lateral jsonb_array_elements(case when jsonb_typeof(r.data #> ${[...rows]}::text[]) = 'array' then r.data #> ${[...rows]}::text[] else '[]'::jsonb end) with ordinality as tr(value, n)`;
    const j = plan.source.join;
    if (j) {
      const refScope = pathWithin('ref.org_path', run.scopePaths);
      from = sql`${from} left join records ref on ref.id = (r.data #>> ${[...j.path]}::text[]) and ref.plugin_id = r.plugin_id and ref.form_id = ${j.form} and ${refScope}`;
    }
    const links = plan.source.links;
    if (links) from = sql`${from} ${linksJoin(plan.pluginId, links, run.scopePaths, (e) => render(e, env))}`;
  } else if (plan.source.kind === 'outcomes') {
    from = outcomesFrom(plan.source);
    where.push(sql`r.plugin_id = ${plan.pluginId}`, sql`r.form_id = ${plan.source.form}`);
    if (run.period !== null) where.push(sql`r.period = ${run.period}`);
  } else {
    // Marks are seen through the record that set them: its unit decides who may see the mark.
    from = sql`marks m join records r on r.id = m.record_id`;
    where.push(sql`m.plugin_id = ${plan.pluginId}`, sql`m.kind = ${plan.source.markKind}`);
  }
  if (extraJoins.length) from = sql`${from} ${sql.join(extraJoins, sql` `)}`;
  return { from, where };
}

const dir = (o: 'asc' | 'desc') => sql.raw(o === 'desc' ? 'desc nulls last' : 'asc nulls last');

function limitClause(plan: ReportPlan, run: ReportRun, maxRows: number): number {
  const l =
    plan.limit === null ? maxRows : typeof plan.limit === 'number' ? plan.limit : Number(run.params[plan.limit.parameter] ?? maxRows);
  return Math.max(0, Math.min(l, maxRows));
}

/** The statement of one run (exported so tests can read what is sent: generated aliases, bound values). */
export function reportQuery(plan: ReportPlan, run: ReportRun, limit: number): RawBuilder<PlanRow> {
  const env: Env = { params: run.params, today: run.today, timeZone: run.timeZone, calendars: run.calendars };
  const query = plan.groups.length ? groupedQuery(plan, run, env) : listQuery(plan, run, env);
  return sql<PlanRow>`${query} limit ${limit}`;
}

export async function runReportPlan(
  ex: Executor,
  plan: ReportPlan,
  run: ReportRun,
  maxRows: number,
): Promise<{ rows: PlanRow[]; truncated: boolean }> {
  if (run.scopePaths.length === 0) return { rows: [], truncated: false };
  const limit = limitClause(plan, run, maxRows);
  // One more row than allowed tells a cut list from a complete one.
  const result = await reportQuery(plan, run, limit + 1).execute(ex);
  const rows = result.rows.slice(0, limit);
  return { rows, truncated: result.rows.length > limit && limit === maxRows };
}

function derivedAndOrder(plan: ReportPlan, env: Env, inner: Sql, where: Sql | null, leading: Sql[], tail: Sql[]): Sql {
  const byAlias = new Map(plan.columns.map((c) => [c.alias, c] as const));
  // Derived columns, ranks of groups and changes are computed here, from the inner row; one that reads another of
  // them repeats its expression (a select item cannot read its neighbour's alias).
  const valueOf = (a: string): Sql => {
    const c = byAlias.get(a);
    if (c?.kind === 'derived') return render(c.expr, env);
    // Total rows are not ranked: a rollup row is no unit among units.
    if (c?.kind === 'rank' && !c.overRecords) {
      const by = valueOf(c.by);
      const none = c.previous ? sql`q._rollup or ${by} is null` : sql`q._rollup`;
      return sql`(case when ${none} then null else rank() over (partition by q._rollup order by ${by} ${dir(c.order)}) end)`;
    }
    if (c?.kind === 'change') return sql`(${valueOf(c.of)} - ${valueOf(c.previous)})`;
    return sql`q.${alias(a)}`;
  };
  // Twins (p…) are read by other columns only.
  const cols = plan.columns
    .filter((c) => !c.alias.startsWith('p'))
    .map((c) => {
      if (c.kind === 'derived') return sql`${output(c.expr, env)} as ${alias(c.alias)}`;
      if ((c.kind === 'rank' && !c.overRecords) || c.kind === 'change') return sql`${valueOf(c.alias)} as ${alias(c.alias)}`;
      return sql`q.${alias(c.alias)}`;
    });
  const order = [...leading, ...plan.sort.map((s) => sql`${alias(s.alias)} ${dir(s.order)}`), ...tail];
  return sql`select ${sql.join(cols)}, q._rollup from (${inner}) q ${where ?? sql``} order by ${sql.join(order)}`;
}

function listQuery(plan: ReportPlan, run: ReportRun, env: Env): Sql {
  const { from, where } = fromClause(plan, run, [], env);
  if (plan.filter) where.push(render(plan.filter, env));
  const recordRank = plan.columns.some((c) => c.kind === 'rank');
  const scope = scopeCondition(run);
  // Ranks are over the whole data set (the official ranking); the user's scope is applied after them.
  if (!recordRank) where.push(scope);
  // Rows of one record (its outcomes, its table's items) keep their stored order.
  const n = plan.source.kind === 'outcomes' ? sql`o.n` : plan.source.kind === 'form' && plan.source.rows ? sql`tr.n` : sql`0`;
  const select: Sql[] = [sql`r.id as _k`, sql`${n} as _n`, sql`false as _rollup`];
  if (recordRank) select.push(sql`${scope} as _visible`);
  const byAlias = new Map(plan.columns.map((c) => [c.alias, c] as const));
  for (const c of plan.columns) {
    if (c.kind === 'value') select.push(sql`${output(c.expr, env)} as ${alias(c.alias)}`);
    if (c.kind === 'rank') {
      const by = byAlias.get(c.by) as Extract<PlanColumn, { kind: 'value' }>;
      select.push(
        sql`rank() over (order by ${render(by.expr, env)} ${dir(c.order)}, r.submitted_at asc, r.id asc, ${n} asc) as ${alias(c.alias)}`,
      );
    }
  }
  const inner = sql`select ${sql.join(select)} from ${from} where ${sql.join(where, sql` and `)}`;
  return derivedAndOrder(plan, env, inner, recordRank ? sql`where q._visible` : null, [], [sql`q._k`, sql`q._n`]);
}

function groupedQuery(plan: ReportPlan, run: ReportRun, env: Env): Sql {
  // Two stages, both exact for count, sum, min, max, avg and ratio: (1) aggregate the records by their own unit
  // and the value keys — one pass, like a hand-written GROUP BY; (2) map the few unit rows to their ancestors and
  // re-aggregate, with the rollup as a grouping set. Keys are computed in an inner select (b) so that GROUP BY
  // names columns: an expression written twice would carry different bound parameters and not match.
  const inner: Sql[] = [sql`r.org_unit_id as _u`];
  plan.groups.forEach((g, i) => {
    if ('value' in g) inner.push(sql`${render(g.value, env)} as ${sql.raw(`_k${i}`)}`);
  });
  plan.columns.forEach((c, i) => {
    if (c.kind !== 'aggregate') return;
    if (c.of) inner.push(sql`${render(c.of, env)} as ${sql.raw(`_o${i}`)}`);
    if (c.where) inner.push(sql`${render(c.where, env)} as ${sql.raw(`_w${i}`)}`);
  });
  const previous = previousOf(plan, run);
  if (previous.reads) inner.push(previous.period === null ? sql`false as _pp` : sql`(r.period = ${previous.period}) as _pp`);
  const { from, where } = fromClause(plan, run, [], env);
  if (plan.filter) where.push(render(plan.filter, env));
  where.push(scopeCondition(run));
  const base = sql`select ${sql.join(inner)} from ${from} where ${sql.join(where, sql` and `)}`;

  const valueKeys = plan.groups.flatMap((g, i) => ('value' in g ? [sql.raw(`b._k${i}`)] : []));
  const partial: Sql[] = [
    sql`b._u`,
    ...plan.groups.flatMap((g, i) => ('value' in g ? [sql`${sql.raw(`b._k${i}`)} as ${sql.raw(`_k${i}`)}`] : [])),
  ];
  plan.columns.forEach((c, i) => {
    if (c.kind === 'aggregate') partial.push(...partialAggregates(c, i, previous.reads));
  });
  const stage1 = sql`select ${sql.join(partial)} from (${base}) b group by ${sql.join([sql`b._u`, ...valueKeys])}`;

  const joins: Sql[] = [];
  const keys: Sql[] = [];
  let rollup = false;
  plan.groups.forEach((g, i) => {
    if ('orgLevel' in g) {
      joins.push(ancestorJoin(`a${i}`, g.orgLevel));
      keys.push(sql.raw(`a${i}.anc_id`));
      if (g.rollup) {
        joins.push(ancestorJoin(`a${i}r`, g.rollup));
        rollup = true;
      }
    } else keys.push(sql.raw(`s._k${i}`));
  });
  const groupExprs = keys.map((k, i) => (i === 0 && rollup ? sql`(case when grouping(${k}) = 1 then a0r.anc_id else ${k} end)` : k));
  const select: Sql[] = plan.groups.map((g, i) => sql`${groupExprs[i]} as ${alias(g.alias)}`);
  select.push(rollup ? sql`(grouping(${keys[0]}) = 1) as _rollup` : sql`false as _rollup`);
  plan.columns.forEach((c, i) => {
    if (c.kind === 'group') select.push(sql`${groupExprs[c.group]} as ${alias(c.alias)}`);
    if (c.kind === 'aggregate') select.push(sql`${finalAggregate(c, i)} as ${alias(c.alias)}`);
  });
  const groupBy = rollup ? sql`grouping sets ((${sql.join(keys)}), (a0r.anc_id))` : sql.join(keys);
  const grouped = sql`select ${sql.join(select)} from (${stage1}) s ${sql.join(joins, sql` `)} group by ${groupBy}`;
  return derivedAndOrder(
    plan,
    env,
    withAllCodes(withAllUnits(grouped, plan, run), plan),
    null,
    [sql`q._rollup`],
    plan.groups.flatMap((g) => [
      // An allCodes group keeps its code list's order; codes outside the list follow, by code.
      ...('value' in g && g.allCodes ? [sql`array_position(${[...g.allCodes]}::text[], q.${alias(g.alias)}) asc nulls last`] : []),
      sql`q.${alias(g.alias)} asc nulls last`,
    ]),
  );
}

/** Stage 1: per unit and value keys, what stage 2 needs to finish the aggregate (_p, and _q for avg and ratio). */
function partialAggregates(c: Extract<PlanColumn, { kind: 'aggregate' }>, i: number, periods: boolean): Sql[] {
  // With previous-period columns the rows hold two periods: each aggregate takes the records of its own (_pp).
  const inPeriod = periods ? [c.previous ? 'b._pp' : 'not b._pp'] : [];
  const conds = [...inPeriod, ...(c.where ? [`b._w${i}`] : [])];
  const filterOf = (xs: string[]) => (xs.length ? sql` filter (where ${sql.raw(xs.join(' and '))})` : sql``);
  const filter = filterOf(conds);
  const of = sql.raw(`b._o${i}`);
  const p = sql.raw(`_p${i}`);
  const q = sql.raw(`_q${i}`);
  switch (c.fn) {
    case 'count':
      return [c.of ? sql`count(${of})${filter} as ${p}` : sql`count(*)${filter} as ${p}`];
    case 'ratio':
      return [sql`count(*)${filter} as ${p}`, sql`count(*)${filterOf(inPeriod)} as ${q}`];
    case 'avg':
      return [sql`sum(${of})${filter} as ${p}`, sql`count(${of})${filter} as ${q}`];
    default:
      return [sql`${sql.raw(AGGREGATES[c.fn])}(${of})${filter} as ${p}`];
  }
}

/** Stage 2: the partial aggregates of the units under one group, combined. */
function finalAggregate(c: Extract<PlanColumn, { kind: 'aggregate' }>, i: number): Sql {
  const p = sql.raw(`s._p${i}`);
  const q = sql.raw(`s._q${i}`);
  switch (c.fn) {
    // Counts stay integers (sum of bigint is numeric; the pool reads numeric as a number).
    case 'count':
      return sql`coalesce(sum(${p}), 0)`;
    case 'ratio':
      return sql`sum(${p})::numeric / nullif(sum(${q}), 0)`;
    case 'avg':
      return sql`sum(${p})::numeric / nullif(sum(${q}), 0)`;
    case 'sum':
      return sql`sum(${p})`;
    default:
      return sql`${sql.raw(AGGREGATES[c.fn])}(${p})`;
  }
}
