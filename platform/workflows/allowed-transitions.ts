// The workflow steps a principal may take on a record now: those leaving its state, for a role (and level) held
// at its unit. Read by the record view and checked again by the step itself.
import { holdsRole, type Principal } from '../access/principal';
import type { LocalText } from '../errors';
import type { FormDefinition, Transition } from '../plugins/types';
import type { RecordRow } from '../store/records-store';

/** A step as the API offers it: enough for the web app to style it and to ask before it is taken. */
export interface StepOffer {
  id: string;
  title: LocalText;
  to: string;
  /** The title of the state it leads to, for the confirmation ("→ 已限制"). */
  toTitle: LocalText;
  commentRequired: boolean;
  danger: boolean;
  confirm: boolean;
  /** The workflow's own words for the consequence, when it declares them (`confirm` as a text). */
  confirmText?: LocalText;
}

export function allowedTransitions(form: FormDefinition, principal: Principal, row: Pick<RecordRow, 'state' | 'orgPath'>): StepOffer[] {
  const wf = form.workflow;
  if (!wf) return [];
  return [...wf.transitions.values()]
    .filter((t) => t.from.includes(row.state) && holdsRole(principal, t.roles, row.orgPath, t.level))
    .map((t) => ({
      id: t.id,
      title: t.title,
      to: t.to,
      toTitle: wf.states.get(t.to)?.title ?? { 'zh-CN': t.to, en: t.to },
      commentRequired: !!t.commentRequired,
      ...stepSafety(wf, t),
    }));
}

/**
 * How carefully a step is offered: `danger` as the workflow declares it (a destructive step: reject, bar, revoke);
 * `confirm` for those, for steps declared so (with or without their own text), and for any step into a final
 * state (nothing leads back).
 */
export function stepSafety(wf: NonNullable<FormDefinition['workflow']>, t: Transition) {
  const danger = !!t.danger;
  const confirmText = typeof t.confirm === 'object' ? t.confirm : undefined;
  return {
    danger,
    confirm: danger || !!t.confirm || !!wf.states.get(t.to)?.final,
    ...(confirmText ? { confirmText } : {}),
  };
}
