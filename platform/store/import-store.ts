// Bulk reads and writes for spreadsheet imports: one statement per batch of rows, never one per row. Writes send
// the whole batch as one jsonb parameter expanded by jsonb_to_recordset, so a batch is one round trip and no
// statement comes near PostgreSQL's 65,535-parameter limit.
import { sql } from 'kysely';
import type { Executor } from './schema';
import { recordColumns, toRecord, type AuditEvent, type NewRecord, type RecordRow } from './records-store';
import { compactResults } from '../evaluation/compact-results';
import { pathWithin } from './org-scope';

export interface RecordScope {
  pluginId: string;
  formId: string;
  period: string;
}

/**
 * Holds, until the transaction ends, the one lock of imports into this form and period. Two imports of the same
 * rows at once would each find no record for a new key (FOR UPDATE locks no row that does not exist yet) and both
 * insert: a unique-key violation that fails the second import, or — for a natural key that is not a unique key —
 * a second record of the same key. Taken first in the import's transaction, the lock makes the second import wait
 * and then read, in a fresh READ COMMITTED snapshot, what the first committed.
 */
export async function lockImportTarget(ex: Executor, s: RecordScope): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`import|${s.pluginId}|${s.formId}|${s.period}`}, 0))`.execute(ex);
}

/** Records of a form and period whose `column` is one of `values`, locked until the import's transaction ends. */
export async function lockRecordsBy(
  ex: Executor,
  s: RecordScope,
  by: { subjects?: string[]; orgUnitIds?: string[]; dataPath?: string[]; dataValues?: string[] },
): Promise<RecordRow[]> {
  let q = ex
    .selectFrom('records')
    .selectAll()
    .where('plugin_id', '=', s.pluginId)
    .where('form_id', '=', s.formId)
    .where('period', '=', s.period);
  if (by.subjects) {
    if (!by.subjects.length) return [];
    q = q.where('subject', 'in', by.subjects);
  } else if (by.orgUnitIds) {
    if (!by.orgUnitIds.length) return [];
    q = q.where('org_unit_id', 'in', by.orgUnitIds);
  } else if (by.dataPath && by.dataValues) {
    if (!by.dataValues.length) return [];
    q = q.where(sql<string>`data #>> ${by.dataPath}::text[]`, 'in', by.dataValues);
  } else {
    return [];
  }
  return (await q.forUpdate().execute()).map(toRecord);
}

/**
 * Records of a form in any period whose natural key (the subject, or the text at a data path) is one of `values`,
 * inside the given org paths: what an import's reference cells name by key (a credit code). Latest period first.
 */
export async function recordsByKey(
  ex: Executor,
  s: { pluginId: string; formId: string; scopePaths: readonly string[]; alsoAt?: readonly string[]; alsoWithin?: readonly string[] },
  by: { subject: true } | { dataPath: string[] },
  values: readonly string[],
): Promise<RecordRow[]> {
  if (!values.length || !s.scopePaths.length) return [];
  // `alsoAt`: exact unit paths above the user's, for a reference that reaches up; `alsoWithin`: whole subtrees, for
  // one that reaches over the plugin's regions (records/ref-reach.ts).
  const within = pathWithin('org_path', s.scopePaths);
  const above = s.alsoAt ?? [];
  const region = s.alsoWithin ?? [];
  let q = ex
    .selectFrom('records')
    .selectAll()
    .where('plugin_id', '=', s.pluginId)
    .where('form_id', '=', s.formId)
    .where((eb) =>
      eb.or([
        within,
        ...(above.length ? [eb('org_path', 'in', [...above])] : []),
        ...(region.length ? [pathWithin('org_path', region)] : []),
      ]),
    );
  q = 'subject' in by ? q.where('subject', 'in', [...values]) : q.where(sql<string>`data #>> ${by.dataPath}::text[]`, 'in', [...values]);
  return (await q.orderBy('period', 'desc').orderBy('id').execute()).map(toRecord);
}

export async function insertRecordsBulk(ex: Executor, rows: NewRecord[]): Promise<void> {
  // A multi-row VALUES with one parameter per column (17 × 500 rows, far below the 65,535 limit): PostgreSQL
  // parses each jsonb value once, where one big jsonb batch would be parsed and then cut up again.
  for (let i = 0; i < rows.length; i += 1000) {
    await ex
      .insertInto('records')
      .values(rows.slice(i, i + 1000).map(recordColumns))
      .execute();
  }
}

export interface BulkUpdate {
  id: string;
  expectedRevision: number;
  data: Record<string, unknown>;
  results: Record<string, unknown>;
  subject: string | null;
  subjectTitle: string | null;
  uniqueKey: string | null;
}

/** Applies each update only if the record is still at its expected revision; returns how many were applied. */
export async function updateRecordsBulk(ex: Executor, rows: BulkUpdate[]): Promise<number> {
  if (!rows.length) return 0;
  const payload = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      revision: r.expectedRevision,
      data: r.data,
      results: compactResults(r.results),
      subject: r.subject,
      subject_title: r.subjectTitle,
      unique_key: r.uniqueKey,
    })),
  );
  const res = await sql`
    update records r set data = x.data, results = x.results, subject = x.subject, subject_title = x.subject_title,
      unique_key = x.unique_key, revision = r.revision + 1, updated_at = now()
    from jsonb_to_recordset(${payload}::jsonb) as x(id text, revision int, data jsonb, results jsonb, subject text, subject_title text, unique_key text)
    where r.id = x.id and r.revision = x.revision`.execute(ex);
  return Number(res.numAffectedRows ?? 0);
}

export async function appendAuditsBulk(ex: Executor, events: AuditEvent[]): Promise<void> {
  if (!events.length) return;
  const payload = JSON.stringify(
    events.map((e) => ({
      record_id: e.recordId,
      actor_id: e.actorId,
      action: e.action,
      to_state: e.toState ?? null,
      revision: e.revision,
      plugin_version: e.pluginVersion,
      changes: e.changes,
      comment: e.comment ?? null,
    })),
  );
  await sql`
    insert into audit_events (record_id, actor_id, action, to_state, revision, plugin_version, changes, comment)
    select record_id, actor_id, action, to_state, revision, plugin_version, changes, comment
    from jsonb_to_recordset(${payload}::jsonb) as x(record_id text, actor_id text, action text, to_state text, revision int,
      plugin_version text, changes jsonb, comment text)`.execute(ex);
}
