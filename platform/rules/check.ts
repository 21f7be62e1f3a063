// check(): everything wrong with a rule that can be known before it runs, each with a JSON pointer into the
// logic. A rule that passes compiles; nothing here runs the rule.
import { text, type LocalText } from '../errors';
import type { LogicIssue, Operation } from './types';
import { argumentsOf, isOperation } from './values';
import { RULE_BUDGET } from './budget';
import { closestNames } from './closest-names';

/** Bounds for untrusted plugins: nesting depth (compile and evaluation recurse) and total nodes (a YAML alias
 * can make a small file name a huge shared tree). */
export const MAX_DEPTH = 200;
export const MAX_NODES = 100_000;
/**
 * Iterations (map, filter, reduce, all, some, none, count) inside the per-item logic of another: work grows as
 * the product of the list lengths, so a third level is refused at load (the step budget would stop it anyway,
 * after spending it on every record). Two levels cover a list of lists (members × their plots).
 */
export const MAX_ITERATION_NESTING = 2;

const escapeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');

const describe = (v: unknown) =>
  typeof v === 'number' ? String(v) : typeof v === 'object' && v !== null ? (v.constructor?.name ?? 'object') : typeof v;

/** Unknown operations of one rule that get a "did you mean" (each costs a comparison with every operation). */
const MAX_SUGGESTED = 20;

/**
 * An unknown operation names the closest known ones and every operation the engine's closed table allows (the list
 * only with the first unknown operation of a rule: a hostile rule of many unknown names must not multiply it).
 */
function unknownOperation(name: string, pointer: string, table: ReadonlyMap<string, Operation>, seen: number): LogicIssue {
  const near = seen < MAX_SUGGESTED ? closestNames(name, table.keys()) : [];
  if (seen > 0) {
    return {
      pointer,
      message: text(
        `未知的运算:${name}。${near.length ? `是否想用 ${near.join('、')}?` : ''}`,
        `Unknown operation: ${name}.${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`,
      ),
      params: { operation: name, ...(near.length ? { closest: near } : {}) },
    };
  }
  const allowed = [...table.keys()];
  const zhNear = near.length ? `是否想用 ${near.join('、')}?` : '';
  const enNear = near.length ? ` Did you mean ${near.join(', ')}?` : '';
  return {
    pointer,
    message: text(
      `未知的运算:${name}。${zhNear}可用的运算:${allowed.join(' ')}`,
      `Unknown operation: ${name}.${enNear} Allowed operations: ${allowed.join(' ')}`,
    ),
    params: { operation: name, allowed, ...(near.length ? { closest: near } : {}) },
  };
}

export function checkLogic(logic: unknown, pointer: string, table: ReadonlyMap<string, Operation>): LogicIssue[] {
  const issues: LogicIssue[] = [];
  const add = (p: string, message: LocalText) => issues.push({ pointer: p, message });
  const open = new Set<object>(); // the current path, to tell a cycle from a shared subtree
  let nodes = 0;

  let iterating = 0; // iterations open on the current path
  let unknownSeen = 0; // the first unknown operation lists the allowed ones, the first few the closest
  const perItem = new Map<unknown[], number>(); // argument lists of iterations → index of the per-item logic
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
    if (typeof value === 'string' && value.length > RULE_BUDGET.stringLength) {
      add(
        p,
        text(`文本过长(超过 ${RULE_BUDGET.stringLength} 个字符)`, `The text is too long (over ${RULE_BUDGET.stringLength} characters)`),
      );
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
    // A literal array longer than the array cap is refused by the node count, MAX_NODES ≤ the cap.
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) add(`${p}/${i}`, text('不是 JSON 值:数组空位', 'Not a JSON value: a hole in an array'));
        else if (perItem.get(value) !== i) walk(value[i], `${p}/${i}`, depth + 1, asLogic);
        else if (iterating >= MAX_ITERATION_NESTING) {
          add(
            `${p}/${i}`,
            text(
              `迭代运算(map、filter、reduce 等)嵌套超过 ${MAX_ITERATION_NESTING} 层`,
              `Iterations (map, filter, reduce…) are nested more than ${MAX_ITERATION_NESTING} deep`,
            ),
          );
        } else {
          iterating += 1;
          walk(value[i], `${p}/${i}`, depth + 1, asLogic);
          iterating -= 1;
        }
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
    if (!op) issues.push(unknownOperation(name, p, table, unknownSeen++));
    const { arity } = op ?? {};
    if (arity && (args.length < arity.min || args.length > arity.max)) {
      const expected = arity.min === arity.max ? `${arity.min}` : arity.max === Infinity ? `≥ ${arity.min}` : `${arity.min}–${arity.max}`;
      add(
        at,
        text(
          `运算 ${name} 需要 ${expected} 个参数,实际 ${args.length} 个`,
          `Operation ${name} takes ${expected} arguments, got ${args.length}`,
        ),
      );
    }
    const before = issues.length;
    if (op?.perItem !== undefined && Array.isArray(given)) perItem.set(given, op.perItem);
    walk(given, at, depth + 1, true);
    // Literal checks read the arguments, so only once the walk found them to be clean JSON.
    if (op?.check && issues.length === before) {
      for (const issue of op.check(args)) add(issue.index === undefined ? at : argAt(issue.index), issue.message);
    }
  }

  walk(logic, pointer, 0, true);
  return issues;
}
