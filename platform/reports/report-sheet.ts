// A report result as the table the spreadsheet writers take: headers and title lines in the user's language,
// yes/no and lists written out as text, and a file name for Content-Disposition.
import type { Locale } from '../errors';
import type { SheetColumn, SheetTable } from '../spreadsheets/sheet-table';
import { scopeName, type ReportResult } from './run-report';

const SHEET_FORMATS = new Set(['text', 'integer', 'number', 'percent', 'date', 'datetime']);

/** An instant as wall-clock time in the platform's zone, e.g. 2024-05-06 10:00. */
export function localTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function cell(v: unknown, format: string, lang: Locale): unknown {
  if (typeof v === 'boolean') return lang === 'zh-CN' ? (v ? '是' : '否') : v ? 'Yes' : 'No';
  if (Array.isArray(v)) return v.map((x) => String(x ?? '')).join(lang === 'zh-CN' ? '、' : ', ');
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  if (format === 'boolean' && v === null) return '';
  return v;
}

export function reportSheet(result: ReportResult, timeZone: string): SheetTable {
  const lang = result.lang;
  const zh = lang === 'zh-CN';
  const title = result.print?.title ?? result.report.title[lang];
  const titleLines = [
    title,
    // The print view's own header lines (填报单位 …), then the period, unit and time it always carries.
    ...(result.print?.headerLines ?? []),
    ...(result.parameters.period ? [`${zh ? '期间' : 'Period'}: ${result.parameters.period}`] : []),
    `${zh ? '组织机构' : 'Org unit'}: ${scopeName(result, lang)}`,
    `${zh ? '生成时间' : 'Generated'}: ${localTime(result.generatedAt, timeZone)}`,
  ];
  const columns: SheetColumn[] = result.columns.map((c) => ({
    key: c.id,
    header: c.label[lang],
    format: (SHEET_FORMATS.has(c.format) ? c.format : 'text') as SheetColumn['format'],
    ...(c.decimals !== null ? { decimals: c.decimals } : {}),
    ...(c.width !== null ? { width: c.width } : {}),
  }));
  const rows = result.rows.map((r) => Object.fromEntries(result.columns.map((c) => [c.id, cell(r[c.id], c.format, lang)])));
  // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
  const sheetName = result.report.title[lang].replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || result.report.id;
  // A report declares its print orientation; one that does not prints landscape once it is wider than a portrait page.
  const orientation = result.print?.orientation ?? (columns.length > 6 ? 'landscape' : 'portrait');
  return { sheetName, titleLines, columns, rows, footerLines: result.print?.footerLines ?? [], orientation };
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 5987 / RFC 6266). */
export function attachmentHeader(result: ReportResult, ext: 'xlsx' | 'csv'): string {
  const period = result.parameters.period ? `-${result.parameters.period}` : '';
  const ascii = `${result.report.id}${period}.${ext}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const utf8 = `${result.report.title[result.lang]}${period}.${ext}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
