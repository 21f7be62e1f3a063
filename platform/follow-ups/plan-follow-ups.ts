// The planning of follow-ups, pure like platform/records/plan-write.ts: which items a record gets when it enters
// its form's follow-up state, and what one step (rectify, confirm, reopen) changes — or the refusal, with its code.
//
// Decisions: an item is made for each failed check the selector names, unless that check already has an item not
// yet confirmed (re-entering the state never duplicates one). Nothing is closed by the rules: a check that passes
// later leaves its item as it is, because only a reviewer's confirmation closes a problem.
import { randomUUID } from 'node:crypto';
import { detail, type ErrorDetail } from '../errors';
import { holdsRole, type Principal } from '../access/principal';
import { truthy, runStepLogic } from '../evaluation';
import type { CheckResult } from '../evaluation';
import type { CompiledFollowUp, RoleAtLevel } from '../plugins/types';
import type { AttachmentMeta } from '../store/attachments-store';
import type { FollowUpChange, FollowUpRow, FollowUpStatus, FollowUpSummary, NewFollowUp } from '../store/follow-ups-store';
import { checkEvidence } from '../attachments/link-attachments';
import { EVIDENCE_FIELD } from '../attachments/attachment-service';
import { parseDate } from '../rules/dates';
import type { Refusal } from '../records/plan-write';

export { EVIDENCE_FIELD } from '../attachments/attachment-service';
export const MAX_NOTE = 2000;

const refuse = (code: Refusal['code'], details: ErrorDetail[] = []): { refused: Refusal } => ({ refused: { code, details } });
const isDate = (v: unknown): v is string => typeof v === 'string' && v.length === 10 && parseDate(v) !== null;

/** Whether a failed check is one the follow-up declaration names. */
export function selects(fu: CompiledFollowUp, check: Pick<CheckResult, 'id' | 'group'>): boolean {
  const sel = fu.spec.checks;
  return 'groups' in sel ? check.group !== null && sel.groups.includes(check.group) : sel.ids.includes(check.id);
}

/**
 * The items a record gets on entering the follow-up state: `ctx` is the step's context (data, params, results,
 * record, today); the deadline logic sees it with `check` ({id, group}) added. A deadline that is not a date
 * (a working-day calendar without that year) refuses the step: a guessed deadline would be worse than none.
 */
export function planOpenFollowUps(
  fu: CompiledFollowUp,
  checks: readonly CheckResult[],
  ctx: Record<string, unknown>,
  unclosed: ReadonlySet<string>,
  who: { recordId: string; userId: string; now: Date },
): { refused: Refusal } | { items: NewFollowUp[] } {
  if (fu.when && !truthy(runStepLogic(fu.when, ctx, 'followUp/when'))) return { items: [] };
  const items: NewFollowUp[] = [];
  const errors: ErrorDetail[] = [];
  for (const c of checks) {
    if (c.passed || !selects(fu, c) || unclosed.has(c.id)) continue;
    const deadline = runStepLogic(fu.deadline, { ...ctx, check: { id: c.id, group: c.group } }, 'followUp/deadline');
    if (!isDate(deadline)) {
      errors.push(
        detail(
          `/followUps/${c.id}`,
          `无法计算 ${c.id} 的整改期限(工作日历可能缺少该年份的数据)`,
          `No deadline for ${c.id} (the working-day calendar may lack that year)`,
          { code: 'FOLLOW_UP_DEADLINE_UNKNOWN', params: { rule: c.id } },
        ),
      );
      continue;
    }
    items.push({ id: randomUUID(), recordId: who.recordId, ruleId: c.id, deadline, openedBy: who.userId, openedAt: who.now });
  }
  if (errors.length) return refuse('FOLLOW_UP_DEADLINE_UNKNOWN', errors);
  return { items };
}

export const isOverdue = (item: Pick<FollowUpRow, 'status' | 'deadline'>, today: string) =>
  (item.status === 'open' || item.status === 'reopened') && item.deadline < today;

export function summarise(items: readonly Pick<FollowUpRow, 'status' | 'deadline'>[], today: string): FollowUpSummary {
  const count = (s: FollowUpStatus) => items.filter((i) => i.status === s).length;
  return {
    total: items.length,
    open: count('open'),
    rectified: count('rectified'),
    confirmed: count('confirmed'),
    reopened: count('reopened'),
    overdue: items.filter((i) => isOverdue(i, today)).length,
  };
}

export type FollowUpAction = 'rectify' | 'confirm' | 'reopen';

/** Statuses each step starts from, and where it leads. */
export const STEPS: Readonly<Record<FollowUpAction, { from: readonly FollowUpStatus[]; to: FollowUpStatus; role: 'mark' | 'confirm' }>> = {
  rectify: { from: ['open', 'reopened'], to: 'rectified', role: 'mark' },
  confirm: { from: ['rectified'], to: 'confirmed', role: 'confirm' },
  reopen: { from: ['rectified', 'confirmed'], to: 'reopened', role: 'confirm' },
};

export const mayTake = (principal: Principal, r: RoleAtLevel, orgPath: string) => holdsRole(principal, [r.role], orgPath, r.level);

export interface StepFacts {
  principal: Principal;
  pluginId: string;
  formId: string;
  recordId: string;
  orgPath: string;
  today: string;
  now: Date;
  /** The evidence attachments named, by id (locked). */
  attachments: ReadonlyMap<string, AttachmentMeta>;
}

export interface StepRequest {
  revision?: unknown;
  rectifiedOn?: unknown;
  note?: unknown;
  evidence?: unknown;
  comment?: unknown;
}

/** Evidence ids a rectify names (what the service loads before planning). */
export const evidenceIds = (body: StepRequest): string[] =>
  Array.isArray(body.evidence) ? body.evidence.filter((x): x is string => typeof x === 'string') : [];

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** One step on one item: who may, from which status, what the request must carry; then what to write. */
export function planFollowUpStep(
  fu: CompiledFollowUp,
  item: FollowUpRow,
  action: FollowUpAction,
  body: StepRequest,
  facts: StepFacts,
): { refused: Refusal } | { change: FollowUpChange; link: string[] } {
  const step = STEPS[action];
  if (!mayTake(facts.principal, fu.spec.roles[step.role], facts.orgPath))
    return refuse('FORBIDDEN', [
      detail(`/${action}`, '您没有执行该整改操作的角色或层级', 'You lack the role or level for this follow-up step'),
    ]);
  if (typeof body.revision !== 'number' || !Number.isInteger(body.revision))
    return refuse('BAD_REQUEST', [detail('/revision', '缺少所依据的修订号', 'The revision is required')]);
  if (body.revision !== item.revision)
    return refuse('FOLLOW_UP_STALE', [
      detail('/revision', `当前修订号为 ${item.revision}`, `The current revision is ${item.revision}`, {
        params: { current: item.revision },
      }),
    ]);
  if (!step.from.includes(item.status))
    return refuse('FOLLOW_UP_STEP_NOT_ALLOWED', [
      detail('/status', `整改事项状态为“${item.status}”,不能${action}`, `The item is ${item.status}; ${action} is not possible`, {
        params: { status: item.status },
      }),
    ]);
  const who = facts.principal.user.id;
  if (action === 'confirm') return { change: { status: 'confirmed', confirmedBy: who, confirmedAt: facts.now }, link: [] };
  if (action === 'reopen') {
    const comment = text(body.comment);
    if (!comment) return refuse('FOLLOW_UP_INVALID', [detail('/comment', '重新打开须填写意见', 'Reopening needs a comment')]);
    if (comment.length > MAX_NOTE) return refuse('FOLLOW_UP_INVALID', [detail('/comment', '意见过长', 'The comment is too long')]);
    return { change: { status: 'reopened', comment, reopenedBy: who, reopenedAt: facts.now }, link: [] };
  }
  const errors: ErrorDetail[] = [];
  const on = body.rectifiedOn;
  if (!isDate(on)) errors.push(detail('/rectifiedOn', '请填写整改完成日期(YYYY-MM-DD)', 'The rectification date (YYYY-MM-DD) is required'));
  else if (on > facts.today)
    errors.push(
      detail('/rectifiedOn', '整改完成日期不能晚于今天', 'The rectification date cannot be after today', {
        params: { today: facts.today },
      }),
    );
  const note = text(body.note);
  if (note.length > MAX_NOTE)
    errors.push(detail('/note', `说明不能超过 ${MAX_NOTE} 字`, `The note may have at most ${MAX_NOTE} characters`));
  if (body.evidence !== undefined && (!Array.isArray(body.evidence) || body.evidence.some((x) => typeof x !== 'string')))
    errors.push(detail('/evidence', '证明材料须为附件编号列表', 'evidence must be a list of attachment ids'));
  const ids = evidenceIds(body);
  const spec = fu.spec.evidence;
  if (!spec && ids.length) errors.push(detail('/evidence', '此表单的整改不接受附件', 'This form takes no evidence files'));
  if (spec?.required && ids.length === 0) errors.push(detail('/evidence', '请上传整改证明材料', 'Evidence is required'));
  if (spec?.maxFiles !== undefined && ids.length > spec.maxFiles)
    errors.push(
      detail('/evidence', `附件不能多于 ${spec.maxFiles} 个`, `At most ${spec.maxFiles} files`, { params: { limit: spec.maxFiles } }),
    );
  if (errors.length) return refuse('FOLLOW_UP_INVALID', errors);
  const att = checkEvidence(
    facts.principal,
    { pluginId: facts.pluginId, formId: facts.formId, recordId: facts.recordId, field: EVIDENCE_FIELD },
    ids,
    facts.attachments,
    '/evidence',
  );
  if (att.problems.length) return refuse('ATTACHMENT_INVALID', att.problems);
  return {
    change: { status: 'rectified', rectifiedOn: on as string, note: note || null, evidence: ids, rectifiedBy: who, rectifiedAt: facts.now },
    link: att.link,
  };
}
