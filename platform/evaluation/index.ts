export * from './types';
export { evaluateForm, buildContext, truthy, type RuleObserver } from './evaluate-form';
export { explainRule, type Explanation } from './explain-rule';
export { runStepLogic } from './step-logic';
