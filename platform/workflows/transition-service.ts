// Moving a record through its workflow: who may take which step, the checks and guards that must hold, and
// the step's effects (workflow values, marks on the subject) — all in the transaction that records the step.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import { today, type PlatformContext } from '../context';
import { canSee, holdsRole, type Principal } from '../access/principal';
import { buildContext, runStepLogic, truthy, type RuleResults } from '../evaluation';
import type { FormDefinition } from '../plugins/types';
import { decodePointer } from '../plugins/schema-walk';
import type { Executor } from '../store/schema';
import { rankRecords, type RecordRow } from '../store/records-store';
import { addMark, endMarks } from '../store/marks-store';
import { updateRecordWithAudit } from '../store/write-store';
import { evaluateWithFacts } from '../records/evaluate-record';
import { loadEvaluationFacts, loadRecordToEdit } from '../records/write-facts';
import { schemaErrors } from '../records/write-rules';
import { NO_SUCH_RECORD } from '../records/plan-write';
import { requireRevision } from '../records/record-service';
import { viewOf, type RecordView } from '../records/record-view';

export { allowedTransitions } from './allowed-transitions';

export async function rankingFor(ex: Executor, form: FormDefinition, row: RecordRow, params: Record<string, unknown>) {
  const r = form.manifest.ranking;
  if (!r) return null;
  const ranked = await rankRecords(ex, {
    pluginId: row.pluginId, formId: row.formId, period: row.period, states: r.states, by: decodePointer(r.by), order: r.order ?? 'desc',
    scopePaths: 'all', // a guard applies the policy's ranking of every unit, whoever takes the step
  });
  const mine = ranked.find((x) => x.id === row.id);
  const quota = r.quotaParameter ? params[r.quotaParameter] ?? null : null;
  return { rank: mine?.rank ?? null, count: ranked.length, quota };
}

export async function transitionRecord(
  ctx: PlatformContext,
  principal: Principal,
  id: string,
  body: { revision?: unknown; transition?: unknown; comment?: unknown },
): Promise<RecordView> {
  if (typeof body.transition !== 'string') throw new HezuoError('BAD_REQUEST', [detail('/transition', '缺少操作', 'transition is required')]);
  if (body.comment !== undefined && body.comment !== null && typeof body.comment !== 'string') {
    throw new HezuoError('BAD_REQUEST', [detail('/comment', '意见必须是文字', 'comment must be a string')]);
  }
  const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
  return ctx.db.transaction().execute(async (tx) => {
    const { row, unit } = await loadRecordToEdit(tx, id, undefined);
    if (!row || !unit || !canSee(principal, row.orgPath)) throw new HezuoError('NOT_FOUND', [NO_SUCH_RECORD()]);
    requireRevision(row, body.revision);
    const { plugin, form } = ctx.registry.form(row.pluginId, row.formId, row.pluginVersion);
    const wf = form.workflow;
    const t = wf?.transitions.get(body.transition as string);
    if (!wf || !t || !t.from.includes(row.state)) {
      throw new HezuoError('TRANSITION_NOT_ALLOWED', [detail('/transition', `状态“${row.state}”下不能执行“${String(body.transition)}”`, `"${String(body.transition)}" is not possible from state "${row.state}"`, { params: { state: row.state } })]);
    }
    if (!holdsRole(principal, t.roles, row.orgPath, t.level)) throw new HezuoError('FORBIDDEN', [detail('/transition', '您没有执行该操作的角色或层级', 'You lack the role or level for this step')]);
    if (t.commentRequired && !comment) throw new HezuoError('COMMENT_REQUIRED', [detail('/comment', '请填写意见', 'Please give a comment')]);

    const day = today(ctx);
    const leavingInitial = row.state === wf.workflow.initial;
    const facts = await loadEvaluationFacts(tx, plugin, form, row.data);
    const params = facts.params;
    // Submission fixes the evaluation date; later steps keep it, so results do not drift with the calendar.
    const asOf = leavingInitial || !row.submittedAt ? day : String((row.results as { asOf?: string }).asOf ?? day);
    const out = evaluateWithFacts(plugin, form, row.data, { id, period: row.period, state: row.state, unit, workflow: row.workflow }, asOf, principal, facts);
    if ('errors' in out) throw new HezuoError('REFERENCE_INVALID', out.errors);
    const ev = out.ev;

    if (leavingInitial) {
      const errors = schemaErrors(form, ev.data, true);
      if (errors.length) throw new HezuoError('VALIDATION_FAILED', errors.map((e) => ({ ...e, pointer: `/data${e.pointer}` })));
    }
    if (t.requireChecks && ev.results.blocking > 0) {
      const failed: ErrorDetail[] = ev.results.checks
        .filter((c) => !c.passed && c.severity === 'block')
        .map((c) => ({ pointer: c.pointer ? `/data${c.pointer}` : '', message: c.message, code: c.id }));
      throw new HezuoError('BLOCKING_CHECKS_FAILED', failed);
    }
    const results: RuleResults = ev.results;
    const ranking = await rankingFor(tx, form, row, params);
    const stepCtx = {
      ...buildContext({ data: ev.data, params, asOf, marks: ev.marks }, ev.data, results.computed),
      record: { id, period: row.period, state: row.state, workflow: row.workflow, orgUnit: { id: unit.id, code: unit.code, level: unit.level } },
      results: { score: results.score, blocking: results.blocking, failed: results.failed, classes: results.classes },
      ranking,
      today: day,
      transition: { id: t.id, comment },
    };
    const guardFailures: ErrorDetail[] = [];
    for (const g of t.guards ?? []) {
      const guard = form.guards.get(g)!;
      let ok: boolean;
      try {
        ok = (!guard.when || truthy(guard.when(stepCtx))) ? truthy(guard.logic(stepCtx)) : true;
      } catch {
        ok = false;
      }
      if (!ok) guardFailures.push({ pointer: guard.rule.pointer ? `/data${guard.rule.pointer}` : '', message: guard.rule.message, code: guard.rule.id });
    }
    if (guardFailures.length) throw new HezuoError('GUARD_FAILED', guardFailures);

    const workflowValues = { ...row.workflow };
    for (const [name, logic] of t.compiledSet) workflowValues[name] = runStepLogic(logic, stepCtx, `${t.id}/set/${name}`) ?? null;
    if (t.compiledMarks.length || t.endMarks?.length) {
      if (!row.subject) throw new HezuoError('VALIDATION_FAILED', [detail(`/data${form.manifest.subject ?? ''}`, '记录缺少对象标识,无法登记', 'The record has no subject to mark')]);
      await endMarks(tx, plugin.id, row.subject, t.endMarks ?? [], day);
      for (const m of t.compiledMarks) {
        const until = m.until ? runStepLogic(m.until, stepCtx, `${t.id}/addMarks/${m.kind}`) : null;
        await addMark(tx, { pluginId: plugin.id, subject: row.subject, kind: m.kind, from: day, until: typeof until === 'string' ? until : null, reason: m.reason, recordId: id, userId: principal.user.id });
      }
    }
    const toInitial = t.to === wf.workflow.initial;
    const updated = await updateRecordWithAudit(tx, id, row.revision, {
      state: t.to,
      workflow: workflowValues,
      results: results as unknown as Record<string, unknown>,
      data: ev.data,
      submittedAt: leavingInitial ? ctx.clock.now() : toInitial ? null : undefined,
    }, {
      actorId: principal.user.id, action: 'transition', transition: t.id, fromState: row.state, toState: t.to,
      pluginVersion: row.pluginVersion, changes: [], comment: comment || null,
    });
    if (!updated) throw new HezuoError('STALE_REVISION');
    return viewOf(ctx, tx, principal, updated, unit);
  });
}
