// JsonLogic's own operations with json-logic-js 2.0.5 semantics, including its quirks (loose `==`, `+` through
// parseFloat, `*` with one argument returning it untouched, `and`/`or` returning the deciding value). Each is a
// closure builder: nothing is looked up by name while a rule runs.
import type { Evaluator, Operation } from './types';
import { eager, eagerWithData, evaluateUndefined } from './evaluators';
import { argumentsOf, isConstant, readPath, readVar, splitPath, truthy } from './values';

/* eslint-disable @typescript-eslint/no-explicit-any -- these operations take whatever JSON a rule hands them,
   and their coercions are exactly JavaScript's, which is the point of matching json-logic-js. */

const argOr = (args: readonly Evaluator[], i: number): Evaluator => args[i] ?? evaluateUndefined;

/** `if` and `?:`: condition/consequent pairs, an optional final else, null when nothing matched. */
function buildIf(args: readonly Evaluator[]): Evaluator {
  const n = args.length;
  if (n === 3) {
    const [c, t, e] = args;
    return (d) => (truthy(c(d)) ? t(d) : e(d));
  }
  return (d) => {
    let i = 0;
    for (; i < n - 1; i += 2) if (truthy(args[i](d))) return args[i + 1](d);
    return n === i + 1 ? args[i](d) : null;
  };
}

/** `and` returns the first falsy value or the last one; `or` the first truthy or the last (undefined if none). */
function buildAnd(args: readonly Evaluator[]): Evaluator {
  if (args.length === 2) {
    const [a, b] = args;
    return (d) => {
      const x = a(d);
      return truthy(x) ? b(d) : x;
    };
  }
  return (d) => {
    let current: unknown;
    for (let i = 0; i < args.length; i++) if (!truthy((current = args[i](d)))) return current;
    return current;
  };
}

function buildOr(args: readonly Evaluator[]): Evaluator {
  if (args.length === 2) {
    const [a, b] = args;
    return (d) => {
      const x = a(d);
      return truthy(x) ? x : b(d);
    };
  }
  return (d) => {
    let current: unknown;
    for (let i = 0; i < args.length; i++) if (truthy((current = args[i](d)))) return current;
    return current;
  };
}

/**
 * The array operations run their second argument with each item as the data (reduce: with
 * `{current, accumulator}`); anything but an array counts as empty, as in json-logic-js.
 */
function scoped(run: (items: unknown[], logic: Evaluator, d: unknown) => unknown, ifNotArray: () => unknown) {
  return (args: readonly Evaluator[]): Evaluator => {
    const list = argOr(args, 0);
    const logic = argOr(args, 1);
    return (d) => {
      const items = list(d);
      return Array.isArray(items) ? run(items, logic, d) : ifNotArray();
    };
  };
}

function buildReduce(args: readonly Evaluator[]): Evaluator {
  const list = argOr(args, 0);
  const logic = argOr(args, 1);
  const initial = args.length > 2 ? args[2] : () => null;
  return (d) => {
    const items = list(d);
    const start = initial(d);
    if (!Array.isArray(items)) return start;
    // A fresh object literal per step: the rule can read current/accumulator but never write anywhere.
    return items.reduce((accumulator, current) => logic({ current, accumulator }), start);
  };
}

/** `var`: a literal path is split once at compile time; only own properties are read (see values.ts). */
function buildVar(args: readonly Evaluator[], raw: readonly unknown[]): Evaluator {
  if (args.length > 2 || !isConstant(raw[0])) return eagerWithData((d, values) => readVar(d, values[0], values[1]))(args);
  const parts = splitPath(argOr(args, 0)(undefined));
  const fallbackArg = argOr(args, 1);
  if (isConstant(raw[1])) {
    const fallback = fallbackArg(undefined);
    const notFound = fallback === undefined ? null : fallback;
    if (parts === null) return (d) => d;
    if (typeof notFound !== 'object' || notFound === null) return (d) => readPath(d, parts, notFound);
  }
  // A computed default is evaluated first, as json-logic-js does; a literal object default is copied afresh.
  return (d) => {
    const fallback = fallbackArg(d);
    if (parts === null) return d;
    const v = readPath(d, parts, undefined);
    return v !== undefined ? v : fallback === undefined ? null : fallback;
  };
}

/** json-logic-js `missing`: the keys (given as arguments, or as one array) whose value is null or ''. */
function missing(data: unknown, values: unknown[]): unknown[] {
  const keys = Array.isArray(values[0]) ? values[0] : values;
  const out: unknown[] = [];
  for (const key of keys) {
    // json-logic-js re-applies {"var": key}, so an array key means [path, default].
    const value = Array.isArray(key) ? readVar(data, key[0], key[1]) : readVar(data, key, undefined);
    if (value === null || value === '') out.push(key);
  }
  return out;
}

/**
 * `missing` for literal keys (the usual form): the paths are split once, at compile time. Null when a key is
 * itself an array ([path, default]), which only the general path handles.
 */
function literalMissing(keys: readonly unknown[]): ((d: unknown) => unknown[]) | null {
  if (keys.some((k) => Array.isArray(k))) return null;
  const paths = keys.map((k) => [k, splitPath(k)] as const);
  return (d) => {
    const out: unknown[] = [];
    for (const [key, parts] of paths) {
      const value = readPath(d, parts, null);
      if (value === null || value === '') out.push(key);
    }
    return out;
  };
}

function buildMissing(args: readonly Evaluator[], raw: readonly unknown[]): Evaluator {
  if (raw.every(isConstant)) {
    const values = args.map((a) => a(undefined));
    const fast = literalMissing(Array.isArray(values[0]) ? values[0] : values);
    if (fast) return fast;
  }
  return eagerWithData(missing)(args);
}

function buildMissingSome(args: readonly Evaluator[], raw: readonly unknown[]): Evaluator {
  if (args.length === 2 && raw.every(isConstant)) {
    const need = args[0](undefined) as any;
    const options = args[1](undefined) as any;
    const fast = literalMissing(argumentsOf(options));
    if (fast && options !== null) {
      return (d) => {
        const areMissing = fast(d);
        return options.length - areMissing.length >= need ? [] : areMissing;
      };
    }
  }
  return eagerWithData(missingSome)(args);
}

/** json-logic-js `missing_some`: [] when at least `need` of the keys are present, else the missing ones. */
function missingSome(data: unknown, [need, options]: unknown[]): unknown[] {
  const areMissing = missing(data, argumentsOf(options));
  // Like json-logic-js, a null `options` throws here; check() refuses the form that always does (no options).
  return (options as any).length - areMissing.length >= (need as any) ? [] : areMissing;
}

/** `in` for a literal haystack keeps it once instead of copying it on every evaluation. */
function buildIn(args: readonly Evaluator[], raw: readonly unknown[]): Evaluator {
  const contains = (needle: unknown, haystack: unknown) =>
    Array.isArray(haystack) || typeof haystack === 'string' ? (haystack as any).indexOf(needle) !== -1 : false;
  if (args.length === 2 && isConstant(raw[1])) {
    const needle = args[0];
    const haystack = args[1](undefined);
    return (d) => contains(needle(d), haystack);
  }
  return eager(contains)(args);
}

const op = (name: string, build: Operation['build'], extra: Partial<Operation> = {}): Operation =>
  Object.freeze({ name, build, ...extra });

/**
 * For the hot two-argument operators, `fast` is a closure of its own (not one shared through `eager`), so the
 * engine can inline the operator itself; other argument counts take the general path.
 */
const binary = (fast: (a: Evaluator, b: Evaluator) => Evaluator, general: (...values: any[]) => unknown): Operation['build'] =>
  (args) => (args.length === 2 ? fast(args[0], args[1]) : eager(general)(args));

export const standardOperations: readonly Operation[] = Object.freeze([
  op('var', buildVar),
  op('missing', buildMissing),
  op('missing_some', buildMissingSome, { arity: { min: 2, max: Infinity } }),
  op('if', buildIf),
  op('?:', buildIf),
  op('and', buildAnd),
  op('or', buildOr),
  op('!', eager((a) => !truthy(a))),
  op('!!', eager((a) => truthy(a))),
  op('==', binary((a, b) => (d) => (a(d) as any) == b(d), (a: any, b: any) => a == b)),
  op('===', binary((a, b) => (d) => a(d) === b(d), (a, b) => a === b)),
  op('!=', binary((a, b) => (d) => (a(d) as any) != b(d), (a: any, b: any) => a != b)),
  op('!==', binary((a, b) => (d) => a(d) !== b(d), (a, b) => a !== b)),
  op('>', binary((a, b) => (d) => (a(d) as any) > (b(d) as any), (a: any, b: any) => a > b)),
  op('>=', binary((a, b) => (d) => (a(d) as any) >= (b(d) as any), (a: any, b: any) => a >= b)),
  // With a third argument, `<` and `<=` test "between": a < b < c.
  op('<', binary((a, b) => (d) => (a(d) as any) < (b(d) as any), (a: any, b: any, c?: any) => (c === undefined ? a < b : a < b && b < c))),
  op('<=', binary((a, b) => (d) => (a(d) as any) <= (b(d) as any), (a: any, b: any, c?: any) => (c === undefined ? a <= b : a <= b && b <= c))),
  // json-logic-js reduces from 0: (0 + x) + y, which also turns a leading -0 into 0.
  op('+', binary((a, b) => (d) => 0 + parseFloat(a(d) as any) + parseFloat(b(d) as any), (...v: any[]) => v.reduce((a, b) => parseFloat(a) + parseFloat(b), 0))),
  // Without an initial value, as in json-logic-js: one argument comes back untouched; none would throw.
  op('*', eager((...v: any[]) => v.reduce((a, b) => parseFloat(a) * parseFloat(b))), { arity: { min: 1, max: Infinity } }),
  op('-', eager((a: any, b?: any) => (b === undefined ? -a : a - b))),
  op('/', eager((a: any, b: any) => a / b)),
  op('%', eager((a: any, b: any) => a % b)),
  op('min', eager((...v: any[]) => Math.min(...v))),
  op('max', eager((...v: any[]) => Math.max(...v))),
  op('cat', eager((...v: unknown[]) => v.join(''))),
  op(
    'substr',
    eager((source: unknown, start: any, end?: any) => {
      // A negative length counts from the end, as PHP's substr does; json-logic-js emulates it the same way.
      if (end < 0) {
        const rest = String(source).substr(start);
        return rest.substr(0, rest.length + end);
      }
      return String(source).substr(start, end);
    }),
  ),
  op('in', buildIn),
  op('merge', eager((...v: unknown[]) => v.reduce((a: unknown[], b) => a.concat(b), []))),
  op('map', scoped((items, logic) => items.map((x) => logic(x)), () => [])),
  op('filter', scoped((items, logic) => items.filter((x) => truthy(logic(x))), () => [])),
  op('all', scoped((items, logic) => items.length > 0 && items.every((x) => truthy(logic(x))), () => false)),
  op('none', scoped((items, logic) => !items.some((x) => truthy(logic(x))), () => true)),
  op('some', scoped((items, logic) => items.some((x) => truthy(logic(x))), () => false)),
  op('reduce', buildReduce),
  // Rules have no side effects: `log` returns its argument and writes nothing (a plugin must not fill logs).
  op('log', eager((a) => a)),
]);
