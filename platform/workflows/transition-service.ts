// Moving a record through its workflow: the record and the facts its rules read are loaded, the step is planned
// (plan-transition.ts: who may take it, the checks and guards, its effects) and written — marks on the subject,
// then the record with its audit event in one statement, then the follow-ups and the creator's message — in one
// transaction.
import { HezuoError, detail } from '../errors';
import { today, type PlatformContext } from '../context';
import { canSee, type Principal } from '../access/principal';
import type { FormDefinition } from '../plugins/types';
import { decodePointer } from '../plugins/schema-walk';
import type { Executor } from '../store/schema';
import { rankRecords, type RecordRow } from '../store/records-store';
import { addMark, endMarks } from '../store/marks-store';
import { updateRecordWithAudit } from '../store/write-store';
import { insertFollowUps, unclosedRuleIds } from '../store/follow-ups-store';
import { loadEvaluationFacts, loadRecordToEdit } from '../records/write-facts';
import { NO_SUCH_RECORD, refusalError } from '../records/plan-write';
import { planTransition } from './plan-transition';
import { requireRevision } from '../records/record-service';
import { viewOf, type RecordView } from '../records/record-view';
import { planMessage } from '../messages/plan-message';
import { insertMessage } from '../store/messages-store';

export async function rankingFor(ex: Executor, form: FormDefinition, row: RecordRow, params: Record<string, unknown>) {
  const r = form.manifest.ranking;
  if (!r) return null;
  const ranked = await rankRecords(ex, {
    pluginId: row.pluginId,
    formId: row.formId,
    period: row.period,
    states: r.states,
    by: decodePointer(r.by),
    order: r.order ?? 'desc',
    scopePaths: 'all', // a guard applies the policy's ranking of every unit, whoever takes the step
  });
  const mine = ranked.find((x) => x.id === row.id);
  const quota = r.quotaParameter ? (params[r.quotaParameter] ?? null) : null;
  return { rank: mine?.rank ?? null, count: ranked.length, quota };
}

export async function transitionRecord(
  ctx: PlatformContext,
  principal: Principal,
  id: string,
  body: { revision?: unknown; transition?: unknown; comment?: unknown },
): Promise<RecordView> {
  if (typeof body.transition !== 'string')
    throw new HezuoError('BAD_REQUEST', [detail('/transition', '缺少操作', 'transition is required')]);
  if (body.comment !== undefined && body.comment !== null && typeof body.comment !== 'string') {
    throw new HezuoError('BAD_REQUEST', [detail('/comment', '意见必须是文字', 'comment must be a string')]);
  }
  const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
  return ctx.db.transaction().execute(async (tx) => {
    const { row, unit } = await loadRecordToEdit(tx, id, undefined);
    if (!row || !unit || !canSee(principal, row.orgPath)) throw new HezuoError('NOT_FOUND', [NO_SUCH_RECORD()]);
    requireRevision(row, body.revision);
    const { plugin, form } = ctx.registry.form(row.pluginId, row.formId, row.pluginVersion);
    const facts = await loadEvaluationFacts(tx, plugin, form, row.data, row, { recordId: id, today: today(ctx) });
    const ranking = await rankingFor(tx, form, row, facts.params);
    const unclosedFollowUps = form.followUp ? new Set(await unclosedRuleIds(tx, id)) : undefined;
    const plan = planTransition(
      plugin,
      form,
      row,
      { transition: body.transition as string, comment },
      {
        ...facts,
        principal,
        unit,
        ranking,
        today: today(ctx),
        now: ctx.clock.now(),
        unclosedFollowUps,
      },
    );
    if ('refused' in plan) throw refusalError(plan.refused);
    const { change, audit, marks } = plan.step;
    if (marks) {
      await endMarks(tx, plugin.id, marks.subject, marks.end, today(ctx));
      for (const m of marks.add)
        await addMark(tx, { pluginId: plugin.id, subject: marks.subject, ...m, recordId: id, userId: principal.user.id });
    }
    const updated = await updateRecordWithAudit(tx, id, row.revision, change, audit);
    if (!updated) throw new HezuoError('STALE_REVISION');
    // In the step's transaction: the items exist exactly when the step does (its audit event lists them).
    await insertFollowUps(tx, plan.step.followUps);
    // The creator's message too: it exists exactly when the step does.
    const message = planMessage(form, {
      recordId: id,
      createdBy: row.createdBy,
      fromState: row.state,
      transition: body.transition as string,
      toState: updated.state,
      comment,
      actorId: principal.user.id,
      at: ctx.clock.now(),
    });
    if (message) await insertMessage(tx, message);
    return viewOf(ctx, tx, principal, updated, unit);
  });
}
