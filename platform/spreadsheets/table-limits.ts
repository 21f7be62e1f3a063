// What an import file may be at most. Every limit is checked before or while reading, never after: a file past
// one is refused before any row is imported, and reading stops at the first row past the row limit.
import { HezuoError, detail } from '../errors';

export interface TableLimits {
  /** Size of the file as uploaded. */
  maxBytes: number;
  /** Data rows after the header. */
  maxRows: number;
  /** Cells in a row. */
  maxColumns: number;
  /** .xlsx: sum of the unpacked sizes of all zip entries. */
  maxUnpackedBytes: number;
  /** .xlsx: unpacked ÷ packed size of any entry larger than 1 MiB unpacked. */
  maxRatio: number;
  /** .xlsx: entries in the zip. */
  maxEntries: number;
}

export const DEFAULT_TABLE_LIMITS: TableLimits = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxRows: 200_000,
  maxColumns: 500,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 2_000,
});

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

export const refuseSize = (limit: number, actual: number) =>
  new HezuoError('IMPORT_TOO_LARGE', [
    detail('/file', `文件为 ${mib(actual)},超过上限 ${mib(limit)}`, `The file is ${mib(actual)}, over the limit of ${mib(limit)}`, {
      params: { limit, actual },
    }),
  ]);

export const refuseRows = (limit: number) =>
  new HezuoError('IMPORT_TOO_MANY_ROWS', [
    detail('/file', `数据行超过 ${limit} 行,请拆分文件`, `More than ${limit} data rows; split the file`, { params: { limit } }),
  ]);

export const refuseColumns = (limit: number, row: number) =>
  new HezuoError('IMPORT_TOO_MANY_COLUMNS', [
    detail('/file', `第 ${row} 行超过 ${limit} 列`, `Row ${row} has more than ${limit} columns`, { params: { limit, row } }),
  ]);

export const invalidFile = (zh: string, en: string, params?: Record<string, unknown>) =>
  new HezuoError('IMPORT_FILE_INVALID', [detail('/file', zh, en, params ? { params } : {})]);
