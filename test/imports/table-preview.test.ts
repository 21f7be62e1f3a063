// The preview of a workbook with a detail sheet, without a server: the table the 收成明细 sheet fills is listed among
// the detail sheets read and not as a field no column covers; the table with no sheet (设备) still is.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/boot/config';
import { createPluginLoader } from '../../platform/plugins/loader';
import { previewImport } from '../../platform/imports/import-preview';

it('counts a table filled by its own sheet as covered', async () => {
  const { plugin } = await createPluginLoader().fromFolder(path.join(REPO_ROOT, 'test/imports/table-plugins/table-demo'));
  const form = plugin!.forms.get('farm')!;
  const wb = new ExcelJS.Workbook();
  const sheets: Record<string, unknown[][]> = {
    主表: [
      ['农场编号', '名称', '成员数'],
      ['F001', '东农场', 12],
    ],
    收成明细: [
      ['编号', '收获年份', '作物', '产量(吨)'],
      ['F001', 2022, '小麦', 10],
    ],
  };
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  const p = await previewImport(
    Buffer.from(await wb.xlsx.writeBuffer()),
    { plugin: plugin!, form, hasDefaultUnit: true, update: false },
    undefined,
    async () => null,
  );
  expect(p.detailSheets.map((d) => [d.table, d.sheet, d.rows])).toEqual([['/harvests', '收成明细', 1]]);
  const uncovered = p.uncovered.map((u) => u.field);
  expect(uncovered).not.toContain('/harvests');
  expect(uncovered).toContain('/machines');
});
