// Which steps tell a record's creator: a return to the initial state, a step into a state that notifies (final
// states by default, or `notify: true`), never a step the creator takes, never a state with `notify: false`.
import { describe, expect, it } from 'vitest';
import { planMessage, type StepTaken } from '../../platform/messages/plan-message';
import type { FormDefinition, WorkflowState } from '../../platform/plugins/types';

const title = { 'zh-CN': '状态', en: 'State' };
const states: WorkflowState[] = [
  { id: 'draft', title, editable: true },
  { id: 'submitted', title },
  { id: 'approved', title, notify: true },
  { id: 'checked', title },
  { id: 'rejected', title, final: true },
  { id: 'archived', title, final: true, notify: false },
];
// Only the workflow is read by planMessage.
const form = {
  workflow: { workflow: { initial: 'draft' }, states: new Map(states.map((s) => [s.id, s])), transitions: new Map() },
} as unknown as FormDefinition;
const at = new Date('2026-12-01T08:00:00Z');
const step = (fromState: string, toState: string, actorId = 'reviewer-1'): StepTaken => ({
  recordId: 'r-1',
  createdBy: 'officer-1',
  fromState,
  transition: `${fromState}-to-${toState}`,
  toState,
  comment: '',
  actorId,
  at,
});

describe('planMessage', () => {
  it('tells the creator of a return, with the comment', () => {
    expect(planMessage(form, { ...step('submitted', 'draft'), comment: '请补充' })).toEqual({
      userId: 'officer-1',
      recordId: 'r-1',
      kind: 'returned',
      transition: 'submitted-to-draft',
      fromState: 'submitted',
      toState: 'draft',
      comment: '请补充',
      actorId: 'reviewer-1',
      createdAt: at,
    });
  });

  it('tells of a state that notifies: final by default, or declared; not of a plain step or an opted-out final state', () => {
    expect(planMessage(form, step('submitted', 'approved'))?.kind).toBe('reached');
    expect(planMessage(form, step('submitted', 'rejected'))?.kind).toBe('reached');
    expect(planMessage(form, step('submitted', 'rejected'))?.comment).toBeNull();
    expect(planMessage(form, step('submitted', 'checked'))).toBeNull();
    expect(planMessage(form, step('approved', 'archived'))).toBeNull();
  });

  it('tells the creator nothing of a step the creator takes', () => {
    expect(planMessage(form, step('draft', 'submitted', 'officer-1'))).toBeNull();
    expect(planMessage(form, step('submitted', 'draft', 'officer-1'))).toBeNull();
    expect(planMessage(form, step('submitted', 'rejected', 'officer-1'))).toBeNull();
  });

  it('tells nothing for a form without a workflow', () => {
    expect(planMessage({ workflow: null } as unknown as FormDefinition, step('submitted', 'draft'))).toBeNull();
  });
});
