// The comparison operators (==, ===, !=, !==, >, >=, <, <=) with json-logic-js semantics: loose equality and
// JavaScript's relational coercions, an array operand turned into text through the meter. The common shapes
// (two operands, one of them a literal primitive) get closures of their own, built at compile time.
import type { Evaluator, Operation } from './types';
import type { Meter } from './budget';
import { binary, coercion } from './evaluators';

/* `any` on purpose: these take whatever JSON a rule hands them, and their coercions are JavaScript's. */

const op = (name: string, build: Operation['build']): Operation => Object.freeze({ name, build });

/** A literal operand that is not an object or array (null included): its value, known at compile time. */
const isPrimitive = (raw: unknown) => typeof raw !== 'object' || raw === null;

/**
 * A two-argument operator with one literal primitive operand: the literal is read once here, so a run evaluates
 * one closure; `left`/`right` get the literal and the other operand, and build the closure of that shape.
 */
const withLiteral =
  (
    left: (x: unknown, b: Evaluator) => Evaluator,
    right: (a: Evaluator, y: unknown) => Evaluator,
    otherwise: Operation['build'],
  ): Operation['build'] =>
  (args, raw) => {
    if (args.length === 2 && isPrimitive(raw[1])) return right(args[0], args[1](undefined));
    if (args.length === 2 && isPrimitive(raw[0])) return left(args[0](undefined), args[1]);
    return otherwise(args, raw);
  };

/** `==`/`!=` turn an object into a primitive only against a primitive that is not null/undefined. */
const looseEquals = (meter: Meter, x: any, y: any): boolean => {
  if (Array.isArray(x) && typeof y !== 'object' && y !== undefined) return meter.primitive(x) == y;
  if (Array.isArray(y) && typeof x !== 'object' && x !== undefined) return x == meter.primitive(y);
  return x == y;
};

export function comparisonOperations(meter: Meter): Operation[] {
  const { p, coerced } = coercion(meter);
  // Only an object operand needs coercing (p): against a literal primitive, only the other side is tested.
  const compare = (fn: (a: any, b: any) => boolean, general: (...values: any[]) => unknown) =>
    withLiteral(
      (x, b) => (d) => {
        const y = b(d);
        return typeof y === 'object' ? fn(x, p(y)) : fn(x, y);
      },
      (a, y) => (d) => {
        const x = a(d);
        return typeof x === 'object' ? fn(p(x), y) : fn(x, y);
      },
      binary(
        (a, b) => (d) => {
          const x = a(d);
          const y = b(d);
          return typeof x === 'object' || typeof y === 'object' ? fn(p(x), p(y)) : fn(x, y);
        },
        coerced(general),
      ),
    );
  // Against a literal that is not null, only an array operand is turned into text first (looseEquals).
  const equals = (negate: boolean) =>
    withLiteral(
      (x, b) =>
        x === null
          ? (d) => (b(d) == null) !== negate
          : (d) => {
              const y = b(d);
              return (Array.isArray(y) ? x == meter.primitive(y) : x == y) !== negate;
            },
      (a, y) =>
        y === null
          ? (d) => (a(d) == null) !== negate
          : (d) => {
              const x = a(d);
              return (Array.isArray(x) ? meter.primitive(x) == y : x == y) !== negate;
            },
      binary(
        negate ? (a, b) => (d) => !looseEquals(meter, a(d), b(d)) : (a, b) => (d) => looseEquals(meter, a(d), b(d)),
        negate ? (a: any, b: any) => !looseEquals(meter, a, b) : (a: any, b: any) => looseEquals(meter, a, b),
      ),
    );
  const strictEquals = (negate: boolean) =>
    withLiteral(
      (x, b) => (d) => (x === b(d)) !== negate,
      (a, y) => (d) => (a(d) === y) !== negate,
      binary(
        (a, b) => (d) => (a(d) === b(d)) !== negate,
        (a, b) => (a === b) !== negate,
      ),
    );

  return [
    op('==', equals(false)),
    op('===', strictEquals(false)),
    op('!=', equals(true)),
    op('!==', strictEquals(true)),
    op(
      '>',
      compare(
        (a, b) => a > b,
        (a: any, b: any) => a > b,
      ),
    ),
    op(
      '>=',
      compare(
        (a, b) => a >= b,
        (a: any, b: any) => a >= b,
      ),
    ),
    // With a third argument, `<` and `<=` test "between": a < b < c.
    op(
      '<',
      compare(
        (a, b) => a < b,
        (a: any, b: any, c?: any) => (c === undefined ? a < b : a < b && b < c),
      ),
    ),
    op(
      '<=',
      compare(
        (a, b) => a <= b,
        (a: any, b: any, c?: any) => (c === undefined ? a <= b : a <= b && b <= c),
      ),
    ),
  ];
}
