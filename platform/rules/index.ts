// The rule engine: JsonLogic with json-logic-js semantics plus the platform's operations. Runs unchanged in the
// browser (live feedback) and on the server (the result that counts): no Node APIs anywhere in this folder.
export type {
  Logic,
  Calendar,
  CodeListItem,
  CodeList,
  RuleEnvironment,
  CalendarLookup,
  LogicIssue,
  CompiledLogic,
  RuleEngine,
} from './types';
export { createRuleEngine } from './engine';
export type { Trace, TraceNode } from './trace';
export { BudgetExceeded, RULE_BUDGET, budgetMessage, recordAllowance, type Allowance, type BudgetLimit } from './budget';
