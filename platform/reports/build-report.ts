// A report file checked against its plugin (form, fields, parameters, columns) and compiled, once per plugin
// version, into a frozen plan. Every problem is an error detail with the report's file and a JSON pointer.
import { detail, type ErrorDetail } from '../errors';
import { decodePointer } from '../plugins/schema-walk';
import { ORG_LEVELS, type FormDefinition } from '../plugins/types';
import { Refusal, asCondition, exprType, translateLogic, type VarResolver } from './translate-logic';
import { columnVars, readsColumns, recordVars } from './report-vars';
import { outcomeDefinitions } from './outcomes-source';
import { resolvePreviousPeriod } from './build-previous';
import { ORDERED_PERIOD_KINDS } from './previous-period';
import { buildLinks } from './report-links';
import { rowVar, tableAt } from './report-rows';
import type { Expr, PlanColumn, PlanGroup, ReportDefinition, ReportFile, ReportPlan, SqlType } from './types';

export interface ReportBuildContext {
  pluginId: string;
  forms: ReadonlyMap<string, FormDefinition>;
  codeListIds: ReadonlySet<string>;
  /** Plugin parameter names with their default values (a report parameter may default to one). */
  pluginParameters: Readonly<Record<string, unknown>>;
  /**
   * Forms the manifest declares that did not build (their errors are already reported): a report over one is not
   * checked, so one broken form gives its own errors and not also a "No form …" per report that uses it.
   */
  failedForms?: ReadonlySet<string>;
  /** The codes of a code list of the plugin, in list order (for `allCodes`); none known when absent. */
  codesOf?: (id: string) => readonly string[] | undefined;
  /** Whether the plugin has a calendar of this id, its own or a dependency's (for `workdays_between`). */
  hasCalendar?: (id: string) => boolean;
}

const RESERVED = new Set(['period', 'orgUnitId', 'format', 'lang']);
const PARAM_SQL: Record<string, SqlType> = { integer: 'number', number: 'number', string: 'text', date: 'text', boolean: 'boolean' };

export function buildReport(
  file: string,
  report: ReportFile,
  ctx: ReportBuildContext,
): { report?: ReportDefinition; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  if (readsFailedForm(report, ctx)) return { errors };
  const fail = (pointer: string, zh: string, en: string) => errors.push(detail(pointer, zh, en, { file, code: 'REPORT_INVALID' }));
  const calendars = new Set<string>();
  const hasCalendar = (id: string) => {
    const known = !!ctx.hasCalendar?.(id);
    if (known) calendars.add(id);
    return known;
  };
  const translate = (logic: unknown, pointer: string, resolve: VarResolver): Expr | null => {
    try {
      return translateLogic(logic, pointer, resolve, hasCalendar);
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      errors.push({ pointer: e.pointer, message: e.reason, file, code: 'REPORT_INVALID' });
      return null;
    }
  };

  // Data set.
  let form: FormDefinition | undefined;
  let source: ReportPlan['source'];
  let refForm: FormDefinition | undefined;
  let rowItems: Record<string, unknown> | undefined;
  if ('form' in report.source) {
    form = ctx.forms.get(report.source.form);
    // Without its form nothing else of the report can be checked: one error, not one per field it reads.
    if (!form) {
      fail('/source/form', `表单不存在:${report.source.form}`, `No form ${report.source.form} in this plugin`);
      return { errors };
    }
    let join: { path: readonly string[]; form: string } | null = null;
    const joinField = report.source.join?.field;
    if (form && joinField) {
      const ref = form.references.find((r) => r.pointer === joinField);
      if (!ref)
        fail('/source/join/field', `${joinField} 不是表单的引用字段(x-ref)`, `${joinField} is not a reference (x-ref) field of the form`);
      else {
        refForm = ctx.forms.get(ref.form);
        join = { path: Object.freeze(decodePointer(ref.pointer)), form: ref.form };
      }
    }
    let rows: readonly string[] | null = null;
    if (report.source.rows !== undefined) {
      const table = tableAt(form.schema, report.source.rows);
      // Without its table, every row.… the report reads would be a second error about the same cause.
      if ('error' in table) {
        fail('/source/rows', table.error[0], table.error[1]);
        return { errors };
      }
      rows = table.path;
      rowItems = table.items;
    }
    source = { kind: 'form', form: report.source.form, join, links: null, ...(rows ? { rows } : {}) };
  } else if ('outcomes' in report.source) {
    const o = report.source.outcomes;
    form = ctx.forms.get(o.form);
    if (!form) {
      fail('/source/outcomes/form', `表单不存在:${o.form}`, `No form ${o.form} in this plugin`);
      return { errors };
    }
    source = { kind: 'outcomes', form: o.form, failed: o.failed ?? true, rules: form ? outcomeDefinitions(form, o) : [] };
  } else {
    source = { kind: 'marks', markKind: report.source.marks };
  }
  const periodKind = form?.manifest.period.kind;
  const period = report.period ?? (form && periodKind !== 'none' ? 'required' : 'none');
  if (period !== 'none' && (!form || periodKind === 'none')) fail('/period', '该数据集没有期间', 'This data set has no periods');

  // Parameters.
  const paramTypes: Record<string, SqlType> = {};
  (report.parameters ?? []).forEach((p, i) => {
    const at = `/parameters/${i}`;
    if (RESERVED.has(p.name)) fail(`${at}/name`, `参数名 ${p.name} 为平台保留`, `Parameter name ${p.name} is reserved by the platform`);
    if (p.name in paramTypes) fail(`${at}/name`, `参数名重复:${p.name}`, `Duplicate parameter ${p.name}`);
    paramTypes[p.name] = PARAM_SQL[p.type];
    if (p.defaultParameter !== undefined && !(p.defaultParameter in ctx.pluginParameters)) {
      fail(`${at}/defaultParameter`, `插件没有参数 ${p.defaultParameter}`, `The plugin has no parameter ${p.defaultParameter}`);
    }
    if (p.defaultToday && p.type !== 'date')
      fail(`${at}/defaultToday`, '只有日期参数可以默认为今天', 'Only a date parameter can default to today');
    const okType = (v: unknown) =>
      p.type === 'integer'
        ? Number.isInteger(v)
        : p.type === 'number'
          ? typeof v === 'number'
          : p.type === 'boolean'
            ? typeof v === 'boolean'
            : typeof v === 'string' && (p.type !== 'date' || /^\d{4}-\d{2}-\d{2}$/.test(v));
    if (p.default !== undefined && !okType(p.default)) fail(`${at}/default`, `默认值不是 ${p.type}`, `The default is not a ${p.type}`);
    (p.enum ?? []).forEach((v, j) => {
      if (!okType(v)) fail(`${at}/enum/${j}`, `取值不是 ${p.type}`, `Not a ${p.type}`);
    });
  });
  const params = Object.freeze(paramTypes);

  // Links: other records naming each source record, counted under named conditions (report-links.ts).
  let linkNames: ReadonlyMap<string, number> | undefined;
  if (source.kind === 'form' && 'form' in report.source && report.source.links) {
    const built = buildLinks(file, report.source.links, source.form, ctx.forms, params, errors);
    source = { ...source, links: built.plan };
    linkNames = built.names;
  }

  const vars = recordVars({
    schema: form?.schema,
    refSchema: refForm?.schema,
    marks: source.kind === 'marks',
    outcomes: source.kind === 'outcomes',
    params,
    links: linkNames,
    states: form?.workflow ? new Set(form.workflow.states.keys()) : undefined,
    row: rowItems ? (path, pointer) => rowVar(rowItems!, path, pointer) : undefined,
  });
  const filter = report.filter === undefined ? null : translate(report.filter, '/filter', vars);

  // Groups.
  const grouped = !!report.groupBy;
  const groupIds = new Map<string, number>();
  const groups: PlanGroup[] = [];
  const groupTypes: SqlType[] = [];
  (report.groupBy ?? []).forEach((g, i) => {
    const at = `/groupBy/${i}`;
    if (groupIds.has(g.id)) fail(`${at}/id`, `分组编号重复:${g.id}`, `Duplicate group id ${g.id}`);
    groupIds.set(g.id, i);
    if ((g.orgLevel === undefined) === (g.value === undefined)) {
      fail(at, '分组须且只能有 orgLevel 或 value 之一', 'A group has exactly one of orgLevel and value');
      return;
    }
    if (g.rollup !== undefined) {
      if (!g.orgLevel || i !== 0)
        fail(`${at}/rollup`, '只有第一个按组织层级的分组可以汇总到上级', 'Only the first group, by org level, can roll up');
      else if (ORG_LEVELS.indexOf(g.rollup) >= ORG_LEVELS.indexOf(g.orgLevel))
        fail(`${at}/rollup`, '汇总层级必须高于分组层级', 'The rollup level must be above the group level');
    }
    if (g.allUnits && (!g.orgLevel || (report.groupBy ?? []).some((x, j) => j < i && x.allUnits)))
      fail(`${at}/allUnits`, 'allUnits 只能用于一个按组织层级的分组', 'allUnits is for one group by org level only');
    if (g.codeList && !ctx.codeListIds.has(g.codeList))
      fail(`${at}/codeList`, `代码表不存在:${g.codeList}`, `Unknown code list ${g.codeList}`);
    const allCodes = g.allCodes ? allCodesOf(report, i, ctx, (zh, en) => fail(`${at}/allCodes`, zh, en)) : undefined;
    if (g.orgLevel) {
      groups.push({ alias: `g${i}`, orgLevel: g.orgLevel, rollup: g.rollup ?? null, ...(g.allUnits ? { allUnits: true } : {}) });
      groupTypes.push('text');
    } else {
      const e = translate(g.value, `${at}/value`, vars);
      if (e) {
        if (allCodes && exprType(e) !== 'text')
          fail(`${at}/allCodes`, 'allCodes 的分组值须为文本(代码)', 'allCodes needs a group value that is text (a code)');
        groups.push({ alias: `g${i}`, value: e, ...(allCodes ? { allCodes } : {}) });
        groupTypes.push(exprType(e));
      }
    }
  });

  // Columns.
  const columnIds = new Map<string, number>();
  const columnTypes = new Map<string, SqlType>();
  const columnInfo = new Map<string, { alias: string; type: SqlType }>();
  const built: (PlanColumn | null)[] = [];
  report.columns.forEach((c, i) => {
    const at = `/columns/${i}`;
    const alias = `c${i}`;
    if (columnIds.has(c.id)) fail(`${at}/id`, `列编号重复:${c.id}`, `Duplicate column id ${c.id}`);
    columnIds.set(c.id, i);
    built[i] = null;
    const given = (['group', 'value', 'aggregate', 'rank', 'change'] as const).filter((k) => c[k] !== undefined);
    if (given.length !== 1) {
      fail(
        at,
        '每列须且只能有 group、value、aggregate、rank、change 之一',
        'A column has exactly one of group, value, aggregate, rank and change',
      );
      return;
    }
    if (c.codeList && !ctx.codeListIds.has(c.codeList))
      fail(`${at}/codeList`, `代码表不存在:${c.codeList}`, `Unknown code list ${c.codeList}`);
    if ((c.labels === 'state' && !form?.workflow) || (c.labels === 'rule' && !form)) {
      fail(`${at}/labels`, '该数据集没有可用于显示的状态或规则', 'The data set has no workflow states or rules to label with');
    }
    let col: PlanColumn | null = null;
    let type: SqlType = 'number';
    if (c.group !== undefined) {
      const gi = groupIds.get(c.group);
      if (gi === undefined) fail(`${at}/group`, `没有分组 ${c.group}`, `No group ${c.group}`);
      else {
        col = { kind: 'group', alias, group: gi };
        type = groupTypes[gi] ?? 'text';
      }
    } else if (c.value !== undefined) {
      if (readsColumns(c.value)) {
        const e = translate(c.value, `${at}/value`, columnVars(columnInfo, params));
        if (e) {
          col = { kind: 'derived', alias, expr: e };
          type = exprType(e);
        }
      } else if (grouped) {
        fail(
          `${at}/value`,
          '分组报表的列须是分组、聚合、排名或由其他列计算',
          'In a grouped report a column is a group, an aggregate, a rank, or computed from other columns',
        );
      } else {
        const e = translate(c.value, `${at}/value`, vars);
        if (e) {
          col = { kind: 'value', alias, expr: e };
          type = exprType(e);
        }
      }
    } else if (c.aggregate) {
      const a = c.aggregate;
      if (!grouped) fail(`${at}/aggregate`, '聚合列只能用于分组报表(请声明 groupBy)', 'Aggregates need a grouped report (declare groupBy)');
      const needsOf = a.fn === 'sum' || a.fn === 'avg' || a.fn === 'min' || a.fn === 'max';
      if (needsOf && a.of === undefined) fail(`${at}/aggregate/of`, `${a.fn} 需要 of`, `${a.fn} needs "of"`);
      if (a.fn === 'ratio' && a.where === undefined)
        fail(`${at}/aggregate/where`, 'ratio 需要 where(满足条件的记录占比)', 'ratio needs "where" (the share of records meeting it)');
      const of = a.of === undefined ? null : translate(a.of, `${at}/aggregate/of`, vars);
      const where = a.where === undefined ? null : translate(a.where, `${at}/aggregate/where`, vars);
      if (of && (a.fn === 'sum' || a.fn === 'avg') && exprType(of) !== 'number') {
        fail(`${at}/aggregate/of`, `${a.fn} 只能用于数值`, `${a.fn} needs a number`);
      }
      if (of && (a.fn === 'min' || a.fn === 'max')) type = exprType(of) === 'text' ? 'text' : 'number';
      col = { kind: 'aggregate', alias, fn: a.fn, of, where: where && asCondition(where) };
    } else if (c.rank) {
      const by = report.columns.findIndex((x) => x.id === c.rank!.by);
      const target = by >= 0 ? report.columns[by] : undefined;
      const okTarget =
        target &&
        target.rank === undefined &&
        target.change === undefined &&
        (grouped
          ? target.aggregate !== undefined || target.group !== undefined || (target.value !== undefined && readsColumns(target.value))
          : target.value !== undefined && !readsColumns(target.value));
      if (!okTarget) {
        fail(
          `${at}/rank/by`,
          grouped ? '排名依据须是本报表的分组列、聚合列或计算列' : '排名依据须是本报表按记录取值的列',
          grouped ? 'Rank by a group, aggregate or computed column of this report' : 'Rank by a per-record value column of this report',
        );
      } else col = { kind: 'rank', alias, by: `c${by}`, order: c.rank.order ?? 'desc', overRecords: !grouped };
    }
    built[i] = col;
    columnTypes.set(c.id, type);
    // Derived columns and ranks of groups are computed in the outer query: other derived columns cannot read them.
    if (col && col.kind !== 'derived' && !(col.kind === 'rank' && !col.overRecords)) columnInfo.set(c.id, { alias, type });
  });

  const periodic = grouped && period !== 'none' && !!periodKind && ORDERED_PERIOD_KINDS.includes(periodKind);
  const columns = resolvePreviousPeriod(report.columns, built, columnTypes, periodic, fail);

  // Sort, limit, chart.
  const sort = (report.sort ?? []).map((s, i) => {
    const ci = columnIds.get(s.column);
    if (ci === undefined) fail(`/sort/${i}/column`, `没有列 ${s.column}`, `No column ${s.column}`);
    return { alias: `c${ci ?? 0}`, order: s.order ?? 'asc' } as const;
  });
  const limit = report.limit ?? null;
  if (limit && typeof limit === 'object') {
    const p = (report.parameters ?? []).find((x) => x.name === limit.parameter);
    if (!p || p.type !== 'integer') fail('/limit/parameter', `没有整数参数 ${limit.parameter}`, `No integer parameter ${limit.parameter}`);
  }
  if (report.chart) {
    if (!columnIds.has(report.chart.category))
      fail('/chart/category', `没有列 ${report.chart.category}`, `No column ${report.chart.category}`);
    report.chart.series.forEach((s, i) => {
      if (!columnIds.has(s)) fail(`/chart/series/${i}`, `没有列 ${s}`, `No column ${s}`);
      else if (columnTypes.get(s) !== 'number') fail(`/chart/series/${i}`, `系列 ${s} 不是数值列`, `Series ${s} is not a numeric column`);
    });
  }

  if (errors.length) return { errors };
  const plan: ReportPlan = deepFreeze({
    pluginId: ctx.pluginId,
    source,
    filter: filter && asCondition(filter),
    groups,
    columns,
    sort,
    limit,
    parameterTypes: params,
    ...(calendars.size ? { calendars: [...calendars] } : {}),
  });
  return { report: Object.freeze({ file, report: deepFreeze(report), period, form: form?.id ?? null, plan }), errors };
}

/** Whether the report's data set is, or joins, a form that did not build. */
function readsFailedForm(report: ReportFile, ctx: ReportBuildContext): boolean {
  const failed = ctx.failedForms;
  if (!failed?.size) return false;
  const src = report.source;
  if ('outcomes' in src) return failed.has(src.outcomes.form);
  if (!('form' in src)) return false;
  if (failed.has(src.form)) return true;
  if (src.links && failed.has(src.links.form)) return true;
  // A join names the field; the form it reaches is the one that field's x-ref names.
  const joinField = src.join?.field;
  const ref = joinField ? ctx.forms.get(src.form)?.references.find((r) => r.pointer === joinField) : undefined;
  return !!ref && failed.has(ref.form);
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

/** Every report a manifest lists, keyed by id; a duplicate id is an error of the later file. */
export function buildReports(
  paths: readonly string[] | undefined,
  files: Readonly<Record<string, unknown>>,
  ctx: ReportBuildContext,
): { reports: ReadonlyMap<string, ReportDefinition>; errors: ErrorDetail[] } {
  const reports = new Map<string, ReportDefinition>();
  const errors: ErrorDetail[] = [];
  for (const file of paths ?? []) {
    const r = buildReport(file, files[file] as ReportFile, ctx);
    errors.push(...r.errors);
    if (!r.report) continue;
    if (reports.has(r.report.report.id))
      errors.push(
        detail('/id', `报表编号重复:${r.report.report.id}`, `Duplicate report id ${r.report.report.id}`, { file, code: 'REPORT_INVALID' }),
      );
    reports.set(r.report.report.id, r.report);
  }
  return { reports, errors };
}

/**
 * The codes an `allCodes` group lists, or undefined after reporting why it cannot: it groups by a value with a
 * code list, is the report's only such group, and the report lists no units (`allUnits`) besides.
 */
function allCodesOf(report: ReportFile, i: number, ctx: ReportBuildContext, fail: (zh: string, en: string) => void): string[] | undefined {
  const groups = report.groupBy ?? [];
  const g = groups[i];
  if (g.orgLevel || !g.codeList)
    return void fail('allCodes 只能用于有代码表(codeList)的按值分组', 'allCodes is for a group by value with a codeList');
  if (groups.some((x, j) => j < i && x.allCodes)) return void fail('allCodes 只能用于一个分组', 'allCodes is for one group only');
  if (groups.some((x) => x.allUnits))
    return void fail('同一报表不能同时使用 allCodes 与 allUnits', 'A report cannot use allCodes and allUnits together');
  return [...(ctx.codesOf?.(g.codeList) ?? [])];
}
