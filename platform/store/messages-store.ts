// Message rows (migrations/202612030030_messages.ts): the SQL of platform/messages and nothing else.
import { sql } from 'kysely';
import type { Executor } from './schema';

export interface NewMessage {
  userId: string;
  recordId: string;
  kind: 'returned' | 'reached';
  transition: string;
  fromState: string;
  toState: string;
  comment: string | null;
  actorId: string;
  createdAt: Date;
}

export interface MessageRow extends NewMessage {
  id: string;
  readAt: Date | null;
  actorName: string | null;
  /** The record as it is now (it may have moved on since). */
  pluginId: string;
  pluginVersion: string;
  formId: string;
  orgPath: string;
  subject: string | null;
  subjectTitle: string | null;
}

export async function insertMessage(ex: Executor, m: NewMessage): Promise<void> {
  await sql`insert into messages (user_id, record_id, kind, transition, from_state, to_state, comment, actor_id, created_at)
    values (${m.userId}, ${m.recordId}, ${m.kind}, ${m.transition}, ${m.fromState}, ${m.toState}, ${m.comment}, ${m.actorId}, ${m.createdAt})`.execute(
    ex,
  );
}

/** A page of a user's messages, newest first, with the total and the unread count. */
export async function listMessages(
  ex: Executor,
  userId: string,
  page: { limit: number; offset: number; unreadOnly: boolean },
): Promise<{ rows: MessageRow[]; total: number; unread: number }> {
  const only = page.unreadOnly ? sql`and m.read_at is null` : sql``;
  const res = await sql<any>`select m.id::text as id, m.user_id, m.record_id, m.kind, m.transition, m.from_state, m.to_state,
      m.comment, m.actor_id, m.created_at, m.read_at, u.display_name as actor_name,
      r.plugin_id, r.plugin_version, r.form_id, r.org_path, r.subject, r.subject_title
    from messages m join records r on r.id = m.record_id left join users u on u.id = m.actor_id
    where m.user_id = ${userId} ${only}
    order by m.created_at desc, m.id desc limit ${page.limit} offset ${page.offset}`.execute(ex);
  const counts = await sql<{ total: string; unread: string }>`select count(*) filter (where true ${only}) as total,
      count(*) filter (where read_at is null) as unread from messages m where m.user_id = ${userId}`.execute(ex);
  return {
    rows: res.rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      recordId: r.record_id,
      kind: r.kind,
      transition: r.transition,
      fromState: r.from_state,
      toState: r.to_state,
      comment: r.comment,
      actorId: r.actor_id,
      actorName: r.actor_name,
      createdAt: new Date(r.created_at),
      readAt: r.read_at ? new Date(r.read_at) : null,
      pluginId: r.plugin_id,
      pluginVersion: r.plugin_version,
      formId: r.form_id,
      orgPath: r.org_path,
      subject: r.subject,
      subjectTitle: r.subject_title,
    })),
    total: Number(counts.rows[0].total),
    unread: Number(counts.rows[0].unread),
  };
}

export async function unreadCount(ex: Executor, userId: string): Promise<number> {
  const res = await sql<{ n: string }>`select count(*) as n from messages where user_id = ${userId} and read_at is null`.execute(ex);
  return Number(res.rows[0].n);
}

/** Marks the user's messages read (these ids, or all when ids is null); only the user's own, only unread ones. */
export async function markRead(ex: Executor, userId: string, ids: readonly string[] | null, at: Date): Promise<number> {
  const which = ids === null ? sql`` : sql`and id = any(${ids.map(Number)}::bigint[])`;
  const res = await sql`update messages set read_at = ${at} where user_id = ${userId} and read_at is null ${which}`.execute(ex);
  return Number(res.numAffectedRows ?? 0);
}
