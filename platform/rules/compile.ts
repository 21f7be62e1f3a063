// compile(): the logic tree becomes a tree of closures, once. Every operation is resolved here, so running a
// rule does no name lookups, no argument-array normalising, and never evaluates strings as code (CSP-safe).
import type { Evaluator, Operation } from './types';
import { constant } from './evaluators';
import { argumentsOf, isOperation } from './values';

/** Compiles logic that check() accepted; an unknown operation here is a bug of the caller, not of the rule. */
export function compileLogic(logic: unknown, table: ReadonlyMap<string, Operation>): Evaluator {
  // Which compiled nodes are literals, found bottom-up so that no subtree is inspected twice.
  const literals = new WeakSet<Evaluator>();
  const literal = (value: unknown) => {
    const ev = constant(value);
    literals.add(ev);
    return ev;
  };

  function compileNode(node: unknown): Evaluator {
    if (Array.isArray(node)) {
      const items = node.map(compileNode);
      if (items.every((ev) => literals.has(ev))) return literal(node);
      // json-logic-js evaluates an array item by item into a new array.
      return (d) => {
        const out = new Array(items.length);
        for (let i = 0; i < items.length; i++) out[i] = items[i](d);
        return out;
      };
    }
    if (!isOperation(node)) return literal(node);
    const name = Object.keys(node)[0];
    const op = table.get(name);
    if (!op) throw new Error(`Unknown operation ${name}: run check() first`);
    const raw = argumentsOf(node[name]);
    return op.build(raw.map(compileNode), raw);
  }

  return compileNode(logic);
}
