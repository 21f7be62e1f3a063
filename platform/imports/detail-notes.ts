// What an import says about its table fields besides errors: a CSV holds one sheet, so its tables are not imported,
// and a workbook without a table's sheet leaves that table as it is. Notes, not errors: the main sheet's records
// are imported either way. Also the key's title, which names the detail rows' key column in their errors.
import type { LocalText } from '../errors';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { DetailTables } from './detail-sheets';
import { titleAt } from './form-fields';

/** The record key's field titles, joined (统一社会信用代码). */
export function keyTitle(plugin: PluginDefinition, form: FormDefinition, keyPointers: string[]): LocalText {
  const titles = keyPointers.map((p) => titleAt(plugin, form, p));
  return { 'zh-CN': titles.map((t) => t['zh-CN']).join('、'), en: titles.map((t) => t.en).join(', ') };
}

export function detailNotes(d: DetailTables, plugin?: PluginDefinition, form?: FormDefinition): LocalText[] {
  if (!d.missing.length) return [];
  const names = d.missing.map((p) => (plugin && form ? titleAt(plugin, form, p) : { 'zh-CN': p, en: p }));
  const zh = names.map((n) => `“${n['zh-CN']}”`).join('、');
  const en = names.map((n) => `"${n.en}"`).join(', ');
  if (d.csv)
    return [
      {
        'zh-CN': `CSV 文件只有一张表,表格字段 ${zh} 不导入;请用 .xlsx 文件并为其各建一张明细表`,
        en: `A CSV file holds one sheet, so the tables ${en} are not imported; use an .xlsx file with a sheet for each`,
      },
    ];
  return [
    {
      'zh-CN': `文件中没有表格字段 ${zh} 的明细表(工作表名为字段名称),这些表格不导入`,
      en: `The file has no sheet for the tables ${en} (a sheet named by the field's title), so they are not imported`,
    },
  ];
}
