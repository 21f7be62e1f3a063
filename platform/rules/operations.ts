// The platform's operations: the one place where an engine's table grows beyond JsonLogic. Each entry names its
// parameters; the parameter kinds give check() the argument count and what a literal argument must be, so a
// typo in a calendar id, unit or date refuses the plugin at load instead of yielding null at run time.
import { text, type LocalText } from '../errors';
import type { ArgumentIssue, Calendar, Evaluator, Operation, RuleEnvironment } from './types';
import { eager } from './evaluators';
import { addUnits, diffUnits, formatDate, isDateUnit, parseDate, DATE_UNITS } from './dates';
import { addWorkdays, countWorkdays, indexCalendar, isWorkday, type WorkingDays } from './calendar';
import { indexCodeLists, lookup } from './code-lists';
import { avgOf, lengthOf, sumOf } from './aggregates';
import { floor, ratio, round } from './numbers';
import { isConstant, toInteger, truthy } from './values';
import { Meter, nodeCount } from './budget';

/** What an argument is; a trailing `?` makes it optional, `...` repeats it. */
type Kind = 'value' | 'date' | 'integer' | 'unit' | 'calendar' | 'codeList' | 'logic';
type Param = Kind | `${Kind}?` | `${Kind}...`;

/** What is wrong with a literal argument of a kind, or null. */
type LiteralCheck = (kind: Kind, value: unknown) => LocalText | null;

function literalProblems(env: RuleEnvironment): LiteralCheck {
  return (kind, v) => {
    switch (kind) {
      case 'date':
        return parseDate(v) === null
          ? text(`不是有效的日期(YYYY-MM-DD):${JSON.stringify(v)}`, `Not a valid date (YYYY-MM-DD): ${JSON.stringify(v)}`)
          : null;
      case 'integer':
        return toInteger(v) === null ? text(`应为整数:${JSON.stringify(v)}`, `Expected a whole number: ${JSON.stringify(v)}`) : null;
      case 'unit':
        return isDateUnit(v)
          ? null
          : text(
              `单位应为 ${DATE_UNITS.join('、')}:${JSON.stringify(v)}`,
              `The unit must be one of ${DATE_UNITS.join(', ')}: ${JSON.stringify(v)}`,
            );
      case 'calendar':
        return typeof v === 'string' && (env.calendars.has(v) || env.sharedCalendars?.(v) !== undefined)
          ? null
          : text(`日历不存在:${JSON.stringify(v)}`, `Unknown calendar: ${JSON.stringify(v)}`);
      case 'codeList':
        return typeof v === 'string' && env.codeLists.has(v)
          ? null
          : text(`代码表不存在:${JSON.stringify(v)}`, `Unknown code list: ${JSON.stringify(v)}`);
      default:
        return null;
    }
  };
}

/** Arity and literal checks from a parameter list. */
function signature(params: readonly Param[], problem: LiteralCheck): Pick<Operation, 'arity' | 'check'> {
  const kinds = params.map((p) => p.replace(/\?|\.\.\./, '') as Kind);
  const repeats = params.length > 0 && params[params.length - 1].endsWith('...');
  const min = params.filter((p) => !p.endsWith('?') && !p.endsWith('...')).length + (repeats ? 1 : 0);
  return {
    arity: { min, max: repeats ? Infinity : params.length },
    check: (raw) => {
      const issues: ArgumentIssue[] = [];
      raw.forEach((arg, index) => {
        const kind = kinds[Math.min(index, kinds.length - 1)];
        if (!isConstant(arg)) return; // computed: only known when the rule runs
        const message = problem(kind, arg);
        if (message) issues.push({ index, message });
      });
      return issues;
    },
  };
}

const date = (day: number | null) => (day === null ? null : formatDate(day));

/**
 * `count: [array, condition?]`: the condition runs per item, like filter's; without it, every item counts. Each
 * item the condition runs on costs its size in steps, as in map and filter.
 */
const buildCount =
  (meter: Meter): Operation['build'] =>
  ([list, condition], raw) => {
    if (!condition)
      return (d) => {
        const items = list(d);
        return Array.isArray(items) ? items.length : 0;
      };
    const cost = 1 + nodeCount(raw[1]);
    return (d) => {
      const items = list(d);
      if (!Array.isArray(items)) return 0;
      let n = 0;
      for (let i = 0; i < items.length; i++) {
        meter.charge(cost);
        if (truthy(condition(items[i]))) n += 1;
      }
      return n;
    };
  };

/** `coalesce`: the first argument that is not null/undefined, evaluating no further; null if none. */
function buildCoalesce(args: readonly Evaluator[]): Evaluator {
  return (d) => {
    for (const arg of args) {
      const v = arg(d);
      if (v !== null && v !== undefined) return v;
    }
    return null;
  };
}

/** The platform's operations of one engine, paying into its meter (a bench may pass one of its own). */
export function platformOperations(environment: RuleEnvironment, meter: Meter = new Meter(Infinity)): Operation[] {
  const calendars = new Map([...environment.calendars].map(([id, c]) => [id, indexCalendar(c)] as const));
  // A dependency's calendar is looked up on every run (its active version may change) and indexed once per
  // version: each version is its own frozen object, already checked when its plugin loaded.
  const shared = new WeakMap<Calendar, WorkingDays>();
  const sharedIndex = (id: string): WorkingDays | undefined => {
    const c = environment.sharedCalendars?.(id);
    if (!c) return undefined;
    let index = shared.get(c);
    if (!index) shared.set(c, (index = indexCalendar(c)));
    return index;
  };
  const codeLists = indexCodeLists(environment.codeLists);
  const problem = literalProblems(environment);
  const define = (name: string, params: Param[], build: Operation['build'], check?: Operation['check']): Operation => {
    const sig = signature(params, problem);
    const both: Operation['check'] = check ? (raw) => [...sig.check!(raw), ...check(raw)] : sig.check;
    return Object.freeze({ name, arity: sig.arity, check: both, build });
  };
  /** A working-day operation: null for an unknown calendar or a date it cannot parse. */
  const withCalendar = <T>(id: unknown, f: (cal: WorkingDays) => T): T | null => {
    const cal = typeof id === 'string' ? (calendars.get(id) ?? sharedIndex(id)) : undefined;
    return cal === undefined ? null : f(cal);
  };

  return [
    define(
      'date_add',
      ['date', 'integer', 'unit'],
      eager((d, n, unit) => {
        const day = parseDate(d);
        const k = toInteger(n);
        return day === null || k === null || !isDateUnit(unit) ? null : date(addUnits(day, k, unit));
      }),
    ),
    define(
      'date_diff',
      ['date', 'date', 'unit'],
      eager((from, to, unit) => {
        const a = parseDate(from);
        const b = parseDate(to);
        return a === null || b === null || !isDateUnit(unit) ? null : diffUnits(a, b, unit);
      }),
    ),
    define(
      'is_workday',
      ['date', 'calendar'],
      eager((d, id) => {
        const day = parseDate(d);
        return day === null ? null : withCalendar(id, (cal) => isWorkday(cal, day));
      }),
    ),
    define(
      'workdays_add',
      ['date', 'integer', 'calendar'],
      eager((d, n, id) => {
        const day = parseDate(d);
        const k = toInteger(n);
        return day === null || k === null ? null : withCalendar(id, (cal) => date(addWorkdays(cal, day, k, meter)));
      }),
    ),
    define(
      'workdays_between',
      ['date', 'date', 'calendar'],
      eager((from, to, id) => {
        const a = parseDate(from);
        const b = parseDate(to);
        return a === null || b === null ? null : withCalendar(id, (cal) => countWorkdays(cal, a, b, meter));
      }),
    ),
    define(
      'sum',
      ['value', 'value?'],
      eager((list, field) => sumOf(meter, list, field)),
    ),
    define(
      'avg',
      ['value', 'value?'],
      eager((list, field) => avgOf(meter, list, field)),
    ),
    Object.freeze({ ...define('count', ['value', 'logic?'], buildCount(meter)), perItem: 1 }),
    define(
      'length',
      ['value'],
      eager((value) => lengthOf(meter, value)),
    ),
    define('ratio', ['value', 'value'], eager(ratio)),
    define('round', ['value', 'integer?'], eager(round)),
    define('floor', ['value', 'integer?'], eager(floor)),
    define(
      'lookup',
      ['codeList', 'value', 'value?'],
      eager((list, code, field) => lookup(meter, codeLists, list, code, field)),
      // A literal code that the (literal) list lacks can never be found.
      ([list, code]) =>
        typeof list === 'string' &&
        codeLists.has(list) &&
        (typeof code === 'string' || typeof code === 'number') &&
        !codeLists.get(list)!.has(String(code))
          ? [{ index: 1, message: text(`代码表 ${list} 中没有代码 ${code}`, `Code list ${list} has no code ${code}`) }]
          : [],
    ),
    define('coalesce', ['value...'], buildCoalesce),
  ];
}
