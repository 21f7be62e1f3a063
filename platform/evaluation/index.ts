export * from './types';
export { evaluateForm, buildContext, truthy } from './evaluate-form';
export { runStepLogic } from './step-logic';
