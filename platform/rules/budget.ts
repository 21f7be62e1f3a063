// The evaluation budget: what one rule evaluation may spend. Plugins are untrusted data (they travel between
// counties), and JsonLogic can still multiply work (map inside map) or size (reduce + merge doubling an array,
// cat doubling a string), so every evaluation of a compiled rule runs against a meter. Exceeding a limit
// throws BudgetExceeded, which the form evaluator turns into a rule error on that record.
//
// The budget is per rule evaluation (one call of a compiled rule): one rule that overspends fails alone, the
// other rules of the record still run, and the error names the rule that overspent. A record's rules also share
// an allowance (the caller passes one per record), so many rules that each stay just under their own budget
// cannot add up to minutes: once it is spent, the remaining rules of that record fail with limit `record`.
import { text, type LocalText } from '../errors';
import { splitPath } from './values';

/**
 * The engine's limits, in one place; not plugin-controlled. Why these values: the largest bundled rule set
 * (129 rules over two forms) spends at most about 1,500 steps on a whole record (its 94 fixture cases), so
 * 1,000,000 steps is far beyond any real rule and still ends within a fraction of a second on a loaded core. 100,000 items and 1,000,000 characters are far
 * beyond any form (a household list of 100,000 members is not a form) and small enough to allocate safely.
 * 100 levels of nested values is deeper than any form's data.
 */
export const RULE_BUDGET = Object.freeze({
  /** Operations run + items visited (map, filter, reduce, all, some, none, merge, sums…) + produced size. */
  steps: 1_000_000,
  /** Steps all the rules of one record may spend together: five rules' worth, thousands of real records'. */
  recordSteps: 5_000_000,
  /** Longest array an operation may produce, and most values a rule's result may hold in all. */
  arrayLength: 100_000,
  /** Longest string an operation may produce (UTF-16 units), and most characters a rule's result may hold. */
  stringLength: 1_000_000,
  /** Deepest nesting of arrays/objects walked when a value is turned into text or measured as a result. */
  valueDepth: 100,
  /** Characters produced or scanned per step: string work costs steps in proportion to its length. */
  charsPerStep: 16,
});

export type BudgetLimit = 'steps' | 'record' | 'array' | 'string' | 'depth';

/** What the rules of one record may still spend, shared by their evaluations (see RULE_BUDGET.recordSteps). */
export interface Allowance {
  remaining: number;
  /** The limit named when it runs out: `record` unless said (a table-row rule's own allowance says `steps`). */
  limit?: BudgetLimit;
}
export const recordAllowance = (): Allowance => ({ remaining: RULE_BUDGET.recordSteps });

/** Thrown by the meter; caught by the form evaluator (a rule error on the record), never a crash. */
export class BudgetExceeded extends Error {
  readonly limit: BudgetLimit;
  constructor(limit: BudgetLimit) {
    super(`Rule evaluation budget exceeded: ${limit}`);
    this.name = 'BudgetExceeded';
    this.limit = limit;
  }
}

const LIMIT_TEXT: Record<BudgetLimit, LocalText> = {
  steps: text(`计算步数超过 ${RULE_BUDGET.steps.toLocaleString('en')}`, `more than ${RULE_BUDGET.steps.toLocaleString('en')} steps`),
  array: text(
    `数组超过 ${RULE_BUDGET.arrayLength.toLocaleString('en')} 项`,
    `an array of more than ${RULE_BUDGET.arrayLength.toLocaleString('en')} items`,
  ),
  string: text(
    `文本超过 ${RULE_BUDGET.stringLength.toLocaleString('en')} 个字符`,
    `a text of more than ${RULE_BUDGET.stringLength.toLocaleString('en')} characters`,
  ),
  depth: text(`嵌套超过 ${RULE_BUDGET.valueDepth} 层`, `values nested more than ${RULE_BUDGET.valueDepth} levels deep`),
  record: text(
    `本记录的规则合计超过 ${RULE_BUDGET.recordSteps.toLocaleString('en')} 步`,
    `the rules of this record together took more than ${RULE_BUDGET.recordSteps.toLocaleString('en')} steps`,
  ),
};

/** The message of RULE_BUDGET_EXCEEDED for one rule: which rule, which limit. */
export function budgetMessage(ruleId: string, limit: BudgetLimit): LocalText {
  const l = LIMIT_TEXT[limit];
  return text(
    `规则 ${ruleId} 超出计算限额(${l['zh-CN']}),已停止计算,结果按未通过处理`,
    `Rule ${ruleId} exceeded its evaluation budget (${l.en}) and was stopped; it counts as not met`,
  );
}

const isArray = Array.isArray;

/**
 * One meter per engine. Evaluation is synchronous and rules never call rules, so one evaluation at a time uses
 * it; `run` resets it at the start of each top-level evaluation.
 */
export class Meter {
  steps = 0;
  private active = false;
  private readonly limit: number;
  /** The limit of the evaluation under way: the rule's own, or what is left of the record's allowance. */
  private cap: number;
  private capKind: BudgetLimit = 'steps';

  constructor(limit: number = RULE_BUDGET.steps) {
    this.limit = limit;
    this.cap = limit;
  }

  /** Spends n steps. */
  charge(n: number): void {
    if ((this.steps += n) > this.cap) throw new BudgetExceeded(this.capKind);
  }

  /** An array an operation is about to produce, of `length` items: capped, and paid for per item. */
  produceArray(length: number): void {
    if (length > RULE_BUDGET.arrayLength) throw new BudgetExceeded('array');
    this.charge(length);
  }

  /** A string an operation is about to produce (or scan), of `length` units. */
  produceString(length: number): void {
    if (length > RULE_BUDGET.stringLength) throw new BudgetExceeded('string');
    this.charge(length / RULE_BUDGET.charsPerStep);
  }

  /** A string an operation reads through (a search, a path to split): paid for by length, never capped. */
  scan(length: number): void {
    this.charge(length / RULE_BUDGET.charsPerStep);
  }

  /**
   * A `var`-style path computed at run time, split as json-logic-js splits it (`String(path).split('.')`),
   * its text paid for first. An array path becomes its metered text; `[]` is '' and so one empty key.
   */
  splitPath(path: unknown): string[] | null {
    if (isArray(path)) return this.arrayText(path, 0).split('.');
    if (typeof path === 'string') this.scan(path.length);
    return splitPath(path);
  }

  /**
   * JavaScript's String(value) for an array (what `==`, `<`, `+`, `cat`, `substr`… do to one), built with a
   * meter: arrays can share items, so a few doublings make an array whose text is billions of characters.
   * Anything else is returned untouched; its own conversion is cheap.
   */
  primitive(value: unknown): unknown {
    return isArray(value) ? this.arrayText(value, 0) : value;
  }

  private arrayText(items: unknown[], depth: number): string {
    if (depth > RULE_BUDGET.valueDepth) throw new BudgetExceeded('depth');
    this.charge(items.length);
    const parts = new Array<string>(items.length);
    let length = items.length; // the commas, and one to spare
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const part = isArray(item) ? this.arrayText(item, depth + 1) : item === null || item === undefined ? '' : String(item);
      if ((length += part.length) > RULE_BUDGET.stringLength) throw new BudgetExceeded('string');
      parts[i] = part;
    }
    this.charge(length / RULE_BUDGET.charsPerStep);
    return parts.join(',');
  }

  /**
   * A rule's result is stored (jsonb) and read by later rules, so its whole size counts, shared parts each
   * time they appear, as JSON will write them.
   */
  measureResult(value: unknown): void {
    if (typeof value !== 'object' || value === null) {
      if (typeof value === 'string' && value.length > RULE_BUDGET.stringLength) throw new BudgetExceeded('string');
      return;
    }
    const totals = { values: 0, chars: 0 };
    this.walk(value, 0, totals);
  }

  private walk(value: unknown, depth: number, totals: { values: number; chars: number }): void {
    if (++totals.values > RULE_BUDGET.arrayLength) throw new BudgetExceeded('array');
    if (typeof value === 'string') {
      if ((totals.chars += value.length) > RULE_BUDGET.stringLength) throw new BudgetExceeded('string');
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (depth >= RULE_BUDGET.valueDepth) throw new BudgetExceeded('depth');
    this.charge(1);
    if (isArray(value)) {
      for (const item of value) this.walk(item, depth + 1, totals);
    } else {
      for (const key of Object.keys(value)) {
        totals.chars += key.length;
        this.walk((value as Record<string, unknown>)[key], depth + 1, totals);
      }
    }
  }

  /**
   * Runs a literal subtree once at compile time (constant folding) with a budget of its own: the value and the
   * steps it spent, which the folded node then pays on every evaluation as the subtree would have; null if it
   * threw (a budget limit, or an error of the operation), so that it stays to be run (and to fail) at run time.
   * `cap` bounds the work (the caller's folding allowance, so a rule's folds cost at most one evaluation);
   * `spent` reports the steps taken either way.
   */
  probe(evaluate: () => unknown, cap: number, spent: (steps: number) => void): { value: unknown; steps: number } | null {
    if (this.active) return null;
    const saved = { steps: this.steps, cap: this.cap, capKind: this.capKind };
    this.steps = 0;
    this.cap = Math.min(cap, this.limit);
    this.capKind = 'steps';
    try {
      const value = evaluate();
      const steps = this.steps;
      // Bounded in size and depth (shared parts counted each time), since the node hands out a copy per run.
      this.measureResult(value);
      return { value, steps };
    } catch {
      return null;
    } finally {
      spent(this.steps);
      this.steps = saved.steps;
      this.cap = saved.cap;
      this.capKind = saved.capKind;
    }
  }

  /**
   * One top-level evaluation: a fresh budget that starts with the rule's own size (each of its nodes runs at
   * most once outside an iteration), then the result measured. A nested call (not made by the engine today)
   * would spend from the outer budget.
   */
  run(evaluate: (data: unknown) => unknown, data: unknown, size: number, allowance?: Allowance): unknown {
    if (this.active) {
      this.charge(size);
      return evaluate(data);
    }
    this.active = true;
    if (allowance !== undefined && allowance.remaining < this.limit) {
      this.cap = Math.max(0, allowance.remaining);
      this.capKind = allowance.limit ?? 'record';
    } else {
      this.cap = this.limit;
      this.capKind = 'steps';
    }
    this.steps = 0;
    try {
      this.charge(size);
      const result = evaluate(data);
      // Only an object, or a string, can be too large: the common result (a boolean, a number) is not walked.
      if (typeof result === 'object' ? result !== null : typeof result === 'string') this.measureResult(result);
      return result;
    } finally {
      this.active = false;
      if (allowance !== undefined) allowance.remaining -= Math.min(this.steps, this.cap);
    }
  }
}

/** JSON nodes in a logic tree, literals' contents included: what one run of it costs at most, in steps. */
export function nodeCount(logic: unknown): number {
  if (typeof logic !== 'object' || logic === null) return 1;
  let n = 1;
  if (isArray(logic)) for (const x of logic) n += nodeCount(x);
  else for (const k of Object.keys(logic)) n += nodeCount((logic as Record<string, unknown>)[k]);
  return n;
}
