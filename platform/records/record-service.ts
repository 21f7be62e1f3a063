// Creating, editing and reading records through the API. A write loads its facts, has them planned
// (plan-write.ts, the one planning step every write path shares) and writes the plan — the record with its audit
// event — atomically, so a response is sent only for what is committed. A create is two statements and no
// transaction (see createRecord); an edit too when where the record lives is known (see updateRecordData).
import { randomUUID } from 'node:crypto';
import { HezuoError, detail } from '../errors';
import { today, type PlatformContext } from '../context';
import { canSee, type Principal } from '../access/principal';
import type { Executor } from '../store/schema';
import { findByClientId, getRecord, isUniqueKeyViolation, listAudit, type RecordRow } from '../store/records-store';
import { insertRecordWithAudit, updateRecordIfHeld } from '../store/write-store';
import { checkPeriod } from './period';
import { viewOf, type RecordView } from './record-view';
import { fieldsToMask } from '../access/sensitive-access';
import { maskChanges } from '../access/mask-sensitive';
import { logRecordsShown } from '../access/sensitive-log';
import type { Change } from './diff';
import { loadCreateFacts, loadRecordToEdit, loadUpdateFacts, type EditPlace } from './write-facts';
import { rememberShape, shapeOf } from './record-shapes';
import { fillDefaults } from '../plugins/field-defaults';
import { refReader } from './ref-defaults';
import {
  duplicateRefusal,
  editTargetRefusal,
  NO_SUCH_RECORD,
  planCreate,
  planRetry,
  planUpdate,
  refusalError,
  staleRevision,
  type CreateRequest,
} from './plan-write';

// The view moved to record-view.ts and the write rules to write-rules.ts; re-exported for code that reads them here.
export { viewOf, type RecordView };
export { isEditable, schemaErrors } from './write-rules';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function asObject(v: unknown, pointer: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    throw new HezuoError('BAD_REQUEST', [detail(pointer, '必须是 JSON 对象', 'Must be a JSON object')]);
  }
  return v as Record<string, unknown>;
}

export interface CreateInput {
  id?: unknown;
  clientId?: unknown;
  plugin?: unknown;
  form?: unknown;
  period?: unknown;
  orgUnitId?: unknown;
  data?: unknown;
  overrides?: unknown;
}

export async function createRecord(
  ctx: PlatformContext,
  principal: Principal,
  body: CreateInput,
): Promise<{ record: RecordView; created: boolean }> {
  if (typeof body.plugin !== 'string') throw new HezuoError('BAD_REQUEST', [detail('/plugin', '缺少插件编号', 'plugin is required')]);
  if (typeof body.form !== 'string') throw new HezuoError('BAD_REQUEST', [detail('/form', '缺少表单编号', 'form is required')]);
  if (typeof body.orgUnitId !== 'string')
    throw new HezuoError('BAD_REQUEST', [detail('/orgUnitId', '缺少组织机构', 'orgUnitId is required')]);
  if (body.id !== undefined && (typeof body.id !== 'string' || !ID_PATTERN.test(body.id))) {
    throw new HezuoError('BAD_REQUEST', [
      detail('/id', '编号只能包含字母、数字、- 和 _,最长 64 位', 'An id is 1–64 letters, digits, - or _'),
    ]);
  }
  // Disabled plugins and policies out of force take no new records.
  ctx.registry.requireOpen(body.plugin, today(ctx));
  if (body.clientId !== undefined && (typeof body.clientId !== 'string' || !UUID_PATTERN.test(body.clientId))) {
    throw new HezuoError('BAD_REQUEST', [detail('/clientId', '草稿编号必须是 UUID', 'clientId must be a UUID')]);
  }
  const clientId = (body.clientId as string | undefined)?.toLowerCase();
  const { form } = ctx.registry.form(body.plugin, body.form);
  const period = checkPeriod(form.manifest.period.kind, body.period);
  const req = {
    plugin: body.plugin,
    form: body.form,
    id: (body.id as string | undefined) ?? randomUUID(),
    clientId,
    period,
    orgUnitId: body.orgUnitId,
    data: asObject(body.data ?? {}, '/data'),
    overrides: body.overrides,
  };

  // Two round trips: the facts, read without locks, and one statement writing record, audit event and links, which
  // commits on its own and re-checks what the facts would have held locked (parameters' revision, attachments
  // unlinked). Should those move under it twice running, the third attempt holds the locks in a transaction.
  for (let attempt = 1; ; attempt++) {
    const done =
      attempt < 3
        ? await attemptCreate(ctx, ctx.db, principal, req, false)
        : await ctx.db.transaction().execute((tx) => attemptCreate(ctx, tx, principal, req, true));
    if (done) return done;
  }
}

/** One try at a create: its answer, or undefined when the facts moved before the write (nothing was written). */
async function attemptCreate(
  ctx: PlatformContext,
  ex: Executor,
  principal: Principal,
  req: CreateRequest & { id: string; plugin: string; form: string },
  locked: boolean,
): Promise<{ record: RecordView; created: boolean } | undefined> {
  const { plugin, form } = ctx.registry.form(req.plugin, req.form);
  let facts = await loadCreateFacts(ex, plugin, form, principal, today(ctx), req, !locked);
  // Empty fields with a default (x-default) are filled as the browser fills them; what they were filled with
  // can name the subject, so the facts are loaded again for the filled data.
  if (form.defaults.length) {
    const filled = fillDefaults(form.defaults, req.data, refReader(plugin, form, principal, req.data, facts.refs));
    if (filled.filled.size) {
      req.data = filled.data;
      facts = await loadCreateFacts(ex, plugin, form, principal, today(ctx), req, !locked);
    }
  }
  facts.now = ctx.clock.now().toISOString();
  const plan = planCreate(plugin, form, req, facts);
  if ('refused' in plan) throw refusalError(plan.refused);
  const unitOf = (row: RecordRow) => (facts.unit?.id === row.orgUnitId ? facts.unit : undefined);
  // A sensitive record shown in full is logged (viewOf): after the write's commit, before the answer.
  if ('retry' in plan) return { record: await viewOf(ctx, ex, principal, plan.retry, unitOf(plan.retry)), created: false };
  const { row, audit, link, unit } = plan.create;
  const out = await insertRecordWithAudit(ex, row, audit, link, { paramsOf: plugin.id, paramsRevision: facts.paramsRevision });
  if ('moved' in out) return undefined;
  if ('written' in out) return { record: await viewOf(ctx, ex, principal, out.written, unit), created: true };
  // Nothing was written: a concurrent create of the same id, client id or unique key committed first (the insert
  // waited for it). Read now, in a fresh snapshot: the same id or client id is answered as a sequential retry would be.
  const sent = req.clientId ? await findByClientId(ex, principal.user.id, req.clientId) : undefined;
  if (sent) return { record: await viewOf(ctx, ex, principal, sent, unitOf(sent)), created: false };
  const held = await getRecord(ex, row.id);
  if (!held) throw refusalError(duplicateRefusal(form));
  const again = planRetry(plugin, form, req, held, facts);
  if ('refused' in again) throw refusalError(again.refused);
  return { record: await viewOf(ctx, ex, principal, again.retry, unitOf(again.retry)), created: false };
}

/** Loads a record the principal may see, or 404 — never telling whether it exists elsewhere. */
export async function visibleRecord(ex: Executor, principal: Principal, id: string, forUpdate = false): Promise<RecordRow> {
  const row = await getRecord(ex, id, forUpdate);
  if (!row || !canSee(principal, row.orgPath)) throw new HezuoError('NOT_FOUND', [NO_SUCH_RECORD()]);
  return row;
}

export function requireRevision(row: RecordRow, revision: unknown) {
  if (typeof revision !== 'number' || !Number.isInteger(revision)) {
    throw new HezuoError('BAD_REQUEST', [detail('/revision', '缺少所编辑的修订号', 'The revision being edited is required')]);
  }
  if (revision !== row.revision) throw refusalError(staleRevision(row.revision));
}

export async function updateRecordData(
  ctx: PlatformContext,
  principal: Principal,
  id: string,
  body: { revision?: unknown; data?: unknown; overrides?: unknown },
): Promise<RecordView> {
  const raw = asObject(body.data, '/data');
  // As a create: the facts read without locks — the record with them in one statement when where it lives is known
  // (record-shapes.ts) — and one self-committing statement that writes only if the record is still at the revision
  // planned on and the parameters and attachments are as read. When not, the edit is planned again on fresh facts
  // (a stale revision is then refused with 409); the third attempt holds the locks in a transaction.
  for (let attempt = 1; ; attempt++) {
    const done =
      attempt < 3
        ? await attemptUpdate(ctx, ctx.db, principal, id, body, raw, false)
        : await ctx.db.transaction().execute((tx) => attemptUpdate(ctx, tx, principal, id, body, raw, true));
    if (done) return done;
  }
}

/** Where a record was last seen to live, as the place of its edit's facts (absent when its plugin is gone). */
function guessedPlace(ctx: PlatformContext, id: string): EditPlace | undefined {
  const shape = shapeOf(ctx, id);
  const plugin = shape && ctx.registry.find(shape.pluginId, shape.pluginVersion);
  const form = shape && plugin?.forms.get(shape.formId);
  return shape && plugin && form ? { plugin, form, id, period: shape.period, orgUnitId: shape.orgUnitId } : undefined;
}

/** One try at an edit: its answer, or undefined when the record or the facts moved before the write (nothing written). */
async function attemptUpdate(
  ctx: PlatformContext,
  ex: Executor,
  principal: Principal,
  id: string,
  body: { revision?: unknown; overrides?: unknown },
  raw: Record<string, unknown>,
  locked: boolean,
): Promise<RecordView | undefined> {
  const place = guessedPlace(ctx, id);
  const asOf = today(ctx);
  const first = await loadRecordToEdit(ex, id, body.revision, {
    unlocked: !locked,
    guess: place && { place, principal, asOf, data: raw },
  });
  const { row, unit, eventsAfter } = first;
  const target = editTargetRefusal(row, body.revision, { principal, eventsAfter });
  if (target || !row) throw refusalError(target!);
  rememberShape(ctx, row);
  const { plugin, form } = ctx.registry.form(row.pluginId, row.formId, row.pluginVersion);
  const facts = first.facts ?? (await loadUpdateFacts(ex, plugin, form, principal, asOf, row, raw, { unit, eventsAfter }, !locked));
  facts.now = ctx.clock.now().toISOString();
  const plan = planUpdate(plugin, form, row, { basedOn: body.revision, data: raw, overrides: body.overrides }, facts);
  if ('refused' in plan) throw refusalError(plan.refused);
  const { expectedRevision, change, audit, link } = plan.update;
  const kept = [...facts.attachments.values()].filter((a) => a.recordId === row.id).map((a) => a.id);
  // A concurrent edit or create may take the key between the facts and the write; the unique index decides.
  const out = await updateRecordIfHeld(ex, id, expectedRevision, change, audit, link, {
    paramsOf: plugin.id,
    paramsRevision: facts.paramsRevision,
    kept,
  }).catch((e) => {
    throw isUniqueKeyViolation(e) ? refusalError(duplicateRefusal(form)) : e;
  });
  if ('moved' in out) return undefined;
  return viewOf(ctx, ex, principal, out.written, unit);
}

export async function getRecordView(ctx: PlatformContext, principal: Principal, id: string) {
  const row = await visibleRecord(ctx.db, principal, id);
  return viewOf(ctx, ctx.db, principal, row);
}

export async function recordHistory(ctx: PlatformContext, principal: Principal, id: string) {
  const row = await visibleRecord(ctx.db, principal, id);
  const events = await listAudit(ctx.db, id);
  // Each event masked by the declarations of the version it was made under and of the record's version.
  const sensitiveOf = (version: string) => ctx.registry.find(row.pluginId, version)?.forms.get(row.formId)?.sensitive;
  const declared = (version: string) => [sensitiveOf(row.pluginVersion), sensitiveOf(version)];
  let fullShown = false;
  const shown = events.map((e) => {
    const changes = e.changes as Change[];
    const hidden = declared(e.plugin_version).flatMap((s) => fieldsToMask(principal, s, row.orgPath));
    const all = declared(e.plugin_version).flatMap((s) => s?.fields ?? []);
    if (hidden.length === 0 && JSON.stringify(maskChanges(all, changes)) !== JSON.stringify(changes)) fullShown = true;
    return { ...e, changes: maskChanges(hidden, changes) };
  });
  if (fullShown) await logRecordsShown(ctx.db, principal, [row], 'history');
  return shown.map((e) => ({
    id: Number(e.id),
    at: e.at,
    actor: e.actor_id ? { id: e.actor_id, name: e.display_name } : null,
    action: e.action,
    transition: e.transition,
    fromState: e.from_state,
    toState: e.to_state,
    revision: e.revision,
    pluginVersion: e.plugin_version,
    changes: e.changes,
    comment: e.comment,
  }));
}
