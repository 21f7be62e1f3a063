// compile(): the logic tree becomes a tree of closures, once. Every operation is resolved here, so running a
// rule does no name lookups, no argument-array normalising, and never evaluates strings as code (CSP-safe).
// Subtrees that read no data are folded: run once here, under the meter, into a constant that still pays the
// steps the subtree spent (so the budget counts exactly what it counted before), see Meter.probe.
import type { Evaluator, Operation } from './types';
import { constant } from './evaluators';
import { argumentsOf, isOperation } from './values';
import { RULE_BUDGET, type Meter } from './budget';

/** Compiles logic that check() accepted; an unknown operation here is a bug of the caller, not of the rule. */
export function compileLogic(logic: unknown, table: ReadonlyMap<string, Operation>, meter: Meter): Evaluator {
  // Which compiled nodes read no data (literals and folded subtrees), found bottom-up so that no subtree is
  // inspected twice.
  const pure = new WeakSet<Evaluator>();
  /** Of those, the ones that are the logic's own JSON (a folded value is not: its node is an operation). */
  const verbatim = new WeakSet<Evaluator>();
  const literal = (value: unknown) => {
    const ev = constant(value);
    pure.add(ev);
    return ev;
  };
  const verbatimLiteral = (value: unknown) => {
    const ev = literal(value);
    verbatim.add(ev);
    return ev;
  };
  /** A node whose arguments are all pure, run once now; kept as it is when that throws. */
  let allowance = RULE_BUDGET.steps; // all the folding of one rule costs at most one evaluation's budget
  const fold = (ev: Evaluator): Evaluator => {
    if (allowance <= 0) return ev;
    const probed = meter.probe(
      () => ev(undefined),
      allowance,
      (steps) => (allowance -= steps),
    );
    if (probed === null) return ev;
    if (probed.steps === 0) return literal(probed.value);
    const value = constant(probed.value);
    const steps = probed.steps;
    const folded: Evaluator = () => {
      meter.charge(steps);
      return value(undefined);
    };
    pure.add(folded);
    return folded;
  };

  function compileNode(node: unknown): Evaluator {
    if (Array.isArray(node)) {
      const items = node.map(compileNode);
      if (items.every((ev) => verbatim.has(ev))) return verbatimLiteral(node);
      // json-logic-js evaluates an array item by item into a new array.
      const array: Evaluator = (d) => {
        const out = new Array(items.length);
        for (let i = 0; i < items.length; i++) out[i] = items[i](d);
        return out;
      };
      return items.every((ev) => pure.has(ev)) ? fold(array) : array;
    }
    if (!isOperation(node)) return verbatimLiteral(node);
    const name = Object.keys(node)[0];
    const op = table.get(name);
    if (!op) throw new Error(`Unknown operation ${name}: run check() first`);
    const raw = argumentsOf(node[name]);
    const args = raw.map(compileNode);
    const built = op.build(args, raw);
    return !op.readsData && args.every((ev) => pure.has(ev)) ? fold(built) : built;
  }

  return compileNode(logic);
}
