// The shapes an import takes and gives: what to import, each rejected row with its errors, the counts.
import type { LocalText, Locale } from '../errors';
import type { Cell } from '../spreadsheets/read-table';
import type { TableLimits } from '../spreadsheets/table-limits';

export type ImportMode = 'all' | 'valid';

export interface ImportRequest {
  plugin: string;
  form: string;
  period: string;
  /** Org unit of rows without an org-unit column (or with an empty cell there). */
  orgUnitId?: string;
  mode: ImportMode;
  /** {"<header>": "<pointer>" | "orgUnit"}, over the form's own mapping. */
  mapping?: Record<string, string>;
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
  pointer: string;
  field: LocalText | null;
  message: LocalText;
  keyword?: string;
  code?: string;
}

export interface RejectedRow {
  row: number;
  cells: Cell[];
  errors: RowError[];
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportResult {
  counts: ImportCounts;
  /** True when rows were written (mode valid, or mode all with no row rejected). */
  committed: boolean;
  rejected: RejectedRow[];
  header: string[];
  ignoredColumns: string[];
  /** The error file (.xlsx): rejected rows with their original cells and the errors; null when none was rejected. */
  errorFile: Buffer | null;
}
