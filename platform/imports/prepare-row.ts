// One spreadsheet row as form data and an org unit: each mapped cell converted by its field's type and written at
// the field's pointer; conversion failures become the row's errors, named by field.
import { setAtPointer } from '../plugins/schema-walk';
import type { PluginDefinition } from '../plugins/types';
import type { OrgUnit } from '../store/orgs-store';
import type { TableRow } from '../spreadsheets/read-table';
import type { ColumnMap, ItemField, ValueAliases } from './column-map';
import { convertCell, splitList, type Converted } from './convert-cell';
import type { Cell } from '../spreadsheets/read-table';
import type { LocalText } from '../errors';
import type { UnitLookup } from './org-unit-lookup';
import type { RowError } from './import-types';

export interface PreparedRow {
  row: number;
  data: Record<string, unknown>;
  unit: OrgUnit | null;
  errors: RowError[];
}

/** A list-of-objects cell: each part converted by the item field's schema, one object per part. */
function convertItems(
  cell: Cell,
  item: ItemField,
  title: LocalText,
  en: Readonly<Record<string, string>>,
  aliases?: ValueAliases,
  headerUnit?: string,
): Converted | undefined {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return undefined;
  const parts = typeof cell === 'string' ? splitList(cell) : [cell];
  const out: Record<string, unknown>[] = [];
  for (const part of parts) {
    const c = convertCell(part, item.schema, title, en, aliases, headerUnit);
    if (c && 'error' in c) return c;
    const obj: Record<string, unknown> = {};
    if (c) setAtPointer(obj, item.pointer, c.value);
    out.push(obj);
  }
  return { value: out };
}

export function prepareRow(
  plugin: PluginDefinition,
  map: ColumnMap,
  r: TableRow,
  defaultUnit: OrgUnit | null,
  lookup: UnitLookup,
  /** An update import: the matched record keeps its unit, so a row needs none. */
  update = false,
): PreparedRow {
  const data: Record<string, unknown> = {};
  const errors: RowError[] = [];
  let unit = defaultUnit;
  map.targets.forEach((t, i) => {
    const cell = r.cells[i];
    if (t.kind === 'field') {
      // The unit a header names ("成员出资总额(万元)"), when the column map found one (column-map.ts).
      const headerUnit = t.headerUnit;
      const c = t.item
        ? convertItems(cell, t.item, t.field.title, plugin.translations.en, t.aliases, headerUnit)
        : convertCell(cell, t.field.schema, t.field.title, plugin.translations.en, t.aliases, headerUnit);
      if (!c) return;
      if ('error' in c)
        errors.push({ row: r.rowNumber, pointer: t.field.pointer, field: t.field.title, message: c.error, keyword: c.keyword });
      else setAtPointer(data, t.field.pointer, c.value);
    } else if (t.kind === 'orgUnit' && cell !== null && String(cell).trim() !== '') {
      const found = lookup(String(cell));
      if ('unit' in found) unit = found.unit;
      else
        errors.push({
          row: r.rowNumber,
          pointer: '',
          field: { 'zh-CN': '组织机构', en: 'Org unit' },
          message: found.error,
          keyword: 'orgUnit',
        });
    }
  });
  if (!unit && !update && !errors.some((e) => e.keyword === 'orgUnit')) {
    errors.push({
      row: r.rowNumber,
      pointer: '',
      field: { 'zh-CN': '组织机构', en: 'Org unit' },
      message: {
        'zh-CN': '未填写组织机构,且导入时未指定默认组织机构',
        en: 'No org unit in the row and no default org unit for the import',
      },
      keyword: 'orgUnit',
    });
  }
  return { row: r.rowNumber, data, unit, errors };
}
