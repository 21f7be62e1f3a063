// Rounding and ratios for rules that report money, areas and shares: results a person can check on paper.
import { toInteger, toNumber } from './values';

/** Moves the decimal point through the string form, so 1.005 stays 1.005 and does not become 100.49999… */
function shift(x: number, digits: number): number {
  const [mantissa, exponent = '0'] = String(x).split('e');
  return Number(`${mantissa}e${Number(exponent) + digits}`);
}

export const MAX_ROUND_DIGITS = 15;

/**
 * Rounds half away from zero (2.5 → 3, -2.5 → -3, 1.005 → 1.01 with 2 digits), as people and spreadsheets
 * round. Negative digits round to tens, hundreds… Null when x is not a number or digits is not a whole number
 * within ±15.
 */
export function round(x: unknown, digits: unknown = 0): number | null {
  const n = toNumber(x);
  const d = digits === undefined || digits === null ? 0 : toInteger(digits);
  if (n === null || d === null || Math.abs(d) > MAX_ROUND_DIGITS) return null;
  const r = Math.sign(n) * shift(Math.round(shift(Math.abs(n), d)), -d);
  if (!Number.isFinite(r)) return n; // so large that the digits asked for are beyond its precision anyway
  return r === 0 ? 0 : r; // no -0
}

/**
 * Rounds down (towards minus infinity) to `digits` decimals: 16.83 → 16.8 with 1 digit, -2.55 → -2.6, 1299 → 1200
 * with -2. Null as for round.
 */
export function floor(x: unknown, digits: unknown = 0): number | null {
  const n = toNumber(x);
  const d = digits === undefined || digits === null ? 0 : toInteger(digits);
  if (n === null || d === null || Math.abs(d) > MAX_ROUND_DIGITS) return null;
  const r = shift(Math.floor(shift(n, d)), -d);
  if (!Number.isFinite(r)) return n;
  return r === 0 ? 0 : r;
}

/** a / b, or null when either is not a number or b is 0 (a share of nothing is unknown, not Infinity). */
export function ratio(a: unknown, b: unknown): number | null {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === null || y === null || y === 0) return null;
  const r = x / y;
  return Number.isFinite(r) ? r : null;
}
