// The planning step of a workflow step, pure like plan-write.ts: over the record, its unit and the facts its rules
// read (loaded beforehand), who may take the step, the checks and guards that must hold, and what the step writes
// (state, workflow values, results, the marks it ends and adds, its audit event) — or the refusal, with its code.
import { detail, type ErrorDetail } from '../errors';
import type { Principal } from '../access/principal';
import { holdsRole } from '../access/principal';
import { runStepLogic, type RuleResults } from '../evaluation';
import { guardOutcomes, stepContext } from './step-guards';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { OrgUnit } from '../store/orgs-store';
import type { RecordChange, RecordRow } from '../store/records-store';
import type { WriteAudit } from '../store/write-store';
import type { LocalText } from '../errors';
import { evaluateWithFacts, type EvaluationFacts } from '../records/evaluate-record';
import { schemaErrors } from '../records/write-rules';
import type { Refusal } from '../records/plan-write';
import type { NewFollowUp } from '../store/follow-ups-store';
import { planOpenFollowUps } from '../follow-ups/plan-follow-ups';
import { keptOverrides } from '../records/plan-overrides';

export interface TransitionFacts extends EvaluationFacts {
  principal: Principal;
  unit: OrgUnit;
  /** The record's place in its form's ranking, when the form ranks (read by guards). */
  ranking: { rank: number | null; count: number; quota: unknown } | null;
  today: string;
  now: Date;
  /** Rule ids of the record's follow-up items not yet confirmed (loaded when its form declares follow-ups). */
  unclosedFollowUps?: ReadonlySet<string>;
}

export interface NewMark {
  kind: string;
  from: string;
  until: string | null;
  reason: LocalText;
}

export interface TransitionPlan {
  change: RecordChange;
  audit: WriteAudit;
  /** Marks on the record's subject: the kinds to end today, the marks to add. */
  marks: { subject: string; end: string[]; add: NewMark[] } | null;
  /** Follow-up items the step opens (entering the form's follow-up state). */
  followUps: NewFollowUp[];
}

const refuse = (code: Refusal['code'], details: ErrorDetail[] = []): { refused: Refusal } => ({ refused: { code, details } });

/** The step `transition` with `comment` (trimmed, '' for none) on `row`. */
export function planTransition(
  plugin: PluginDefinition,
  form: FormDefinition,
  row: RecordRow,
  req: { transition: string; comment: string },
  facts: TransitionFacts,
): { refused: Refusal } | { step: TransitionPlan } {
  const { principal, unit, today: day } = facts;
  const comment = req.comment;
  const wf = form.workflow;
  const t = wf?.transitions.get(req.transition);
  if (!wf || !t || !t.from.includes(row.state)) {
    return refuse('TRANSITION_NOT_ALLOWED', [
      detail(
        '/transition',
        `状态“${row.state}”下不能执行“${req.transition}”`,
        `"${req.transition}" is not possible from state "${row.state}"`,
        { params: { state: row.state } },
      ),
    ]);
  }
  if (!holdsRole(principal, t.roles, row.orgPath, t.level))
    return refuse('FORBIDDEN', [detail('/transition', '您没有执行该操作的角色或层级', 'You lack the role or level for this step')]);
  if (t.commentRequired && !comment) return refuse('COMMENT_REQUIRED', [detail('/comment', '请填写意见', 'Please give a comment')]);

  const leavingInitial = row.state === wf.workflow.initial;
  // Submission fixes the evaluation date; later steps keep it, so results do not drift with the calendar.
  const asOf = leavingInitial || !row.submittedAt ? day : String((row.results as { asOf?: string }).asOf ?? day);
  const out = evaluateWithFacts(
    plugin,
    form,
    row.data,
    { id: row.id, period: row.period, state: row.state, unit, workflow: row.workflow, overrides: keptOverrides(row.results) },
    asOf,
    principal,
    facts,
  );
  if ('errors' in out) return refuse('REFERENCE_INVALID', out.errors);
  const ev = out.ev;
  if (leavingInitial) {
    const errors = schemaErrors(form, ev.data, true);
    if (errors.length)
      return refuse(
        'VALIDATION_FAILED',
        errors.map((e) => ({ ...e, pointer: `/data${e.pointer}` })),
      );
  }
  const results: RuleResults = ev.results;
  if (t.requireChecks && results.blocking > 0) {
    return refuse(
      'BLOCKING_CHECKS_FAILED',
      results.checks
        .filter((c) => !c.passed && c.severity === 'block')
        .map((c) => ({ pointer: c.pointer ? `/data${c.pointer}` : '', message: c.message, code: c.id })),
    );
  }
  const stepCtx = stepContext(
    {
      data: ev.data,
      params: facts.params,
      asOf,
      marks: ev.marks,
      results,
      record: {
        id: row.id,
        period: row.period,
        state: row.state,
        workflow: row.workflow,
        orgUnit: { id: unit.id, code: unit.code, level: unit.level },
      },
      ranking: facts.ranking,
      today: day,
      transition: { id: t.id, comment },
    },
    form.manifest.period.kind,
  );
  const guardFailures: ErrorDetail[] = guardOutcomes(form, t, stepCtx)
    .filter((g) => !g.ok)
    .map((g) => ({ pointer: g.rule.pointer ? `/data${g.rule.pointer}` : '', message: g.rule.message, code: g.id }));
  if (guardFailures.length) return refuse('GUARD_FAILED', guardFailures);

  const workflowValues = { ...row.workflow };
  for (const [name, logic] of t.compiledSet) workflowValues[name] = runStepLogic(logic, stepCtx, `${t.id}/set/${name}`) ?? null;
  let marks: TransitionPlan['marks'] = null;
  if (t.compiledMarks.length || t.endMarks?.length) {
    if (!row.subject)
      return refuse('VALIDATION_FAILED', [
        detail(`/data${form.manifest.subject ?? ''}`, '记录缺少对象标识,无法登记', 'The record has no subject to mark'),
      ]);
    const add = t.compiledMarks.map((m) => {
      const until = m.until ? runStepLogic(m.until, stepCtx, `${t.id}/addMarks/${m.kind}`) : null;
      return { kind: m.kind, from: day, until: typeof until === 'string' ? until : null, reason: m.reason };
    });
    marks = { subject: row.subject, end: t.endMarks ?? [], add };
  }
  let followUps: NewFollowUp[] = [];
  if (form.followUp && t.to === form.followUp.spec.on.state) {
    const opened = planOpenFollowUps(
      form.followUp,
      results.checks,
      { ...stepCtx, record: { ...stepCtx.record, state: t.to, workflow: workflowValues } },
      facts.unclosedFollowUps ?? new Set(),
      { recordId: row.id, userId: principal.user.id, now: facts.now },
    );
    if ('refused' in opened) return opened;
    followUps = opened.items;
  }
  const toInitial = t.to === wf.workflow.initial;
  return {
    step: {
      change: {
        state: t.to,
        workflow: workflowValues,
        results: results as unknown as Record<string, unknown>,
        data: ev.data,
        submittedAt: leavingInitial ? facts.now : toInitial ? null : undefined,
      },
      audit: {
        actorId: principal.user.id,
        action: 'transition',
        transition: t.id,
        fromState: row.state,
        toState: t.to,
        // The step's moment on the platform clock, as submittedAt: reports read when a state was entered from it.
        at: facts.now,
        pluginVersion: row.pluginVersion,
        // The items opened, so the record's history says when each problem got its deadline.
        changes: followUps.map((f) => ({ pointer: `/followUps/${f.id}`, to: { rule: f.ruleId, status: 'open', deadline: f.deadline } })),
        comment: comment || null,
      },
      marks,
      followUps,
    },
  };
}
