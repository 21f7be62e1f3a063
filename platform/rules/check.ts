// check(): everything wrong with a rule that can be known before it runs, each with a JSON pointer into the
// logic. A rule that passes compiles; nothing here runs the rule.
import { text, type LocalText } from '../errors';
import type { LogicIssue, Operation } from './types';
import { argumentsOf, isOperation } from './values';

/** Bounds for untrusted plugins: nesting depth (compile and evaluation recurse) and total nodes (a YAML alias
 * can make a small file name a huge shared tree). */
export const MAX_DEPTH = 200;
export const MAX_NODES = 100_000;

const escapeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');

const describe = (v: unknown) =>
  typeof v === 'number' ? String(v) : typeof v === 'object' && v !== null ? (v.constructor?.name ?? 'object') : typeof v;

export function checkLogic(logic: unknown, pointer: string, table: ReadonlyMap<string, Operation>): LogicIssue[] {
  const issues: LogicIssue[] = [];
  const add = (p: string, message: LocalText) => issues.push({ pointer: p, message });
  const open = new Set<object>(); // the current path, to tell a cycle from a shared subtree
  let nodes = 0;

  /** `asLogic` false inside a data object (0 or 2+ keys): json-logic-js returns those untouched, never runs them. */
  function walk(value: unknown, p: string, depth: number, asLogic: boolean): void {
    if (++nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1) add(p, text(`规则过大(超过 ${MAX_NODES} 个节点)`, `The rule is too large (over ${MAX_NODES} nodes)`));
      return;
    }
    if (depth > MAX_DEPTH) {
      add(p, text(`规则嵌套过深(超过 ${MAX_DEPTH} 层)`, `The rule is nested too deeply (over ${MAX_DEPTH} levels)`));
      return;
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) add(p, text(`不是 JSON 值:${value}`, `Not a JSON value: ${value}`));
      return;
    }
    if (typeof value !== 'object') {
      add(p, text(`不是 JSON 值:${describe(value)}`, `Not a JSON value: ${describe(value)}`));
      return;
    }
    if (open.has(value)) {
      add(p, text('规则中有循环引用', 'The rule refers to itself (a cycle)'));
      return;
    }
    const proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
      add(p, text(`不是 JSON 值:${describe(value)}`, `Not a JSON value: ${describe(value)}`));
      return;
    }
    if (Object.getOwnPropertySymbols(value).length > 0) add(p, text('不是 JSON 值:含符号键', 'Not a JSON value: symbol keys'));
    open.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) add(`${p}/${i}`, text('不是 JSON 值:数组空位', 'Not a JSON value: a hole in an array'));
        else walk(value[i], `${p}/${i}`, depth + 1, asLogic);
      }
    } else if (asLogic && isOperation(value)) {
      walkOperation(value, p, depth);
    } else {
      for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], `${p}/${escapeToken(key)}`, depth + 1, false);
    }
    open.delete(value);
  }

  function walkOperation(value: Record<string, unknown>, p: string, depth: number): void {
    const name = Object.keys(value)[0];
    const at = `${p}/${escapeToken(name)}`;
    const given = value[name];
    const args = argumentsOf(given);
    const argAt = (i: number) => (Array.isArray(given) ? `${at}/${i}` : at);
    const op = table.get(name);
    if (!op) add(p, text(`未知的运算:${name}`, `Unknown operation: ${name}`));
    const { arity } = op ?? {};
    if (arity && (args.length < arity.min || args.length > arity.max)) {
      const expected = arity.min === arity.max ? `${arity.min}` : arity.max === Infinity ? `≥ ${arity.min}` : `${arity.min}–${arity.max}`;
      add(at, text(`运算 ${name} 需要 ${expected} 个参数,实际 ${args.length} 个`, `Operation ${name} takes ${expected} arguments, got ${args.length}`));
    }
    const before = issues.length;
    walk(given, at, depth + 1, true);
    // Literal checks read the arguments, so only once the walk found them to be clean JSON.
    if (op?.check && issues.length === before) {
      for (const issue of op.check(args)) add(issue.index === undefined ? at : argAt(issue.index), issue.message);
    }
  }

  walk(logic, pointer, 0, true);
  return issues;
}
