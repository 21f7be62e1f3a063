// The shapes an import takes and gives: what to import, each rejected row with its errors, the counts.
import type { LocalText, Locale } from '../errors';
import type { Cell, SkippedRows } from '../spreadsheets/read-table';
import type { AmbiguousColumn, IgnoredColumn } from './column-map';
import type { TableLimits } from '../spreadsheets/table-limits';
import type { DetailSheet } from './detail-sheets';

export type ImportMode = 'all' | 'valid';

export interface ImportRequest {
  plugin: string;
  form: string;
  period: string;
  /** Org unit of rows without an org-unit column (or with an empty cell there). */
  orgUnitId?: string;
  mode: ImportMode;
  /**
   * An update import: each row patches the record its key matches (only the columns the file carries), also in the
   * states the form's import.update.states names; a row matching no record in the user's units is listed back
   * (`unmatched`), never created. Forms declaring import.update.only are always imported this way.
   */
  update?: boolean;
  /**
   * {"<column index or header>": "<pointer>" | "orgUnit" | null (not imported)}, over the automatic mapping
   * (mapping-override.ts); an import with one that commits remembers it for files of the same shape.
   */
  mapping?: Record<string, string | null>;
  /** Path of the file, or its bytes. */
  source: string | Buffer;
  fileName: string;
  locale: Locale;
  limits?: Partial<TableLimits>;
  /** Named in the audit events' comment. */
  jobId?: string;
  onProgress?: (processed: number, total: number) => void | Promise<void>;
}

/**
 * One thing wrong with one row: the data pointer (or '' for the row itself), the field's title, the message; for a
 * refusal of the write planning step (plan-write.ts), the error code the API gives for the same write.
 */
export interface RowError {
  row: number;
  /** A detail sheet's row (detail-sheets.ts): the sheet; absent for the main sheet. */
  sheet?: string;
  pointer: string;
  field: LocalText | null;
  message: LocalText;
  keyword?: string;
  code?: string;
}

export interface RejectedRow {
  row: number;
  /** A detail sheet's row whose key matches no main row: the sheet; absent for the main sheet. */
  sheet?: string;
  cells: Cell[];
  errors: RowError[];
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Update imports only: rows whose key matches no record in the user's units (listed back, not created). */
  unmatched?: number;
}

/** A record whose classify outcomes an update import changed: each rule's value before and after. */
export interface ClassChange {
  row: number;
  recordId: string;
  subject: string | null;
  subjectTitle: string | null;
  changes: { rule: string; before: unknown; after: unknown }[];
}

export interface ImportResult {
  counts: ImportCounts;
  /** True when rows were written (mode valid, or mode all with no row rejected). */
  committed: boolean;
  rejected: RejectedRow[];
  /** Update imports: the rows matching no record, with their cells and why (also in the error file). */
  unmatched: RejectedRow[];
  /** Rows stored as drafts that leave required fields empty, each with one warning per field (not rejections). */
  warnings: RejectedRow[];
  /** Update imports: records whose classes changed (none when nothing was committed). */
  classChanges: ClassChange[];
  header: string[];
  /** Headers of the columns that filled no field (ignored and ambiguous ones), in file order. */
  ignoredColumns: string[];
  /** Where the table was found: the sheet (null for a CSV), its header rows, the rows after them that were read. */
  table: ImportTableInfo;
  /** Detail sheets read for table fields (detail-sheets.ts), and a note when a CSV cannot carry them. */
  detailSheets: DetailSheet[];
  notes: LocalText[];
  /** Rows that are not records (totals, signatures, notes, template rows…), skipped and counted, never rejected. */
  skipped: SkippedRows;
  /** Columns filling no field, each with the most similar field. */
  ignored: IgnoredColumn[];
  /** Columns whose header names two fields: they fill neither until a mapping says which. */
  ambiguous: AmbiguousColumn[];
  /** The error file (.xlsx): rejected and unmatched rows, and rows with warnings, with their original cells and why; null when there are none. */
  errorFile: Buffer | null;
}

export interface ImportTableInfo {
  sheet: string | null;
  headerRows: number[];
  dataRows: { first: number; last: number } | null;
}
