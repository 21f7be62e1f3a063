// Follow-ups through the API: a record's items, and one step on one item. A step locks the record and the item,
// is planned (plan-follow-ups.ts), writes the item (and links its evidence), then re-evaluates the record through
// the recompute planner — the one write path — and writes it with the step's audit event, all in one transaction.
import { HezuoError, detail } from '../errors';
import { today, type PlatformContext } from '../context';
import { canSee, type Principal } from '../access/principal';
import type { FormDefinition } from '../plugins/types';
import { getRecord } from '../store/records-store';
import { loadFacts, updateRecordWithAudit } from '../store/write-store';
import { listFollowUps, lockFollowUp, updateFollowUp, type FollowUpRow } from '../store/follow-ups-store';
import { loadEvaluationFacts, loadRecordToEdit } from '../records/write-facts';
import { NO_SUCH_RECORD, refusalError } from '../records/plan-write';
import { planRecompute } from '../records/recompute';
import {
  evidenceIds,
  isOverdue,
  mayTake,
  planFollowUpStep,
  summarise,
  EVIDENCE_FIELD,
  type FollowUpAction,
  type StepRequest,
} from './plan-follow-ups';

const NO_SUCH_ITEM = () => detail('/followUpId', '整改事项不存在', 'No such follow-up item');

/** An item as the API shows it: the check's title and message come from the record's plugin version. */
function itemView(form: FormDefinition, item: FollowUpRow, day: string) {
  const rule = form.rules.find((r) => r.rule.id === item.ruleId)?.rule as
    { title?: unknown; message?: unknown; group?: string } | undefined;
  return {
    id: item.id,
    rule: item.ruleId,
    title: rule?.title ?? null,
    message: rule?.message ?? null,
    group: rule?.group ?? null,
    status: item.status,
    deadline: item.deadline,
    overdue: isOverdue(item, day),
    rectifiedOn: item.rectifiedOn,
    note: item.note,
    evidence: item.evidence,
    comment: item.comment,
    openedBy: item.openedBy,
    openedAt: item.openedAt,
    rectifiedBy: item.rectifiedBy,
    rectifiedAt: item.rectifiedAt,
    confirmedBy: item.confirmedBy,
    confirmedAt: item.confirmedAt,
    reopenedBy: item.reopenedBy,
    reopenedAt: item.reopenedAt,
    revision: item.revision,
  };
}
export type FollowUpView = ReturnType<typeof itemView>;

export async function recordFollowUps(ctx: PlatformContext, principal: Principal, recordId: string) {
  const row = await getRecord(ctx.db, recordId);
  if (!row || !canSee(principal, row.orgPath)) throw new HezuoError('NOT_FOUND', [NO_SUCH_RECORD()]);
  const { form } = ctx.registry.form(row.pluginId, row.formId, row.pluginVersion);
  const items = form.followUp ? await listFollowUps(ctx.db, recordId) : [];
  const day = today(ctx);
  const fu = form.followUp?.spec;
  return {
    recordId,
    today: day,
    declared: !!fu,
    summary: summarise(items, day),
    may: {
      mark: !!fu && mayTake(principal, fu.roles.mark, row.orgPath),
      confirm: !!fu && mayTake(principal, fu.roles.confirm, row.orgPath),
    },
    evidence: fu?.evidence ? { field: EVIDENCE_FIELD, ...fu.evidence } : null,
    items: items.map((i) => itemView(form, i, day)),
  };
}

export async function stepFollowUp(
  ctx: PlatformContext,
  principal: Principal,
  recordId: string,
  followUpId: string,
  action: FollowUpAction,
  body: StepRequest,
): Promise<{ item: FollowUpView; recordRevision: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const { row, unit } = await loadRecordToEdit(tx, recordId, undefined);
    if (!row || !unit || !canSee(principal, row.orgPath)) throw new HezuoError('NOT_FOUND', [NO_SUCH_RECORD()]);
    const { plugin, form } = ctx.registry.form(row.pluginId, row.formId, row.pluginVersion);
    const item = form.followUp ? await lockFollowUp(tx, recordId, followUpId) : undefined;
    if (!form.followUp || !item) throw new HezuoError('FOLLOW_UP_NOT_FOUND', [NO_SUCH_ITEM()]);
    const ids = action === 'rectify' ? evidenceIds(body) : [];
    const attachments = ids.length ? (await loadFacts(tx, { attachmentIds: ids })).attachments : new Map();
    const day = today(ctx);
    const now = ctx.clock.now();
    const plan = planFollowUpStep(form.followUp, item, action, body, {
      principal,
      pluginId: plugin.id,
      formId: form.id,
      recordId,
      orgPath: row.orgPath,
      today: day,
      now,
      attachments,
    });
    if ('refused' in plan) throw refusalError(plan.refused);
    const updated = await updateFollowUp(tx, item.id, item.revision, plan.change, {
      recordId,
      orgPath: row.orgPath,
      ids: plan.link,
    });
    if (!updated) throw new HezuoError('FOLLOW_UP_STALE');

    // The record's rules see the new counts: its outcome is planned as a recompute would, and written with this step.
    const facts = await loadEvaluationFacts(tx, plugin, form, row.data, row, { recordId, today: day });
    const re = planRecompute(plugin, form, row, unit, facts, day, { actorId: principal.user.id, comment: '' });
    const stepChange = { pointer: `/followUps/${item.id}/status`, from: item.status, to: updated.status };
    const written = await updateRecordWithAudit(tx, recordId, row.revision, re.kind === 'update' ? re.change : {}, {
      actorId: principal.user.id,
      action: 'follow-up',
      transition: action,
      fromState: row.state,
      toState: row.state,
      pluginVersion: row.pluginVersion,
      changes: [{ ...stepChange, rule: item.ruleId }, ...(re.kind === 'update' ? re.audit.changes : [])],
      comment: action === 'reopen' ? updated.comment : action === 'rectify' ? updated.note : null,
    });
    if (!written) throw new HezuoError('STALE_REVISION');
    return { item: itemView(form, updated, day), recordRevision: written.revision };
  });
}
