// The workflow steps a principal may take on a record now: those leaving its state, for a role (and level) held
// at its unit. Read by the record view and checked again by the step itself.
import { holdsRole, type Principal } from '../access/principal';
import type { FormDefinition, Transition } from '../plugins/types';
import type { RecordRow } from '../store/records-store';

export function allowedTransitions(form: FormDefinition, principal: Principal, row: Pick<RecordRow, 'state' | 'orgPath'>) {
  const wf = form.workflow;
  if (!wf) return [];
  return [...wf.transitions.values()]
    .filter((t) => t.from.includes(row.state) && holdsRole(principal, t.roles, row.orgPath, t.level))
    .map((t) => ({ id: t.id, title: t.title, to: t.to, commentRequired: !!t.commentRequired, ...stepSafety(wf, t) }));
}

/**
 * How carefully a step is offered: `danger` as the workflow declares it (a destructive step: reject, bar, revoke);
 * `confirm` for those, for steps declared so, and for any step into a final state (nothing leads back).
 */
export function stepSafety(wf: NonNullable<FormDefinition['workflow']>, t: Transition) {
  const danger = !!t.danger;
  return { danger, confirm: danger || !!t.confirm || !!wf.states.get(t.to)?.final };
}
