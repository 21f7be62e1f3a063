// Building blocks for compiled closures: constants, and the eager call shape most operations share.
import type { Evaluator, Operation } from './types';
import type { Meter } from './budget';
import { copyJson } from './values';

export const evaluateUndefined: Evaluator = () => undefined;

/**
 * A literal. Primitives are returned as they are; objects and arrays as a fresh copy each time, so a caller that
 * changes a result (say, a computed field later patched in place) can never change what the rule returns next.
 */
export function constant(value: unknown): Evaluator {
  if (typeof value !== 'object' || value === null) return () => value;
  // The snapshot never leaves this closure: only copies of it do.
  const snapshot = copyJson(value);
  if (Array.isArray(snapshot) && snapshot.every((x) => typeof x !== 'object' || x === null)) return () => snapshot.slice();
  return () => copyJson(snapshot);
}

/**
 * An operation that evaluates every argument first and then calls `fn` with them — json-logic-js's default.
 * Specialised by argument count so that the common cases make no intermediate array; the argument count is
 * kept, because `+`, `*`, `cat`, `merge`, `min`, `max` depend on it.
 */
export function eager(fn: (...values: any[]) => unknown) {
  return (args: readonly Evaluator[]): Evaluator => {
    switch (args.length) {
      case 0:
        return () => fn();
      case 1: {
        const [a] = args;
        return (d) => fn(a(d));
      }
      case 2: {
        const [a, b] = args;
        return (d) => fn(a(d), b(d));
      }
      case 3: {
        const [a, b, c] = args;
        return (d) => fn(a(d), b(d), c(d));
      }
      default:
        return (d) => {
          const values = new Array(args.length);
          for (let i = 0; i < args.length; i++) values[i] = args[i](d);
          return fn(...values);
        };
    }
  };
}

/** Like `eager`, for operations that also read the data they run on (`missing`, `missing_some`). */
export function eagerWithData(fn: (data: unknown, values: unknown[]) => unknown) {
  return (args: readonly Evaluator[]): Evaluator =>
    (d) => {
      const values = new Array(args.length);
      for (let i = 0; i < args.length; i++) values[i] = args[i](d);
      return fn(d, values);
    };
}

/**
 * For the hot two-argument operators, `fast` is a closure of its own (not one shared through `eager`), so the
 * engine can inline the operator itself; other argument counts take the general path.
 */
export const binary =
  (fast: (a: Evaluator, b: Evaluator) => Evaluator, general: (...values: any[]) => unknown): Operation['build'] =>
  (args) =>
    args.length === 2 ? fast(args[0], args[1]) : eager(general)(args);

/** JavaScript's coercion of an operand to a primitive, with arrays turned into text through the meter. */
export function coercion(meter: Meter) {
  const p = (v: unknown): any => (typeof v === 'object' && v !== null ? meter.primitive(v) : v);
  /** Arrays among the values become their (metered) text, as JavaScript's own coercion would make them. */
  const coerced =
    (fn: (...values: any[]) => unknown) =>
    (...values: unknown[]) => {
      for (let i = 0; i < values.length; i++) values[i] = p(values[i]);
      return fn(...values);
    };
  return { p, coerced };
}
