// JsonLogic's operations over arrays — map, filter, all, none, some, reduce — with json-logic-js semantics, each
// item visited paid for from the evaluation budget (budget.ts).
import type { Evaluator, Operation } from './types';
import { evaluateUndefined } from './evaluators';
import { truthy } from './values';
import { BudgetExceeded, nodeCount, RULE_BUDGET, type Meter } from './budget';

const argOr = (args: readonly Evaluator[], i: number): Evaluator => args[i] ?? evaluateUndefined;

/**
 * The array operations run their second argument with each item as the data (reduce: with
 * `{current, accumulator}`); anything but an array counts as empty, as in json-logic-js. Each item visited
 * costs the body's size in steps (the most the body can run), so nested iterations multiply into the budget.
 */
function scoped(meter: Meter, run: (items: unknown[], logic: Evaluator, cost: number) => unknown, ifNotArray: () => unknown) {
  return (args: readonly Evaluator[], raw: readonly unknown[]): Evaluator => {
    const list = argOr(args, 0);
    const logic = argOr(args, 1);
    const cost = 1 + nodeCount(raw[1]);
    return (d) => {
      const items = list(d);
      return Array.isArray(items) ? run(items, logic, cost) : ifNotArray();
    };
  };
}

function buildReduce(meter: Meter) {
  return (args: readonly Evaluator[], raw: readonly unknown[]): Evaluator => {
    const list = argOr(args, 0);
    const logic = argOr(args, 1);
    const initial = args.length > 2 ? args[2] : () => null;
    const cost = 1 + nodeCount(raw[1]);
    return (d) => {
      const items = list(d);
      const start = initial(d);
      if (!Array.isArray(items)) return start;
      // A fresh object literal per step: the rule can read current/accumulator but never write anywhere.
      let accumulator = start;
      for (let i = 0; i < items.length; i++) {
        meter.charge(cost);
        accumulator = logic({ current: items[i], accumulator });
      }
      return accumulator;
    };
  };
}

function someOf(meter: Meter, items: unknown[], logic: Evaluator, cost: number): boolean {
  for (let i = 0; i < items.length; i++) {
    meter.charge(cost);
    if (truthy(logic(items[i]))) return true;
  }
  return false;
}

const op = (name: string, build: Operation['build']): Operation => Object.freeze({ name, build, perItem: 1 });

export function iterationOperations(meter: Meter): Operation[] {
  return [
    op(
      'map',
      scoped(
        meter,
        (items, logic, cost) => {
          meter.produceArray(items.length);
          const out = new Array(items.length);
          for (let i = 0; i < items.length; i++) {
            meter.charge(cost);
            out[i] = logic(items[i]);
          }
          return out;
        },
        () => [],
      ),
    ),
    op(
      'filter',
      scoped(
        meter,
        (items, logic, cost) => {
          const out: unknown[] = [];
          for (let i = 0; i < items.length; i++) {
            meter.charge(cost);
            if (truthy(logic(items[i]))) out.push(items[i]);
          }
          if (out.length > RULE_BUDGET.arrayLength) throw new BudgetExceeded('array');
          return out;
        },
        () => [],
      ),
    ),
    op(
      'all',
      scoped(
        meter,
        (items, logic, cost) => {
          if (items.length === 0) return false;
          for (let i = 0; i < items.length; i++) {
            meter.charge(cost);
            if (!truthy(logic(items[i]))) return false;
          }
          return true;
        },
        () => false,
      ),
    ),
    op(
      'none',
      scoped(
        meter,
        (items, logic, cost) => !someOf(meter, items, logic, cost),
        () => true,
      ),
    ),
    op(
      'some',
      scoped(
        meter,
        (items, logic, cost) => someOf(meter, items, logic, cost),
        () => false,
      ),
    ),
    op('reduce', buildReduce(meter)),
  ];
}
