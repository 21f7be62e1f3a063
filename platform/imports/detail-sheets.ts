// Reads the detail sheets of an import (table-fields.ts): each table field's sheet is mapped as the main sheet is
// (column-map.ts), its cells converted by the same converter (prepare-row.ts), and its rows grouped by the record's
// key in sheet order. The main sheet's rows then take their tables by key (`attachTables`); a detail row whose key no
// main row has is rejected on its own, naming its sheet and row. Detail sheets are read whole before the main sheet's
// rows: each is bounded by the same row limit, and a table belongs to one record, so it must be complete first.
import { HezuoError, detail, type LocalText } from '../errors';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { getAtPointer, setAtPointer } from '../plugins/schema-walk';
import { openTable, sheetNames } from '../spreadsheets/read-table';
import type { TableLimits } from '../spreadsheets/table-limits';
import { headerMatcher, mapColumns } from './column-map';
import { normHeader } from './header-words';
import { prepareRow, type PreparedRow } from './prepare-row';
import { tableFields, type TableField } from './table-fields';
import { unitLookup } from './org-unit-lookup';
import type { RejectedRow, RowError } from './import-types';
import type { Cell } from '../spreadsheets/read-table';

/** A detail sheet read: its table field, the sheet, its header and which column filled which field of a row. */
export interface DetailSheet {
  table: string;
  title: LocalText;
  sheet: string;
  headerRows: number[];
  columns: { column: number; header: string; field: string | null }[];
  rows: number;
}

interface DetailRow {
  sheet: string;
  row: number;
  cells: Cell[];
  item: Record<string, unknown>;
  errors: RowError[];
}

export interface DetailTables {
  sheets: DetailSheet[];
  /** Table fields no sheet was found for (or all of them for a CSV), by pointer. */
  missing: string[];
  csv: boolean;
  /** Record key (as import-batch.ts writes it) → table pointer → its rows, in sheet order. */
  byKey: Map<string, Map<string, DetailRow[]>>;
  /** Rows whose key cells are empty: rejected on their own. */
  keyless: DetailRow[];
  /** Keys some main row took. */
  used: Set<string>;
}

const where = (sheet: string, row: number): LocalText => ({
  'zh-CN': `明细表“${sheet}”第 ${row} 行:`,
  en: `sheet "${sheet}", row ${row}: `,
});
const prefixed = (e: RowError, sheet: string, row: number): RowError => {
  const w = where(sheet, row);
  return { ...e, sheet, message: { 'zh-CN': w['zh-CN'] + e.message['zh-CN'], en: w.en + e.message.en } };
};

export const keyString = (keyPointers: string[], data: unknown): string | null => {
  const values = keyPointers.map((p) => getAtPointer(data, p));
  return values.some((v) => v === undefined || v === null || v === '') ? null : JSON.stringify(values);
};

async function readOne(
  plugin: PluginDefinition,
  t: TableField,
  sheet: string,
  source: string | Buffer,
  limits: Partial<TableLimits> | undefined,
  out: DetailTables,
): Promise<void> {
  const table = await openTable(source, limits, headerMatcher(plugin, t.sheetForm), sheet);
  try {
    let map;
    try {
      map = mapColumns(plugin, t.sheetForm, table.header, undefined, table.headerPaths);
    } catch (e) {
      // The pointer names the sheet, so the user knows which of the workbook's sheets to fix.
      if (e instanceof HezuoError)
        throw new HezuoError(
          e.code,
          e.details.map((d) =>
            detail(`/sheets/${sheet}${d.pointer}`, `明细表“${sheet}”:${d.message['zh-CN']}`, `Sheet "${sheet}": ${d.message.en}`),
          ),
        );
      throw e;
    }
    const info: DetailSheet = {
      table: t.field.pointer,
      title: t.field.title,
      sheet,
      headerRows: table.headerRows,
      columns: table.header.map((h, i) => {
        const target = map.targets[i];
        return { column: i, header: h, field: target.kind === 'field' ? target.field.pointer : null };
      }),
      rows: 0,
    };
    const noUnits = unitLookup([]);
    for await (const r of table.rows) {
      info.rows++;
      const p: PreparedRow = prepareRow(plugin, map, r, null, noUnits, true);
      const key = keyString(t.keyPointers, p.data);
      const item: Record<string, unknown> = {};
      for (const ip of t.itemPointers) {
        const v = getAtPointer(p.data, ip);
        if (v !== undefined) setAtPointer(item, ip, v);
      }
      const row: DetailRow = {
        sheet,
        row: r.rowNumber,
        cells: r.cells,
        item,
        errors: p.errors.map((e) => prefixed(e, sheet, r.rowNumber)),
      };
      if (key === null) {
        out.keyless.push(row);
        continue;
      }
      const tables = out.byKey.get(key) ?? new Map<string, DetailRow[]>();
      out.byKey.set(key, tables);
      const rows = tables.get(t.field.pointer) ?? [];
      tables.set(t.field.pointer, rows);
      rows.push(row);
    }
    out.sheets.push(info);
  } finally {
    await table.close();
  }
}

/** Reads every table field's detail sheet of the workbook (none for a CSV). */
export async function readDetailTables(
  plugin: PluginDefinition,
  form: FormDefinition,
  source: string | Buffer,
  limits?: Partial<TableLimits>,
): Promise<DetailTables> {
  const tables = tableFields(plugin, form);
  const names = tables.length ? await sheetNames(source, limits) : [];
  const out: DetailTables = { sheets: [], missing: [], csv: false, byKey: new Map(), keyless: [], used: new Set() };
  if (tables.length && names.length === 0) out.csv = true;
  for (const t of tables) {
    const sheet = names.find((n) => t.sheetNames.includes(normHeader(n)));
    if (sheet === undefined) out.missing.push(t.field.pointer);
    else await readOne(plugin, t, sheet, source, limits, out);
  }
  return out;
}

/** Fills a main row's tables from the detail rows of its key; their errors become the row's (with sheet and row). */
export function attachTables(d: DetailTables, keyPointers: string[], p: PreparedRow): void {
  if (!d.sheets.length) return;
  const key = keyString(keyPointers, p.data);
  const tables = key === null ? undefined : d.byKey.get(key);
  if (!tables || key === null) return;
  d.used.add(key);
  for (const [pointer, rows] of tables) {
    setAtPointer(
      p.data,
      pointer,
      rows.map((r) => r.item),
    );
    rows.forEach((r, i) => {
      for (const e of r.errors) p.errors.push({ ...e, row: r.row, pointer: e.pointer ? `${pointer}/${i}${e.pointer}` : pointer });
    });
  }
}

/** The detail rows no main row took, and those without a key: rejected on their own, naming sheet, row and key. */
export function orphanRows(d: DetailTables, keyTitle: LocalText): RejectedRow[] {
  const out: RejectedRow[] = [];
  const reject = (r: DetailRow, message: LocalText) =>
    out.push({
      row: r.row,
      sheet: r.sheet,
      cells: r.cells,
      errors: [{ row: r.row, sheet: r.sheet, pointer: '', field: keyTitle, message, keyword: 'detailKey' }],
    });
  for (const [key, tables] of d.byKey) {
    if (d.used.has(key)) continue;
    const shown = (JSON.parse(key) as unknown[]).join(' / ');
    for (const rows of tables.values())
      for (const r of rows) {
        const w = where(r.sheet, r.row);
        reject(r, {
          'zh-CN': `${w['zh-CN']}主表中没有${keyTitle['zh-CN']}为 ${shown} 的记录`,
          en: `${w.en}no row of the main sheet has ${keyTitle.en} ${shown}`,
        });
      }
  }
  for (const r of d.keyless) {
    const w = where(r.sheet, r.row);
    reject(r, {
      'zh-CN': `${w['zh-CN']}未填写${keyTitle['zh-CN']},无法归入主表的记录`,
      en: `${w.en}${keyTitle.en} is empty, so the row belongs to no record`,
    });
  }
  return out;
}
