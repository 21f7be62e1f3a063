// Follow-up rows (migrations/202612020001_follow_ups.ts): the SQL of platform/follow-ups and nothing else. Dates
// travel as YYYY-MM-DD text, so no time zone ever shifts a deadline.
import { sql } from 'kysely';
import type { Executor } from './schema';
import type { FollowUpCount } from '../reports/types';

export type FollowUpStatus = 'open' | 'rectified' | 'confirmed' | 'reopened';

export interface FollowUpRow {
  id: string;
  recordId: string;
  ruleId: string;
  status: FollowUpStatus;
  deadline: string;
  rectifiedOn: string | null;
  note: string | null;
  evidence: string[];
  comment: string | null;
  openedBy: string;
  openedAt: Date;
  rectifiedBy: string | null;
  rectifiedAt: Date | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  reopenedBy: string | null;
  reopenedAt: Date | null;
  revision: number;
}

export interface NewFollowUp {
  id: string;
  recordId: string;
  ruleId: string;
  deadline: string;
  openedBy: string;
  openedAt: Date;
}

/** What a step changes: the status, its who/when, and the fields it fills. */
export interface FollowUpChange {
  status: FollowUpStatus;
  rectifiedOn?: string | null;
  note?: string | null;
  evidence?: string[];
  comment?: string | null;
  rectifiedBy?: string;
  rectifiedAt?: Date;
  confirmedBy?: string;
  confirmedAt?: Date;
  reopenedBy?: string;
  reopenedAt?: Date;
}

/** Per record: counts by status, and open or reopened items past their deadline on `today`. */
export interface FollowUpSummary {
  total: number;
  open: number;
  rectified: number;
  confirmed: number;
  reopened: number;
  overdue: number;
}

export const NO_FOLLOW_UPS: FollowUpSummary = Object.freeze({ total: 0, open: 0, rectified: 0, confirmed: 0, reopened: 0, overdue: 0 });

const COLUMNS = sql`id, record_id, rule_id, status, deadline::text as deadline, rectified_on::text as rectified_on, note, evidence,
  comment, opened_by, opened_at, rectified_by, rectified_at, confirmed_by, confirmed_at, reopened_by, reopened_at, revision`;

const toRow = (r: any): FollowUpRow => ({
  id: r.id,
  recordId: r.record_id,
  ruleId: r.rule_id,
  status: r.status,
  deadline: r.deadline,
  rectifiedOn: r.rectified_on,
  note: r.note,
  evidence: r.evidence ?? [],
  comment: r.comment,
  openedBy: r.opened_by,
  openedAt: new Date(r.opened_at),
  rectifiedBy: r.rectified_by,
  rectifiedAt: r.rectified_at ? new Date(r.rectified_at) : null,
  confirmedBy: r.confirmed_by,
  confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
  reopenedBy: r.reopened_by,
  reopenedAt: r.reopened_at ? new Date(r.reopened_at) : null,
  revision: Number(r.revision),
});

export async function listFollowUps(ex: Executor, recordId: string): Promise<FollowUpRow[]> {
  const res = await sql<any>`select ${COLUMNS} from follow_ups where record_id = ${recordId} order by opened_at, rule_id, id`.execute(ex);
  return res.rows.map(toRow);
}

/** One item of one record, locked for a step. */
export async function lockFollowUp(ex: Executor, recordId: string, id: string): Promise<FollowUpRow | undefined> {
  const res = await sql<any>`select ${COLUMNS} from follow_ups where id = ${id} and record_id = ${recordId} for update`.execute(ex);
  return res.rows[0] ? toRow(res.rows[0]) : undefined;
}

/** Rule ids of the record's items not yet confirmed: entering the state again makes none for these. */
export async function unclosedRuleIds(ex: Executor, recordId: string): Promise<string[]> {
  const res = await sql<{
    rule_id: string;
  }>`select rule_id from follow_ups where record_id = ${recordId} and status <> 'confirmed'`.execute(ex);
  return res.rows.map((r) => r.rule_id);
}

export async function insertFollowUps(ex: Executor, items: readonly NewFollowUp[]): Promise<void> {
  if (!items.length) return;
  const values = items.map((i) => sql`(${i.id}, ${i.recordId}, ${i.ruleId}, 'open', ${i.deadline}::date, ${i.openedBy}, ${i.openedAt})`);
  await sql`insert into follow_ups (id, record_id, rule_id, status, deadline, opened_by, opened_at)
    values ${sql.join(values)}`.execute(ex);
}

/**
 * Applies a step if the item is still at `expectedRevision` (else undefined), linking still unlinked evidence
 * attachments to the item's record in the same statement, so they follow the record in scope.
 */
export async function updateFollowUp(
  ex: Executor,
  id: string,
  expectedRevision: number,
  c: FollowUpChange,
  link: { recordId: string; orgPath: string; ids: readonly string[] } | null,
): Promise<FollowUpRow | undefined> {
  const set = [sql`revision = ${expectedRevision + 1}`, sql`status = ${c.status}`];
  if (c.rectifiedOn !== undefined) set.push(sql`rectified_on = ${c.rectifiedOn}::date`);
  if (c.note !== undefined) set.push(sql`note = ${c.note}`);
  if (c.evidence !== undefined) set.push(sql`evidence = ${JSON.stringify(c.evidence)}::jsonb`);
  if (c.comment !== undefined) set.push(sql`comment = ${c.comment}`);
  for (const [col, v] of [
    ['rectified_by', c.rectifiedBy],
    ['rectified_at', c.rectifiedAt],
    ['confirmed_by', c.confirmedBy],
    ['confirmed_at', c.confirmedAt],
    ['reopened_by', c.reopenedBy],
    ['reopened_at', c.reopenedAt],
  ] as const) {
    if (v !== undefined) set.push(sql`${sql.ref(col)} = ${v}`);
  }
  const linkCte =
    link && link.ids.length
      ? sql`, l as (update attachments a set record_id = ${link.recordId}, org_path = ${link.orgPath}
          from w where a.id = any(${[...link.ids]}::text[]) and a.record_id is null)`
      : sql``;
  const res = await sql<any>`
    with w as (update follow_ups set ${sql.join(set)} where id = ${id} and revision = ${expectedRevision} returning *)
    ${linkCte}
    select ${COLUMNS} from w`.execute(ex);
  return res.rows[0] ? toRow(res.rows[0]) : undefined;
}

const STATUS_FILTER: Record<Exclude<FollowUpCount, 'total' | 'overdue'>, FollowUpStatus> = {
  open: 'open',
  rectified: 'rectified',
  confirmed: 'confirmed',
  reopened: 'reopened',
};

/** A report's follow-up count of the record `r` (reports-store.ts), overdue on `today`. */
export function followUpCountSql(count: FollowUpCount, today: string) {
  const where =
    count === 'total'
      ? sql``
      : count === 'overdue'
        ? sql` and f.status in ('open', 'reopened') and f.deadline < ${today}::date`
        : sql` and f.status = ${STATUS_FILTER[count]}`;
  return sql`(select count(*) from follow_ups f where f.record_id = r.id${where})::numeric`;
}

/** The SQL of a follow-up summary per record, for the facts a write is planned on (write-store.ts). */
export const summariesSql = (recordIds: readonly string[], today: string) => sql`
  (select jsonb_object_agg(record_id, s) from (
    select record_id, jsonb_build_object(
      'total', count(*),
      'open', count(*) filter (where status = 'open'),
      'rectified', count(*) filter (where status = 'rectified'),
      'confirmed', count(*) filter (where status = 'confirmed'),
      'reopened', count(*) filter (where status = 'reopened'),
      'overdue', count(*) filter (where status in ('open', 'reopened') and deadline < ${today}::date)) as s
    from follow_ups where record_id = any(${[...recordIds]}::text[]) group by record_id) x)`;
