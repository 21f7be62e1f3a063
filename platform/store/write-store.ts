// The reads and writes of the one record write path (platform/records/plan-write.ts), each ONE statement: the
// facts a write is planned on (unit, the record, parameters, referenced records, marks, unique-key holders,
// attachments) as one row of json columns, and a record written together with its audit event (and the links of
// its attachments) through data-modifying CTEs. A create or an edit through the API is then two statements, facts
// and write, with no BEGIN/COMMIT: the write re-checks, under its own locks, what the facts would otherwise have
// held locked (for an edit also the record's revision).
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './schema';
import type { Mark } from '../evaluation/types';
import { compactResults } from '../evaluation/compact-results';
import type { OrgUnit } from './orgs-store';
import type { AttachmentMeta } from './attachments-store';
import { earlierFromJson, earlierSql, type EarlierAsk } from './earlier-store';
import type { EarlierRecord } from '../evaluation/types';
import { summariesSql, type FollowUpSummary } from './follow-ups-store';
import { toRecord, type AuditEvent, type NewRecord, type RecordChange, type RecordRow } from './records-store';

export interface FactsQuery {
  /** The record of this id (the holder of a create's id, or the record an update edits), locked when `lockRecord`. */
  recordId?: string;
  lockRecord?: boolean;
  /** Also the unit of that record. */
  unitOfRecord?: boolean;
  /** Audit events of that record after this revision: how many, and how many of them recomputes. */
  eventsAfterRevision?: number;
  unitIds?: string[];
  /** The plugin's stored parameters, share-locked until the transaction ends (see effective-parameters.ts). */
  paramsOf?: string;
  refIds?: string[];
  /** Marks of these subjects of `marksPlugin`. */
  marksPlugin?: string;
  subjects?: string[];
  /** Holders of these unique keys in one form. */
  uniqueIn?: { pluginId: string; formId: string; keys: string[] };
  /** Attachments' metadata, locked for linking. */
  attachmentIds?: string[];
  /** Org paths of the units with these codes: a plugin's regions (GB/T 2260 codes) in this server's tree. */
  regionCodes?: string[];
  /** Follow-up summaries of these records, overdue counted on `today`. */
  followUpsOf?: { recordIds: string[]; today: string };
  /** Earlier records of a plugin's forms (earlier-store.ts), all asks in one column. */
  earlierOf?: { pluginId: string; asks: EarlierAsk[] };
  /** The record this user created with this client id (an offline draft sent before), if any. */
  clientIdOf?: { createdBy: string; clientId: string };
  /** Lock nothing (parameters, attachments): the write re-checks them in its own statement (insertRecordWithAudit,
   * updateRecordIfHeld). */
  unlocked?: boolean;
}

export interface LoadedFacts {
  record?: RecordRow;
  units: OrgUnit[];
  eventsAfter?: { all: number; recomputes: number };
  params?: { values: Record<string, unknown>; revision: number };
  refs: Map<string, RecordRow>;
  marks: Map<string, Mark[]>;
  uniqueHolders: Map<string, string>;
  attachments: Map<string, AttachmentMeta>;
  regionPaths: string[];
  followUps: Map<string, FollowUpSummary>;
  earlier: Map<string, EarlierRecord[]>;
  clientHolder?: RecordRow;
}

/** A records row as to_jsonb gives it: timestamps come as text. */
const fromJson = (j: any): RecordRow =>
  toRecord({
    ...j,
    created_at: new Date(j.created_at),
    updated_at: new Date(j.updated_at),
    submitted_at: j.submitted_at ? new Date(j.submitted_at) : null,
  });

const list = (parts: RawBuilder<unknown>[]) => sql.join(parts, sql`, `);

/** Everything a write is planned on, in one statement; parts not asked for are not queried. */
export async function loadFacts(ex: Executor, q: FactsQuery): Promise<LoadedFacts> {
  const cols: RawBuilder<unknown>[] = [];
  if (q.recordId !== undefined) {
    const lock = q.lockRecord ? sql`for update` : sql``;
    cols.push(sql`(select to_jsonb(r) from (select * from records where id = ${q.recordId} ${lock}) r) as record`);
    if (q.unitOfRecord)
      cols.push(
        sql`(select jsonb_agg(to_jsonb(u)) from org_units u where u.id = (select org_unit_id from records where id = ${q.recordId})) as record_units`,
      );
    if (q.eventsAfterRevision !== undefined) {
      cols.push(sql`(select jsonb_build_object('all', count(*), 'recomputes', count(*) filter (where action = 'recompute'))
        from audit_events where record_id = ${q.recordId} and revision > ${q.eventsAfterRevision}) as events_after`);
    }
  }
  if (q.unitIds?.length) cols.push(sql`(select jsonb_agg(to_jsonb(u)) from org_units u where u.id = any(${q.unitIds}::text[])) as units`);
  if (q.paramsOf !== undefined) {
    cols.push(
      sql`(select to_jsonb(p) from (select values, revision from plugin_parameters where plugin_id = ${q.paramsOf} ${q.unlocked ? sql`` : sql`for share`}) p) as params`,
    );
  }
  if (q.refIds?.length) cols.push(sql`(select jsonb_agg(to_jsonb(r)) from records r where r.id = any(${q.refIds}::text[])) as refs`);
  if (q.marksPlugin !== undefined && q.subjects?.length) {
    cols.push(sql`(select jsonb_agg(jsonb_build_object('subject', subject, 'kind', kind, 'from', from_date, 'until', until_date, 'reason', reason, 'recordId', record_id) order by id)
      from marks where plugin_id = ${q.marksPlugin} and subject = any(${q.subjects}::text[])) as marks`);
  }
  if (q.uniqueIn?.keys.length) {
    cols.push(sql`(select jsonb_agg(jsonb_build_array(unique_key, id)) from records
      where plugin_id = ${q.uniqueIn.pluginId} and form_id = ${q.uniqueIn.formId} and unique_key = any(${q.uniqueIn.keys}::text[])) as holders`);
  }
  if (q.attachmentIds?.length) {
    cols.push(sql`(select jsonb_agg(to_jsonb(a)) from (select id, plugin_id, form_id, field, file_name, media_type, size, sha256, uploaded_by, org_path, record_id, created_at
      from attachments where id = any(${q.attachmentIds}::text[]) ${q.unlocked ? sql`` : sql`for update`}) a) as attachments`);
  }
  if (q.clientIdOf) {
    cols.push(sql`(select to_jsonb(r) from records r
      where r.created_by = ${q.clientIdOf.createdBy} and r.client_id = ${q.clientIdOf.clientId}) as client_holder`);
  }
  if (q.regionCodes?.length)
    cols.push(sql`(select jsonb_agg(path) from org_units where code = any(${q.regionCodes}::text[])) as region_paths`);
  if (q.followUpsOf?.recordIds.length) cols.push(sql`${summariesSql(q.followUpsOf.recordIds, q.followUpsOf.today)} as follow_ups`);
  if (q.earlierOf?.asks.length) cols.push(sql`${earlierSql(q.earlierOf.pluginId, q.earlierOf.asks)} as earlier`);
  const row: any = cols.length ? (await sql`select ${list(cols)}`.execute(ex)).rows[0] : {};
  const toUnit = (u: any): OrgUnit => ({ id: u.id, parentId: u.parent_id, code: u.code, name: u.name, level: u.level, path: u.path });
  const marks = new Map<string, Mark[]>();
  for (const m of row.marks ?? []) {
    const l = marks.get(m.subject) ?? [];
    l.push({ kind: m.kind, from: m.from, until: m.until, reason: m.reason, recordId: m.recordId ?? undefined });
    marks.set(m.subject, l);
  }
  return {
    record: row.record ? fromJson(row.record) : undefined,
    clientHolder: row.client_holder ? fromJson(row.client_holder) : undefined,
    units: [...(row.record_units ?? []), ...(row.units ?? [])].map(toUnit),
    eventsAfter: row.events_after ? { all: Number(row.events_after.all), recomputes: Number(row.events_after.recomputes) } : undefined,
    params: row.params ?? undefined,
    refs: new Map((row.refs ?? []).map((r: any) => [r.id, fromJson(r)])),
    marks,
    uniqueHolders: new Map(row.holders ?? []),
    regionPaths: row.region_paths ?? [],
    earlier: earlierFromJson(row.earlier),
    followUps: new Map(Object.entries<any>(row.follow_ups ?? {}).map(([id, s]) => [id, s as FollowUpSummary])),
    attachments: new Map(
      (row.attachments ?? []).map((a: any) => [
        a.id,
        {
          id: a.id,
          pluginId: a.plugin_id,
          formId: a.form_id,
          field: a.field,
          fileName: a.file_name,
          mediaType: a.media_type,
          size: Number(a.size),
          sha256: a.sha256,
          uploadedBy: a.uploaded_by,
          orgPath: a.org_path,
          recordId: a.record_id,
          createdAt: new Date(a.created_at),
        } satisfies AttachmentMeta,
      ]),
    ),
  };
}

/** The audit event of a write, taking the written row's id and revision from `source` (a CTE of one row). */
const auditFrom = (source: string, e: Omit<AuditEvent, 'recordId' | 'revision'>) => sql`
  insert into audit_events (record_id, at, actor_id, action, transition, from_state, to_state, revision, plugin_version, changes, comment)
  select w.id, coalesce(${e.at?.toISOString() ?? null}::timestamptz, now()), ${e.actorId}::text, ${e.action}::text, ${e.transition ?? null}::text, ${e.fromState ?? null}::text, ${e.toState ?? null}::text,
    w.revision, ${e.pluginVersion}::text, ${JSON.stringify(e.changes)}::jsonb, ${e.comment ?? null}::text
  from ${sql.table(source)} w`;

/** Links still unlinked attachments to the row written in `source`, which they then follow in scope. */
const linkFrom = (source: string, ids: readonly string[]) => sql`
  update attachments a set record_id = w.id, org_path = w.org_path from ${sql.table(source)} w
  where a.id = any(${[...ids]}::text[]) and a.record_id is null`;

export type WriteAudit = Omit<AuditEvent, 'recordId' | 'revision'>;

/** What a create's results were computed from: the plugin's parameters at this revision (null: no stored row). */
export interface CreateGuard {
  paramsOf: string;
  paramsRevision: number | null;
}

/** Written; or nothing written because the id, client id or unique key is taken, or the facts moved (plan again). */
export type InsertOutcome = { written: RecordRow } | { taken: true } | { moved: true };

/**
 * Inserts the record with its audit event and attachment links in one statement, atomic on its own (no transaction
 * needed), if what it was planned on still holds: the parameters are at the revision read — share-locked until the
 * statement commits, so a parameter change waits for it and its recompute job sees the record — and every attachment
 * to link is still unlinked (locked for the link). Otherwise nothing is written: `moved`. A taken id or unique key
 * writes nothing either (`taken`; the caller reads, in a fresh snapshot, which it was — see insertRecord in
 * records-store.ts for why `on conflict do nothing` without a target).
 */
export async function insertRecordWithAudit(
  ex: Executor,
  r: NewRecord,
  audit: WriteAudit,
  link: readonly string[],
  guard: CreateGuard,
): Promise<InsertOutcome> {
  const attachmentsHeld = link.length
    ? sql`and (select count(*) from (select id from attachments where id = any(${[...link]}::text[]) and record_id is null for update) a) = ${link.length}`
    : sql``;
  // INSERT … SELECT (not VALUES) so the guard can stop it: the parameters then need their types spelled out.
  const res = await sql<any>`
    with g as (
      select (select revision from plugin_parameters where plugin_id = ${guard.paramsOf} for share) is not distinct from ${guard.paramsRevision}::int
        ${attachmentsHeld} as held),
    w as (
      insert into records (id, plugin_id, plugin_version, form_id, period, org_unit_id, org_path, subject, subject_title, unique_key,
        data, results, state, workflow, revision, create_digest, created_by, client_id)
      select ${r.id}::text, ${r.pluginId}::text, ${r.pluginVersion}::text, ${r.formId}::text, ${r.period}::text, ${r.orgUnitId}::text,
        ${r.orgPath}::text, ${r.subject}::text, ${r.subjectTitle}::text, ${r.uniqueKey}::text, ${JSON.stringify(r.data)}::jsonb,
        ${JSON.stringify(compactResults(r.results))}::jsonb, ${r.state}::text, ${JSON.stringify(r.workflow)}::jsonb, ${r.revision}::int,
        ${r.createDigest}::text, ${r.createdBy}::text, ${r.clientId ?? null}::text
      from g where g.held
      on conflict do nothing
      returning *),
    a as (${auditFrom('w', audit)})
    ${link.length ? sql`, l as (${linkFrom('w', link)})` : sql``}
    select g.held as facts_held, w.* from g left join w on true`.execute(ex);
  const { facts_held, ...row } = res.rows[0];
  if (!facts_held) return { moved: true };
  return row.id ? { written: toRecord(row) } : { taken: true };
}

/** The SET list of a change, moving the revision on from `expectedRevision`. */
function setOf(expectedRevision: number, c: RecordChange) {
  const set: RawBuilder<unknown>[] = [sql`revision = ${expectedRevision + 1}`, sql`updated_at = ${new Date()}`];
  if (c.data !== undefined) set.push(sql`data = ${JSON.stringify(c.data)}::jsonb`);
  if (c.results !== undefined) set.push(sql`results = ${JSON.stringify(compactResults(c.results))}::jsonb`);
  if (c.state !== undefined) set.push(sql`state = ${c.state}`);
  if (c.workflow !== undefined) set.push(sql`workflow = ${JSON.stringify(c.workflow)}::jsonb`);
  if (c.subject !== undefined) set.push(sql`subject = ${c.subject}`);
  if (c.subjectTitle !== undefined) set.push(sql`subject_title = ${c.subjectTitle}`);
  if (c.uniqueKey !== undefined) set.push(sql`unique_key = ${c.uniqueKey}`);
  if (c.submittedAt !== undefined) set.push(sql`submitted_at = ${c.submittedAt}`);
  return list(set);
}

/**
 * Applies the change with its audit event (and attachment links) if the record is still at `expectedRevision`;
 * returns the new row, or undefined when the revision moved. A unique-key violation raises (records_unique_key).
 */
export async function updateRecordWithAudit(
  ex: Executor,
  id: string,
  expectedRevision: number,
  c: RecordChange,
  audit: WriteAudit,
  link: readonly string[] = [],
): Promise<RecordRow | undefined> {
  const res = await sql<any>`
    with w as (update records set ${setOf(expectedRevision, c)} where id = ${id} and revision = ${expectedRevision} returning *),
    a as (${auditFrom('w', audit)})
    ${link.length ? sql`, l as (${linkFrom('w', link)})` : sql``}
    select * from w`.execute(ex);
  return res.rows[0] ? toRecord(res.rows[0]) : undefined;
}

/** What an edit was planned on besides the record's revision: the parameters' revision, attachments it keeps. */
export interface EditGuard extends CreateGuard {
  /** Attachments the data names that were already linked to the record: still linked to it. */
  kept: readonly string[];
}

/**
 * An edit's write in one statement that commits on its own, as insertRecordWithAudit: the change, its audit event
 * and attachment links, only if the record is still at `expectedRevision`, the parameters at the revision read
 * (share-locked until the statement commits, so a parameter change and its recompute wait for the edit), every
 * attachment to link still unlinked (locked for the link) and every one kept still the record's. Otherwise nothing
 * is written: `moved`, and the edit is planned again on fresh facts — which tells a stale revision (409) from a
 * recompute that came between. A unique-key violation raises, writing nothing (records_unique_key).
 */
export async function updateRecordIfHeld(
  ex: Executor,
  id: string,
  expectedRevision: number,
  c: RecordChange,
  audit: WriteAudit,
  link: readonly string[],
  guard: EditGuard,
): Promise<{ written: RecordRow } | { moved: true }> {
  const held = (ids: readonly string[], owner: RawBuilder<unknown>, lock: RawBuilder<unknown>) =>
    ids.length
      ? sql`and (select count(*) from (select id from attachments where id = any(${[...ids]}::text[]) and ${owner} ${lock}) a) = ${ids.length}`
      : sql``;
  const res = await sql<any>`
    with g as (
      select (select revision from plugin_parameters where plugin_id = ${guard.paramsOf} for share) is not distinct from ${guard.paramsRevision}::int
        ${held(link, sql`record_id is null`, sql`for update`)} ${held(guard.kept, sql`record_id = ${id}`, sql`for share`)} as held),
    w as (update records set ${setOf(expectedRevision, c)} where id = ${id} and revision = ${expectedRevision} and (select held from g) returning *),
    a as (${auditFrom('w', audit)})
    ${link.length ? sql`, l as (${linkFrom('w', link)})` : sql``}
    select w.* from g left join w on true`.execute(ex);
  const row = res.rows[0];
  return row?.id ? { written: toRecord(row) } : { moved: true };
}
