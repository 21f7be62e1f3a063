// The result file of an import: one line per rejected row — its row number in the uploaded file, the original
// cells under the original headers, and one error column naming each field and what is wrong, in the user's
// language — so the user fixes the lines and imports the file again.
import type { Locale } from '../errors';
import { writeXlsx } from '../spreadsheets/write-xlsx';
import type { SheetColumn } from '../spreadsheets/sheet-table';
import type { RejectedRow, RowError } from './import-types';

export function errorText(errors: RowError[], locale: Locale): string {
  return errors.map((e) => (e.field ? `【${e.field[locale]}】${e.message[locale]}` : e.message[locale])).join(locale === 'en' ? '; ' : ';');
}

export async function writeErrorFile(header: string[], rejected: RejectedRow[], locale: Locale, title: string): Promise<Buffer> {
  const zh = locale === 'zh-CN';
  const columns: SheetColumn[] = [
    { key: 'row', header: zh ? '行号' : 'Row', format: 'integer', width: 8 },
    ...header.map((h, i) => ({ key: `c${i}`, header: h || (zh ? `第 ${i + 1} 列` : `Column ${i + 1}`) })),
    { key: 'errors', header: zh ? '错误' : 'Errors', width: 60 },
  ];
  const rows = [...rejected]
    .sort((a, b) => a.row - b.row)
    .map((r) => {
      const out: Record<string, unknown> = { row: r.row, errors: errorText(r.errors, locale) };
      header.forEach((_, i) => {
        out[`c${i}`] = r.cells[i] instanceof Date ? (r.cells[i] as Date).toISOString().slice(0, 10) : r.cells[i];
      });
      return out;
    });
  return writeXlsx({ sheetName: zh ? '导入错误' : 'Import errors', titleLines: [title], columns, rows });
}
