// The rule engine's public shapes, and the one internal shape every operation is built from.
import type { LocalText } from '../errors';
import type { Allowance } from './budget';

/** A JsonLogic expression as parsed from JSON: any JSON value. */
export type Logic = unknown;

/**
 * A working-day calendar. A day is a working day when it is Monday–Friday and not a holiday, or when it is listed
 * in `workdays` (调休: a weekend day made a working day). Only the listed years are known: the working-day
 * operations give null for any other date rather than guess.
 */
export interface Calendar {
  id: string;
  years: number[];
  holidays: string[];
  workdays: string[];
}

export interface CodeListItem {
  code: string;
  label: { 'zh-CN': string; en: string };
  [field: string]: unknown;
}

export interface CodeList {
  id: string;
  items: CodeListItem[];
}

/**
 * Calendars of other plugins (a plugin's declared dependencies), looked up by id when a rule runs, not when it
 * compiles: a dependency upgraded later (a new year added) reaches rules compiled before it.
 */
export type CalendarLookup = (id: string) => Calendar | undefined;

export interface RuleEnvironment {
  calendars: ReadonlyMap<string, Calendar>;
  codeLists: ReadonlyMap<string, CodeList>;
  /** Consulted for an id not in `calendars`. */
  sharedCalendars?: CalendarLookup;
}

/** One thing wrong with a rule: `pointer` points into the logic, prefixed by the pointer the caller gave. */
export interface LogicIssue {
  pointer: string;
  message: LocalText;
  /** Machine-readable facts of the issue, e.g. an unknown operation's name and the operations allowed. */
  params?: Record<string, unknown>;
}

/**
 * A compiled rule: one evaluation per call, within the rule budget; `allowance`, one per record, is what the
 * record's rules may still spend together (budget.ts). Throws BudgetExceeded past either.
 */
export type CompiledLogic = (data: unknown, allowance?: Allowance) => unknown;

export interface RuleEngine {
  /** Every operation name this engine accepts, JsonLogic's and the platform's. */
  readonly operations: readonly string[];
  check(logic: Logic, pointer?: string): LogicIssue[];
  compile(logic: Logic, pointer?: string): CompiledLogic;
  apply(logic: Logic, data: unknown): unknown;
  /** Runs `logic` noting every node's value (rules/trace.ts): what a "why" shows. */
  trace(logic: Logic, data: unknown): import('./trace').Trace;
}

/** A compiled sub-expression: reads the current data (the record, or the item inside map/filter/…). */
export type Evaluator = (data: unknown) => unknown;

/** A problem with one argument, found by an operation's own check; `index` is the argument's position. */
export interface ArgumentIssue {
  index?: number;
  message: LocalText;
}

/**
 * One entry of an engine's operator table. `build` receives the compiled arguments (unevaluated closures), so an
 * operation decides itself when and on which data to evaluate them: that is how `if`, `and`, `map`, `count`,
 * `coalesce` stay lazy or scoped.
 */
export interface Operation {
  name: string;
  /** Argument count that check() enforces; JsonLogic's own operations accept any count, as json-logic-js does. */
  arity?: { min: number; max: number };
  /** Extra checks on the raw (uncompiled) arguments, e.g. a literal calendar id that does not exist. */
  check?: (raw: readonly unknown[]) => ArgumentIssue[];
  /** The argument run once per item of the first (map, filter, reduce, all, some, none, count): check() limits their nesting. */
  perItem?: number;
  /** Reads the data it runs on (var, missing, missing_some): never folded into a constant at compile time. */
  readsData?: boolean;
  /** `raw` are the uncompiled arguments, for operations that precompute from literals (a constant `var` path). */
  build: (args: readonly Evaluator[], raw: readonly unknown[]) => Evaluator;
}
