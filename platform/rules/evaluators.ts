// Building blocks for compiled closures: constants, and the eager call shape most operations share.
import type { Evaluator } from './types';
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
  return (args: readonly Evaluator[]): Evaluator => (d) => {
    const values = new Array(args.length);
    for (let i = 0; i < args.length; i++) values[i] = args[i](d);
    return fn(d, values);
  };
}
