// The last comment someone other than the author wrote on each of some records (a return's or a decision's reason),
// read from the audit events: the author's page shows it beside the state.
import { sql } from 'kysely';
import type { Executor } from './schema';

export interface LastComment {
  comment: string;
  at: Date;
  actor: string | null;
  transition: string | null;
}

export async function lastReviewerComments(ex: Executor, recordIds: readonly string[]): Promise<Map<string, LastComment>> {
  if (recordIds.length === 0) return new Map();
  const res = await sql<{
    record_id: string;
    comment: string;
    at: Date;
    actor: string | null;
    transition: string | null;
  }>`select distinct on (e.record_id) e.record_id, e.comment, e.at, u.display_name as actor, e.transition
    from audit_events e join records r on r.id = e.record_id left join users u on u.id = e.actor_id
    where e.record_id = any(${recordIds}::text[]) and e.comment is not null and e.comment <> ''
      and e.actor_id is distinct from r.created_by
    order by e.record_id, e.at desc, e.id desc`.execute(ex);
  return new Map(res.rows.map((r) => [r.record_id, { comment: r.comment, at: new Date(r.at), actor: r.actor, transition: r.transition }]));
}
