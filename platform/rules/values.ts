// How rules see values: JsonLogic truthiness, own-property reads (`var`), and the one numeric coercion the
// platform operations share. Reads never touch inherited properties, so `constructor`, `__proto__`,
// `toString` and anything on a prototype are invisible to a rule.

const hasOwn = Object.prototype.hasOwnProperty;

/** JsonLogic truthiness: JavaScript's, except that an empty array is false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/** json-logic-js `is_logic`: a plain object with exactly one key is an operation; any other object is data. */
export function isOperation(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;
}

/** The arguments of an operation object: json-logic-js lets a single argument stand without its array. */
export function argumentsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Splits a `var` path as json-logic-js does (`String(path).split('.')`); null for "the data itself". */
export function splitPath(path: unknown): string[] | null {
  if (path === undefined || path === '' || path === null) return null;
  return String(path).split('.');
}

/**
 * json-logic-js `var`, restricted to own properties: a step onto an inherited (or absent) property, or through
 * null/undefined, gives `notFound`. Strings have own indices and `length`, arrays their indices and `length`.
 */
export function readPath(data: unknown, parts: readonly string[] | null, notFound: unknown): unknown {
  if (parts === null) return data;
  let value = data;
  for (let i = 0; i < parts.length; i++) {
    if (value === null || value === undefined) return notFound;
    const key = parts[i];
    if (!hasOwn.call(value, key)) return notFound;
    value = (value as Record<string, unknown>)[key];
    if (value === undefined) return notFound;
  }
  return value;
}

/** `var` with a path computed at run time; `fallback` undefined means null, as in json-logic-js. */
export function readVar(data: unknown, path: unknown, fallback: unknown): unknown {
  return readPath(data, splitPath(path), fallback === undefined ? null : fallback);
}

/**
 * The platform operations' number: a finite number, or a string holding one (surrounding blanks allowed, as
 * form inputs often carry them). Everything else — null, booleans, '', 'abc', objects — is not a number.
 */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Like toNumber, but only whole numbers (counts of days, months, digits). */
export function toInteger(value: unknown): number | null {
  const n = toNumber(value);
  return n !== null && Number.isInteger(n) ? n : null;
}

/** Whether a logic tree holds no operation at all, so that it evaluates to itself. */
export function isConstant(logic: unknown): boolean {
  if (Array.isArray(logic)) return logic.every(isConstant);
  return !isOperation(logic);
}

/**
 * A deep copy of JSON data. Keys are defined, never assigned, so an own `__proto__` key (JSON.parse makes those)
 * stays a plain key and cannot swap a prototype.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  return Object.fromEntries(Object.keys(value).map((k) => [k, copyJson((value as Record<string, unknown>)[k])])) as T;
}

/** A deep, frozen copy of JSON data: for values the engine keeps and only reads (code lists, literals). */
export function frozenCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  const entries = Object.keys(value).map((k) => [k, frozenCopy((value as Record<string, unknown>)[k])] as const);
  return Object.freeze(Object.fromEntries(entries)) as T;
}
