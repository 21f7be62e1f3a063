// Records and their audit trail. Every write names the revision it expects, so a stale edit changes nothing.
import { sql } from 'kysely';
import type { Executor } from './schema';
import { pathWithin } from './org-scope';
import { compactResults } from '../evaluation/compact-results';

export interface RecordRow {
  id: string;
  pluginId: string;
  pluginVersion: string;
  formId: string;
  period: string;
  orgUnitId: string;
  orgPath: string;
  subject: string | null;
  subjectTitle: string | null;
  uniqueKey: string | null;
  data: Record<string, unknown>;
  /** As stored: ids and outcomes (platform/evaluation/compact-results.ts); expandResults rebuilds the full results. */
  results: Record<string, unknown>;
  state: string;
  workflow: Record<string, unknown>;
  revision: number;
  createDigest: string;
  createdBy: string;
  /** The browser's id of a create sent from an offline draft; only a new row carries it (see findByClientId). */
  clientId?: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
}

export const toRecord = (r: any): RecordRow => ({
  id: r.id,
  pluginId: r.plugin_id,
  pluginVersion: r.plugin_version,
  formId: r.form_id,
  period: r.period,
  orgUnitId: r.org_unit_id,
  orgPath: r.org_path,
  subject: r.subject,
  subjectTitle: r.subject_title,
  uniqueKey: r.unique_key,
  data: r.data,
  results: r.results,
  state: r.state,
  workflow: r.workflow,
  revision: r.revision,
  createDigest: r.create_digest,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  submittedAt: r.submitted_at,
});

export type NewRecord = Omit<RecordRow, 'createdAt' | 'updatedAt' | 'submittedAt'>;

/** A new record as the columns of its row (results stored compact); one mapping for single and bulk inserts. */
export const recordColumns = (r: NewRecord) => ({
  id: r.id,
  plugin_id: r.pluginId,
  plugin_version: r.pluginVersion,
  form_id: r.formId,
  period: r.period,
  org_unit_id: r.orgUnitId,
  org_path: r.orgPath,
  subject: r.subject,
  subject_title: r.subjectTitle,
  unique_key: r.uniqueKey,
  data: JSON.stringify(r.data),
  results: JSON.stringify(compactResults(r.results)),
  state: r.state,
  workflow: JSON.stringify(r.workflow),
  revision: r.revision,
  create_digest: r.createDigest,
  created_by: r.createdBy,
});

/**
 * Inserts unless the id or the unique key is taken: 'exists' when the id is (the caller decides whether that is a
 * retry), 'duplicate' when the unique key is held by another record.
 *
 * `on conflict do nothing` without a target covers both unique indexes (the primary key and records_unique_key),
 * so a concurrent create never raises a unique violation that would abort the caller's transaction. PostgreSQL
 * only skips the row for a conflicting row that is committed: against one still being inserted it waits for that
 * transaction to end. Under READ COMMITTED each statement takes a fresh snapshot, so the reads below see the row
 * that made this insert do nothing.
 */
export async function insertRecord(ex: Executor, r: NewRecord): Promise<'inserted' | 'exists' | 'duplicate'> {
  const res = await ex
    .insertInto('records')
    .values(recordColumns(r))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 1) return 'inserted';
  if (await getRecord(ex, r.id)) return 'exists';
  return 'duplicate';
}

/** The database refused a second record for a subject (or unit) and period. */
export const isUniqueKeyViolation = (e: any): boolean => e?.code === '23505' && String(e?.constraint) === 'records_unique_key';

export async function getRecord(ex: Executor, id: string, forUpdate = false): Promise<RecordRow | undefined> {
  let q = ex.selectFrom('records').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** The record a user created from the offline draft with this client id, if any. */
export async function findByClientId(ex: Executor, createdBy: string, clientId: string): Promise<RecordRow | undefined> {
  const r = await ex
    .selectFrom('records')
    .selectAll()
    .where('created_by', '=', createdBy)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

export interface RecordChange {
  data?: Record<string, unknown>;
  results?: Record<string, unknown>;
  state?: string;
  workflow?: Record<string, unknown>;
  subject?: string | null;
  subjectTitle?: string | null;
  uniqueKey?: string | null;
  submittedAt?: Date | null;
}

export interface RankingQuery {
  pluginId: string;
  formId: string;
  period: string;
  states: string[];
  by: string[];
  order: 'asc' | 'desc';
  /** The caller's units, or 'all' for the policy's own ranking that a workflow guard reads (never a listing). */
  scopePaths: readonly string[] | 'all';
}
export interface RankedRow {
  id: string;
  rank: number;
  value: number | null;
  subject: string | null;
  subjectTitle: string | null;
  orgUnitId: string;
  orgPath: string;
  state: string;
}

/**
 * Ranks in SQL (rank() over the value at `by` in the results), ties broken by the earlier submission. Only records
 * within `scopePaths` are ranked: the scope filter is in the WHERE, which runs before the window, so a district
 * sees its own order and count and nothing of the records beside it (records_scope serves the filter).
 */
export async function rankRecords(ex: Executor, q: RankingQuery): Promise<RankedRow[]> {
  if (q.states.length === 0 || (q.scopePaths !== 'all' && q.scopePaths.length === 0)) return [];
  const scope = q.scopePaths === 'all' ? sql<boolean>`true` : pathWithin('org_path', q.scopePaths);
  const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
  const value = sql<number | null>`(results #>> ${q.by}::text[])::numeric`;
  const rows = await ex
    .selectFrom('records')
    .select(['id', 'subject', 'subject_title', 'org_unit_id', 'org_path', 'state'])
    .select(value.as('value'))
    .select(sql<number>`rank() over (order by ${value} ${dir} nulls last, submitted_at asc, id asc)`.as('rank'))
    .where('plugin_id', '=', q.pluginId)
    .where('form_id', '=', q.formId)
    .where('period', '=', q.period)
    .where('state', 'in', q.states)
    .where(scope)
    .orderBy('rank')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    rank: Number(r.rank),
    value: r.value === null ? null : Number(r.value),
    subject: r.subject,
    subjectTitle: r.subject_title,
    orgUnitId: r.org_unit_id,
    orgPath: r.org_path,
    state: r.state,
  }));
}

export interface AuditEvent {
  recordId: string;
  actorId: string | null;
  action: 'create' | 'update' | 'transition' | 'recompute' | 'follow-up';
  transition?: string | null;
  fromState?: string | null;
  toState?: string | null;
  revision: number;
  pluginVersion: string;
  changes: unknown[];
  comment?: string | null;
  /** When it happened on the platform's clock (a workflow step: reports read when a state was entered); else now. */
  at?: Date | null;
}

export async function appendAudit(ex: Executor, e: AuditEvent) {
  await ex
    .insertInto('audit_events')
    .values({
      record_id: e.recordId,
      actor_id: e.actorId,
      action: e.action,
      transition: e.transition ?? null,
      from_state: e.fromState ?? null,
      to_state: e.toState ?? null,
      revision: e.revision,
      plugin_version: e.pluginVersion,
      changes: JSON.stringify(e.changes),
      comment: e.comment ?? null,
      ...(e.at ? { at: e.at } : {}),
    })
    .execute();
}

export async function listAudit(ex: Executor, recordId: string) {
  return ex
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .select([
      'audit_events.id',
      'audit_events.at',
      'audit_events.actor_id',
      'users.display_name',
      'audit_events.action',
      'audit_events.transition',
      'audit_events.from_state',
      'audit_events.to_state',
      'audit_events.revision',
      'audit_events.plugin_version',
      'audit_events.changes',
      'audit_events.comment',
    ])
    .where('audit_events.record_id', '=', recordId)
    .orderBy('audit_events.id')
    .execute();
}
