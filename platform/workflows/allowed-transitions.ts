// The workflow steps a principal may take on a record now: those leaving its state, for a role (and level) held
// at its unit. Read by the record view and checked again by the step itself.
import { holdsRole, type Principal } from '../access/principal';
import type { FormDefinition } from '../plugins/types';
import type { RecordRow } from '../store/records-store';

export function allowedTransitions(form: FormDefinition, principal: Principal, row: Pick<RecordRow, 'state' | 'orgPath'>) {
  const wf = form.workflow;
  if (!wf) return [];
  return [...wf.transitions.values()]
    .filter((t) => t.from.includes(row.state) && holdsRole(principal, t.roles, row.orgPath, t.level))
    .map((t) => ({ id: t.id, title: t.title, to: t.to, commentRequired: !!t.commentRequired }));
}
