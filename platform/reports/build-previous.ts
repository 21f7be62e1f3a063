// Columns over the previous period (`period: "previous"`) and `change` columns (current − previous), compiled after
// the other columns. A change needs the previous-period value of its column, a "twin" added to the plan under the
// alias p<i> and never shown: an aggregate over the previous period's records, a derived column over twins, or a
// rank over a twin. Group keys have no period: a twin reads them as they are.
import type { ReportColumn, Expr, PlanColumn } from './types';

type Fail = (pointer: string, zh: string, en: string) => void;

/** `expr` with every column reference replaced by `to(alias)`; null when one has no replacement. */
function mapRefs(expr: Expr, to: (alias: string) => string | null): Expr | null {
  let missing = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (o.k === 'ref-column') {
      const a = to(o.column as string);
      if (a === null) missing = true;
      return { ...o, column: a ?? o.column };
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
  };
  const out = walk(expr) as Expr;
  return missing ? null : out;
}

/**
 * The plan's columns with previous-period and change columns resolved, twins appended. `built[i]` is column i as
 * compiled for the run's own period (null: not compiled, its error is reported, or a change column).
 * `periodic`: the report is grouped and its records' periods have an order (year, month, week).
 */
export function resolvePreviousPeriod(
  columns: readonly ReportColumn[],
  built: readonly (PlanColumn | null)[],
  columnTypes: ReadonlyMap<string, string>,
  periodic: boolean,
  fail: Fail,
): PlanColumn[] {
  const twins: PlanColumn[] = [];
  const made = new Map<number, string | null>();
  const index = (alias: string) => Number(alias.slice(1));

  /** Alias of column j's previous-period value, made on first use; null (with an error at `at`) when it has none. */
  const twin = (j: number, at: string): string | null => {
    const col = built[j];
    if (!col) return null;
    if (col.kind === 'group') return col.alias;
    if (made.has(j)) return made.get(j)!;
    made.set(j, null);
    let t: PlanColumn | null = null;
    if (columns[j].period === 'previous' || col.kind === 'change' || col.kind === 'value' || (col.kind === 'rank' && col.overRecords)) {
      fail(at, `列 ${columns[j].id} 没有上一期的值`, `Column ${columns[j].id} has no previous-period value`);
    } else if (col.kind === 'aggregate') t = { ...col, alias: `p${j}`, previous: true };
    else if (col.kind === 'derived') {
      const expr = mapRefs(col.expr, (a) => twin(index(a), at));
      t = expr && { kind: 'derived', alias: `p${j}`, expr };
    } else if (col.kind === 'rank') {
      const by = twin(index(col.by), at);
      t = by === null ? null : { ...col, alias: `p${j}`, by, previous: true };
    }
    if (t) twins.push(t);
    made.set(j, t && t.alias);
    return t && t.alias;
  };

  const out: PlanColumn[] = [];
  columns.forEach((c, i) => {
    const at = `/columns/${i}`;
    let col = built[i];
    const needs = c.change !== undefined ? 'change' : c.period === 'previous' ? 'period' : null;
    if (needs && !periodic) {
      fail(
        `${at}/${needs}`,
        '上一期的值只能用于按年、月或周分期的分组报表',
        'Previous-period values need a grouped report over records with year, month or week periods',
      );
      return;
    }
    if (c.change !== undefined) {
      const of = columns.findIndex((x) => x.id === c.change!.of);
      const target = of >= 0 ? built[of] : null;
      if (!target || target.kind === 'group' || columnTypes.get(columns[of].id) !== 'number') {
        fail(`${at}/change/of`, '变化须基于本报表的数值聚合、计算或排名列', 'A change is of a numeric aggregate, computed or rank column');
        return;
      }
      const previous = twin(of, `${at}/change/of`);
      col = previous === null ? null : { kind: 'change', alias: `c${i}`, of: `c${of}`, previous };
    } else if (c.period === 'previous' && col) {
      if (col.kind === 'aggregate') col = { ...col, previous: true };
      else if (col.kind === 'derived') {
        const expr = mapRefs(col.expr, (a) => twin(index(a), `${at}/period`));
        col = expr && { ...col, expr };
      } else if (col.kind === 'rank') {
        const by = twin(index(col.by), `${at}/period`);
        col = by === null ? null : { ...col, by, previous: true };
      } else {
        fail(`${at}/period`, '只有聚合、计算和排名列可以取上一期', 'Only aggregate, computed and rank columns take the previous period');
        col = null;
      }
    }
    if (col) out.push(col);
  });
  return [...out, ...twins];
}
