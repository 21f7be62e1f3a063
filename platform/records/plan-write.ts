// The one planning step of every record write — a create or an edit through the API, a row of an import — over
// facts loaded beforehand (write-facts.ts): no I/O here. The answer is a refusal (a stable code, details with
// zh-CN/en messages and pointers) or what to write: the row or the change, its audit event, attachments to link.
// The checks come in a fixed order, so every path refuses a bad write with the same first reason.
import { randomUUID } from 'node:crypto';
import { detail, HezuoError, type ErrorCode, type ErrorDetail } from '../errors';
import { keepMaskedValues } from '../access/mask-sensitive';
import { canSee, holdsRole } from '../access/principal';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { OrgUnit } from '../store/orgs-store';
import type { NewRecord, RecordChange, RecordRow } from '../store/records-store';
import type { WriteAudit } from '../store/write-store';
import { checkAttachments } from '../attachments/link-attachments';
import { diffData, type Change } from './diff';
import { evaluateWithFacts, withoutComputed, type Evaluation } from './evaluate-record';
import { keptOverrides, overriddenFields, planOverrides, type Overrides } from './plan-overrides';
import type { CreateFacts, UpdateFacts, WriteFacts } from './write-facts';
import {
  createDigest,
  createRolesOf,
  duplicatePointer,
  initialState,
  isEditable,
  schemaErrors,
  SUBJECT_TAKEN,
  uniqueKeyOf,
} from './write-rules';

export interface Refusal {
  code: ErrorCode;
  details: ErrorDetail[];
}

export const refusalError = (r: Refusal) => new HezuoError(r.code, r.details);

/** When an override is made: the facts' clock when a caller gives one (tests), else now. */
const nowOf = (facts: WriteFacts) => facts.now ?? new Date().toISOString();

const refuse = (code: ErrorCode, details: ErrorDetail[] = []): { refused: Refusal } => ({ refused: { code, details } });

export const ORG_UNIT_OUTSIDE = () => detail('/orgUnitId', '组织机构不存在或不在您的管辖范围', 'Unknown org unit or outside your units');
// A plugin that names regions is a policy of those places: a record is created only at a unit within one of them.
const OUTSIDE_REGIONS = () =>
  detail(
    '/orgUnitId',
    '该政策不适用于此组织机构(不在插件的适用地区内)',
    'This policy does not apply at that org unit (outside the plugin’s regions)',
  );
export const withinRegions = (path: string, regionPaths: readonly string[] | undefined) =>
  regionPaths === undefined || regionPaths.some((r) => path.startsWith(r));
export const NO_SUCH_RECORD = () => detail('/id', '记录不存在', 'No such record');
// The same words whoever holds the id: the caller learns that the id is taken, never by what or where.
const ID_TAKEN = () => detail('/id', '该编号已被使用,请换一个编号', 'That id is taken; use another one');
const CLIENT_ID_TAKEN = () =>
  detail('/clientId', '该草稿已保存为一条您现在无权查看的记录', 'This draft was already saved as a record you can no longer see');

export const duplicateRefusal = (form: FormDefinition): Refusal => ({
  code: 'DUPLICATE_RECORD',
  details: [detail(duplicatePointer(form), SUBJECT_TAKEN['zh-CN'], SUBJECT_TAKEN.en)],
});

export interface CreateRequest {
  id?: string;
  /** The browser's id of an offline draft: a second send of it answers with the record the first made. */
  clientId?: string;
  period: string;
  orgUnitId: string;
  data: Record<string, unknown>;
  comment?: string;
  /** Outcomes replaced by the user: { <rule id>: { value, reason } } (plan-overrides.ts). */
  overrides?: unknown;
}

export interface CreatePlan {
  id: string;
  unit: OrgUnit;
  row: NewRecord;
  audit: WriteAudit;
  link: string[];
  ev: Evaluation;
}
export interface UpdatePlan {
  expectedRevision: number;
  change: RecordChange;
  audit: WriteAudit;
  link: string[];
  changes: Change[];
  ev: Evaluation;
}

/** Where the rules, the schema, the unique key and the attachments are checked, the same for a create and an edit. */
function evaluateAndCheck(
  plugin: PluginDefinition,
  form: FormDefinition,
  raw: Record<string, unknown>,
  rec: {
    id: string;
    period: string;
    state: string;
    unit: OrgUnit;
    workflow: Record<string, unknown>;
    uniqueKey: string | null;
    overrides?: Overrides;
  },
  facts: WriteFacts,
  asked?: unknown,
): { refused: Refusal } | { ev: Evaluation; uniqueKey: string | null; link: string[] } {
  const out = evaluateWithFacts(plugin, form, raw, rec, facts.asOf, facts.principal, facts);
  if ('errors' in out) return refuse('REFERENCE_INVALID', out.errors);
  const ev = out.ev;
  const errors = schemaErrors(form, ev.data, false);
  // A chosen value the form schema refuses at its compute rule's field is a bad value of that override.
  const fields = overriddenFields(form, asked);
  const bad = errors.filter((e) => fields.has(e.pointer));
  if (bad.length)
    return refuse(
      'OVERRIDE_VALUE_INVALID',
      bad.map((e) => ({ ...e, pointer: `/overrides/${fields.get(e.pointer)}/value` })),
    );
  if (errors.length)
    return refuse(
      'VALIDATION_FAILED',
      errors.map((e) => ({ ...e, pointer: `/data${e.pointer}` })),
    );
  const uniqueKey = uniqueKeyOf(form, rec.period, ev.subject, rec.unit.id);
  if (uniqueKey !== null && uniqueKey !== rec.uniqueKey) {
    const holder = facts.uniqueHolders.get(uniqueKey);
    if (holder !== undefined && holder !== rec.id) return { refused: duplicateRefusal(form) };
  }
  const att = checkAttachments(facts.principal, plugin.id, form, rec.id, ev.data, facts.attachments);
  if (att.problems.length) return refuse('ATTACHMENT_INVALID', att.problems);
  return { ev, uniqueKey, link: att.link };
}

/**
 * A new record. Where before which id: a create at a unit the caller may not act at is refused the same way
 * whether or not the id exists somewhere. A taken id is a retry of the same create (same content, same author, in
 * the caller's units) answered with what the first one made, or else ID_CONFLICT whoever holds it.
 */
export function planCreate(
  plugin: PluginDefinition,
  form: FormDefinition,
  req: CreateRequest,
  facts: CreateFacts,
): { refused: Refusal } | { retry: RecordRow } | { create: CreatePlan } {
  const unit = facts.unit;
  if (!unit || unit.id !== req.orgUnitId || !canSee(facts.principal, unit.path)) return refuse('ORG_UNIT_INVALID', [ORG_UNIT_OUTSIDE()]);
  if (!holdsRole(facts.principal, createRolesOf(form), unit.path)) return refuse('FORBIDDEN');
  if (!withinRegions(unit.path, facts.regionPaths)) return refuse('OUTSIDE_PLUGIN_REGIONS', [OUTSIDE_REGIONS()]);
  // The draft was sent before (the answer was lost on the way back): whatever it says now, it made that record.
  const sent = facts.holderOfClientId;
  if (sent) return canSee(facts.principal, sent.orgPath) ? { retry: sent } : refuse('ID_CONFLICT', [CLIENT_ID_TAKEN()]);
  const digest = createDigest({ plugin: plugin.id, form: form.id, period: req.period, orgUnitId: req.orgUnitId, data: req.data });
  const held = facts.holderOfId;
  if (held) return isRetry(held, digest, facts) ? { retry: held } : refuse('ID_CONFLICT', [ID_TAKEN()]);
  const id = req.id ?? randomUUID();
  const state = initialState(form);
  const ov = planOverrides(form, undefined, req.overrides, { principal: facts.principal, orgPath: unit.path, at: nowOf(facts) });
  if ('refused' in ov) return ov;
  const checked = evaluateAndCheck(
    plugin,
    form,
    req.data,
    { id, period: req.period, state, unit, workflow: {}, uniqueKey: null, overrides: ov.overrides },
    facts,
    req.overrides,
  );
  if ('refused' in checked) return checked;
  const { ev, uniqueKey, link } = checked;
  const row: NewRecord = {
    id,
    pluginId: plugin.id,
    pluginVersion: plugin.version,
    formId: form.id,
    period: req.period,
    orgUnitId: unit.id,
    orgPath: unit.path,
    subject: ev.subject,
    subjectTitle: ev.subjectTitle,
    uniqueKey,
    data: ev.data,
    results: ev.results as unknown as Record<string, unknown>,
    state,
    workflow: {},
    revision: 1,
    createDigest: digest,
    createdBy: facts.principal.user.id,
    clientId: req.clientId ?? null,
  };
  const audit: WriteAudit = {
    actorId: facts.principal.user.id,
    action: 'create',
    toState: state,
    pluginVersion: plugin.version,
    changes: [...diffData({}, ev.data), ...ov.changes],
    comment: req.comment ?? null,
  };
  return { create: { id, unit, row, audit, link, ev } };
}

/** Whether a record holding a create's id is that very create made before (then its answer is the first one's). */
export const isRetry = (held: RecordRow, digest: string, facts: Pick<WriteFacts, 'principal'>) =>
  held.createDigest === digest && held.createdBy === facts.principal.user.id && canSee(facts.principal, held.orgPath);

/** The answer to a create whose insert found its id taken after planning (a concurrent create committed first). */
export function planRetry(
  plugin: PluginDefinition,
  form: FormDefinition,
  req: CreateRequest,
  held: RecordRow,
  facts: Pick<WriteFacts, 'principal'>,
): { refused: Refusal } | { retry: RecordRow } {
  const digest = createDigest({ plugin: plugin.id, form: form.id, period: req.period, orgUnitId: req.orgUnitId, data: req.data });
  return isRetry(held, digest, facts) ? { retry: held } : refuse('ID_CONFLICT', [ID_TAKEN()]);
}

/**
 * The record an edit is for, before its plugin is looked up: one the caller may see (else NOT_FOUND, never telling
 * whether it exists elsewhere) at the revision the edit is based on — or at a later one only recomputes (after
 * parameter changes) have made, since the save evaluates the rules anew.
 */
export function editTargetRefusal(
  row: RecordRow | undefined,
  basedOn: unknown,
  facts: Pick<UpdateFacts, 'principal' | 'eventsAfter'>,
): Refusal | null {
  if (!row || !canSee(facts.principal, row.orgPath)) return { code: 'NOT_FOUND', details: [NO_SUCH_RECORD()] };
  if (typeof basedOn !== 'number' || !Number.isInteger(basedOn)) {
    return { code: 'BAD_REQUEST', details: [detail('/revision', '缺少所编辑的修订号', 'The revision being edited is required')] };
  }
  if (basedOn === row.revision) return null;
  const e = facts.eventsAfter;
  const onlyRecomputed = basedOn >= 1 && basedOn < row.revision && !!e && e.all === row.revision - basedOn && e.recomputes === e.all;
  if (onlyRecomputed) return null;
  return staleRevision(row.revision);
}

export const staleRevision = (current: number): Refusal => ({
  code: 'STALE_REVISION',
  details: [detail('/revision', `当前修订号为 ${current}`, `The current revision is ${current}`, { params: { current } })],
});

/**
 * An edit of a record's data: `data` replaces it whole (an import merges its row onto the stored data first).
 * An update import passes its form's import.update: `alsoInStates`, states it may change besides the editable ones,
 * and `roles`, who may run it at the record's unit instead of the form's createRoles.
 */
export function planUpdate(
  plugin: PluginDefinition,
  form: FormDefinition,
  row: RecordRow,
  req: {
    basedOn: unknown;
    data: Record<string, unknown>;
    comment?: string;
    alsoInStates?: readonly string[];
    roles?: readonly string[];
    /** Outcomes replaced, or cleared with null: { <rule id>: { value, reason } | null } (plan-overrides.ts). */
    overrides?: unknown;
  },
  facts: UpdateFacts,
): { refused: Refusal } | { update: UpdatePlan } {
  const target = editTargetRefusal(row, req.basedOn, facts);
  if (target) return { refused: target };
  // A write that only overrides outcomes (the data as stored) is the override roles' to make in any state but a
  // final one: a reviewer replaces a class during review. planOverrides checks those roles, rule by rule.
  const onlyOverrides =
    req.overrides !== undefined &&
    !form.workflow?.states.get(row.state)?.final &&
    diffData(withoutComputed(form, row.data), withoutComputed(form, keepMaskedValues(form.sensitive.fields, row.data, req.data))).length ===
      0;
  if (!onlyOverrides && !isEditable(form, row.state) && !req.alsoInStates?.includes(row.state)) {
    return refuse('TRANSITION_NOT_ALLOWED', [
      detail('/state', '当前状态下不能修改', 'The record cannot be edited in its current state', { params: { state: row.state } }),
    ]);
  }
  if (!onlyOverrides && !holdsRole(facts.principal, [...(req.roles ?? createRolesOf(form))], row.orgPath)) return refuse('FORBIDDEN');
  if (!facts.unit || facts.unit.id !== row.orgUnitId) return refuse('NOT_FOUND', [NO_SUCH_RECORD()]);
  const ov = planOverrides(form, keptOverrides(row.results), req.overrides, {
    principal: facts.principal,
    orgPath: row.orgPath,
    at: nowOf(facts),
  });
  if ('refused' in ov) return ov;
  // A sensitive value sent back as the mask the user was shown keeps the stored value (never the mask).
  const checked = evaluateAndCheck(
    plugin,
    form,
    keepMaskedValues(form.sensitive.fields, row.data, req.data),
    {
      id: row.id,
      period: row.period,
      state: row.state,
      unit: facts.unit,
      workflow: row.workflow,
      uniqueKey: row.uniqueKey,
      overrides: ov.overrides,
    },
    facts,
    req.overrides,
  );
  if ('refused' in checked) return checked;
  const { ev, uniqueKey, link } = checked;
  const changes = [...diffData(row.data, ev.data), ...ov.changes];
  return {
    update: {
      expectedRevision: row.revision,
      link,
      changes,
      ev,
      change: {
        data: ev.data,
        results: ev.results as unknown as Record<string, unknown>,
        subject: ev.subject,
        subjectTitle: ev.subjectTitle,
        uniqueKey,
      },
      audit: {
        actorId: facts.principal.user.id,
        action: 'update',
        pluginVersion: row.pluginVersion,
        changes,
        comment: req.comment ?? null,
      },
    },
  };
}
