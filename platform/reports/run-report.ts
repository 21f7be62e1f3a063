// Running a report for one user: parameters checked, the scope narrowed to what the user may see (and to the
// requested unit), the plan run in SQL, codes labelled in the user's language.
import { HezuoError, detail, type Locale, type LocalText } from '../errors';
import { today, type PlatformContext } from '../context';
import { canSee, type Principal } from '../access/principal';
import { seesInFull } from '../access/sensitive-access';
import { maskReportRows } from './sensitive-columns';
import { effectiveParameters } from '../parameters/parameter-service';
import { getOrgUnit, listOrgUnitsById } from '../store/orgs-store';
import { runReportPlan } from '../store/reports-store';
import type { PluginDefinition } from '../plugins/types';
import { readRunRequest, type ReportFormat } from './report-parameters';
import { labelRows, unitIdsIn } from './report-labels';
import { previousPeriod } from './previous-period';
import { dependencyCalendars, type DependencyLookup } from '../plugins/dependency-calendars';
import type { PlanRow, ReportDefinition, ReportFile, RunCalendar } from './types';

/** Whether the report reads sensitive fields, and if so whether this run shows (or looks them up) in full (for the access log). */
export type SensitiveShown = 'none' | 'full' | 'masked';

/** Rows one run returns at most; a longer result is cut and says so (`truncated`). */
export const MAX_REPORT_ROWS = 50_000;

export interface ReportResult {
  report: { id: string; title: LocalText; description: LocalText | null };
  lang: Locale;
  parameters: Record<string, unknown>;
  scope: { orgUnit: { id: string; name: LocalText; level: string } | null; units: { id: string; name: LocalText }[] };
  generatedAt: string;
  columns: { id: string; label: LocalText; format: string; decimals: number | null; width: number | null }[];
  rows: Record<string, unknown>[];
  truncated: boolean;
  chart?: ReportFile['chart'];
  print?: { title: string; headerLines: string[]; footerLines: string[]; orientation: 'portrait' | 'landscape' };
}

export function findReport(plugin: PluginDefinition, reportId: string): ReportDefinition {
  const def = plugin.reports.get(reportId);
  if (!def) throw new HezuoError('NOT_FOUND', [detail('/report', `报表不存在:${reportId}`, `No report ${reportId} in ${plugin.id}`)]);
  return def;
}

/** What a client needs to offer a report: its parameters, beyond the platform's period and orgUnitId. */
/**
 * A report as its run form shows it. Parameters that default to a plugin parameter or to today carry the value a run
 * would take now, so the form shows it instead of an empty box (`defaults` as readRunRequest gets them).
 */
export function describeReport(
  plugin: PluginDefinition,
  def: ReportDefinition,
  defaults: { pluginParameters: Record<string, unknown>; today: string },
) {
  const form = def.form ? plugin.forms.get(def.form) : undefined;
  const r = def.report;
  return {
    id: r.id,
    title: r.title,
    description: r.description ?? null,
    period:
      def.period === 'none'
        ? null
        : { required: def.period === 'required', kind: form?.manifest.period.kind ?? null, title: form?.manifest.period.title ?? null },
    parameters: (r.parameters ?? []).map((p) => {
      const taken =
        p.default ??
        (p.defaultParameter !== undefined ? defaults.pluginParameters[p.defaultParameter] : p.defaultToday ? defaults.today : undefined);
      return { ...p, ...(taken !== undefined && taken !== null ? { default: taken } : {}) };
    }),
    columns: r.columns.map((c) => ({ id: c.id, label: c.label, format: c.format ?? 'text' })),
    chart: r.chart ?? null,
    print: !!r.print,
  };
}

export async function runReport(
  ctx: PlatformContext,
  principal: Principal,
  plugin: PluginDefinition,
  reportId: string,
  query: Record<string, unknown>,
): Promise<{ result: ReportResult; format: ReportFormat; sensitive: SensitiveShown }> {
  const def = findReport(plugin, reportId);
  const form = def.form ? plugin.forms.get(def.form) : undefined;
  const day = today(ctx);
  const { values: pluginParameters } = await effectiveParameters(ctx.db, plugin);
  const req = readRunRequest(def, form?.manifest.period.kind ?? null, query, { pluginParameters, today: day });

  let orgUnit: ReportResult['scope']['orgUnit'] = null;
  let underPath: string | null = null;
  if (req.orgUnitId) {
    const unit = await getOrgUnit(ctx.db, req.orgUnitId);
    if (!unit || !canSee(principal, unit.path)) {
      throw new HezuoError('ORG_UNIT_INVALID', [
        detail('/orgUnitId', '组织机构不存在或不在您的管辖范围', 'Unknown org unit or outside your units'),
      ]);
    }
    orgUnit = { id: unit.id, name: unit.name, level: unit.level };
    underPath = unit.path;
  }
  const roots = await listOrgUnitsById(
    ctx.db,
    principal.grants.map((g) => g.orgUnitId),
  );
  const units = roots.filter((u) => principal.scopePaths.includes(u.path)).map((u) => ({ id: u.id, name: u.name }));

  const { rows, truncated } = await runReportPlan(
    ctx.db,
    def.plan,
    {
      period: req.period,
      scopePaths: principal.scopePaths,
      underPath,
      params: req.params,
      today: day,
      previousPeriod: previousPeriod(form?.manifest.period.kind ?? 'none', req.period),
      timeZone: ctx.timeZone,
      calendars: runCalendars(def.plan.calendars, plugin, (id) => ctx.registry.find(id)),
    },
    MAX_REPORT_ROWS,
  );
  const mask = plugin.reportMasks.get(reportId);
  const full =
    !mask ||
    mask.declarations.every((d) => (underPath ? [underPath] : principal.scopePaths).every((path) => seesInFull(principal, d, path)));
  if (!full && mask?.probes) {
    throw new HezuoError('FORBIDDEN', [
      detail(
        '/report',
        '该报表以参数比对敏感字段，只有有权查看完整值的用户可以运行',
        'This report compares a parameter with a sensitive field: only users who may see its full values can run it',
      ),
    ]);
  }
  const keyColumn = totalKeyColumn(def);
  const named = await listOrgUnitsById(ctx.db, [...new Set([...unitIdsIn(def, rows), ...totalUnitIds(rows, keyColumn)])]);
  const shown = dropPartialTotals(principal, rows, keyColumn, new Map(named.map((u) => [u.id, u.path])), underPath);
  const masked = (rows: Record<string, unknown>[]) => (full || !mask ? rows : maskReportRows(mask, rows));
  const lang: Locale = req.lang ?? (principal.user.locale === 'en' ? 'en' : 'zh-CN');
  const r = def.report;
  const parameters = { period: req.period, orgUnitId: req.orgUnitId, ...req.params };
  const result: ReportResult = {
    report: { id: r.id, title: r.title, description: r.description ?? null },
    lang,
    parameters,
    scope: { orgUnit, units },
    generatedAt: ctx.clock.now().toISOString(),
    columns: r.columns.map((c) => ({
      id: c.id,
      label: c.label,
      format: c.format ?? 'text',
      decimals: c.decimals ?? null,
      width: c.width ?? null,
    })),
    rows: masked(labelRows(def, plugin, shown, lang, new Map(named.map((u) => [u.id, u.name])))),
    truncated,
    ...(r.chart ? { chart: r.chart } : {}),
  };
  if (r.print) {
    const fill = (t: LocalText) => fillPlaceholders(t[lang], result, lang, day);
    result.print = {
      title: fill(r.print.title ?? r.title),
      headerLines: (r.print.headerLines ?? []).map(fill),
      footerLines: (r.print.footerLines ?? []).map(fill),
      orientation: r.print.orientation ?? 'portrait',
    };
  }
  const sensitive: SensitiveShown = !mask || mask.declarations.length === 0 ? 'none' : full ? 'full' : 'masked';
  return { result, format: req.format, sensitive };
}

/** The column holding the first group's key, which on a roll-up row is the id of the unit it totals (-1: none). */
function totalKeyColumn(def: ReportDefinition): number {
  const first = def.report.groupBy?.[0]?.id;
  return def.report.columns.findIndex((c) => c.group !== undefined && c.group === first);
}

const totalUnitIds = (rows: PlanRow[], keyColumn: number) =>
  keyColumn < 0 ? [] : rows.filter((r) => r._rollup === true).map((r) => String(r[`c${keyColumn}`]));

/**
 * A total row of a unit the user cannot see whole (a district officer's city total, or any total when the run is
 * narrowed below it) would show only their share under the unit's name, so it is left out.
 */
function dropPartialTotals(
  principal: Principal,
  rows: PlanRow[],
  keyColumn: number,
  paths: Map<string, string>,
  underPath: string | null,
): PlanRow[] {
  const whole = (path: string | undefined) =>
    path !== undefined && canSee(principal, path) && (underPath === null || path.startsWith(underPath));
  return keyColumn < 0 ? rows : rows.filter((r) => r._rollup !== true || whole(paths.get(String(r[`c${keyColumn}`]))));
}

/** {period}, {orgUnit}, {generatedAt}, {params.<name>} in a print line; anything else is left as written. */
function fillPlaceholders(line: string, result: ReportResult, lang: Locale, day: string): string {
  return line.replace(/\{([A-Za-z.]+)\}/g, (all, key: string) => {
    if (key === 'period') return String(result.parameters.period ?? '');
    if (key === 'orgUnit') return scopeName(result, lang);
    if (key === 'generatedAt') return day;
    if (key.startsWith('params.') && key.slice(7) in result.parameters) return String(result.parameters[key.slice(7)] ?? '');
    return all;
  });
}

/** The unit the report covers: the one asked for, else the user's own unit(s). */
export function scopeName(result: ReportResult, lang: Locale): string {
  if (result.scope.orgUnit) return result.scope.orgUnit.name[lang];
  return result.scope.units.map((u) => u.name[lang]).join(lang === 'zh-CN' ? '、' : ', ');
}

/** The calendars a plan counts working days on, looked up now (own first, then dependencies) as the rules do. */
function runCalendars(
  ids: readonly string[] | undefined,
  plugin: PluginDefinition,
  lookup: DependencyLookup,
): Record<string, RunCalendar> | undefined {
  if (!ids?.length) return undefined;
  const shared = dependencyCalendars(plugin.manifest, lookup);
  const out: Record<string, RunCalendar> = {};
  for (const id of ids) {
    const c = plugin.calendars.get(id) ?? shared(id);
    if (c) out[id] = { years: c.years, holidays: c.holidays, workdays: c.workdays };
  }
  return out;
}
