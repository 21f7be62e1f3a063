// The admin audit log (append-only, one hash chain) and the verification of both audit chains. The chains are
// kept by triggers (migrations/202611300001_accounts_audit.ts); this file only appends, reads and re-computes.
import { sql } from 'kysely';
import type { Executor } from './schema';

export interface AdminAuditInsert {
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  address: string | null;
  orgPaths: string[];
}

export async function insertAdminAudit(ex: Executor, e: AdminAuditInsert): Promise<void> {
  await ex
    .insertInto('admin_audit')
    .values({
      actor_id: e.actorId,
      actor_name: e.actorName,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      details: JSON.stringify(e.details),
      address: e.address,
      org_paths: e.orgPaths,
    })
    .execute();
}

export interface AdminAuditFilter {
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
  /** Events concerning these org paths or below; `null` = every event (an admin of a top unit). Events with no
   *  org path (installation-wide: plugins, parameters of no unit) are shown only when null. */
  scopePaths: string[] | null;
}

export interface AdminAuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  address: string | null;
  orgPaths: string[];
  hash: string;
}

export async function listAdminAudit(ex: Executor, f: AdminAuditFilter): Promise<{ total: number; events: AdminAuditRow[] }> {
  let q = ex.selectFrom('admin_audit as a');
  if (f.actor) q = q.where((eb) => eb.or([eb('a.actor_id', '=', f.actor!), eb('a.actor_name', '=', f.actor!)]));
  if (f.action) q = f.action.endsWith('.') ? q.where(sql<boolean>`starts_with(a.action, ${f.action})`) : q.where('a.action', '=', f.action);
  if (f.from) q = q.where('a.at', '>=', f.from);
  if (f.to) q = q.where('a.at', '<', f.to);
  if (f.scopePaths) {
    // starts_with, not LIKE: a unit id with _ or % must not widen the match.
    q = q.where(sql<boolean>`exists (select 1 from unnest(a.org_paths) p, unnest(${f.scopePaths}::text[]) s where starts_with(p, s))`);
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll('a').orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute();
  return {
    total,
    events: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      details: r.details,
      address: r.address,
      orgPaths: r.org_paths,
      hash: r.hash,
    })),
  };
}

export interface BrokenLink {
  table: 'admin_audit' | 'audit_events';
  id: number;
  recordId?: string;
  field: 'id' | 'prev_hash' | 'hash';
  expected: string;
  found: string;
}

/** Re-computes every row's hash and link; the first broken link by id, or null and the number of rows. */
export async function verifyAuditChains(
  ex: Executor,
): Promise<{ rows: { admin_audit: number; audit_events: number }; broken: BrokenLink | null }> {
  const admin = await sql<{
    id: string;
    prev_id: string | null;
    prev_hash: string;
    hash: string;
    computed: string;
    expected_prev: string | null;
    n: string;
  }>`
    select * from (
      select a.id, lag(a.id) over w as prev_id, a.prev_hash, a.hash, admin_audit_hash(a) as computed,
        lag(a.hash) over w as expected_prev, count(*) over () as n
      from admin_audit a window w as (order by a.id)
    ) x
    where x.id <> coalesce(x.prev_id, 0) + 1 or x.prev_hash <> coalesce(x.expected_prev, '') or x.hash <> x.computed
    order by x.id limit 1`.execute(ex);
  const events = await sql<{
    id: string;
    record_id: string;
    prev_hash: string;
    hash: string;
    computed: string;
    expected_prev: string | null;
  }>`
    select * from (
      select e.id, e.record_id, e.prev_hash, e.hash, audit_events_hash(e) as computed,
        lag(e.hash) over (partition by e.record_id order by e.id) as expected_prev
      from audit_events e
    ) x
    where x.prev_hash <> coalesce(x.expected_prev, '') or x.hash <> x.computed
    order by x.id limit 1`.execute(ex);
  const counts = await sql<{
    a: string;
    e: string;
  }>`select (select count(*) from admin_audit) as a, (select count(*) from audit_events) as e`.execute(ex);
  const rows = { admin_audit: Number(counts.rows[0]!.a), audit_events: Number(counts.rows[0]!.e) };
  const a = admin.rows[0];
  if (a) {
    const id = Number(a.id);
    const expectedId = Number(a.prev_id ?? 0) + 1;
    if (id !== expectedId)
      return { rows, broken: { table: 'admin_audit', id, field: 'id', expected: String(expectedId), found: String(id) } };
    if (a.prev_hash !== (a.expected_prev ?? ''))
      return { rows, broken: { table: 'admin_audit', id, field: 'prev_hash', expected: a.expected_prev ?? '', found: a.prev_hash } };
    return { rows, broken: { table: 'admin_audit', id, field: 'hash', expected: a.computed, found: a.hash } };
  }
  const e = events.rows[0];
  if (e) {
    const base = { table: 'audit_events' as const, id: Number(e.id), recordId: e.record_id };
    if (e.prev_hash !== (e.expected_prev ?? ''))
      return { rows, broken: { ...base, field: 'prev_hash', expected: e.expected_prev ?? '', found: e.prev_hash } };
    return { rows, broken: { ...base, field: 'hash', expected: e.computed, found: e.hash } };
  }
  return { rows, broken: null };
}
