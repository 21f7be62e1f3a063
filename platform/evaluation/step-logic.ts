// Logic a workflow step evaluates (values it sets, the end of a mark it adds): a rule over its budget refuses
// the step with a catalogued error instead of failing the request.
import { HezuoError } from '../errors';
import { BudgetExceeded, budgetMessage, type CompiledLogic } from '../rules';

/** `logic(ctx)`; BudgetExceeded becomes RULE_BUDGET_EXCEEDED (422) naming `name` and the limit. */
export function runStepLogic(logic: CompiledLogic, ctx: unknown, name: string): unknown {
  try {
    return logic(ctx);
  } catch (e) {
    if (e instanceof BudgetExceeded) {
      throw new HezuoError('RULE_BUDGET_EXCEEDED', [
        { pointer: '', message: budgetMessage(name, e.limit), code: 'RULE_BUDGET_EXCEEDED', params: { limit: e.limit } },
      ]);
    }
    throw e;
  }
}
