// createRuleEngine(): one closed operator table per engine — JsonLogic's operations and the platform's, bound
// to the environment's calendars and code lists. Nothing is shared between engines and nothing can be added.
import { HezuoError } from '../errors';
import type { Logic, LogicIssue, Operation, RuleEngine, RuleEnvironment, CompiledLogic } from './types';
import { standardOperations } from './standard-operations';
import { platformOperations } from './operations';
import { checkLogic } from './check';
import { compileLogic } from './compile';

export function createRuleEngine(env: Partial<RuleEnvironment> = {}): RuleEngine {
  const environment: RuleEnvironment = {
    calendars: env.calendars ?? new Map(),
    codeLists: env.codeLists ?? new Map(),
  };
  const table = new Map<string, Operation>();
  for (const op of [...standardOperations, ...platformOperations(environment)]) table.set(op.name, op);

  const check = (logic: Logic, pointer = ''): LogicIssue[] => checkLogic(logic, pointer, table);

  const compile = (logic: Logic, pointer = ''): CompiledLogic => {
    const issues = check(logic, pointer);
    if (issues.length > 0) {
      throw new HezuoError('RULE_INVALID', issues.map(({ pointer: p, message }) => ({ pointer: p, message })));
    }
    return compileLogic(logic, table);
  };

  return Object.freeze({
    operations: Object.freeze([...table.keys()]),
    check,
    compile,
    apply: (logic: Logic, data: unknown) => compile(logic)(data),
  });
}
