// compile(): the logic tree becomes a tree of closures, once. Every operation is resolved here, so running a
// rule does no name lookups, no argument-array normalising, and never evaluates strings as code (CSP-safe).
import type { Evaluator, Operation } from './types';
import { constant } from './evaluators';
import { argumentsOf, isConstant, isOperation } from './values';

/** Compiles logic that check() accepted; an unknown operation here is a bug of the caller, not of the rule. */
export function compileLogic(logic: unknown, table: ReadonlyMap<string, Operation>): Evaluator {
  if (isConstant(logic)) return constant(logic);
  if (Array.isArray(logic)) {
    // json-logic-js evaluates an array item by item into a new array.
    const items = logic.map((item) => compileLogic(item, table));
    return (d) => {
      const out = new Array(items.length);
      for (let i = 0; i < items.length; i++) out[i] = items[i](d);
      return out;
    };
  }
  if (!isOperation(logic)) return constant(logic);
  const name = Object.keys(logic)[0];
  const op = table.get(name);
  if (!op) throw new Error(`Unknown operation ${name}: run check() first`);
  const raw = argumentsOf(logic[name]);
  return op.build(
    raw.map((arg) => compileLogic(arg, table)),
    raw,
  );
}
