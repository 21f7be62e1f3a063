// A form's import template: a first sheet with a title line, the header row (titles with units, see
// template-columns.ts), one example row, code and text columns formatted as text so Excel keeps every digit of
// an ID; and a second sheet 填表说明 saying of each column what it means, its format, whether it is required and
// its allowed values. The importer reads the first sheet and skips the one-cell title line, so the template,
// with the example row replaced by real rows, imports unchanged. A .csv has the first sheet only.
import ExcelJS from 'exceljs';
import type { Locale } from '../errors';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { safeText } from '../spreadsheets/sheet-table';
import { writeCsv } from '../spreadsheets/write-csv';
import { ORG_UNIT_HEADERS } from './column-map';
import { templateColumns, type TemplateColumn } from './template-columns';
import { tableFields, type TableField } from './table-fields';

export type TemplateFormat = 'xlsx' | 'csv';

const words = {
  'zh-CN': {
    sheet: '导入模板',
    guide: '填表说明',
    title: (form: string) => `${form}导入模板(第 3 行为示例,请替换为实际数据;各列说明见“填表说明”工作表)`,
    orgUnit: '组织机构',
    orgUnitMeaning: '记录所属的组织机构,填代码或名称;不填时使用导入时选择的默认组织机构',
    orgUnitFormat: '文本',
    columns: ['列名', '含义', '格式', '是否必填', '可选值', '示例'],
    yes: '必填',
    no: '选填',
  },
  en: {
    sheet: 'Import template',
    guide: 'Instructions',
    title: (form: string) => `${form}: import template (row 3 is an example, replace it with your rows; see the Instructions sheet)`,
    orgUnit: 'Org unit',
    orgUnitMeaning: "The record's org unit, by code or name; when empty, the default org unit chosen for the import",
    orgUnitFormat: 'text',
    columns: ['Column', 'Meaning', 'Format', 'Required', 'Allowed values', 'Example'],
    yes: 'required',
    no: 'optional',
  },
} as const;

/** The org-unit column's header: the form's own (import.orgUnitColumn), else the platform's. */
function orgUnitHeader(form: FormDefinition, locale: Locale): string {
  const declared = form.manifest.import?.orgUnitColumn;
  const first = Array.isArray(declared) ? declared[0] : declared;
  return first ?? (locale === 'en' ? ORG_UNIT_HEADERS[1] : ORG_UNIT_HEADERS[0]);
}

const width = (s: string) => Math.min(40, Math.max(10, [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) + 2));

/** A table field's sheet: its title as the sheet's name, the record's key columns and the row's fields, one example row. */
function detailSheet(wb: ExcelJS.Workbook, plugin: PluginDefinition, t: TableField, locale: Locale): void {
  const cols = templateColumns(plugin, t.sheetForm);
  const ws = wb.addWorksheet(t.field.title[locale].slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  cols.forEach((c, j) => {
    const col = ws.getColumn(j + 1);
    col.width = width(c.header[locale]);
    if (c.text) col.numFmt = '@';
    const cell = ws.getCell(1, j + 1);
    cell.value = safeText(c.header[locale]);
    cell.font = c.required ? { bold: true, color: { argb: 'FFC00000' } } : { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    ws.getCell(2, j + 1).value = safeText(c.example[locale]);
  });
}

export interface Template {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export async function importTemplate(
  plugin: PluginDefinition,
  form: FormDefinition,
  format: TemplateFormat,
  locale: Locale,
): Promise<Template> {
  const w = words[locale];
  // Table fields have a sheet each (detail-sheets.ts), so the main sheet leaves them out.
  const tables = format === 'xlsx' ? tableFields(plugin, form) : [];
  const inTables = new Set(tables.map((t) => t.field.pointer));
  const cols: TemplateColumn[] = templateColumns(plugin, form).filter((c) => !inTables.has(c.pointer));
  const headers = [orgUnitHeader(form, locale), ...cols.map((c) => c.header[locale])];
  const example = ['', ...cols.map((c) => c.example[locale])];
  const title = w.title(form.manifest.title[locale]);
  const base = `${form.manifest.title[locale]}-${locale === 'en' ? 'template' : '导入模板'}`;

  if (format === 'csv') {
    const csv = writeCsv({
      sheetName: w.sheet,
      titleLines: [title],
      columns: headers.map((h, i) => ({ key: `c${i}`, header: h })),
      rows: [Object.fromEntries(example.map((v, i) => [`c${i}`, v]))],
    });
    return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', bytes: Buffer.from(csv, 'utf8') };
  }

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.getCell(1, 1).value = safeText(title);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  if (headers.length > 1) ws.mergeCells(1, 1, 1, headers.length);
  headers.forEach((h, j) => {
    const col = ws.getColumn(j + 1);
    col.width = width(h);
    // Text columns stay text for the rows people add (Excel would turn an 18-digit ID into 4.40106E+17).
    if (j === 0 || cols[j - 1].text) col.numFmt = '@';
    const cell = ws.getCell(2, j + 1);
    cell.value = safeText(h);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    if (j > 0 && cols[j - 1].required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
  example.forEach((v, j) => {
    if (v !== '') ws.getCell(3, j + 1).value = safeText(v);
  });

  for (const t of tables) detailSheet(wb, plugin, t, locale);

  const guide = wb.addWorksheet(w.guide);
  guide.addRow([...w.columns]).font = { bold: true };
  guide.addRow([headers[0], w.orgUnitMeaning, w.orgUnitFormat, w.no, '', '']);
  for (const c of cols) {
    guide.addRow(
      [
        c.header[locale],
        c.description[locale],
        c.format[locale],
        c.required ? w.yes : w.no,
        c.allowed?.[locale] ?? '',
        c.example[locale],
      ].map(safeText),
    );
  }
  [24, 48, 36, 10, 40, 24].forEach((wd, i) => (guide.getColumn(i + 1).width = wd));
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes };
}
