// "导出全部": every record the list's filter matches (not only the page), one row each, with every field of the form
// (titles as headers; values as people read them: 是/否, option labels, state names, numbers as numbers, dates as
// dates), the files attached to it by name, as .xlsx or .csv (UTF-8 with a BOM). Streamed: record ids are read
// first, then rows in batches that are written as they come, so a large export never holds every record. The
// caller gets what the list would show them — their units only, sensitive fields masked unless they see them.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { HezuoError, detail, type LocalText, type Locale } from '../errors';
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { maskedRecord, seesInFull } from '../access/sensitive-access';
import { appendAudit } from '../audit/audit-log';
import { getAtPointer } from '../plugins/schema-walk';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { exportRows, matchingIds, type ExportRow } from '../store/record-export-store';
import type { SheetColumn, SheetHead } from '../spreadsheets/sheet-table';
import { formatWallClock, wallClock } from '../spreadsheets/sheet-table';
import { streamXlsx } from '../spreadsheets/write-xlsx';
import { csvHead, csvRows } from '../spreadsheets/write-csv';
import { formColumns, type FormColumn } from './form-columns';
import { listFilter, type ListQuery } from './list-records';

export type ExportFormat = 'xlsx' | 'csv';
export const EXPORT_BATCH = 500;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const WORDS = {
  id: { 'zh-CN': '记录编号', en: 'Record id' },
  unit: { 'zh-CN': '组织机构', en: 'Org unit' },
  period: { 'zh-CN': '期间', en: 'Period' },
  state: { 'zh-CN': '状态', en: 'State' },
  files: { 'zh-CN': '附件', en: 'Attachments' },
  updated: { 'zh-CN': '更新时间', en: 'Updated' },
  submitted: { 'zh-CN': '提交时间', en: 'Submitted' },
  file: { 'zh-CN': '导出', en: 'export' },
} as const;

/** A field's header: its title (the path of titles when another field shares it) and its unit in brackets. */
function headers(fields: FormColumn[], l: Locale): string[] {
  const count = new Map<string, number>();
  for (const f of fields) count.set(f.title[l], (count.get(f.title[l]) ?? 0) + 1);
  return fields.map((f) => {
    const name = count.get(f.title[l]) === 1 ? f.title[l] : f.path[l];
    return f.unit ? `${name}(${f.unit})` : name;
  });
}

function formatOf(f: FormColumn): Pick<SheetColumn, 'format' | 'decimals'> {
  if (f.kind === 'integer') return { format: 'integer' };
  if (f.kind === 'number') return { format: 'number' };
  if (f.kind === 'date') return { format: 'date' };
  return { format: 'text' };
}

/** A field's value as a cell shows it: option labels for codes, file names for attachment ids. */
function cellOf(f: FormColumn, v: unknown, files: Map<string, string>): unknown {
  if (v === undefined || v === null) return null;
  if (f.kind === 'attachment') return (Array.isArray(v) ? v : [v]).map((id) => files.get(String(id)) ?? String(id));
  const label = (x: unknown) => (f.labels && (typeof x === 'string' || typeof x === 'number') ? (f.labels[String(x)] ?? x) : x);
  return Array.isArray(v) ? v.map(label) : label(v);
}

interface Prepared {
  fileName: string;
  contentType: string;
  body: Readable;
}

export async function exportRecords(
  ctx: PlatformContext,
  principal: Principal,
  q: ListQuery & { format?: ExportFormat; lang?: Locale },
  address: string | null,
): Promise<Prepared> {
  if (!q.plugin || !q.form)
    throw new HezuoError('BAD_REQUEST', [
      detail(q.plugin ? '/form' : '/plugin', '导出需要指明插件和表单', 'An export names the plugin and the form'),
    ]);
  const { plugin, form } = ctx.registry.form(q.plugin, q.form);
  const format = q.format ?? 'xlsx';
  const l: Locale = q.lang ?? (principal.user.locale === 'en' ? 'en' : 'zh-CN');
  const { filter } = await listFilter(ctx, principal, q);
  const ids = await matchingIds(ctx.db, filter);

  // Taking records out of the system is audited (as a report download is), and so is seeing sensitive values in full.
  const query = { ...q, format, lang: l };
  await appendAudit(ctx.db, {
    actor: principal,
    action: 'export.records',
    target: { type: 'report', id: `${plugin.id}/${form.id}` },
    details: { format, query, records: ids.length },
    address,
  });
  if (form.sensitive.fields.length && principal.scopePaths.some((p) => seesInFull(principal, form.sensitive, p)))
    await appendAudit(ctx.db, {
      actor: principal,
      action: 'sensitive.export',
      target: { type: 'report', id: `${plugin.id}/${form.id}` },
      details: { format, query, records: ids.length },
      address,
    });

  const fields = formColumns(plugin, form);
  const head = sheetHead(ctx, plugin, form, fields, l, ids.length);
  const rowOf = rowMaker(ctx, principal, plugin, fields, l);
  async function* batches() {
    for (let i = 0; i < ids.length; i += EXPORT_BATCH) yield (await exportRows(ctx.db, ids.slice(i, i + EXPORT_BATCH))).map(rowOf);
  }

  const body = new PassThrough();
  const write = async () => {
    if (format === 'xlsx') return streamXlsx(body, head, batches());
    body.write(csvHead(head));
    for await (const rows of batches()) if (!body.write(csvRows(head.columns, rows))) await once(body, 'drain');
    body.end();
  };
  // Refusals were all raised above; a fault now (the database gone mid-way) can only cut the download short.
  write().catch((e) => body.destroy(e as Error));
  const stamp = formatWallClock(wallClock(ctx.clock.now())!, false).replace(/-/g, '');
  return {
    fileName: `${form.manifest.title[l]}-${WORDS.file[l]}-${stamp}.${format}`,
    contentType: format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8',
    body,
  };
}

function sheetHead(
  ctx: PlatformContext,
  plugin: PluginDefinition,
  form: FormDefinition,
  fields: FormColumn[],
  l: Locale,
  count: number,
): SheetHead {
  const at = formatWallClock(wallClock(ctx.clock.now())!, true);
  const title = form.manifest.title[l];
  const word = (k: keyof typeof WORDS) => WORDS[k][l];
  return {
    sheetName: title,
    // Every field of the form: as wide as sheets get.
    orientation: 'landscape',
    titleLines: [l === 'en' ? `${title}: ${count} records, exported ${at}` : `${title}(共 ${count} 条,导出于 ${at})`],
    columns: [
      { key: 'id', header: word('id') },
      { key: 'unit', header: word('unit') },
      { key: 'period', header: word('period') },
      { key: 'state', header: word('state') },
      ...headers(fields, l).map((header, i) => ({ key: fields[i].pointer, header, ...formatOf(fields[i]) })),
      { key: 'files', header: word('files') },
      { key: 'updated', header: word('updated'), format: 'datetime' as const },
      { key: 'submitted', header: word('submitted'), format: 'datetime' as const },
    ],
  };
}

function rowMaker(ctx: PlatformContext, principal: Principal, plugin: PluginDefinition, fields: FormColumn[], l: Locale) {
  return (r: ExportRow): Record<string, unknown> => {
    // Masks and state names by the record's own plugin version; the columns are the active version's fields.
    const own = ctx.registry.find(plugin.id, r.pluginVersion)?.forms.get(r.formId);
    const { data } = maskedRecord(principal, own?.sensitive, r.orgPath, { data: r.data, subject: r.subject, subjectTitle: r.subjectTitle });
    const files = new Map(r.attachments.map((a) => [a.id, a.fileName]));
    const stateTitle: LocalText | undefined = own?.workflow?.states.get(r.state)?.title;
    const row: Record<string, unknown> = {
      id: r.id,
      unit: r.orgUnitName?.[l] ?? null,
      period: r.period,
      state: stateTitle?.[l] ?? r.state,
      files: r.attachments.map((a) => a.fileName),
      updated: r.updatedAt,
      submitted: r.submittedAt,
    };
    for (const f of fields) row[f.pointer] = cellOf(f, getAtPointer(data, f.pointer), files);
    return row;
  };
}
