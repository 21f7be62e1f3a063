// createRuleEngine(): one closed operator table per engine — JsonLogic's operations and the platform's, bound
// to the environment's calendars and code lists, and one meter that every evaluation of a rule compiled here
// runs against (budget.ts). Nothing is shared between engines and nothing can be added.
import { HezuoError } from '../errors';
import type { Logic, LogicIssue, Operation, RuleEngine, RuleEnvironment, CompiledLogic } from './types';
import { standardOperations } from './standard-operations';
import { platformOperations } from './operations';
import { checkLogic } from './check';
import { compileLogic } from './compile';
import { Meter, nodeCount, type Allowance } from './budget';
import { compileTraced, traceRun, type Trace } from './trace';

export function createRuleEngine(env: Partial<RuleEnvironment> = {}): RuleEngine {
  const environment: RuleEnvironment = {
    calendars: env.calendars ?? new Map(),
    codeLists: env.codeLists ?? new Map(),
    ...(env.sharedCalendars ? { sharedCalendars: env.sharedCalendars } : {}),
  };
  const meter = new Meter();
  const table = new Map<string, Operation>();
  for (const op of [...standardOperations(meter), ...platformOperations(environment, meter)]) table.set(op.name, op);

  const check = (logic: Logic, pointer = ''): LogicIssue[] => checkLogic(logic, pointer, table);

  const accept = (logic: Logic, pointer: string) => {
    const issues = check(logic, pointer);
    if (issues.length > 0) {
      throw new HezuoError(
        'RULE_INVALID',
        issues.map(({ pointer: p, message }) => ({ pointer: p, message })),
      );
    }
  };

  const compile = (logic: Logic, pointer = ''): CompiledLogic => {
    accept(logic, pointer);
    const run = compileLogic(logic, table, meter);
    const size = nodeCount(logic);
    // Each call is one evaluation with a budget of its own; exceeding it throws BudgetExceeded.
    return (data: unknown, allowance?: Allowance) => meter.run(run, data, size, allowance);
  };

  /** The rule run in trace mode, to explain one outcome (trace.ts); refused logic throws as compile does. */
  const trace = (logic: Logic, data: unknown): Trace => {
    accept(logic, '');
    return traceRun(meter, compileTraced(logic, table), data, nodeCount(logic));
  };

  return Object.freeze({
    operations: Object.freeze([...table.keys()]),
    check,
    compile,
    trace,
    apply: (logic: Logic, data: unknown) => compile(logic)(data),
  });
}
