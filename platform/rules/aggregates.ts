// Sums, averages and lengths over the repeating parts of a form (members, plots, …). A missing list counts as
// an empty one, as json-logic-js's map and filter treat non-arrays. Each item visited is paid for (budget.ts).
import { readPath, toNumber } from './values';
import type { Meter } from './budget';

/** The values to aggregate: each item, or its field at a dotted path (own properties only, like `var`). */
function valuesOf(meter: Meter, list: unknown, field: unknown): unknown[] {
  if (!Array.isArray(list)) return [];
  const parts = meter.splitPath(field);
  meter.charge(list.length * (parts === null ? 1 : 1 + parts.length));
  return parts === null ? list : list.map((item) => readPath(item, parts, null));
}

/** Sum of the numbers (and numeric strings); anything else adds nothing. 0 for an empty or missing list. */
export function sumOf(meter: Meter, list: unknown, field?: unknown): number {
  let sum = 0;
  for (const v of valuesOf(meter, list, field)) sum += toNumber(v) ?? 0;
  return sum;
}

/**
 * Mean of the numbers (and numeric strings), skipping everything else — a blank field does not pull the
 * average down, as SQL's AVG skips NULL. Null when there is no number at all.
 */
export function avgOf(meter: Meter, list: unknown, field?: unknown): number | null {
  let sum = 0;
  let count = 0;
  for (const v of valuesOf(meter, list, field)) {
    const n = toNumber(v);
    if (n !== null) {
      sum += n;
      count += 1;
    }
  }
  return count === 0 ? null : sum / count;
}

/**
 * Items of an array, or characters of a string counted as people count them (Unicode code points: a rare
 * character of a name outside the BMP is one, as JSON Schema's maxLength counts). Null/absent is 0; other
 * values have no length: null.
 */
export function lengthOf(meter: Meter, value: unknown): number | null {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'string') {
    meter.scan(value.length);
    let n = 0;
    for (const _ of value) n += 1;
    return n;
  }
  return value === null || value === undefined ? 0 : null;
}
