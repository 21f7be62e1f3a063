// Creating, editing and reading records. Each write is one transaction that also appends its audit event, so a
// response is sent only for what is committed.
import { createHash, randomUUID } from 'node:crypto';
import { HezuoError, detail, type ErrorDetail, type LocalText } from '../errors';
import { today, type PlatformContext } from '../context';
import { canSee, holdsRole, type Principal } from '../access/principal';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { Executor } from '../store/schema';
import { getOrgUnit, type OrgUnit } from '../store/orgs-store';
import { appendAudit, getRecord, insertRecord, isUniqueKeyViolation, recordIdByUniqueKey, listAudit, onlyRecomputedSince, updateRecord, type RecordRow } from '../store/records-store';
import { effectiveParameters } from '../parameters/parameter-service';
import { checkPeriod } from './period';
import { evaluateRecord } from './evaluate-record';
import { diffData } from './diff';
import { allowedTransitions } from './transition-service';
import { attachToRecord } from '../attachments/link-attachments';
import { expandResults } from '../evaluation/expand-results';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function asObject(v: unknown, pointer: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    throw new HezuoError('BAD_REQUEST', [detail(pointer, '必须是 JSON 对象', 'Must be a JSON object')]);
  }
  return v as Record<string, unknown>;
}

/** Drafts may be incomplete: only `required` is waived until the record leaves its first state. */
export function schemaErrors(form: FormDefinition, data: unknown, complete: boolean): ErrorDetail[] {
  const errors = form.validate(data);
  return complete ? errors : errors.filter((e) => e.keyword !== 'required');
}

export function uniqueKeyOf(form: FormDefinition, period: string, subject: string | null, orgUnitId: string): string | null {
  if (form.manifest.uniquePer === 'subject') return subject === null ? null : `${period}|${subject}`;
  if (form.manifest.uniquePer === 'orgUnit') return `${period}|${orgUnitId}`;
  return null;
}

export const isEditable = (form: FormDefinition, state: string) => {
  const wf = form.workflow;
  if (!wf) return true;
  const s = wf.states.get(state);
  return s?.editable ?? state === wf.workflow.initial;
};

const digestOf = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

export interface CreateInput { id?: unknown; plugin?: unknown; form?: unknown; period?: unknown; orgUnitId?: unknown; data?: unknown }

/**
 * The refusal of a second record for a subject (or unit) and period. The unique key is enforced across units (one
 * application per subject and period, wherever it was filed), so the refusal itself cannot be avoided; what it says
 * is the same whether the other record is in the caller's units or not, and it names neither that record nor its
 * unit — the caller learns only what any refusal must tell, that the subject cannot be registered again here.
 */
export const SUBJECT_TAKEN: LocalText = {
  'zh-CN': '该对象在此期间已有登记,不能重复登记;如在您的记录中找不到,请联系上级主管部门',
  en: 'This subject is already registered for this period and cannot be registered again; if it is not among your records, contact the office above you',
};

export const duplicateRecord = (form: FormDefinition) =>
  new HezuoError('DUPLICATE_RECORD', [detail(form.manifest.subject ? `/data${form.manifest.subject}` : '/orgUnitId', SUBJECT_TAKEN['zh-CN'], SUBJECT_TAKEN.en)]);

// The same words whoever holds the id: the caller learns that the id is taken, never by what or where.
const idConflict = () => new HezuoError('ID_CONFLICT', [detail('/id', '该编号已被使用,请换一个编号', 'That id is taken; use another one')]);

/**
 * A create whose id is already taken: a retry of the same create (same content, same author) gets what the first
 * one made; anything else is ID_CONFLICT, the same answer whether or not the holder is in the caller's units.
 */
async function answerRetry(ctx: PlatformContext, tx: Executor, principal: Principal, existing: RecordRow, digest: string) {
  if (existing.createDigest === digest && existing.createdBy === principal.user.id && canSee(principal, existing.orgPath)) {
    return { record: await viewOf(ctx, tx, principal, existing), created: false };
  }
  throw idConflict();
}

export async function createRecord(ctx: PlatformContext, principal: Principal, body: CreateInput): Promise<{ record: RecordView; created: boolean }> {
  if (typeof body.plugin !== 'string') throw new HezuoError('BAD_REQUEST', [detail('/plugin', '缺少插件编号', 'plugin is required')]);
  if (typeof body.form !== 'string') throw new HezuoError('BAD_REQUEST', [detail('/form', '缺少表单编号', 'form is required')]);
  if (typeof body.orgUnitId !== 'string') throw new HezuoError('BAD_REQUEST', [detail('/orgUnitId', '缺少组织机构', 'orgUnitId is required')]);
  if (body.id !== undefined && (typeof body.id !== 'string' || !ID_PATTERN.test(body.id))) {
    throw new HezuoError('BAD_REQUEST', [detail('/id', '编号只能包含字母、数字、- 和 _,最长 64 位', 'An id is 1–64 letters, digits, - or _')]);
  }
  const { plugin, form } = ctx.registry.form(body.plugin, body.form);
  const period = checkPeriod(form.manifest.period.kind, body.period);
  const raw = asObject(body.data ?? {}, '/data');
  const id = (body.id as string | undefined) ?? randomUUID();
  const digest = digestOf({ plugin: plugin.id, form: form.id, period, orgUnitId: body.orgUnitId, data: raw });

  return ctx.db.transaction().execute(async (tx) => {
    // Where before which id: a create at a unit the caller may not act at is refused the same way whether or not
    // the id exists somewhere, so the answer reveals nothing about records outside the caller's units.
    const unit = await getOrgUnit(tx, body.orgUnitId as string);
    if (!unit || !canSee(principal, unit.path)) throw new HezuoError('ORG_UNIT_INVALID', [detail('/orgUnitId', '组织机构不存在或不在您的管辖范围', 'Unknown org unit or outside your units')]);
    if (!holdsRole(principal, form.manifest.createRoles ?? ['officer'], unit.path)) throw new HezuoError('FORBIDDEN');
    const existing = await getRecord(tx, id);
    if (existing) return answerRetry(ctx, tx, principal, existing, digest);
    const state = form.workflow?.workflow.initial ?? 'saved';
    const params = (await effectiveParameters(tx, plugin, true)).values;
    const ev = await evaluateRecord(tx, plugin, form, params, raw, { id, period, state, unit, workflow: {} }, today(ctx), principal);
    const errors = schemaErrors(form, ev.data, false);
    if (errors.length) throw new HezuoError('VALIDATION_FAILED', errors.map((e) => ({ ...e, pointer: `/data${e.pointer}` })));
    const uniqueKey = uniqueKeyOf(form, period, ev.subject, unit.id);
    const outcome = await insertRecord(tx, {
      id, pluginId: plugin.id, pluginVersion: plugin.version, formId: form.id, period, orgUnitId: unit.id, orgPath: unit.path,
      subject: ev.subject, subjectTitle: ev.subjectTitle, uniqueKey, data: ev.data, results: ev.results as unknown as Record<string, unknown>,
      state, workflow: {}, revision: 1, createDigest: digest, createdBy: principal.user.id,
    });
    // A concurrent create of the same id committed first (the insert waited for it, then did nothing): it is
    // read now, in a fresh snapshot, and answered as a sequential retry would be. Nothing was written here.
    if (outcome === 'exists') return answerRetry(ctx, tx, principal, (await getRecord(tx, id))!, digest);
    if (outcome === 'duplicate') throw duplicateRecord(form);
    await attachToRecord(tx, principal, plugin.id, form, { id, orgPath: unit.path }, ev.data);
    await appendAudit(tx, { recordId: id, actorId: principal.user.id, action: 'create', toState: state, revision: 1, pluginVersion: plugin.version, changes: diffData({}, ev.data) });
    const row = (await getRecord(tx, id))!;
    return { record: await viewOf(ctx, tx, principal, row, unit), created: true };
  });
}

/** Loads a record the principal may see, or 404 — never telling whether it exists elsewhere. */
export async function visibleRecord(ex: Executor, principal: Principal, id: string, forUpdate = false): Promise<RecordRow> {
  const row = await getRecord(ex, id, forUpdate);
  if (!row || !canSee(principal, row.orgPath)) throw new HezuoError('NOT_FOUND', [detail('/id', '记录不存在', 'No such record')]);
  return row;
}

export function requireRevision(row: RecordRow, revision: unknown) {
  if (typeof revision !== 'number' || !Number.isInteger(revision)) {
    throw new HezuoError('BAD_REQUEST', [detail('/revision', '缺少所编辑的修订号', 'The revision being edited is required')]);
  }
  if (revision !== row.revision) {
    throw new HezuoError('STALE_REVISION', [detail('/revision', `当前修订号为 ${row.revision}`, `The current revision is ${row.revision}`, { params: { current: row.revision } })]);
  }
}

/** A data edit may be based on a revision that only recomputes (after parameter changes) have moved on since. */
async function requireEditRevision(ex: Executor, row: RecordRow, revision: unknown) {
  if (typeof revision === 'number' && Number.isInteger(revision) && revision !== row.revision
    && await onlyRecomputedSince(ex, row.id, revision, row.revision)) return;
  requireRevision(row, revision);
}

export async function updateRecordData(ctx: PlatformContext, principal: Principal, id: string, body: { revision?: unknown; data?: unknown }): Promise<RecordView> {
  const raw = asObject(body.data, '/data');
  return ctx.db.transaction().execute(async (tx) => {
    const row = await visibleRecord(tx, principal, id, true);
    await requireEditRevision(tx, row, body.revision);
    const { plugin, form } = ctx.registry.form(row.pluginId, row.formId, row.pluginVersion);
    if (!isEditable(form, row.state)) throw new HezuoError('TRANSITION_NOT_ALLOWED', [detail('/state', '当前状态下不能修改', 'The record cannot be edited in its current state', { params: { state: row.state } })]);
    if (!holdsRole(principal, form.manifest.createRoles ?? ['officer'], row.orgPath)) throw new HezuoError('FORBIDDEN');
    const unit = (await getOrgUnit(tx, row.orgUnitId))!;
    const params = (await effectiveParameters(tx, plugin, true)).values;
    const ev = await evaluateRecord(tx, plugin, form, params, raw, { id, period: row.period, state: row.state, unit, workflow: row.workflow }, today(ctx), principal);
    const errors = schemaErrors(form, ev.data, false);
    if (errors.length) throw new HezuoError('VALIDATION_FAILED', errors.map((e) => ({ ...e, pointer: `/data${e.pointer}` })));
    const uniqueKey = uniqueKeyOf(form, row.period, ev.subject, row.orgUnitId);
    if (uniqueKey !== null && uniqueKey !== row.uniqueKey) {
      const clash = await recordIdByUniqueKey(tx, plugin.id, form.id, uniqueKey);
      if (clash !== undefined) throw duplicateRecord(form);
    }
    // A concurrent edit or create may take the key between the check and the write; the unique index decides.
    const updated = await updateRecord(tx, id, row.revision, {
      data: ev.data, results: ev.results as unknown as Record<string, unknown>, subject: ev.subject, subjectTitle: ev.subjectTitle, uniqueKey,
    }).catch((e) => { throw isUniqueKeyViolation(e) ? duplicateRecord(form) : e; });
    if (!updated) throw new HezuoError('STALE_REVISION');
    await attachToRecord(tx, principal, plugin.id, form, { id, orgPath: row.orgPath }, ev.data);
    await appendAudit(tx, { recordId: id, actorId: principal.user.id, action: 'update', revision: updated.revision, pluginVersion: row.pluginVersion, changes: diffData(row.data, ev.data) });
    return viewOf(ctx, tx, principal, updated, unit);
  });
}

export interface RecordView {
  id: string;
  plugin: { id: string; version: string };
  form: string;
  period: string;
  orgUnit: { id: string; code: string; name: unknown; level: string } | null;
  subject: string | null;
  subjectTitle: string | null;
  data: Record<string, unknown>;
  results: Record<string, unknown>;
  state: string;
  stateTitle: unknown;
  editable: boolean;
  workflow: Record<string, unknown>;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  transitions: { id: string; title: unknown; to: string; commentRequired: boolean }[];
}

export async function viewOf(ctx: PlatformContext, ex: Executor, principal: Principal, row: RecordRow, unit?: OrgUnit): Promise<RecordView> {
  const plugin: PluginDefinition | undefined = ctx.registry.find(row.pluginId, row.pluginVersion);
  const form = plugin?.forms.get(row.formId);
  const u = unit ?? (await getOrgUnit(ex, row.orgUnitId));
  return {
    id: row.id,
    plugin: { id: row.pluginId, version: row.pluginVersion },
    form: row.formId,
    period: row.period,
    orgUnit: u ? { id: u.id, code: u.code, name: u.name, level: u.level } : null,
    subject: row.subject,
    subjectTitle: row.subjectTitle,
    data: row.data,
    results: form ? (expandResults(form, row.results) as Record<string, unknown>) : row.results,
    state: row.state,
    stateTitle: form?.workflow?.states.get(row.state)?.title ?? null,
    editable: form ? isEditable(form, row.state) && holdsRole(principal, form.manifest.createRoles ?? ['officer'], row.orgPath) : false,
    workflow: row.workflow,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    transitions: form ? allowedTransitions(form, principal, row) : [],
  };
}

export async function getRecordView(ctx: PlatformContext, principal: Principal, id: string) {
  const row = await visibleRecord(ctx.db, principal, id);
  return viewOf(ctx, ctx.db, principal, row);
}

export async function recordHistory(ctx: PlatformContext, principal: Principal, id: string) {
  await visibleRecord(ctx.db, principal, id);
  const events = await listAudit(ctx.db, id);
  return events.map((e) => ({
    id: Number(e.id), at: e.at, actor: e.actor_id ? { id: e.actor_id, name: e.display_name } : null, action: e.action,
    transition: e.transition, fromState: e.from_state, toState: e.to_state, revision: e.revision, pluginVersion: e.plugin_version,
    changes: e.changes, comment: e.comment,
  }));
}
