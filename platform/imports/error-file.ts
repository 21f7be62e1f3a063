// The result file of an import: one line per rejected row — its row number in the uploaded file, the original
// cells under the original headers, and one error column naming each field and what is wrong, in the user's
// language — so the user fixes the lines and imports the file again. Rows stored with warnings (required fields a
// draft left empty) are listed among them, their text starting with 提醒 / Warning, so the user completes them.
import type { Locale } from '../errors';
import { writeXlsx } from '../spreadsheets/write-xlsx';
import type { SheetColumn } from '../spreadsheets/sheet-table';
import type { RejectedRow, RowError } from './import-types';

export function errorText(errors: RowError[], locale: Locale): string {
  return errors.map((e) => (e.field ? `【${e.field[locale]}】${e.message[locale]}` : e.message[locale])).join(locale === 'en' ? '; ' : ';');
}

const WARNING = { 'zh-CN': '提醒:', en: 'Warning: ' } as const;

export async function writeErrorFile(
  header: string[],
  rejected: RejectedRow[],
  locale: Locale,
  title: string,
  warnings: RejectedRow[] = [],
): Promise<Buffer> {
  const zh = locale === 'zh-CN';
  const columns: SheetColumn[] = [
    { key: 'row', header: zh ? '行号' : 'Row', format: 'integer', width: 8 },
    ...header.map((h, i) => ({ key: `c${i}`, header: h || (zh ? `第 ${i + 1} 列` : `Column ${i + 1}`) })),
    { key: 'errors', header: zh ? '错误' : 'Errors', width: 60 },
  ];
  const listed = [
    ...rejected.map((r) => ({ r, text: errorText(r.errors, locale) })),
    ...warnings.map((r) => ({ r, text: WARNING[locale] + errorText(r.errors, locale) })),
  ];
  const rows = listed
    .sort((a, b) => a.r.row - b.r.row)
    .map(({ r, text }) => {
      const out: Record<string, unknown> = { row: r.row, errors: text };
      header.forEach((_, i) => {
        out[`c${i}`] = r.cells[i] instanceof Date ? (r.cells[i] as Date).toISOString().slice(0, 10) : r.cells[i];
      });
      return out;
    });
  return writeXlsx({ sheetName: zh ? '导入错误' : 'Import errors', titleLines: [title], columns, rows });
}
