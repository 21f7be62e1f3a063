// JsonLogic → the typed expression tree of a report plan, for the operations that have an SQL equivalent.
// Anything else is refused with its reason and the pointer of the offending node, so a template either runs in
// SQL exactly or is not loaded. Semantics follow json-logic-js where SQL can: `null < 1` is true (null counts
// as 0 in an ordering), `null != 1` is true, truthiness of [] / "" / 0 is false; `a / 0` is null, not Infinity.
import { text, type LocalText } from '../errors';
import { typeOf, type Expr, type SqlType } from './types';

export class Refusal extends Error {
  constructor(
    readonly pointer: string,
    readonly reason: LocalText,
  ) {
    super(reason.en);
  }
}

/** Resolves a `var` path to an expression, or refuses it with a reason. */
export type VarResolver = (path: string, pointer: string) => Expr;

export const TRANSLATABLE = [
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  '!',
  '!!',
  'in',
  'var',
  '+',
  '-',
  '*',
  '/',
  'if',
  '?:',
  'round',
  'floor',
  'workdays_between',
  'state_on',
] as const;

/** Whether the plugin has a calendar of this id (its own or a dependency's), for `workdays_between`. */
export type CalendarCheck = (id: string) => boolean;

/** Digits `round`/`floor` may keep, as the rule engine's `round` (platform/rules/numbers.ts). */
const MAX_DIGITS = 15;

const esc = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');
const refuse = (p: string, zh: string, en: string): never => {
  throw new Refusal(p, text(zh, en));
};

const isOp = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1;
const argsOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

const literalType = (v: unknown): SqlType =>
  typeof v === 'number' ? 'number' : typeof v === 'string' ? 'text' : typeof v === 'boolean' ? 'boolean' : 'json';

/** An untyped jsonb field read as `type` (a cast that cannot fail: non-matching values read as null). */
function retype(e: Expr, type: SqlType, p: string): Expr {
  if (typeOf(e) === type) return e;
  if (e.k === 'field' && e.type === 'json') return { ...e, type, safe: false };
  if (e.k === 'lit' && e.value === null) return { ...e, type };
  return refuse(p, `类型不一致:${typeOf(e)} 与 ${type}`, `Type mismatch: ${typeOf(e)} against ${type}`);
}

const nullable = (e: Expr) =>
  e.k === 'field' || e.k === 'param' || e.k === 'column' || e.k === 'ref-column' || e.k === 'round' || e.k === 'workdays';

export function asCondition(e: Expr): Expr {
  return typeOf(e) === 'boolean' && e.k !== 'field' && e.k !== 'param' && e.k !== 'lit' && e.k !== 'case' && e.k !== 'ref-column'
    ? e
    : { k: 'truthy', a: e };
}

export function translateLogic(logic: unknown, pointer: string, resolve: VarResolver, calendars?: CalendarCheck): Expr {
  function node(v: unknown, p: string): Expr {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return { k: 'lit', value: v, type: literalType(v) };
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) refuse(p, '不是有限数值', 'Not a finite number');
      return { k: 'lit', value: v, type: 'number' };
    }
    if (Array.isArray(v)) return refuse(p, '数组字面量只能作为 in 的列表', 'An array literal is allowed only as the list of "in"');
    if (!isOp(v)) return refuse(p, '不是 JsonLogic 运算(对象须只有一个键)', 'Not a JsonLogic operation (an object needs exactly one key)');
    const name = Object.keys(v)[0];
    const at = `${p}/${esc(name)}`;
    const raw = (v as Record<string, unknown>)[name];
    const args = argsOf(raw);
    const argAt = (i: number) => (Array.isArray(raw) ? `${at}/${i}` : at);
    const arity = (min: number, max: number) => {
      if (args.length < min || args.length > max)
        refuse(at, `运算 ${name} 的参数个数不对`, `Operation ${name} has the wrong number of arguments`);
    };
    const sub = (i: number) => node(args[i], argAt(i));
    switch (name) {
      case 'var':
        return variable(raw, at);
      case '==':
      case '===':
        arity(2, 2);
        return equality(sub(0), sub(1), false, at);
      case '!=':
      case '!==':
        arity(2, 2);
        return equality(sub(0), sub(1), true, at);
      case '<':
      case '<=': {
        arity(2, 3);
        const xs = args.map((_, i) => sub(i));
        if (xs.length === 2) return ordering(name, xs[0], xs[1], at);
        return { k: 'logic', op: 'and', args: [ordering(name, xs[0], xs[1], at), ordering(name, xs[1], xs[2], at)] };
      }
      case '>':
      case '>=':
        arity(2, 2);
        return ordering(name, sub(0), sub(1), at);
      case 'and':
      case 'or':
        arity(1, 100);
        return { k: 'logic', op: name, args: args.map((_, i) => asCondition(sub(i))) };
      case '!':
        arity(1, 1);
        return { k: 'not', a: asCondition(sub(0)) };
      case '!!':
        arity(1, 1);
        return asCondition(sub(0));
      case 'in':
        arity(2, 2);
        return membership(args, argAt, at);
      case '+':
      case '*': {
        arity(name === '+' ? 1 : 2, 100);
        const xs = args.map((_, i) => retype(sub(i), 'number', argAt(i)));
        return xs.length === 1 ? { k: 'arith', op: '+', args: xs } : { k: 'arith', op: name, args: xs };
      }
      case '-': {
        arity(1, 2);
        const xs = args.map((_, i) => retype(sub(i), 'number', argAt(i)));
        return xs.length === 1 ? { k: 'neg', a: xs[0] } : { k: 'arith', op: '-', args: xs };
      }
      case '/':
        arity(2, 2);
        return { k: 'arith', op: '/', args: [retype(sub(0), 'number', argAt(0)), retype(sub(1), 'number', argAt(1))] };
      case 'if':
      case '?:':
        return conditional(args, argAt, at);
      case 'round':
      case 'floor': {
        // [x, digits?]: round half away from zero (as the rule engine's round and spreadsheets), or floor, to
        // `digits` decimals (negative: tens, hundreds…); the digits are a literal so the SQL is fixed at load.
        arity(1, 2);
        const digits = args.length > 1 ? args[1] : 0;
        if (typeof digits !== 'number' || !Number.isInteger(digits) || Math.abs(digits) > MAX_DIGITS)
          refuse(
            argAt(1),
            `小数位数须是 -${MAX_DIGITS} 到 ${MAX_DIGITS} 的整数字面值`,
            `The digits must be a literal whole number from -${MAX_DIGITS} to ${MAX_DIGITS}`,
          );
        return { k: 'round', mode: name, a: retype(sub(0), 'number', argAt(0)), digits: digits as number };
      }
      case 'workdays_between': {
        // [from, to, calendar]: as the rules' operation, working days in (from, to]. The calendar is a literal id
        // known at load; its dates are bound on each run, so a year added to it counts at once.
        arity(3, 3);
        const id = args[2];
        if (typeof id !== 'string' || !calendars?.(id))
          refuse(
            argAt(2),
            `未知日历:${String(id)}(须是插件或其依赖插件的日历编号,字面值)`,
            `Unknown calendar: ${String(id)} (a literal id of a calendar of the plugin or of a plugin it depends on)`,
          );
        return { k: 'workdays', calendar: id as string, from: retype(sub(0), 'text', argAt(0)), to: retype(sub(1), 'text', argAt(1)) };
      }
      case 'state_on': {
        // [date]: the record's state at the end of that day, from its history; only where `state` is the record's.
        arity(1, 1);
        const own = resolve('state', at);
        if (own.k !== 'column' || own.column !== 'state')
          refuse(at, 'state_on 只能用于记录本身的状态', 'state_on reads the state of the row’s own record only');
        return { k: 'state-on', on: retype(sub(0), 'text', argAt(0)) };
      }
      default:
        return refuse(
          p,
          `运算 ${name} 没有对应的 SQL 形式,报表中不能使用(可用:${TRANSLATABLE.join(' ')})`,
          `Operation ${name} has no SQL equivalent and cannot be used in a report (available: ${TRANSLATABLE.join(' ')})`,
        );
    }
  }

  function variable(raw: unknown, at: string): Expr {
    const [path, fallback] = argsOf(raw);
    if (typeof path !== 'string' || path === '')
      return refuse(at, 'var 的路径必须是非空的字面字符串', 'The path of var must be a non-empty literal string');
    const e = resolve(path, at);
    if (fallback === undefined || fallback === null) return e;
    if (typeof fallback !== 'string' && typeof fallback !== 'number' && typeof fallback !== 'boolean') {
      return refuse(at, 'var 的默认值必须是字面值', 'The default of var must be a literal');
    }
    const typed = retype(e, literalType(fallback), at);
    return {
      k: 'case',
      whens: [
        [
          { k: 'is-null', a: typed, negate: false },
          { k: 'lit', value: fallback, type: literalType(fallback) },
        ],
      ],
      otherwise: typed,
      type: literalType(fallback),
    };
  }

  function equality(a: Expr, b: Expr, negate: boolean, at: string): Expr {
    if (a.k === 'lit' && a.value === null) [a, b] = [b, a];
    if (b.k === 'lit' && b.value === null) {
      if (a.k === 'lit') return { k: 'lit', value: (a.value === null) !== negate, type: 'boolean' };
      return { k: 'is-null', a, negate };
    }
    let ta = typeOf(a);
    let tb = typeOf(b);
    // An untyped value against a literal compares as JSON (exact); against a typed value it is read as that type.
    if (ta === 'json' && tb !== 'json') {
      if (b.k === 'lit') b = { ...b, type: 'json' };
      else a = retype(a, tb, at);
    } else if (tb === 'json' && ta !== 'json') {
      if (a.k === 'lit') a = { ...a, type: 'json' };
      else b = retype(b, ta, at);
    }
    ta = typeOf(a);
    tb = typeOf(b);
    if (ta !== tb)
      refuse(
        at,
        `比较的两边类型不同(${ta} 与 ${tb}),SQL 中没有等价比较`,
        `The two sides have different types (${ta}, ${tb}); SQL has no equivalent comparison`,
      );
    return { k: 'cmp', op: negate ? '<>' : '=', a, b, distinct: negate || (a.k !== 'lit' && b.k !== 'lit') };
  }

  function ordering(op: '<' | '<=' | '>' | '>=', a: Expr, b: Expr, at: string): Expr {
    let ta = typeOf(a);
    let tb = typeOf(b);
    if (ta === 'json' && tb === 'json') refuse(at, '不能比较两个类型未知的值的大小', 'Cannot order two values of unknown type');
    if (ta === 'json') a = retype(a, tb, at);
    if (tb === 'json') b = retype(b, ta, at);
    ta = typeOf(a);
    tb = typeOf(b);
    if (ta !== tb || ta === 'boolean')
      refuse(at, `只能比较两个数值或两个文本(实际 ${ta} 与 ${tb})`, `Only two numbers or two texts can be ordered (got ${ta}, ${tb})`);
    // json-logic-js turns null into 0 in a numeric ordering.
    if (ta === 'number') {
      if (nullable(a)) a = { k: 'zero-if-null', a };
      if (nullable(b)) b = { k: 'zero-if-null', a: b };
    }
    return { k: 'cmp', op, a, b };
  }

  function membership(args: unknown[], argAt: (i: number) => string, at: string): Expr {
    const [needle, hay] = args;
    if (Array.isArray(hay)) {
      const values = hay as unknown[];
      const kind = values.every((x) => typeof x === 'number') ? 'number' : values.every((x) => typeof x === 'string') ? 'text' : null;
      if (!kind) return refuse(argAt(1), 'in 的列表只能全是数值或全是文本', 'The list of "in" must hold only numbers or only texts');
      if (values.length === 0) return { k: 'lit', value: false, type: 'boolean' };
      const a = retype(node(needle, argAt(0)), kind, argAt(0));
      return { k: 'any', a, list: { k: 'list', values: values as (string | number)[], type: kind } };
    }
    const h = node(hay, argAt(1));
    const n = node(needle, argAt(0));
    const th = typeOf(h);
    if (th === 'json') {
      const tn = typeOf(n);
      if (tn !== 'text' && tn !== 'number')
        refuse(argAt(0), '在数组中查找的值必须是文本或数值', 'What is looked for in an array must be a text or a number');
      return { k: 'json-contains', array: h, item: n };
    }
    if (th === 'text') return { k: 'text-contains', text: h, part: retype(n, 'text', argAt(0)) };
    return refuse(at, 'in 的第二个参数必须是列表、数组字段或文本', 'The second argument of "in" must be a list, an array field or a text');
  }

  function conditional(args: unknown[], argAt: (i: number) => string, at: string): Expr {
    if (args.length === 0) return { k: 'lit', value: null, type: 'json' };
    if (args.length === 1) return node(args[0], argAt(0));
    const whens: [Expr, Expr][] = [];
    const values: Expr[] = [];
    let i = 0;
    for (; i + 1 < args.length; i += 2) {
      const then = node(args[i + 1], argAt(i + 1));
      whens.push([asCondition(node(args[i], argAt(i))), then]);
      values.push(then);
    }
    let otherwise: Expr = i < args.length ? node(args[i], argAt(i)) : { k: 'lit', value: null, type: 'json' };
    values.push(otherwise);
    const known = [
      ...new Set(
        values
          .filter((x) => !(x.k === 'lit' && x.value === null))
          .map(typeOf)
          .filter((t) => t !== 'json'),
      ),
    ];
    if (known.length > 1)
      refuse(at, `if 的各分支类型不同(${known.join('、')})`, `The branches of if have different types (${known.join(', ')})`);
    const type = (known[0] ?? 'json') as SqlType;
    const fit = (x: Expr, pi: string) => (type === 'json' ? x : retype(x, type, pi));
    const typedWhens = whens.map(([c, v]) => [c, fit(v, at)] as const);
    otherwise = fit(otherwise, at);
    return { k: 'case', whens: typedWhens, otherwise, type };
  }

  return node(logic, pointer);
}

export { typeOf as exprType };
