// Which workflow steps tell a record's creator, and how: a step back to the workflow's initial state is a return;
// a step into a state that declares `notify` (default: the final states) is a decision reached. A step the creator
// takes himself tells him nothing. Pure, like plan-transition.ts; the step writes the message in its transaction.
import type { FormDefinition } from '../plugins/types';
import type { NewMessage } from '../store/messages-store';

export interface StepTaken {
  recordId: string;
  createdBy: string;
  fromState: string;
  transition: string;
  toState: string;
  comment: string;
  actorId: string;
  at: Date;
}

export function planMessage(form: FormDefinition, step: StepTaken): NewMessage | null {
  const wf = form.workflow;
  if (!wf || step.actorId === step.createdBy) return null;
  const to = wf.states.get(step.toState);
  let kind: NewMessage['kind'] | null = null;
  if (step.toState === wf.workflow.initial && step.fromState !== step.toState) kind = 'returned';
  else if (to && (to.notify ?? !!to.final)) kind = 'reached';
  if (!kind) return null;
  return {
    userId: step.createdBy,
    recordId: step.recordId,
    kind,
    transition: step.transition,
    fromState: step.fromState,
    toState: step.toState,
    comment: step.comment || null,
    actorId: step.actorId,
    createdAt: step.at,
  };
}
