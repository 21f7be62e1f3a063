// JsonLogic's own operations with json-logic-js 2.0.5 semantics, including its quirks (loose `==`, `+` through
// parseFloat, `*` with one argument returning it untouched, `and`/`or` returning the deciding value). Each is a
// closure builder: nothing is looked up by name while a rule runs. Wherever JavaScript would turn an array into
// text (`==` against a string, `<`, `+`, `cat`, a computed `var` path…) the meter does it instead, and every
// operation whose work grows with its input pays for it (see budget.ts).
import type { Evaluator, Operation } from './types';
import { coercion, eager, eagerWithData, evaluateUndefined } from './evaluators';
import { comparisonOperations } from './comparison-operations';
import { arithmeticOperations } from './arithmetic-operations';
import { argumentsOf, isConstant, readPath, splitPath, truthy } from './values';
import type { Meter } from './budget';
import { iterationOperations } from './iteration-operations';
import { pathReader } from './path-readers';

/* `any` here on purpose: these operations take whatever JSON a rule hands them,
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
  if (args.length === 3) {
    const [a, b, c] = args;
    return (d) => {
      let x = a(d);
      if (!truthy(x)) return x;
      x = b(d);
      return truthy(x) ? c(d) : x;
    };
  }
  if (args.length === 4) {
    const [a, b, c, e] = args;
    return (d) => {
      let x = a(d);
      if (!truthy(x)) return x;
      x = b(d);
      if (!truthy(x)) return x;
      x = c(d);
      return truthy(x) ? e(d) : x;
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
  if (args.length === 3) {
    const [a, b, c] = args;
    return (d) => {
      let x = a(d);
      if (truthy(x)) return x;
      x = b(d);
      return truthy(x) ? x : c(d);
    };
  }
  return (d) => {
    let current: unknown;
    for (let i = 0; i < args.length; i++) if (truthy((current = args[i](d)))) return current;
    return current;
  };
}

/** `var` with a path computed at run time: the path's text is paid for before it is split and walked. */
function meteredReadVar(meter: Meter, data: unknown, path: unknown, fallback: unknown): unknown {
  return readPath(data, meter.splitPath(path), fallback === undefined ? null : fallback);
}

/** `var`: a literal path is split once at compile time; only own properties are read (see values.ts). */
function buildVar(meter: Meter) {
  return (args: readonly Evaluator[], raw: readonly unknown[]): Evaluator => {
    if (args.length > 2 || !isConstant(raw[0])) return eagerWithData((d, values) => meteredReadVar(meter, d, values[0], values[1]))(args);
    const parts = splitPath(argOr(args, 0)(undefined));
    const fallbackArg = argOr(args, 1);
    if (isConstant(raw[1])) {
      const fallback = fallbackArg(undefined);
      const notFound = fallback === undefined ? null : fallback;
      if (typeof notFound !== 'object' || notFound === null) return pathReader(parts, notFound);
    }
    // A computed default is evaluated first, as json-logic-js does; a literal object default is copied afresh.
    return (d) => {
      const fallback = fallbackArg(d);
      if (parts === null) return d;
      const v = readPath(d, parts, undefined);
      return v !== undefined ? v : fallback === undefined ? null : fallback;
    };
  };
}

/** json-logic-js `missing`: the keys (given as arguments, or as one array) whose value is null or ''. */
function missing(meter: Meter, data: unknown, values: unknown[]): unknown[] {
  const keys = Array.isArray(values[0]) ? values[0] : values;
  meter.charge(keys.length);
  const out: unknown[] = [];
  for (const key of keys) {
    // json-logic-js re-applies {"var": key}, so an array key means [path, default].
    const value = Array.isArray(key) ? meteredReadVar(meter, data, key[0], key[1]) : meteredReadVar(meter, data, key, undefined);
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
  const list = keys.slice();
  const readers = list.map((k) => pathReader(splitPath(k), null));
  if (readers.length === 1) {
    const [key] = list;
    const [read] = readers;
    return (d) => {
      const value = read(d);
      return value === null || value === '' ? [key] : [];
    };
  }
  return (d) => {
    const out: unknown[] = [];
    for (let i = 0; i < readers.length; i++) {
      const value = readers[i](d);
      if (value === null || value === '') out.push(list[i]);
    }
    return out;
  };
}

function buildMissing(meter: Meter) {
  return (args: readonly Evaluator[], raw: readonly unknown[]): Evaluator => {
    if (raw.every(isConstant)) {
      const values = args.map((a) => a(undefined));
      const fast = literalMissing(Array.isArray(values[0]) ? values[0] : values);
      if (fast) return fast;
    }
    return eagerWithData((d, values) => missing(meter, d, values))(args);
  };
}

function buildMissingSome(meter: Meter) {
  return (args: readonly Evaluator[], raw: readonly unknown[]): Evaluator => {
    if (args.length === 2 && raw.every(isConstant)) {
      const need = args[0](undefined) as any;
      const options = args[1](undefined) as any;
      const fast = literalMissing(argumentsOf(options));
      if (fast && options !== null) {
        return (d) => {
          const areMissing = fast(d);
          return options.length - areMissing.length >= (meter.primitive(need) as any) ? [] : areMissing;
        };
      }
    }
    /** json-logic-js `missing_some`: [] when at least `need` of the keys are present, else the missing ones. */
    return eagerWithData((data, [need, options]) => {
      const areMissing = missing(meter, data, argumentsOf(options));
      // Like json-logic-js, a null `options` throws here; check() refuses the form that always does (no options).
      return (options as any).length - areMissing.length >= (meter.primitive(need) as any) ? [] : areMissing;
    })(args);
  };
}

/** `in`: a search through a string or an array, paid for by the haystack's length. */
function buildIn(meter: Meter) {
  const contains = (needle: unknown, haystack: unknown) => {
    if (typeof haystack === 'string') {
      meter.scan(haystack.length);
      return haystack.indexOf(meter.primitive(needle) as string) !== -1;
    }
    if (!Array.isArray(haystack)) return false;
    meter.charge(haystack.length);
    return haystack.indexOf(needle) !== -1;
  };
  return (args: readonly Evaluator[], raw: readonly unknown[]): Evaluator => {
    // A literal haystack is kept once instead of being copied on every evaluation.
    if (args.length === 2 && isConstant(raw[1])) {
      const needle = args[0];
      const haystack = args[1](undefined);
      return (d) => contains(needle(d), haystack);
    }
    return eager(contains)(args);
  };
}

/** `cat`: the parts' text (arrays through the meter), refused past the string cap before it is built. */
function cat(meter: Meter) {
  return (...values: unknown[]) => {
    let length = 0;
    for (let i = 0; i < values.length; i++) {
      const v = meter.primitive(values[i]);
      values[i] = v;
      if (typeof v === 'string') length += v.length;
      else if (typeof v === 'number' || typeof v === 'boolean')
        length += 24; // at most, as text
      else if (v !== null && v !== undefined) length += String(v).length;
    }
    meter.produceString(length);
    return values.join('');
  };
}

/** `merge`: arrays flattened one level into one new array, refused past the array cap before it is built. */
function merge(meter: Meter) {
  return (...values: unknown[]) => {
    let length = 0;
    for (const v of values) length += Array.isArray(v) ? v.length : 1;
    meter.produceArray(length);
    return values.reduce((a: unknown[], b) => a.concat(b), []);
  };
}

const op = (name: string, build: Operation['build'], extra: Partial<Operation> = {}): Operation => Object.freeze({ name, build, ...extra });

/** The operations of one engine, paying into its meter. */
export function standardOperations(meter: Meter): Operation[] {
  const { p, coerced } = coercion(meter);
  const substr = (source: unknown, start: any, end?: any) => {
    const text = String(p(source));
    meter.scan(text.length); // the result is never longer than the source
    // A negative length counts from the end, as PHP's substr does; json-logic-js emulates it the same way.
    if (end < 0) {
      const rest = text.substr(start);
      return rest.substr(0, rest.length + end);
    }
    return text.substr(start, end);
  };

  return [
    op('var', buildVar(meter), { readsData: true }),
    op('missing', buildMissing(meter), { readsData: true }),
    op('missing_some', buildMissingSome(meter), { arity: { min: 2, max: Infinity }, readsData: true }),
    op('if', buildIf),
    op('?:', buildIf),
    op('and', buildAnd),
    op('or', buildOr),
    op(
      '!',
      eager((a) => !truthy(a)),
    ),
    op(
      '!!',
      eager((a) => truthy(a)),
    ),
    ...comparisonOperations(meter),
    ...arithmeticOperations(meter),
    op('cat', eager(cat(meter))),
    op('substr', eager(coerced(substr))),
    op('in', buildIn(meter)),
    op('merge', eager(merge(meter))),
    ...iterationOperations(meter),
    // Rules have no side effects: `log` returns its argument and writes nothing (a plugin must not fill logs).
    op(
      'log',
      eager((a) => a),
    ),
  ];
}
