// The parameters of one report run, read from a query string and checked against the report's declarations.
// Every problem is a catalogued error whose pointer names the parameter; nothing here touches the database.
import { HezuoError, detail, type Locale } from '../errors';
import { checkPeriod } from '../records/period';
import type { PeriodKind } from '../plugins/types';
import type { ReportDefinition, ReportParameter } from './types';

export type ReportFormat = 'json' | 'xlsx' | 'csv';
const PLATFORM_KEYS = new Set(['period', 'orgUnitId', 'format', 'lang']);
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface RunRequest {
  period: string | null;
  orgUnitId: string | null;
  format: ReportFormat;
  lang: Locale | null;
  params: Record<string, unknown>;
}

const invalid = (name: string, zh: string, en: string) =>
  new HezuoError('REPORT_PARAMETER_INVALID', [detail(`/${name}`, zh, en, { params: { parameter: name } })]);

function single(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalid(name, `参数 ${name} 只能给一次`, `Parameter ${name} may be given once`);
  return v;
}

function convert(p: ReportParameter, raw: string): unknown {
  const bad = (zh: string, en: string) => invalid(p.name, `参数 ${p.name} ${zh}`, `Parameter ${p.name} ${en}`);
  let v: unknown;
  switch (p.type) {
    case 'integer':
      if (!/^-?\d{1,15}$/.test(raw)) throw bad('应为整数', 'must be an integer');
      v = Number(raw);
      break;
    case 'number':
      if (!/^-?\d{1,15}(\.\d{1,10})?$/.test(raw)) throw bad('应为数值', 'must be a number');
      v = Number(raw);
      break;
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw bad('应为 true 或 false', 'must be true or false');
      v = raw === 'true';
      break;
    case 'date':
      if (!DATE.test(raw)) throw bad('应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
      v = raw;
      break;
    default:
      if (raw.length > 200) throw bad('过长', 'is too long');
      v = raw;
  }
  check(p, v);
  return v;
}

function check(p: ReportParameter, v: unknown) {
  if (typeof v === 'number') {
    if (p.minimum !== undefined && v < p.minimum)
      throw invalid(p.name, `参数 ${p.name} 不能小于 ${p.minimum}`, `Parameter ${p.name} must be at least ${p.minimum}`);
    if (p.maximum !== undefined && v > p.maximum)
      throw invalid(p.name, `参数 ${p.name} 不能大于 ${p.maximum}`, `Parameter ${p.name} must be at most ${p.maximum}`);
  }
  if (p.enum && !p.enum.includes(v as string | number)) {
    throw invalid(p.name, `参数 ${p.name} 应为 ${p.enum.join('、')} 之一`, `Parameter ${p.name} must be one of ${p.enum.join(', ')}`);
  }
}

/**
 * Reads period, orgUnitId, format, lang and the declared parameters. Absent ones take their default: a literal,
 * a plugin parameter's effective value, or today.
 */
export function readRunRequest(
  def: ReportDefinition,
  periodKind: PeriodKind | null,
  query: Record<string, unknown>,
  defaults: { pluginParameters: Readonly<Record<string, unknown>>; today: string },
): RunRequest {
  const declared = def.report.parameters ?? [];
  for (const key of Object.keys(query)) {
    if (!PLATFORM_KEYS.has(key) && !declared.some((p) => p.name === key)) {
      throw invalid(key, `报表没有参数 ${key}`, `The report has no parameter ${key}`);
    }
  }
  const format = single(query, 'format') ?? 'json';
  if (format !== 'json' && format !== 'xlsx' && format !== 'csv')
    throw invalid('format', 'format 应为 json、xlsx 或 csv', 'format must be json, xlsx or csv');
  const lang = single(query, 'lang') ?? null;
  if (lang !== null && lang !== 'zh-CN' && lang !== 'en') throw invalid('lang', 'lang 应为 zh-CN 或 en', 'lang must be zh-CN or en');

  const rawPeriod = single(query, 'period');
  let period: string | null = null;
  if (def.period === 'none') {
    if (rawPeriod !== undefined) throw invalid('period', '该报表不按期间', 'This report takes no period');
  } else if (def.period === 'required' || (rawPeriod !== undefined && rawPeriod !== '')) {
    period = checkPeriod(periodKind ?? 'none', rawPeriod);
  }
  const orgUnitId = single(query, 'orgUnitId') || null;

  const params: Record<string, unknown> = {};
  for (const p of declared) {
    const raw = single(query, p.name);
    let v: unknown = null;
    if (raw !== undefined && raw !== '') v = convert(p, raw);
    else if (p.default !== undefined) v = p.default;
    else if (p.defaultParameter !== undefined) v = defaults.pluginParameters[p.defaultParameter] ?? null;
    else if (p.defaultToday) v = defaults.today;
    if (v === null && p.required) throw invalid(p.name, `缺少参数 ${p.name}`, `Parameter ${p.name} is required`);
    params[p.name] = v;
  }
  const limit = def.report.limit;
  if (limit && typeof limit === 'object') {
    const n = params[limit.parameter];
    if (typeof n !== 'number' || n < 0)
      throw invalid(limit.parameter, `参数 ${limit.parameter} 应为不小于 0 的整数`, `Parameter ${limit.parameter} must be an integer ≥ 0`);
  }
  return { period, orgUnitId, format, lang: lang as Locale | null, params };
}
