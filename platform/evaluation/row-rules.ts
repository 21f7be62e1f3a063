// Compute rules that write into every row of a table: `"field": "/<table>/*/<field>"`. The rule runs once per row,
// reading that row as `row` beside everything a rule reads, and each row's field receives its value (null where the
// condition does not hold or the logic gives nothing). Its result (computed.<id>) is the list of the rows' values.
import type { CompiledRule } from '../plugins/types';
import { getAtPointer, setAtPointer } from '../plugins/schema-walk';
import { RULE_BUDGET, type Allowance } from '../rules';
import { runRule } from './run-rule';
import type { RuleError } from './types';

/** The table and the row field a compute rule's `field` names, or null when it names one field. */
export interface RowTarget {
  /** Pointer of the table (an array of objects) in the data: `/dividends`. */
  table: string;
  /** Pointer of the field inside one row: `/arrears`. */
  column: string;
}

/** One `*` segment, between the table and the row field; a pointer without one is an ordinary field. */
export function rowTarget(field: string | undefined): RowTarget | null {
  if (!field) return null;
  const at = field.indexOf('/*/');
  return at < 0 ? null : { table: field.slice(0, at), column: field.slice(at + 2) };
}

const isRow = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Runs the rule on each row of the table and writes the values in. All rows together spend from one rule budget
 * (RULE_BUDGET.steps, or less when the record's allowance has less left), so a table of many rows cannot multiply
 * the rule's allowance; a rule that runs out has an error and writes null into every row.
 */
export function runRowRule(
  compiled: CompiledRule,
  target: RowTarget,
  ctx: Record<string, unknown>,
  data: Record<string, unknown>,
  errors: RuleError[],
  allowance: Allowance,
  observe?: (ctx: unknown) => void,
): unknown[] {
  const found = getAtPointer(data, target.table);
  const rows = Array.isArray(found) ? found : [];
  // What "why" explains: the first row (an empty one when the table is).
  observe?.({ ...ctx, row: isRow(rows[0]) ? rows[0] : {} });
  const own: Allowance = {
    remaining: Math.min(RULE_BUDGET.steps, allowance.remaining),
    limit: allowance.remaining < RULE_BUDGET.steps ? 'record' : 'steps',
  };
  const start = own.remaining;
  let values: unknown[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = isRow(rows[i]) ? rows[i] : {};
    const { applies, value, error } = runRule(compiled, { ...ctx, row }, errors, own);
    if (error) {
      values = rows.map(() => null);
      break;
    }
    values.push(applies ? (value ?? null) : null);
  }
  allowance.remaining -= start - own.remaining;
  rows.forEach((row, i) => {
    if (isRow(row)) setAtPointer(row, target.column, values[i]);
  });
  return values;
}
