// A form's follow-up declaration checked against the rest of the form (its workflow has the state, the checks it
// names exist) and its logic compiled once per plugin version, like every rule.
import { detail, type ErrorDetail } from '../errors';
import type { RuleEngine } from '../rules';
import type { CompiledFollowUp, FollowUpSpec, Rule, WorkflowDefinition } from './types';
import { compileLogic } from './build-form';

const MANIFEST = 'plugin.json';

export function buildFollowUp(
  spec: FollowUpSpec,
  ctx: { engine: RuleEngine; workflow: WorkflowDefinition | null; rules: readonly Rule[]; at: string; errors: ErrorDetail[] },
): CompiledFollowUp | null {
  const { at, errors } = ctx;
  const before = errors.length;
  if (!ctx.workflow) {
    errors.push(detail(`${at}/on/state`, '跟踪整改需要表单有工作流', 'Follow-ups need the form to have a workflow', { file: MANIFEST }));
  } else if (!ctx.workflow.states.has(spec.on.state)) {
    errors.push(detail(`${at}/on/state`, `工作流中没有状态 ${spec.on.state}`, `The workflow has no state ${spec.on.state}`, { file: MANIFEST }));
  }
  // Declared rules, compiled or not: a check whose logic is wrong has its own error already.
  const checks = ctx.rules.filter((r) => r.kind === 'check' || r.kind === 'eligibility');
  if ('groups' in spec.checks) {
    const groups = new Set(checks.map((c) => (c as { group?: string }).group));
    spec.checks.groups.forEach((g, i) => {
      if (!groups.has(g))
        errors.push(detail(`${at}/checks/groups/${i}`, `没有属于组 ${g} 的检查规则`, `No check rule has group ${g}`, { file: MANIFEST }));
    });
  } else {
    const ids = new Set(checks.map((c) => c.id));
    spec.checks.ids.forEach((id, i) => {
      if (!ids.has(id)) errors.push(detail(`${at}/checks/ids/${i}`, `没有检查规则 ${id}`, `No check rule ${id}`, { file: MANIFEST }));
    });
  }
  const when = spec.when === undefined ? null : compileLogic(ctx.engine, spec.when, MANIFEST, `${at}/when`, errors);
  const deadline = compileLogic(ctx.engine, spec.deadline, MANIFEST, `${at}/deadline`, errors);
  if (errors.length > before || !deadline) return null;
  return Object.freeze({ spec, when, deadline });
}
